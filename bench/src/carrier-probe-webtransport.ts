// WebTransport carrier probe: sequential 64 B echo round trips, then 1 KiB one-way messages,
// client to server over one session on loopback. Both ends run in this one process, so the
// figures include both sides' JavaScript on the same event loop.
// Run: npx tsx bench/src/carrier-probe-webtransport.ts [--seconds 3] [--http3] [--json]

import { parseCommandLine } from '@felix/command-line';
import {
  type BidiStream,
  certificateFingerprint,
  createSelfSigned,
  type MultiplexedConnection,
} from '@felix/transport';
import { connectWebTransport, listenWebTransport } from '@felix/transport/webtransport';

const { values } = parseCommandLine({
  name: 'carrier-probe-webtransport',
  usage: `
Usage: npx tsx bench/src/carrier-probe-webtransport.ts [options]

Sequential 64 B echo round trips, then 1 KiB one-way messages, over one WebTransport session on
loopback, both ends in this process.

Options:
  --seconds <s>   seconds per phase (default 3)
  --http3         HTTP/3 (needs the quiche addon) instead of HTTP/2
  --json          print the results as JSON
  -h, --help      print this help`,
  config: {
    options: {
      seconds: { type: 'string', default: '3' },
      http3: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  },
});
const seconds = Number(values.seconds);

async function first<T>(items: AsyncIterable<T>): Promise<T> {
  for await (const item of items) return item;
  throw new Error('ended');
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function echoServer(stream: BidiStream): Promise<void> {
  for await (const chunk of stream.readable) if (!stream.writable.write(chunk)) await stream.writable.drained();
  await stream.writable.end();
}

async function roundTrips(client: MultiplexedConnection, server: MultiplexedConnection) {
  const accepted = first(server.incomingBidi);
  const stream = await client.openBidi();
  const message = new Uint8Array(64).fill(7);
  stream.writable.write(message.slice());
  void echoServer(await accepted);
  const replies = stream.readable[Symbol.asyncIterator]();
  let pending = 64;
  const awaitReply = async () => {
    while (pending > 0) {
      const next = await replies.next();
      if (next.done) throw new Error('echo stream ended');
      pending -= next.value.byteLength;
    }
    pending += 64;
  };
  await awaitReply(); // warm-up, also makes the server side exist
  const samples: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  while (performance.now() < end) {
    const t0 = performance.now();
    stream.writable.write(message.slice());
    await awaitReply();
    samples.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  await stream.writable.end();
  const sorted = Float64Array.from(samples).sort();
  return {
    count: samples.length,
    perSecond: samples.length / elapsed,
    p50Us: quantile(sorted, 0.5) * 1000,
    p99Us: quantile(sorted, 0.99) * 1000,
    p999Us: quantile(sorted, 0.999) * 1000,
  };
}

async function oneWay(client: MultiplexedConnection, server: MultiplexedConnection) {
  const incoming = first(server.incomingUni);
  const sink = await client.openUni();
  const message = new Uint8Array(1024).fill(9);
  sink.write(message.slice());
  const source = await incoming;
  let received = 0;
  const counting = (async () => {
    for await (const chunk of source) received += chunk.byteLength;
  })();
  const started = performance.now();
  const end = started + seconds * 1000;
  let sent = 1;
  while (performance.now() < end) {
    // Bursts of writes between checks of the clock, as a broker fanning out would issue them.
    for (let i = 0; i < 64; i++) {
      sent++;
      if (!sink.write(message.slice())) await sink.drained();
    }
  }
  await sink.end();
  await counting;
  const elapsed = (performance.now() - started) / 1000;
  if (received !== sent * 1024) throw new Error(`received ${received} of ${sent * 1024} bytes`);
  return { messages: sent, perSecond: sent / elapsed, mbPerSecond: received / elapsed / 1e6 };
}

const { cert, key } = await createSelfSigned({ commonName: 'localhost', hosts: ['localhost', '127.0.0.1'] });
const listener = await listenWebTransport({
  host: '127.0.0.1',
  port: 0,
  cert,
  key,
  http3: values.http3 ? 'auto' : 'off',
});
if (values.http3 && !listener.http3) throw new Error('HTTP/3 requested but the quiche addon is not installed');
const accepted = first(listener.connections);
const client = await connectWebTransport({
  host: '127.0.0.1',
  port: listener.port,
  certSha256: certificateFingerprint(cert),
  http3: values.http3,
});
const server = await accepted;
const rtt = await roundTrips(client, server);
const throughput = await oneWay(client, server);
client.close({ code: 0, reason: 'bench done' });
await listener.close();

const result = { carrier: 'webtransport', http: values.http3 ? 'h3' : 'h2', node: process.version, rtt, throughput };
if (values.json) {
  console.log(JSON.stringify(result));
} else {
  const f = (n: number) => n.toFixed(1);
  console.log(`webtransport over ${result.http}, ${process.version}, ${seconds} s per phase`);
  console.log(
    `64 B echo RTT: p50 ${f(rtt.p50Us)} us, p99 ${f(rtt.p99Us)} us, p999 ${f(rtt.p999Us)} us; ${Math.round(rtt.perSecond)} round trips/s (${rtt.count})`,
  );
  console.log(
    `1 KiB one-way: ${Math.round(throughput.perSecond)} msg/s, ${f(throughput.mbPerSecond)} MB/s (${throughput.messages} messages)`,
  );
}
