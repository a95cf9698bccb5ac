// Run by Deno (`deno run --unstable-net`), not by vitest: a client as upstream's speaks QUIC.
// It connects with no ALPN, authenticates without client flags, publishes, subscribes from the
// earliest record and receives what it published, then prints one JSON line of what it saw.
// Frames go through the generated codec; the connection is Deno.connectQuic (quinn) under the
// Deno carrier. Settings come from the environment the test passes.
import process from 'node:process';
import { encodeFrame, readFrames, type WireMessage } from '@felix/generated';
import type { ByteSource } from '@felix/transport';
import { connectDenoQuic, type DenoQuicConnection } from '@felix/transport/deno-quic';

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

const conn = (await connectDenoQuic({
  host: '127.0.0.1',
  port: Number(env('FELIX_TEST_QUIC_PORT')),
  ca: env('FELIX_TEST_CA'),
})) as DenoQuicConnection;
const control = await conn.openBidi();
const send = (m: WireMessage) => control.writable.write(encodeFrame(m));
const reply = inbox(control.readable);
const eventStreams = conn.incomingUni[Symbol.asyncIterator]();

send({ type: 'auth', tenant_id: 't1', token: env('FELIX_TEST_TOKEN') });
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
conn.close({ code: 0, reason: 'done' });

const plain = (_: string, v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
process.stdout.write(
  `${JSON.stringify({ alpn: conn.protocol ?? null, auth, published, subscribed, hello, delivered }, plain)}\n`,
);
