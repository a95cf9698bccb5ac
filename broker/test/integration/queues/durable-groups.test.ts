// A consumer group of a durable stream across a broker killed with SIGKILL: the restarted broker
// delivers every record not acknowledged (read back from disk) and none whose ack was
// confirmed with group_acked.
import { type BrokerProcess, testClient } from '@felix/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { durableSetup, publishBatch } from '../durable/helpers.js';
import { ack, type Batch, join, range, text } from './helpers.js';

let broker: BrokerProcess | undefined;
afterEach(async () => {
  await broker?.stop();
  broker = undefined;
});

describe('durable consumer groups', () => {
  it('resume exactly after a SIGKILL: acknowledged records never again, the rest all again', async () => {
    const setup = durableSetup({ t1: { default: { streams: { orders: { durable: true, fsync: 'on_commit' } } } } });
    broker = await setup.start();
    const publisher = await testClient('tls', broker);
    const ackPublish = await publishBatch(
      publisher,
      'orders',
      range(0, 100).map((i) => text(`r${i}`)),
      1n,
    );
    expect(ackPublish).toMatchObject({ status: 'ok' });
    let c = await testClient('tls', broker);
    const first = await join(c, 'orders', 'billing', { start: 'earliest', max_in_flight: 100 });
    expect(first.joined).toMatchObject({ committed_offset: 0, tail_offset: 100, created: true });
    const got: number[] = [];
    while (got.length < 100) got.push(...(await first.next()).offsets);
    expect(got).toEqual(range(0, 100));
    expect(await ack(c, first.id, [0, 39, 60, 69], 1)).toEqual({ type: 'group_acked', request_id: 1 });
    expect(await ack(c, first.id, [85, 85], 2)).toEqual({ type: 'group_acked', request_id: 2 });
    expect(await broker.stop('SIGKILL')).toBeNull();

    broker = await setup.start();
    c = await testClient('tls', broker);
    const again = await join(c, 'orders', 'billing', { max_in_flight: 100 });
    expect(again.joined).toMatchObject({ committed_offset: 40, tail_offset: 100, created: false });
    const unacked = [...range(40, 60), ...range(70, 85), ...range(86, 100)];
    const batches: Batch[] = [];
    let seen = 0;
    while (seen < unacked.length) {
      const batch = await again.next();
      batches.push(batch);
      seen += batch.offsets.length;
    }
    expect(batches.flatMap((b) => b.offsets)).toEqual(unacked);
    expect(batches.flatMap((b) => b.texts)).toEqual(unacked.map((i) => `r${i}`));
    // Acknowledged after the restart, and kept across a clean stop too.
    expect(await ack(c, again.id, [40, 99], 3)).toEqual({ type: 'group_acked', request_id: 3 });
    // A drain with the consumer still joined ends its event stream and stops in good order.
    expect(await broker.stop()).toBe(0);
    await again.events.closed();
    c.close();

    broker = await setup.start();
    c = await testClient('tls', broker);
    const third = await join(c, 'orders', 'billing');
    expect(third.joined).toMatchObject({ committed_offset: 100, tail_offset: 100, created: false });
    c.close();
  });
});
