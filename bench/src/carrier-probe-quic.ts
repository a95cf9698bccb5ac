// QUIC carrier probe: how fast one raw QUIC connection is on this machine, end to end through
// the carrier's ByteSink/ByteSource. A measurement tool, not a test: it prints numbers and
// asserts nothing. The server runs in a child process (so the two ends do not share an event
// loop) unless --inproc is given.
//
//   npx tsx bench/src/carrier-probe-quic.ts [--seconds 3] [--inproc] [--payload 1350] [--json]
//
// Phases, each for --seconds on its own stream of one connection:
//   rtt    sequential 64 B echo round trips: p50 / p99 / p999 and round trips per second
//   1k     1 KiB messages one way, as fast as backpressure allows: msg/s and MB/s
//   64k    64 KiB chunks one way: MB/s (bulk ceiling)
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '@felix/command-line';
import { type BidiStream, type ByteSink, createSelfSigned, type MultiplexedConnection } from '@felix/transport';
import { certificateFingerprint, connectQuic, listenQuic } from '@felix/transport/quic';

const { values } = parseCommandLine({
  name: 'carrier-probe-quic',
  usage: `
Usage: npx tsx bench/src/carrier-probe-quic.ts [options]

How fast one raw QUIC connection is on this machine: 64 B echo round trips, 1 KiB messages and
64 KiB chunks one way, each phase on its own stream of one connection.

Options:
  --seconds <s>     seconds per phase (default 3)
  --inproc          run the server in this process instead of a child process
  --payload <bytes> maximum UDP payload size of both ends
  --json            print the results as JSON
  -h, --help        print this help`,
  config: {
    options: {
      seconds: { type: 'string', default: '3' },
      inproc: { type: 'boolean', default: false },
      payload: { type: 'string' },
      json: { type: 'boolean', default: false },
      serve: { type: 'string' }, // internal: the child's cert directory
    },
  },
});
const payload = values.payload === undefined ? undefined : Number(values.payload);
const HOST = '127.0.0.1';

/** First byte of every stream: what the server should do with it. */
const MODE_ECHO = 0x45;
const MODE_SINK = 0x53;

async function serve(certDir: string): Promise<{ port: number; close: () => Promise<void> }> {
  const listener = await listenQuic({
    host: HOST,
    port: 0,
    cert: readFileSync(join(certDir, 'cert.pem'), 'utf8'),
    key: readFileSync(join(certDir, 'key.pem'), 'utf8'),
    maxUdpPayloadSize: payload,
  });
  void (async () => {
    for await (const conn of listener.connections) {
      void (async () => {
        for await (const stream of conn.incomingBidi) void handle(stream).catch(() => {});
      })();
    }
  })();
  return { port: listener.port, close: () => listener.close() };
}

async function handle(stream: BidiStream): Promise<void> {
  let mode = 0;
  let received = 0;
  for await (let chunk of stream.readable) {
    if (mode === 0) {
      mode = chunk[0] ?? 0;
      chunk = chunk.subarray(1);
    }
    if (mode === MODE_ECHO) {
      // Chunks from the carrier are fresh buffers, so passing one on to write is safe.
      if (chunk.byteLength > 0 && !stream.writable.write(chunk)) await stream.writable.drained();
    } else {
      received += chunk.byteLength;
    }
  }
  if (mode === MODE_SINK) {
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigUint64(0, BigInt(received));
    stream.writable.write(count);
  }
  await stream.writable.end();
}

async function readExactly(it: AsyncIterator<Uint8Array>, n: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let have = 0;
  while (have < n) {
    const r = await it.next();
    if (r.done) throw new Error('stream ended early');
    parts.push(r.value);
    have += r.value.byteLength;
  }
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

async function rtt(conn: MultiplexedConnection, seconds: number) {
  const stream = await conn.openBidi();
  stream.writable.write(Uint8Array.of(MODE_ECHO));
  const reader = stream.readable[Symbol.asyncIterator]();
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  // Warm-up round trips settle quiche's RTT estimate and the JIT before timing.
  for (let i = 0; i < 200; i++) {
    stream.writable.write(new Uint8Array(64));
    await readExactly(reader, 64);
  }
  while (performance.now() < until) {
    const t0 = performance.now();
    stream.writable.write(new Uint8Array(64).fill(samples.length & 0xff));
    await readExactly(reader, 64);
    samples.push(performance.now() - t0);
  }
  await stream.writable.end();
  await reader.next();
  const sorted = Float64Array.from(samples).sort();
  return {
    roundTrips: samples.length,
    perSecond: Math.round(samples.length / seconds),
    p50Us: Math.round(percentile(sorted, 0.5) * 1000),
    p99Us: Math.round(percentile(sorted, 0.99) * 1000),
    p999Us: Math.round(percentile(sorted, 0.999) * 1000),
  };
}

async function oneWay(conn: MultiplexedConnection, seconds: number, size: number) {
  const stream = await conn.openBidi();
  const sink: ByteSink = stream.writable;
  sink.write(Uint8Array.of(MODE_SINK));
  let sent = 0;
  let messages = 0;
  let stalls = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  while (performance.now() < until) {
    // Batches between clock reads; every message is a fresh buffer (a written chunk belongs
    // to the carrier), as a real publisher's would be.
    for (let i = 0; i < 64; i++) {
      if (!sink.write(new Uint8Array(size))) {
        stalls++;
        await sink.drained();
      }
      sent += size;
      messages++;
    }
  }
  await sink.end();
  const count = await readExactly(stream.readable[Symbol.asyncIterator](), 8);
  const elapsed = (performance.now() - t0) / 1000;
  const received = Number(new DataView(count.buffer, count.byteOffset, 8).getBigUint64(0));
  if (received !== sent) throw new Error(`server counted ${received} bytes of ${sent}`);
  return {
    messageBytes: size,
    messages,
    msgPerSecond: Math.round(messages / elapsed),
    mbPerSecond: Number((received / elapsed / 1e6).toFixed(1)),
    writeStalls: stalls,
  };
}

async function main(): Promise<void> {
  if (values.serve !== undefined) {
    const server = await serve(values.serve);
    process.send?.({ port: server.port });
    process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
    return;
  }
  const seconds = Number(values.seconds);
  const certDir = mkdtempSync(join(tmpdir(), 'felix-quic-probe-'));
  const { cert, key } = await createSelfSigned({ commonName: 'localhost', hosts: [HOST] });
  // The server may run in a child process, which reads the pair from here.
  writeFileSync(join(certDir, 'cert.pem'), cert);
  writeFileSync(join(certDir, 'key.pem'), key, { mode: 0o600 });
  const fingerprint = certificateFingerprint(cert);

  let port: number;
  let stopServer: () => Promise<void>;
  if (values.inproc) {
    const server = await serve(certDir);
    port = server.port;
    stopServer = server.close;
  } else {
    const args = ['--serve', certDir, ...(payload === undefined ? [] : ['--payload', String(payload)])];
    const child = fork(fileURLToPath(import.meta.url), args, { execArgv: process.execArgv });
    port = await new Promise<number>((resolve, reject) => {
      child.once('message', (m) => resolve((m as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    stopServer = async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    };
  }

  const t0 = performance.now();
  const conn = await connectQuic({ host: HOST, port, certSha256: fingerprint, maxUdpPayloadSize: payload });
  const handshakeMs = Number((performance.now() - t0).toFixed(1));
  const result = {
    carrier: conn.carrier,
    serverIn: values.inproc ? 'same process' : 'child process',
    handshakeMs,
    rtt64: await rtt(conn, seconds),
    oneWay1k: await oneWay(conn, seconds, 1024),
    oneWay64k: await oneWay(conn, seconds, 64 << 10),
  };
  conn.close({ code: 0, reason: 'probe done' });
  await conn.closed;
  await stopServer();
  rmSync(certDir, { recursive: true, force: true });

  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  const { rtt64, oneWay1k, oneWay64k } = result;
  console.log(`quic carrier probe (${result.serverIn} server, ${HOST}, handshake ${handshakeMs} ms)`);
  console.log(
    `  64 B echo RTT   p50 ${rtt64.p50Us} us  p99 ${rtt64.p99Us} us  p999 ${rtt64.p999Us} us  (${rtt64.perSecond} round trips/s)`,
  );
  console.log(
    `  1 KiB one way   ${oneWay1k.msgPerSecond} msg/s  ${oneWay1k.mbPerSecond} MB/s  (${oneWay1k.writeStalls} backpressure waits)`,
  );
  console.log(`  64 KiB one way  ${oneWay64k.mbPerSecond} MB/s`);
}

await main();
