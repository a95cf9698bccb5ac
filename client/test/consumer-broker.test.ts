// client.consume against the real broker: acknowledged consumption on every carrier, a group's
// records shared by its consumers without one seen twice, redelivery after a nack, an ack wait
// and a leave, dead letters, and what a lost connection does to the records a consumer held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Consumer,
  type ConsumerMessage,
  connect,
  decodeDeadLetter,
  type FelixClient,
  FelixError,
  SubscribeCursorError,
} from '../src/index.js';
import { startBroker, stopBroker, TcpProxy, type TestBroker, take, text } from './helpers.js';

let broker: TestBroker;
let streams = 0;
/** Streams are made by their first publish (FELIX_AUTO_CREATE), so each test has its own. */
const freshStream = () => `queue-${++streams}`;
const clients: FelixClient[] = [];

type Url = 'tls' | 'webtransport' | 'quic';
const urlOf = (carrier: Url) =>
  carrier === 'quic' ? `felix+quic://127.0.0.1:${broker.ports.quic}` : broker.url(carrier);

async function client(carrier: Url = 'tls', url = urlOf(carrier)): Promise<FelixClient> {
  const c = await connect(url, { ...broker.credentials, reconnect: { initialDelayMs: 10, maxDelayMs: 200 } });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  broker = await startBroker({}, { FELIX_CARRIERS: 'tls,webtransport,quic', FELIX_AUTO_CREATE: 'true' });
});

afterAll(async () => {
  for (const c of clients) await c.close({ flushTimeoutMs: 0 });
  await stopBroker(broker);
});

/** The next `n` records of a consumer, failing after `timeoutMs`. */
async function receive(consumer: Consumer, n: number, timeoutMs = 10_000): Promise<ConsumerMessage[]> {
  const out: ConsumerMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const r = await Promise.race([
      consumer.next(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`only ${out.length} of ${n} records within ${timeoutMs} ms`)),
          Math.max(0, deadline - Date.now()),
        );
      }),
    ]).finally(() => clearTimeout(timer));
    if (r.done) throw new Error(`consumer ended after ${out.length} of ${n} records`);
    out.push(r.value);
  }
  return out;
}

async function publishAll(c: FelixClient, stream: string, payloads: string[]): Promise<void> {
  await c.publishBatch(stream, payloads);
}

const range = (n: number, prefix = 'r') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe.each<Url>(['tls', 'webtransport', 'quic'])('consume over %s', (carrier) => {
  it('delivers the records with offsets, and acknowledged records are done for the group', async () => {
    const c = await client(carrier);
    const stream = freshStream();
    await publishAll(c, stream, range(5));
    const consumer = await c.consume(stream, { group: 'g', start: 'earliest' });
    expect(consumer.position).toMatchObject({ committedOffset: 0, tailOffset: 5, created: true });
    const got = await receive(consumer, 5);
    expect(got.map((m) => [m.offset, text(m.payload), m.deliveryCount])).toEqual(range(5).map((p, i) => [i, p, 1]));
    await Promise.all(got.map((m) => m.ack()));
    await consumer.close();
    // A later member of the group starts where the acks left it, with nothing owed.
    const again = await c.consume(stream, { group: 'g' });
    expect(again.position).toMatchObject({ committedOffset: 5, tailOffset: 5, created: false });
    await c.publish(stream, 'after');
    const [next] = await receive(again, 1);
    expect([next!.offset, text(next!.payload)]).toEqual([5, 'after']);
    await next!.ack();
    await again.close();
  });
});

describe('joining', () => {
  it('refuses a new group starting past the tail with SubscribeCursorError', async () => {
    const c = await client();
    const stream = freshStream();
    await publishAll(c, stream, range(2));
    const err = await c.consume(stream, { group: 'g', start: { offset: 50 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SubscribeCursorError);
    expect(err).toMatchObject({ code: 'cursor_out_of_range', reason: 'in_future', requested: 50, available: 2 });
    // Nothing was created: a later join with a start that works creates the group.
    const consumer = await c.consume(stream, { group: 'g', start: { offset: 1 } });
    expect(consumer.position).toMatchObject({ committedOffset: 1, created: true });
    await consumer.close();
  });
});

describe('a group of consumers', () => {
  it('shares the records: each acknowledged once, none seen twice, each consumer in stream order', async () => {
    const [a, b] = [await client('tls'), await client('quic')];
    const stream = freshStream();
    const total = 400;
    const consumers = [
      await a.consume(stream, { group: 'workers', start: 'earliest', maxInFlight: 16 }),
      await b.consume(stream, { group: 'workers', start: 'earliest', maxInFlight: 16 }),
    ];
    await publishAll(a, stream, range(total));
    const seen: number[][] = [[], []];
    let acked = 0;
    const done = new Promise<void>((resolve) => {
      consumers.forEach(async (consumer, i) => {
        for await (const m of consumer) {
          seen[i]!.push(m.offset);
          await m.ack();
          if (++acked === total) resolve();
        }
      });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      done,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${acked} of ${total} acknowledged in 20 s`)), 20_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const all = [...seen[0]!, ...seen[1]!].sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
    for (const own of seen) {
      expect(own.length).toBeGreaterThan(0);
      expect(own).toEqual([...own].sort((x, y) => x - y));
    }
    await Promise.all(consumers.map((c) => c.close()));
  });

  it('delivers a nacked record again with delivery count 2, after its delay', async () => {
    const c = await client();
    const stream = freshStream();
    await c.publish(stream, 'retry me');
    const consumer = await c.consume(stream, { group: 'g', start: 'earliest' });
    const [first] = await receive(consumer, 1);
    expect(first!.deliveryCount).toBe(1);
    const nackedAt = Date.now();
    await first!.nack({ delayMs: 150 });
    const [second] = await receive(consumer, 1);
    expect(Date.now() - nackedAt).toBeGreaterThanOrEqual(140);
    expect([second!.offset, text(second!.payload), second!.deliveryCount]).toEqual([0, 'retry me', 2]);
    await second!.ack();
    await consumer.close();
  });

  it('delivers a record again once its ack wait passes without an ack', async () => {
    const c = await client();
    const stream = freshStream();
    await c.publish(stream, 'slow');
    const consumer = await c.consume(stream, { group: 'g', start: 'earliest', ackWaitMs: 200 });
    const [first] = await receive(consumer, 1);
    const [second] = await receive(consumer, 1);
    expect([first!.offset, first!.deliveryCount, second!.offset, second!.deliveryCount]).toEqual([0, 1, 0, 2]);
    await second!.ack();
    await consumer.close();
  });

  it("hands a leaving consumer's records to the others at once", async () => {
    const c = await client();
    const stream = freshStream();
    await publishAll(c, stream, range(3));
    // An ack wait far past the test's time: only the leave can bring the records back.
    const leaving = await c.consume(stream, { group: 'g', start: 'earliest', ackWaitMs: 600_000 });
    await receive(leaving, 3);
    const staying = await c.consume(stream, { group: 'g', ackWaitMs: 600_000 });
    await leaving.close();
    const got = await receive(staying, 3);
    expect(got.map((m) => [m.offset, m.deliveryCount])).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    await Promise.all(got.map((m) => m.ack()));
    await staying.close();
  });

  it('moves a record delivered maxDeliveries times to the dead-letter stream, and goes past it', async () => {
    const c = await client();
    const stream = freshStream();
    await c.publish(stream, 'poison');
    const consumer = await c.consume(stream, { group: 'g', start: 'earliest', maxDeliveries: 2 });
    const counts: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [m] = await receive(consumer, 1);
      counts.push(m!.deliveryCount);
      await m!.nack();
    }
    expect(counts).toEqual([1, 2]);
    const dead = await c.subscribe(`${stream}.dead_letters`, { start: 'earliest' });
    const [record] = await take(dead, 1);
    const letter = decodeDeadLetter(record!.payload);
    expect({ ...letter, payload: text(letter.payload) }).toMatchObject({
      stream,
      group: 'g',
      offset: 0,
      deliveryCount: 2,
      reason: 'max_deliveries',
      payload: 'poison',
    });
    await dead.close();
    await c.publish(stream, 'fine');
    const [next] = await receive(consumer, 1);
    expect([next!.offset, text(next!.payload), next!.deliveryCount]).toEqual([1, 'fine', 1]);
    await next!.ack();
    await consumer.close();
  });
});

describe('a lost connection', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await new TcpProxy(broker.ports.tls).start();
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('rejoins the group; acks of records the old session held reject stale_delivery and the records come again', async () => {
    const c = await client('tls', `felix+tls://127.0.0.1:${proxy.port}`);
    const stream = freshStream();
    await publishAll(c, stream, ['held', 'unread']);
    const consumer = await c.consume(stream, { group: 'g', start: 'earliest', ackWaitMs: 600_000 });
    const [held] = await receive(consumer, 1);
    const firstId = consumer.consumerId;
    const reconnected = new Promise<void>((resolve) => {
      const off = c.on('connect', () => {
        off();
        resolve();
      });
    });
    proxy.cut();
    await reconnected;
    const err = await held!.ack().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FelixError);
    expect(err).toMatchObject({ code: 'stale_delivery', retry: 'fatal' });
    // The old session's records came back to the group with it, and to the rejoined consumer.
    const again = await receive(consumer, 2);
    expect(again.map((m) => [m.offset, text(m.payload), m.deliveryCount])).toEqual([
      [0, 'held', 2],
      [1, 'unread', 2],
    ]);
    expect(consumer.consumerId).not.toBeUndefined();
    expect(firstId).not.toBeUndefined();
    await Promise.all(again.map((m) => m.ack()));
    await consumer.close();
  });
});
