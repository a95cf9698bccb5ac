// Broker benchmark, per carrier, against the real broker process on loopback: pub→sub latency
// for 64 B at a paced 5,000 msg/s, throughput for 1 KiB to one subscriber and 256 B to ten,
// and cache get/put latency (sequential) and throughput (64 in flight). Carriers are measured
// in the same run so their ratios hold on a noisy machine.
// Run: npm run bench:broker [-- --seconds 3 --carriers tls,webtransport --json]
import { parseArgs } from 'node:util';
import {
  type CarrierName,
  FrameInbox,
  startBrokerProcess,
  subscribe,
  type TestClient,
  testClient,
} from '@felix/broker/testing';
import { encodeFrame } from '@felix/generated';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    carriers: { type: 'string', default: 'tls,webtransport' },
    json: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const carriers = values.carriers.split(',') as CarrierName[];
const demo = { tenant_id: 't1', namespace: 'default', stream: 'demo' } as const;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const summary = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 50),
    p99: percentile(s, 99),
    p999: percentile(s, 99.9),
    max: s[s.length - 1],
  };
};
const yieldTurn = () => new Promise((r) => setImmediate(r));

async function latency(connect: () => Promise<TestClient>): Promise<ReturnType<typeof summary>> {
  const sub = await connect();
  const { events } = await subscribe(sub, 'demo');
  const pub = await connect();
  const rate = 5000;
  const total = rate * seconds;
  const samplesUs: number[] = [];
  const done = (async () => {
    while (samplesUs.length < total) {
      const m = await events!.next(10_000);
      if (m.type !== 'binary_shared_event_batch') continue;
      const now = process.hrtime.bigint();
      for (const p of m.payloads)
        samplesUs.push(Number(now - new DataView(p.buffer, p.byteOffset, 8).getBigUint64(0)) / 1000);
    }
  })();
  const start = process.hrtime.bigint();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((Number(process.hrtime.bigint() - start) / 1e9) * rate));
    for (; sent < due; sent++) {
      const payload = new Uint8Array(64);
      new DataView(payload.buffer).setBigUint64(0, process.hrtime.bigint());
      pub.send({ type: 'binary_publish_batch', ...demo, payloads: [payload] });
    }
    await yieldTurn();
  }
  await done;
  sub.close();
  pub.close();
  // The first half-second warms the JIT and the connections; it is not measured.
  return summary(samplesUs.slice(rate / 2));
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
    const connect = () => testClient(carrier, broker.ports[carrier], broker.fingerprint);
    process.stderr.write(`${carrier}: latency…`);
    const lat = await latency(connect);
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
}
