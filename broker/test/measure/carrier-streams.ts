// Measures what an idle subscription really costs the broker on each carrier, carrier stream
// included (QUIC and WebTransport: a stream in quiche and its buffers; TLS: a TCP connection
// and its TLS socket per subscription), to set broker/src/core/subscription-cost.ts. The built
// broker runs as a process of its own with a budget too large to refuse anything; after a
// warm-up session, each step opens sessions holding N subscriptions in all and waits for every
// event_stream_hello, then for the broker's VmRSS to settle. Per subscription is the RSS step
// over N (the step's sessions are part of it, which overstates by a few bytes). A WebTransport
// session takes at most 100 event streams (the library's stream credit), so there a step is
// ten sessions of 100.
//
//   npm run build && npx tsx --conditions=felix-source broker/test/measure/carrier-streams.ts [carrier ...]
//   (FELIX_MEASURE_N=<n> subscriptions per step, default 1000; FELIX_MEASURE_STEPS, default 3;
//   FELIX_MEASURE_TRAFFIC=1: after each step one record reaches every subscription, so each
//   carrier stream has carried an event batch, as in a broker with traffic)
import { readFileSync } from 'node:fs';
import {
  type BrokerProcess,
  type CarrierName,
  FrameInbox,
  metricValue,
  scrapeMetrics,
  startBrokerProcess,
  type TestClient,
  testClient,
} from '@felix/testkit';

const N = Number(process.env.FELIX_MEASURE_N ?? 1000);
const STEPS = Number(process.env.FELIX_MEASURE_STEPS ?? 3);
const TRAFFIC = process.env.FELIX_MEASURE_TRAFFIC === '1';
const WARM_UP = 100;
const PER_SESSION: Record<CarrierName, number> = { tls: 1000, quic: 1000, webtransport: 100 };
const KiB = 1024;
/** RSS counts as settled once it moved less than this over SETTLE_MS. */
const SETTLED_BYTES = 256 * KiB;
const SETTLE_MS = 1500;

function rss(pid: number): number {
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib) * 1024;
}

async function settledRss(pid: number): Promise<number> {
  let last = rss(pid);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const now = rss(pid);
    if (Math.abs(now - last) < SETTLED_BYTES) return now;
    last = now;
  }
  return last;
}

/** One session holding `count` subscriptions, each with its event stream open and greeted. */
async function subscribedSession(
  carrier: CarrierName,
  broker: BrokerProcess,
  count: number,
  inboxes: FrameInbox[],
): Promise<TestClient> {
  const client = await testClient(carrier, broker);
  for (let i = 0; i < count; i++)
    client.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: 'measured' });
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const reply = await client.control.next(60_000);
    if (reply.type !== 'subscribed') throw new Error(`subscribe answered ${JSON.stringify(reply)}`);
    ids.push(Number(reply.subscription_id));
  }
  const streams = await Promise.all(ids.map((id) => client.session.eventStream(id, 60_000)));
  const opened = streams.map((s) => new FrameInbox(s));
  await Promise.all(opened.map((inbox) => inbox.expect('event_stream_hello', 60_000)));
  inboxes.push(...opened);
  return client;
}

/** Publishes one record to the measured stream and waits until every subscription has it. */
async function deliverOne(publisher: TestClient, inboxes: FrameInbox[]): Promise<void> {
  publisher.send({
    type: 'binary_publish_batch',
    tenant_id: 't1',
    namespace: 'default',
    stream: 'measured',
    payloads: [new Uint8Array(100)],
  });
  await Promise.all(inboxes.map((inbox) => inbox.expect('binary_shared_event_batch', 60_000)));
}

async function measure(carrier: CarrierName): Promise<void> {
  const broker = await startBrokerProcess({
    FELIX_CARRIERS: carrier,
    FELIX_AUTO_CREATE: 'true',
    FELIX_LOG_LEVEL: 'error',
    FELIX_MEMORY_BUDGET_BYTES: String(64 * 1024 * 1024 * 1024),
    FELIX_MAX_SUBSCRIPTIONS_PER_SESSION: String(Math.max(PER_SESSION[carrier], WARM_UP)),
    FELIX_MAX_CONNECTIONS: '1000000',
    FELIX_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
  });
  const pid = broker.proc.pid!;
  const clients: TestClient[] = [];
  const inboxes: FrameInbox[] = [];
  try {
    clients.push(await subscribedSession(carrier, broker, WARM_UP, inboxes));
    if (TRAFFIC) await deliverOne(clients[0]!, inboxes);
    const first = await settledRss(pid);
    let before = first;
    const steps: number[] = [];
    for (let step = 0; step < STEPS; step++) {
      for (let left = N; left > 0; left -= PER_SESSION[carrier])
        clients.push(await subscribedSession(carrier, broker, Math.min(left, PER_SESSION[carrier]), inboxes));
      if (TRAFFIC) await deliverOne(clients[0]!, inboxes);
      const after = await settledRss(pid);
      steps.push((after - before) / N);
      before = after;
    }
    const charged = metricValue(await scrapeMetrics(broker.httpPort), 'felix_memory_pool_used_bytes', {
      pool: 'subscribers',
    });
    const held = WARM_UP + STEPS * N;
    const kib = (b: number) => `${(b / KiB).toFixed(1)} KiB`;
    console.log(
      `${carrier.padEnd(12)}${TRAFFIC ? ' (one record delivered)' : ''} per subscription: ${kib((before - first) / (STEPS * N))} over ${STEPS} × ${N}` +
        ` (steps ${steps.map(kib).join(', ')});  charged now ${((charged ?? 0) / held / KiB).toFixed(1)} KiB each (${held} held)`,
    );
  } finally {
    for (const c of clients) c.close();
    await broker.stop();
  }
}

const carriers = process.argv.slice(2) as CarrierName[];
for (const carrier of carriers.length > 0 ? carriers : (['tls', 'quic', 'webtransport'] as const))
  await measure(carrier);
process.exit(0);
