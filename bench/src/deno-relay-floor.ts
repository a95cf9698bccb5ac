// The floor under the Deno host's QUIC latency: a bare relay on Deno, with no Felix code, passing
// 64 B stamped messages from a publisher process to a subscriber process at 5,000 msg/s, once over
// quinn (Deno.QuicEndpoint / Deno.connectQuic) and once over plain TCP (Deno.listen / Deno.connect),
// in the same run. Felix's pub→sub over Deno QUIC crosses the same two hops, so it cannot beat the
// QUIC relay; the QUIC relay divided by the TCP relay is what quinn costs over TCP on this machine.
//
//   npm run build && node bench/dist/deno-relay-floor.js [--seconds 2] [--rounds 3]
//
// Under Node it orchestrates; every relay, publisher and subscriber is this file under Deno in a
// role of its own (--role relay|send|receive), each printing what the orchestrator needs as a line.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DENO_RUN_FLAGS, denoExecutable } from '@felix/testkit';
import { createSelfSigned } from '@felix/transport';
import { denoQuic } from '@felix/transport/deno-quic';
import { sendPaced, stampedPayload, usSinceStamp } from './shared/paced.js';
import { type LatencySummary, summarize } from './shared/stats.js';

const RATE = 5000;
const BYTES = 64;
const ALPN = ['felix-floor'];
/** Longest a relay, publisher or subscriber process may live, whatever happens. */
const ROLE_LIMIT_MS = 120_000;
type Carrier = 'quic' | 'tcp';

/** What the relay and its clients read from and write to, whichever the carrier. */
interface Pipe {
  read(): Promise<Uint8Array | undefined>;
  write(bytes: Uint8Array): void;
}

/** The part of Deno's TCP API used here, typed locally as the Node build has no Deno lib. */
interface DenoTcpConn {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  setNoDelay(on: boolean): void;
}
interface DenoTcp {
  listen(o: { hostname: string; port: number }): AsyncIterable<DenoTcpConn> & { addr: { port: number } };
  connect(o: { hostname: string; port: number }): Promise<DenoTcpConn>;
}
const denoTcp = () => (globalThis as unknown as { Deno: DenoTcp }).Deno;

function pipeOf(readable: ReadableStream<Uint8Array>, writable: WritableStream<Uint8Array> | undefined): Pipe {
  const reader = readable.getReader();
  const writer = writable?.getWriter();
  return {
    read: () => reader.read().then((r) => (r.done ? undefined : r.value)),
    write: (bytes) => void writer?.write(bytes).catch(() => {}),
  };
}

/**
 * Accepts the subscriber, then the publisher, and copies the publisher's bytes to the subscriber
 * as they arrive. QUIC: the relay opens the subscriber's unidirectional stream, as the broker
 * opens an event stream; TCP: the connection itself.
 */
async function relay(carrier: Carrier, certDir: string): Promise<void> {
  if (carrier === 'tcp') {
    const listener = denoTcp().listen({ hostname: '127.0.0.1', port: 0 });
    console.log(listener.addr.port);
    const accepted = listener[Symbol.asyncIterator]();
    const subscriber = (await accepted.next()).value as DenoTcpConn;
    subscriber.setNoDelay(true);
    const out = pipeOf(subscriber.readable, subscriber.writable);
    out.write(new Uint8Array([0x4b]));
    const publisher = (await accepted.next()).value as DenoTcpConn;
    publisher.setNoDelay(true);
    await copy(pipeOf(publisher.readable, undefined), out);
    return;
  }
  const endpoint = new (denoQuic().QuicEndpoint)({ hostname: '127.0.0.1', port: 0 });
  const cert = readFileSync(join(certDir, 'cert.pem'), 'utf8');
  const key = readFileSync(join(certDir, 'key.pem'), 'utf8');
  const listener = endpoint.listen({ alpnProtocols: ALPN, cert, key });
  console.log(endpoint.addr.port);
  const subscriber = await (await listener.incoming()).accept({ alpnProtocols: ALPN });
  const events = await subscriber.createUnidirectionalStream();
  const writer = events.getWriter();
  const out: Pipe = { read: async () => undefined, write: (b) => void writer.write(b).catch(() => {}) };
  out.write(new Uint8Array([0x4b]));
  const publisher = await (await listener.incoming()).accept({ alpnProtocols: ALPN });
  const stream = (await publisher.incomingBidirectionalStreams.getReader().read()).value;
  if (!stream) throw new Error('the publisher opened no stream');
  await copy(pipeOf(stream.readable, undefined), out);
}

async function copy(from: Pipe, to: Pipe): Promise<void> {
  for (;;) {
    const chunk = await from.read().catch(() => undefined);
    if (!chunk) return;
    to.write(chunk);
  }
}

async function dial(carrier: Carrier, port: number, certDir: string, subscriber: boolean): Promise<Pipe> {
  if (carrier === 'tcp') {
    const conn = await denoTcp().connect({ hostname: '127.0.0.1', port });
    conn.setNoDelay(true);
    return pipeOf(conn.readable, conn.writable);
  }
  const ca = readFileSync(join(certDir, 'cert.pem'), 'utf8');
  const conn = await denoQuic().connectQuic({
    hostname: '127.0.0.1',
    port,
    serverName: 'localhost',
    alpnProtocols: ALPN,
    caCerts: [ca],
  });
  if (subscriber) {
    const events = (await conn.incomingUnidirectionalStreams.getReader().read()).value;
    if (!events) throw new Error('the relay opened no stream');
    return pipeOf(events, undefined);
  }
  const stream = await conn.createBidirectionalStream();
  return pipeOf(stream.readable, stream.writable);
}

/** Reads `total` stamped messages and prints the latency of those after `warmup` as JSON. */
async function receive(pipe: Pipe, total: number, warmup: number): Promise<void> {
  await pipe.read(); // the relay's go-ahead
  console.log('ready');
  const samples = new Float64Array(total);
  let received = 0;
  let carry = new Uint8Array(0);
  while (received < total) {
    const chunk = await pipe.read();
    if (!chunk) break;
    let bytes = chunk;
    if (carry.length > 0) {
      bytes = new Uint8Array(carry.length + chunk.length);
      bytes.set(carry);
      bytes.set(chunk, carry.length);
    }
    let at = 0;
    for (; at + BYTES <= bytes.length && received < total; at += BYTES)
      samples[received++] = usSinceStamp(bytes.subarray(at, at + BYTES));
    carry = bytes.slice(at);
  }
  console.log(JSON.stringify(summarize(samples.subarray(warmup, received))));
}

async function role(values: Record<string, string | undefined>): Promise<void> {
  // A role never outlives its orchestrator (its stdin ends with it) nor a bounded run.
  process.stdin.on('end', () => process.exit(1)).resume();
  setTimeout(() => process.exit(2), ROLE_LIMIT_MS);
  const carrier = values.carrier as Carrier;
  const certDir = values.certs ?? '';
  const port = Number(values.port);
  const total = Number(values.count);
  if (values.role === 'relay') await relay(carrier, certDir);
  else if (values.role === 'receive')
    await receive(await dial(carrier, port, certDir, true), total, Number(values.warmup));
  else {
    const pipe = await dial(carrier, port, certDir, false);
    await sendPaced(total, RATE, () => pipe.write(stampedPayload(BYTES)));
    // Long enough for the last messages to cross before the process (and its connection) goes.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.exit(0);
}

/** Starts this file under Deno in `args`' role; resolves with its first stdout line. */
function startRole(args: string[]): { child: ChildProcess; lines: AsyncIterator<string> } {
  const child = spawn(denoExecutable(), [...DENO_RUN_FLAGS, import.meta.filename, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return { child, lines };
}

async function nextLine(lines: AsyncIterator<string>, what: string): Promise<string> {
  const next = await lines.next();
  if (next.done) throw new Error(`${what} ended without a word`);
  return next.value;
}

async function measure(carrier: Carrier, certDir: string, seconds: number): Promise<LatencySummary> {
  const warmup = RATE;
  const total = warmup + Math.round(RATE * seconds);
  const common = ['--carrier', carrier, '--certs', certDir];
  const relayProcess = startRole(['--role', 'relay', ...common]);
  const children = [relayProcess.child];
  try {
    const port = await nextLine(relayProcess.lines, 'the relay');
    const counts = ['--port', port, '--count', String(total)];
    const receiver = startRole(['--role', 'receive', ...common, ...counts, '--warmup', String(warmup)]);
    children.push(receiver.child);
    if ((await nextLine(receiver.lines, 'the subscriber')) !== 'ready') throw new Error('the subscriber did not start');
    children.push(startRole(['--role', 'send', ...common, ...counts]).child);
    return JSON.parse(await nextLine(receiver.lines, 'the subscriber')) as LatencySummary;
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  }
}

async function orchestrate(seconds: number, rounds: number): Promise<void> {
  const certDir = mkdtempSync(join(tmpdir(), 'felix-relay-floor-'));
  try {
    const pair = await createSelfSigned({ hosts: ['localhost', '127.0.0.1'] });
    writeFileSync(join(certDir, 'cert.pem'), pair.cert);
    writeFileSync(join(certDir, 'key.pem'), pair.key);
    const lines = ['| round | carrier | p50 µs | p99 µs | p999 µs |', '| ---: | --- | ---: | ---: | ---: |'];
    const p50s: Record<Carrier, number[]> = { quic: [], tcp: [] };
    for (let round = 1; round <= rounds; round++)
      for (const carrier of ['tcp', 'quic'] as const) {
        const s = await measure(carrier, certDir, seconds);
        p50s[carrier].push(s.p50);
        lines.push(`| ${round} | ${carrier} | ${s.p50.toFixed(0)} | ${s.p99.toFixed(0)} | ${s.p999.toFixed(0)} |`);
      }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(lines.join('\n'));
    const q = median(p50s.quic);
    const t = median(p50s.tcp);
    console.log(`\nmedian p50: quic ${q.toFixed(0)} µs, tcp ${t.toFixed(0)} µs, quic / tcp ${(q / t).toFixed(2)}`);
  } finally {
    rmSync(certDir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    carrier: { type: 'string' },
    certs: { type: 'string' },
    port: { type: 'string' },
    count: { type: 'string' },
    warmup: { type: 'string' },
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
  },
});
if (values.role) await role(values);
else await orchestrate(Number(values.seconds), Number(values.rounds));
