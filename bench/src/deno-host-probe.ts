// A quick probe of the Deno host beside the Node host: pub→sub round trip of 64 B messages
// (p50/p99) and 1 KiB throughput, over TLS from a Node client to either host, over QUIC from a
// Node client to the Node host (quiche), and from a Deno client to the Deno host over QUIC
// (Deno.connectQuic, no ALPN) and over WebTransport on HTTP/3 (Deno's WebTransport client), both
// served by quinn.
//
//   npm run build && node bench/dist/deno-host-probe.js [--messages 3000]
//
// Under Node it starts both brokers and runs the TLS rows itself; the QUIC row runs this same
// file under Deno in client mode (--client), which prints its row as one JSON line.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { parseArgs } from 'node:util';
import {
  decodePayload,
  encodeFrame,
  FEATURES,
  FrameReader,
  KNOWN_FLAGS_MASK,
  type WireMessage,
} from '@felix/generated';
import { type ClientSession, clientSessionOver, connectQuic, connectTls } from '@felix/transport';
import { connectDenoQuic } from '@felix/transport/deno-quic';
import { DEFAULT_PATH, WebTransportConnection } from '@felix/transport/webtransport';

const SCOPE = { tenant_id: 't1', namespace: 'default' } as const;
const STREAM = 'probe';
const ALL_FEATURES = Object.values(FEATURES).reduce((all, bit) => all | bit, 0);
/** Messages a throughput run keeps between publisher and subscriber; more only queue up. */
const WINDOW = 2048;
/** Payloads per publish frame in the throughput run, as the SDK batches one turn's publishes. */
const BATCH = 32;

interface Row {
  row: string;
  p50Us: number;
  p99Us: number;
  throughputPerSec: number;
}

interface Endpoint {
  /**
   * quic: from Deno, through quinn; node-quic: from Node, through quiche (ALPN felix);
   * webtransport: from Deno's WebTransport client, HTTP/3 only.
   */
  carrier: 'tls' | 'quic' | 'node-quic' | 'webtransport';
  port: number;
  fingerprint: string;
  ca: string;
  token: string;
}

async function connect(to: Endpoint): Promise<ClientSession> {
  const options = { host: '127.0.0.1', port: to.port, certSha256: to.fingerprint, ca: to.ca };
  if (to.carrier === 'tls') return connectTls({ ...options, ca: undefined });
  if (to.carrier === 'node-quic') return clientSessionOver(await connectQuic({ ...options, ca: undefined }));
  if (to.carrier === 'webtransport') {
    const value = Uint8Array.from(to.fingerprint.split(':'), (byte) => Number.parseInt(byte, 16));
    const session = new WebTransport(`https://127.0.0.1:${to.port}${DEFAULT_PATH}`, {
      serverCertificateHashes: [{ algorithm: 'sha-256', value }],
    });
    await session.ready;
    const w3c = session as unknown as ConstructorParameters<typeof WebTransportConnection>[0];
    return clientSessionOver(new WebTransportConnection(w3c, `127.0.0.1:${to.port}`, 'h3'));
  }
  return clientSessionOver(await connectDenoQuic({ ...options, certSha256: undefined }));
}

/** Calls `onFrame` for each frame `source` carries, until it ends. */
async function eachFrame(source: AsyncIterable<Uint8Array>, onFrame: (m: WireMessage) => void): Promise<void> {
  const reader = new FrameReader();
  for await (const chunk of source) {
    reader.push(chunk);
    for (let f = reader.next(); f; f = reader.next()) onFrame(decodePayload(f.flags, f.payload));
  }
}

/** An authenticated session and a way to wait for its next control reply. */
async function session(to: Endpoint) {
  const s = await connect(to);
  const replies: WireMessage[] = [];
  let wake: () => void = () => {};
  void eachFrame(s.control.readable, (m) => {
    replies.push(m);
    wake();
  }).catch(() => {});
  const reply = async (): Promise<WireMessage> => {
    while (replies.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return replies.shift()!;
  };
  const send = (m: WireMessage) => s.control.writable.write(encodeFrame(m));
  send({ type: 'auth', ...SCOPE, token: to.token, client_flags: KNOWN_FLAGS_MASK, client_features: ALL_FEATURES });
  const auth = await reply();
  if (auth.type !== 'auth_ok') throw new Error(`auth refused: ${JSON.stringify(auth)}`);
  if (auth.session_token) s.setAttachToken(auth.session_token);
  return { s, send, reply };
}

async function measure(name: string, to: Endpoint, messages: number): Promise<Row> {
  const sub = await session(to);
  const pub = await session(to);
  sub.send({ type: 'subscribe', ...SCOPE, stream: STREAM });
  const subscribed = await sub.reply();
  if (subscribed.type !== 'subscribed') throw new Error(`subscribe refused: ${JSON.stringify(subscribed)}`);
  let delivered = 0;
  let onDelivery: () => void = () => {};
  void eachFrame(await sub.s.eventStream(subscribed.subscription_id), (m) => {
    if (m.type !== 'binary_shared_event_batch' && m.type !== 'binary_event_batch') return;
    delivered += m.payloads.length;
    onDelivery();
  }).catch(() => {});
  const until = (count: number) =>
    new Promise<void>((resolve) => {
      if (delivered >= count) return resolve();
      onDelivery = () => {
        if (delivered >= count) resolve();
      };
    });
  const publish = (payloads: Uint8Array[]) =>
    pub.send({ type: 'binary_publish_batch', ...SCOPE, stream: STREAM, payloads });

  // Round trip: one 64 B message at a time, timed from publish to its delivery.
  const small = new Uint8Array(64);
  const warmup = Math.min(200, messages / 10);
  const samples: number[] = [];
  for (let i = 0; i < messages + warmup; i++) {
    const start = performance.now();
    publish([small]);
    await until(delivered + 1);
    if (i >= warmup) samples.push((performance.now() - start) * 1000);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]);

  // Throughput: 1 KiB messages in batches, at most WINDOW of them published and not yet delivered.
  const big = new Uint8Array(1024);
  const total = messages * 10;
  const base = delivered;
  const started = performance.now();
  for (let sent = 0; sent < total; ) {
    const count = Math.min(BATCH, total - sent);
    const room = publish(Array.from({ length: count }, () => big));
    sent += count;
    if (!room) await pub.s.control.writable.drained();
    if (sent - (delivered - base) > WINDOW) await until(base + sent - WINDOW / 2);
  }
  await until(base + total);
  const seconds = (performance.now() - started) / 1000;
  sub.s.close({ code: 0, reason: 'probe done' });
  pub.s.close({ code: 0, reason: 'probe done' });
  return { row: name, p50Us: at(0.5), p99Us: at(0.99), throughputPerSec: Math.round(total / seconds) };
}

async function runClientMode(values: Record<string, string | boolean | undefined>): Promise<void> {
  const to: Endpoint = {
    carrier: values.client as Endpoint['carrier'],
    port: Number(values.port),
    fingerprint: String(values.fingerprint),
    ca: readFileSync(String(values.ca), 'utf8'),
    token: String(values.token),
  };
  const row = await measure(String(values.row), to, Number(values.messages));
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}

async function runProbe(messages: number): Promise<void> {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { brokerCommand, denoBrokerCommand, DENO_RUN_FLAGS, denoExecutable, startBrokerProcess } = await import(
    '@felix/testkit'
  );
  const dir = mkdtempSync(join(tmpdir(), 'felix-probe-'));
  const config = join(dir, 'felix.json');
  writeFileSync(config, JSON.stringify({ registry: { t1: { default: { streams: { [STREAM]: {} }, caches: [] } } } }));
  const env = { FELIX_CONFIG: config };
  const rows: Row[] = [];
  for (const host of ['node', 'deno'] as const) {
    const broker = await startBrokerProcess(env, 30_000, host === 'deno' ? denoBrokerCommand() : brokerCommand());
    try {
      const endpoint = (carrier: Endpoint['carrier']): Endpoint => ({
        carrier,
        port: broker.ports[carrier === 'node-quic' ? 'quic' : carrier]!,
        fingerprint: broker.fingerprint,
        ca: join(broker.dataDir, 'self-signed-cert.pem'),
        token: broker.token!,
      });
      rows.push(await measure(`${host} host, TLS, Node client`, endpoint('tls'), messages));
      if (host === 'node')
        rows.push(await measure('node host, QUIC (quiche, ALPN felix), Node client', endpoint('node-quic'), messages));
      if (host === 'deno') {
        const script = new URL(import.meta.url).pathname;
        const fromDeno = async (carrier: 'quic' | 'webtransport', row: string): Promise<Row> => {
          const to = endpoint(carrier);
          const args = [...DENO_RUN_FLAGS, script, '--client', carrier, '--port', String(to.port)];
          args.push('--ca', to.ca, '--fingerprint', to.fingerprint, '--token', to.token);
          args.push('--messages', String(messages), '--row', row);
          const out = await new Promise<string>((resolve, reject) => {
            const proc = spawn(denoExecutable(), args, { stdio: ['ignore', 'pipe', 'inherit'] });
            let text = '';
            proc.stdout.on('data', (chunk) => (text += chunk));
            proc.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`deno client exited ${code}`))));
          });
          return JSON.parse(out) as Row;
        };
        rows.push(await fromDeno('quic', 'deno host, QUIC (quinn, no ALPN), Deno client'));
        rows.push(await fromDeno('webtransport', 'deno host, WebTransport HTTP/3 (quinn), Deno client'));
      }
    } finally {
      await broker.stop();
    }
  }
  console.table(rows);
}

const { values } = parseArgs({
  options: {
    client: { type: 'string' },
    port: { type: 'string' },
    ca: { type: 'string' },
    fingerprint: { type: 'string' },
    token: { type: 'string' },
    row: { type: 'string' },
    messages: { type: 'string', default: '3000' },
  },
});
if (values.client !== undefined) await runClientMode(values);
else await runProbe(Number(values.messages));
