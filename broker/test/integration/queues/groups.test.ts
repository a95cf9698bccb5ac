// Consumer groups over raw frames: joining, delivery in batches to consumers in turn,
// acknowledgement, redelivery after ack wait, a nack or a consumer's end, dead letters, and the
// refusals the spec names.
import { decodeFrame, FEATURES, type WireMessage } from '@felix/generated';
import {
  ALL_FEATURES,
  type BrokerProcess,
  FrameInbox,
  metricValue,
  scrapeMetrics,
  startBrokerProcess,
  testClient,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ack, at, fromBytes, join, publish, range } from './helpers.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess({ FELIX_AUTO_CREATE: 'true' });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

const texts = (from: number, to: number) => range(from, to).map((i) => `j${i}`);

describe('consumer groups', () => {
  it('deliver from the earliest record and take acknowledgements', async () => {
    const publisher = await testClient('tls', broker);
    expect(await publish(publisher, 'jobs', texts(0, 10))).toMatchObject({ type: 'publish_ok' });
    const c = await testClient('tls', broker);
    expect(c.authReply).toMatchObject({ type: 'auth_ok' });
    const consumer = await join(c, 'jobs', 'workers', { start: 'earliest' });
    expect(consumer.joined).toMatchObject({ committed_offset: 0, tail_offset: 10, created: true });
    expect(consumer.joined.epoch).toBeGreaterThan(0);
    const batch = await consumer.next();
    expect(batch).toMatchObject({ base: 0, deliveryCount: 1, texts: texts(0, 10) });
    expect(await ack(c, consumer.id, [0, 9], 7)).toEqual({ type: 'group_acked', request_id: 7 });
    // Records published later arrive too.
    await publish(publisher, 'jobs', ['late'], 2);
    expect(await consumer.next()).toMatchObject({ base: 10, deliveryCount: 1, texts: ['late'] });
    expect(await ack(c, consumer.id, [10, 10], 8)).toEqual({ type: 'group_acked', request_id: 8 });
    // An ack of what it no longer holds is ignored, and still answered.
    expect(await ack(c, consumer.id, [0, 10], 9)).toEqual({ type: 'group_acked', request_id: 9 });
    // A second join of the group finds it, its cursor past everything acknowledged.
    const again = await testClient('tls', broker);
    const second = await join(again, 'jobs', 'workers');
    expect(second.joined).toMatchObject({ committed_offset: 11, tail_offset: 11, created: false });
    // A new group starts at the tail by default.
    const latest = await join(again, 'jobs', 'latecomers');
    expect(latest.joined).toMatchObject({ committed_offset: 11, tail_offset: 11, created: true });
    expect(latest.id).toBeGreaterThan(second.id);
    for (const client of [publisher, c, again]) client.close();
  });

  it.each(['webtransport', 'quic'] as const)('deliver and take acks over %s too', async (carrier) => {
    const stream = `over-${carrier}`;
    const publisher = await testClient(carrier, broker);
    await publish(publisher, stream, texts(0, 4));
    const c = await testClient(carrier, broker);
    const consumer = await join(c, stream, 'g', { start: 'earliest' });
    expect(await consumer.next()).toMatchObject({ base: 0, deliveryCount: 1, texts: texts(0, 4) });
    expect(await ack(c, consumer.id, [0, 3], 1)).toEqual({ type: 'group_acked', request_id: 1 });
    c.send({ type: 'group_leave', consumer_id: consumer.id });
    expect(await c.control.next()).toEqual({ type: 'ok' });
    await consumer.events.closed();
    for (const client of [publisher, c]) client.close();
  });

  it.each([2, 8])(
    'share 10,000 records between %i consumers, none delivered twice, each in stream order',
    async (n) => {
      const stream = `shared${n}`;
      const publisher = await testClient('tls', broker);
      const clients = await Promise.all(range(0, n).map(() => testClient('tls', broker)));
      const consumers = await Promise.all(clients.map((c) => join(c, stream, 'g', { max_in_flight: 64 })));
      const total = 10_000;
      for (let i = 0; i < total; i += 500) await publish(publisher, stream, texts(i, i + 500), i + 1);
      const seen = new Set<number>();
      const perConsumer: number[][] = clients.map(() => []);
      let requestId = 1;
      const consume = async (i: number) => {
        while (seen.size < total) {
          const batch = await consumers[i].next();
          expect(batch.deliveryCount).toBe(1);
          expect(batch.offsets.length).toBeLessThanOrEqual(64);
          expect(batch.texts).toEqual(batch.offsets.map((o) => `j${o}`));
          for (const o of batch.offsets) {
            expect(seen.has(o)).toBe(false);
            seen.add(o);
            perConsumer[i].push(o);
          }
          const last = batch.base + batch.offsets.length - 1;
          expect(await ack(clients[i], consumers[i].id, [batch.base, last], requestId++)).toMatchObject({
            type: 'group_acked',
          });
        }
      };
      const loops = range(0, n).map(consume);
      // The loop that takes the last record ends; the others wait for batches that will not come.
      await Promise.race(loops);
      for (const loop of loops) loop.catch(() => undefined);
      expect(seen.size).toBe(total);
      for (const mine of perConsumer) {
        expect(mine.length).toBeGreaterThan(0);
        expect(mine).toEqual([...mine].sort((x, y) => x - y));
      }
      for (const client of [publisher, ...clients]) client.close();
    },
  );

  it('hold a consumer to its max_in_flight', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'bounded', texts(0, 20));
    const c = await testClient('tls', broker);
    const consumer = await join(c, 'bounded', 'g', { start: 'earliest', max_in_flight: 5 });
    expect(await consumer.next()).toMatchObject({ base: 0, texts: texts(0, 5) });
    // Two acknowledged make room for exactly two more.
    expect(await ack(c, consumer.id, [0, 1], 1)).toMatchObject({ type: 'group_acked' });
    expect(await consumer.next()).toMatchObject({ base: 5, texts: texts(5, 7) });
    for (const client of [publisher, c]) client.close();
  });

  it('deliver again after the ack wait, and after a nack once its delay is over', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'retry', texts(0, 3));
    const c = await testClient('tls', broker);
    const consumer = await join(c, 'retry', 'g', { start: 'earliest', ack_wait_ms: 200 });
    expect(await consumer.next()).toMatchObject({ base: 0, deliveryCount: 1, texts: texts(0, 3) });
    // Not acknowledged: back after 200 ms, counted as a second delivery.
    expect(await consumer.next()).toMatchObject({ base: 0, deliveryCount: 2, texts: texts(0, 3) });
    expect(await ack(c, consumer.id, [0, 1], 1)).toMatchObject({ type: 'group_acked' });
    const nackedAt = performance.now();
    c.send({ type: 'group_nack', consumer_id: consumer.id, ranges: [2, 2], delay_ms: 150, request_id: 2 });
    expect(await c.control.next()).toEqual({ type: 'group_acked', request_id: 2 });
    expect(await consumer.next()).toMatchObject({ base: 2, deliveryCount: 3, texts: ['j2'] });
    expect(performance.now() - nackedAt).toBeGreaterThanOrEqual(140);
    for (const client of [publisher, c]) client.close();
  });

  it('hand a consumer’s records to the others at once when its session ends', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'handover', texts(0, 5));
    const a = await testClient('tls', broker);
    const first = await join(a, 'handover', 'g', { start: 'earliest', ack_wait_ms: 600_000 });
    expect(await first.next()).toMatchObject({ base: 0, deliveryCount: 1, texts: texts(0, 5) });
    const b = await testClient('tls', broker);
    const second = await join(b, 'handover', 'g', { ack_wait_ms: 600_000 });
    a.close();
    expect(await second.next()).toMatchObject({ base: 0, deliveryCount: 2, texts: texts(0, 5) });
    for (const client of [publisher, b]) client.close();
  });

  it('hand records back at group_leave, answering ok and finishing the event stream', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'leaving', texts(0, 3));
    const a = await testClient('tls', broker);
    const first = await join(a, 'leaving', 'g', { start: 'earliest' });
    await first.next();
    const b = await testClient('tls', broker);
    const second = await join(b, 'leaving', 'g');
    a.send({ type: 'group_leave', consumer_id: first.id });
    expect(await a.control.next()).toEqual({ type: 'ok' });
    await first.events.closed();
    expect(await second.next()).toMatchObject({ base: 0, deliveryCount: 2, texts: texts(0, 3) });
    // A consumer that left holds nothing: its acks are ignored, its leave is answered again.
    expect(await ack(a, first.id, [0, 2], 5)).toEqual({ type: 'group_acked', request_id: 5 });
    a.send({ type: 'group_leave', consumer_id: first.id });
    expect(await a.control.next()).toEqual({ type: 'ok' });
    for (const client of [publisher, a, b]) client.close();
  });

  it('move a record delivered max_deliveries times to the dead-letter stream', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'poison', ['fine', 'poison']);
    const c = await testClient('tls', broker);
    const consumer = await join(c, 'poison', 'g', { start: 'earliest', ack_wait_ms: 100, max_deliveries: 3 });
    expect(await consumer.next()).toMatchObject({ base: 0, deliveryCount: 1, texts: ['fine', 'poison'] });
    await ack(c, consumer.id, [0, 0], 1);
    expect(await consumer.next()).toMatchObject({ base: 1, deliveryCount: 2, texts: ['poison'] });
    expect(await consumer.next()).toMatchObject({ base: 1, deliveryCount: 3, texts: ['poison'] });
    const reader = await testClient('tls', broker);
    reader.send({ type: 'subscribe', ...at('poison.dead_letters'), start: 'earliest' });
    const subscribed = await reader.control.expect('subscribed');
    const events = new FrameInbox(await reader.session.eventStream(Number(subscribed.subscription_id)));
    await events.expect('event_stream_hello');
    const batch = await events.expect('binary_shared_event_batch');
    const payloads = [...batch.payloads];
    expect(payloads).toHaveLength(1);
    const letter = decodeFrame(payloads[0]) as WireMessage;
    expect(letter).toMatchObject({
      type: 'dead_letter',
      ...at('poison'),
      group: 'g',
      offset: 1,
      epoch: consumer.joined.epoch,
      delivery_count: 3,
      reason: 'max_deliveries',
    });
    expect(letter.type === 'dead_letter' && fromBytes(letter.payload)).toBe('poison');
    const labels = { tenant: 't1', namespace: 'default', stream: 'poison', group: 'g' };
    const metrics = await scrapeMetrics(broker.httpPort);
    expect(metricValue(metrics, 'felix_group_dead_letters_total', labels)).toBe(1);
    expect(metricValue(metrics, 'felix_group_redeliveries_total', labels)).toBe(2);
    // Gone from the group: counted as acknowledged, so the cursor is past it.
    const again = await join(reader, 'poison', 'g');
    expect(again.joined).toMatchObject({ committed_offset: 2, created: false });
    for (const client of [publisher, c, reader]) client.close();
  });

  it('refuse bad ranges, bad settings and a session without QUEUES', async () => {
    const c = await testClient('tls', broker);
    const consumer = await join(c, 'refusals', 'g', { max_deliveries: 4 });
    c.send({ type: 'group_ack', consumer_id: consumer.id, ranges: [1, 2, 3], request_id: 1 });
    expect(await c.control.next()).toMatchObject({
      type: 'error',
      code: 'invalid_request',
      request_id: 1,
      detail: { field: 'ranges' },
    });
    c.send({ type: 'group_nack', consumer_id: consumer.id, ranges: [5, 3] });
    expect(await c.control.next()).toMatchObject({ code: 'invalid_request', detail: { field: 'ranges' } });
    c.send({ type: 'group_ack', consumer_id: 999, ranges: [] });
    expect(await c.control.next()).toMatchObject({ code: 'invalid_request', detail: { field: 'consumer_id' } });
    c.send({ type: 'group_join', ...at('refusals'), group: 'g', max_deliveries: 5 });
    expect(await c.control.next()).toMatchObject({ code: 'invalid_request', detail: { field: 'max_deliveries' } });
    c.send({ type: 'group_join', ...at('refusals'), group: 'g', dead_letter_stream: 'elsewhere' });
    expect(await c.control.next()).toMatchObject({ code: 'invalid_request', detail: { field: 'dead_letter_stream' } });
    c.send({ type: 'group_join', ...at('refusals'), group: 'other', max_in_flight: 0 });
    expect(await c.control.next()).toMatchObject({ code: 'invalid_request', detail: { field: 'max_in_flight' } });
    c.send({ type: 'group_join', ...at('refusals'), group: 'other', max_deliveries: 0 });
    expect(await c.control.next()).toMatchObject({ code: 'invalid_request', detail: { field: 'max_deliveries' } });
    c.send({ type: 'group_join', ...at('refusals'), group: 'other', start: { offset: 5 } });
    expect(await c.control.next()).toMatchObject({ type: 'subscribe_cursor_error', reason: 'in_future' });
    // The same settings again are fine.
    const same = await join(c, 'refusals', 'g', { max_deliveries: 4, dead_letter_stream: 'refusals.dead_letters' });
    expect(same.joined.created).toBe(false);
    c.close();

    const old = await testClient('tls', broker, { clientFeatures: ALL_FEATURES & ~FEATURES.QUEUES });
    expect(old.authReply).toMatchObject({ type: 'auth_ok' });
    old.send({ type: 'group_join', ...at('refusals'), group: 'g' });
    expect(await old.control.next()).toMatchObject({ type: 'error', code: 'invalid_request' });
    old.close();
  });
});
