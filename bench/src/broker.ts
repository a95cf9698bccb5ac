// Broker benchmark, per carrier, against the real broker process on loopback: pub→sub latency
// for 64 B at a paced 5,000 msg/s (published from a child process; the broker's own
// publish→write histogram and the CPU pressure are shown beside it), throughput for 1 KiB to
// one subscriber and 256 B to ten, and cache get/put latency (sequential) and throughput (64 in
// flight). Carriers are measured in the same run so their ratios hold on a noisy machine.
// Run: npm run bench:broker [-- --seconds 3 --carriers tls,webtransport --json]
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseCommandLine, usageError } from '@felix/command-line';
import { encodeFrame } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  FrameInbox,
  startBrokerProcess,
  subscribe,
  type TestClient,
  testClient,
} from '@felix/testkit';
import { cpuPressureTotalUs } from './shared/cpu.js';
import { sendPaced, sharedClockNs, stampedPayload, usSinceStamp } from './shared/paced.js';
import { summarize as summary } from './shared/stats.js';

const { values, positionals } = parseCommandLine({
  name: 'bench:broker',
  usage: `
Usage: npm run bench:broker [-- options]

Per carrier, against the real broker process on loopback: pub→sub latency (64 B at 5,000 msg/s),
throughput (1 KiB to one subscriber, 256 B to ten) and cache get/put latency and throughput.

Options:
  --seconds <s>        measured seconds per workload (default 3)
  --carriers <list>    tls,webtransport,quic (default tls,webtransport)
  --json               print the results as JSON
  -h, --help           print this help

Exit codes: 0 done, 1 run-time failure, 2 usage error.`,
  config: {
    options: {
      seconds: { type: 'string', default: '3' },
      carriers: { type: 'string', default: 'tls,webtransport' },
      json: { type: 'boolean', default: false },
      // internal: the latency publisher's child process (carrier, port, fingerprint, token follow)
      publisher: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  },
});
if (!values.publisher && positionals.length > 0) usageError('bench:broker', `unexpected argument '${positionals[0]}'`);
const seconds = Number(values.seconds);
if (!(seconds > 0)) usageError('bench:broker', '--seconds must be > 0');
const carriers = values.carriers.split(',') as CarrierName[];
for (const c of carriers)
  if (!['tls', 'webtransport', 'quic'].includes(c))
    usageError('bench:broker', `unknown carrier ${c} (tls, webtransport, quic)`);
const demo = { tenant_id: 't1', namespace: 'default', stream: 'demo' } as const;

// The latency publisher runs in a child process: this file again (its build in dist/) with --publisher, sleeping until each send is due (shared/paced.ts). In this
// process it competed with the subscriber for CPU and GC. process.hrtime is CLOCK_MONOTONIC, so
// the send times it stamps compare with this process's receive times.
const LATENCY_RATE = 5000;

function publishPaced(pub: TestClient, total: number): Promise<void> {
  return sendPaced(total, LATENCY_RATE, () =>
    pub.send({ type: 'binary_publish_batch', ...demo, payloads: [stampedPayload(64)] }),
  );
}

if (values.publisher) {
  const [carrier, port, fingerprint, token] = positionals;
  const pub = await testClient(carrier as CarrierName, { ports: { [carrier]: Number(port) }, fingerprint, token });
  const next = () => new Promise<unknown>((resolve) => process.once('message', resolve));
  process.send!('ready');
  const total = Number(await next());
  const received = next(); // the subscriber has every record: time to go
  await publishPaced(pub, total);
  await received;
  pub.close();
  process.exit(0);
}

/** felix_publish_to_deliver_seconds bucket counts (cumulative, by upper bound in seconds). */
async function deliverHistogram(httpPort: number): Promise<Map<number, number>> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const m of text.matchAll(/^felix_publish_to_deliver_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm))
    buckets.set(m[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(m[1]), Number(m[2]));
  return buckets;
}

/** Percentile upper bounds in µs from the growth of a cumulative histogram between two scrapes. */
function histogramPercentiles(before: Map<number, number>, after: Map<number, number>) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((b) => (after.get(b) ?? 0) - (before.get(b) ?? 0));
  const n = counts[counts.length - 1] ?? 0;
  const upTo = (p: number) => {
    const i = counts.findIndex((c) => c >= (p / 100) * n);
    return i < 0 ? Number.NaN : bounds[i] * 1e6;
  };
  return { frames: n, p50: upTo(50), p99: upTo(99), p999: upTo(99.9) };
}

async function latency(carrier: CarrierName, connect: () => Promise<TestClient>, broker: BrokerProcess) {
  const sub = await connect();
  const { events } = await subscribe(sub, 'demo');
  const publisher = fork(fileURLToPath(import.meta.url), [
    '--publisher',
    carrier,
    String(broker.ports[carrier]),
    broker.fingerprint,
    broker.token ?? '',
  ]);
  const exited = new Promise<void>((resolve, reject) =>
    publisher.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`latency publisher exited with ${code}`)),
    ),
  );
  await Promise.race([new Promise((resolve) => publisher.once('message', resolve)), exited]);
  const total = LATENCY_RATE * seconds;
  // Preallocated: a growing array is copied as it grows, which is GC work in the measured process.
  const samplesUs = new Float64Array(total);
  let received = 0;
  const histogramBefore = await deliverHistogram(broker.httpPort);
  const pressureBefore = cpuPressureTotalUs();
  const started = performance.now();
  publisher.send(total);
  while (received < total) {
    const m = await events!.next(10_000);
    if (m.type !== 'binary_shared_event_batch') continue;
    const now = sharedClockNs();
    for (const p of m.payloads) samplesUs[received++] = usSinceStamp(p, now);
  }
  const elapsedUs = (performance.now() - started) * 1000;
  const pressureAfter = cpuPressureTotalUs();
  const brokerInternal = histogramPercentiles(histogramBefore, await deliverHistogram(broker.httpPort));
  publisher.send('done');
  await exited;
  sub.close();
  // The first half-second warms the JIT and the connections; it is not measured.
  return {
    ...summary(samplesUs.subarray(LATENCY_RATE / 2)),
    broker: brokerInternal,
    cpuPressurePct:
      pressureBefore === undefined || pressureAfter === undefined
        ? undefined
        : (100 * (pressureAfter - pressureBefore)) / elapsedUs,
  };
}

async function throughput(connect: () => Promise<TestClient>, payloadBytes: number, subscribers: number) {
  const subs = await Promise.all(Array.from({ length: subscribers }, connect));
  const inboxes = await Promise.all(subs.map((s) => subscribe(s, 'demo')));
  const pub = await connect();
  const batch = Array.from({ length: 64 }, () => new Uint8Array(payloadBytes).fill(1));
  let received = 0;
  let running = true;
  const readers = inboxes.map(async ({ events }) => {
    while (running) {
      const m = await events!.next(2000).catch(() => undefined);
      if (m?.type === 'binary_shared_event_batch') received += m.payloads.length;
    }
  });
  const start = performance.now();
  let next = 0n;
  let inFlight = 0;
  const window = 16;
  while (performance.now() - start < seconds * 1000) {
    while (inFlight < window) {
      pub.send({ type: 'binary_publish_batch', ...demo, request_id: next++, ack_mode: 'per_batch', payloads: batch });
      inFlight++;
    }
    await pub.control.expect('binary_publish_ack');
    inFlight--;
  }
  const elapsed = (performance.now() - start) / 1000;
  const published = Number(next - BigInt(inFlight)) * 64;
  running = false;
  await Promise.all(readers);
  for (const c of [...subs, pub]) c.close();
  return {
    publishedPerSec: published / elapsed,
    deliveredPerSec: received / elapsed,
    mbPerSec: (received * payloadBytes) / elapsed / 1e6,
  };
}

async function cache(connect: () => Promise<TestClient>) {
  const c = await connect();
  const stream = await c.session.openCacheStream();
  const inbox = new FrameInbox(stream.readable);
  const scope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;
  const value = new Uint8Array(64).fill(3);
  const send = (m: Parameters<typeof encodeFrame>[0]) => stream.writable.write(encodeFrame(m));
  const sequential: number[] = [];
  let id = 0;
  const until = performance.now() + (seconds * 1000) / 2;
  while (performance.now() < until) {
    const t = performance.now();
    send(
      id % 2
        ? { type: 'cache_get', ...scope, key: `k${id % 100}`, request_id: id }
        : { type: 'cache_put', ...scope, key: `k${id % 100}`, value, request_id: id, ttl_ms: null },
    );
    await inbox.next();
    sequential.push((performance.now() - t) * 1000);
    id++;
  }
  const start = performance.now();
  let done = 0;
  let inFlight = 0;
  while (performance.now() - start < (seconds * 1000) / 2) {
    while (inFlight < 64) {
      send({ type: 'cache_get', ...scope, key: `k${id % 100}`, request_id: id++ });
      inFlight++;
    }
    await inbox.next();
    inFlight--;
    done++;
  }
  const opsPerSec = done / ((performance.now() - start) / 1000);
  c.close();
  return { sequentialUs: summary(sequential), opsPerSec64InFlight: opsPerSec };
}

const broker = await startBrokerProcess({ FELIX_CARRIERS: carriers.join(','), FELIX_LOG_LEVEL: 'error' });
const results: Record<string, unknown> = {};
try {
  for (const carrier of carriers) {
    const connect = () => testClient(carrier, broker);
    process.stderr.write(`${carrier}: latency…`);
    const lat = await latency(carrier, connect, broker);
    process.stderr.write(' throughput…');
    const one = await throughput(connect, 1024, 1);
    const ten = await throughput(connect, 256, 10);
    process.stderr.write(' cache…\n');
    const c = await cache(connect);
    results[carrier] = { latency64BAt5k: lat, throughput1KiB1Sub: one, throughput256B10Subs: ten, cache: c };
  }
} finally {
  await broker.stop();
}

if (values.json) console.log(JSON.stringify({ node: process.version, seconds, results }, null, 2));
else {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`Felix broker benchmark (Node ${process.version}, loopback, ${seconds} s per measurement)\n`);
  console.log(
    '| carrier | 64 B @5k/s p50 µs | p99 µs | p999 µs | 1 KiB ×1 sub msg/s | MB/s | 256 B ×10 subs delivered msg/s | cache seq p50 µs | p99 µs | cache 64-in-flight ops/s |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [carrier, r] of Object.entries(results) as [string, any][]) {
    console.log(
      `| ${carrier} | ${f(r.latency64BAt5k.p50)} | ${f(r.latency64BAt5k.p99)} | ${f(r.latency64BAt5k.p999)} | ${f(r.throughput1KiB1Sub.deliveredPerSec)} | ${f(r.throughput1KiB1Sub.mbPerSec, 1)} | ${f(r.throughput256B10Subs.deliveredPerSec)} | ${f(r.cache.sequentialUs.p50)} | ${f(r.cache.sequentialUs.p99)} | ${f(r.cache.opsPerSec64InFlight)} |`,
    );
  }
  // Where the latency goes: the broker's own publish→write histogram (per frame, as bucket
  // bounds) against what the subscriber saw, and how contended the CPUs were meanwhile.
  console.log('\n| carrier | latency max µs | broker-internal p50 µs ≤ | p99 µs ≤ | p999 µs ≤ | CPU pressure % |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [carrier, r] of Object.entries(results) as [string, any][]) {
    const l = r.latency64BAt5k;
    console.log(
      `| ${carrier} | ${f(l.max)} | ${f(l.broker.p50)} | ${f(l.broker.p99)} | ${f(l.broker.p999)} | ${l.cpuPressurePct === undefined ? 'n/a' : f(l.cpuPressurePct, 1)} |`,
    );
  }
}
