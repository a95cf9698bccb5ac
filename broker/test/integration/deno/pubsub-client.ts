// Run by Deno (`deno run --unstable-net`), not by vitest: a client as upstream's behaves. It
// authenticates without client flags, publishes, subscribes from the earliest record and
// receives what it published, then prints one JSON line of what it saw. Frames go through the
// generated codec. FELIX_TEST_CARRIER picks the connection: `quic` is Deno.connectQuic (quinn)
// with no ALPN, under the Deno carrier; `webtransport` is Deno's WebTransport client, which
// speaks HTTP/3 only, pinned to the broker's certificate hash. Settings come from the
// environment the test passes.
//
// With FELIX_TEST_DRAIN=1 it authenticates with every client flag instead, prints its line and
// then stays, so the test can stop the broker: it prints a second line with what the drain
// told it (subscription_end on the control stream, how the event stream ended, the close).
import process from 'node:process';
import { encodeFrame, FEATURES, KNOWN_FLAGS_MASK, readFrames, type WireMessage } from '@felix/generated';
import type { ByteSource, MultiplexedConnection } from '@felix/transport';
import { connectDenoQuic, type DenoQuicConnection } from '@felix/transport/deno-quic';
import { DEFAULT_PATH, WebTransportConnection } from '@felix/transport/webtransport';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

/** Reads whole frames off one stream, one at a time. */
function inbox(source: ByteSource): () => Promise<WireMessage> {
  const frames = (async function* () {
    for await (const batch of readFrames(source))
      for (const frame of batch) {
        if (frame.error) throw frame.error;
        yield frame.message;
      }
  })();
  return async () => {
    const next = await frames.next();
    if (next.done) throw new Error('stream ended');
    return next.value;
  };
}

const text = new TextEncoder();
const stream = env('FELIX_TEST_STREAM');
const target = { tenant_id: 't1', namespace: 'default', stream };

async function connect(carrier: string, port: number): Promise<{ conn: MultiplexedConnection; alpn: string | null }> {
  if (carrier === 'quic') {
    const conn = (await connectDenoQuic({ host: '127.0.0.1', port, ca: env('FELIX_TEST_CA') })) as DenoQuicConnection;
    return { conn, alpn: conn.protocol ?? null };
  }
  const hash = Uint8Array.from(env('FELIX_TEST_CERT_SHA256').split(':'), (byte) => Number.parseInt(byte, 16));
  const session = new WebTransport(`https://127.0.0.1:${port}${DEFAULT_PATH}`, {
    serverCertificateHashes: [{ algorithm: 'sha-256', value: hash }],
  });
  await session.ready;
  // The W3C session object, which the carrier takes as it takes the Node library's.
  const w3c = session as unknown as ConstructorParameters<typeof WebTransportConnection>[0];
  return { conn: new WebTransportConnection(w3c, `127.0.0.1:${port}`, 'h3'), alpn: 'h3' };
}

const { conn, alpn } = await connect(env('FELIX_TEST_CARRIER'), Number(env('FELIX_TEST_PORT')));
const control = await conn.openBidi();
const send = (m: WireMessage) => control.writable.write(encodeFrame(m));
const reply = inbox(control.readable);
const eventStreams = conn.incomingUni[Symbol.asyncIterator]();

const drain = process.env.FELIX_TEST_DRAIN === '1';
const flags = { client_flags: KNOWN_FLAGS_MASK, client_features: Object.values(FEATURES).reduce((a, b) => a | b, 0) };
send({ type: 'auth', tenant_id: 't1', token: env('FELIX_TEST_TOKEN'), ...(drain ? flags : {}) });
const auth = await reply();
send({ type: 'publish', ...target, payload: text.encode('first'), request_id: 1, ack: 'per_message' });
const published = await reply();
send({ type: 'subscribe', ...target, start: 'earliest' });
const subscribed = await reply();
const opened = await eventStreams.next();
if (opened.done) throw new Error('no event stream');
const events = inbox(opened.value);
const hello = await events();
send({ type: 'publish', ...target, payload: text.encode('second'), ack: 'none' });
const delivered: string[] = [];
while (delivered.length < 2) {
  const m = await events();
  if (m.type !== 'binary_shared_event_batch') throw new Error(`unexpected ${m.type}`);
  for (const p of m.payloads) delivered.push(new TextDecoder().decode(p));
}
const plain = (_: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
const print = (line: object) => process.stdout.write(`${JSON.stringify(line, plain)}\n`);

if (!drain) {
  conn.close({ code: 0, reason: 'done' });
  print({ alpn, auth, published, subscribed, hello, delivered });
} else {
  print({ delivered });
  const end = await reply();
  let eventStream = 'open';
  try {
    for (;;) await events();
  } catch (err) {
    eventStream = err instanceof Error ? err.message : String(err);
  }
  print({ end, eventStream, closed: await conn.closed });
}
