// Consumer groups over raw frames: joining, delivery in batches, acknowledgement, and the
// refusals the spec names.
import { type BrokerProcess, startBrokerProcess, testClient } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ack, join, publish, range } from './helpers.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_AUTO_CREATE: 'true' });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

describe('consumer groups', () => {
  it('deliver from the earliest record and take acknowledgements', async () => {
    const publisher = await testClient('tls', broker);
    expect(await publish(publisher, 'jobs', range(0, 10).map((i) => `j${i}`))).toMatchObject({ type: 'publish_ok' });
    const c = await testClient('tls', broker);
    expect(c.authReply).toMatchObject({ type: 'auth_ok' });
    const consumer = await join(c, 'jobs', 'workers', { start: 'earliest' });
    expect(consumer.joined).toMatchObject({ committed_offset: 0, tail_offset: 10, created: true });
    expect(consumer.joined.epoch).toBeGreaterThan(0);
    const batch = await consumer.next();
    expect(batch).toMatchObject({ base: 0, deliveryCount: 1, texts: range(0, 10).map((i) => `j${i}`) });
    expect(await ack(c, consumer.id, [0, 9], 7)).toEqual({ type: 'group_acked', request_id: 7 });
    // Records published later arrive too.
    await publish(publisher, 'jobs', ['late'], 2);
    expect(await consumer.next()).toMatchObject({ base: 10, deliveryCount: 1, texts: ['late'] });
    expect(await ack(c, consumer.id, [10, 10], 8)).toEqual({ type: 'group_acked', request_id: 8 });
    // A second join of the group finds it, its cursor past everything acknowledged.
    const again = await testClient('tls', broker);
    const second = await join(again, 'jobs', 'workers');
    expect(second.joined).toMatchObject({ committed_offset: 11, tail_offset: 11, created: false });
    for (const client of [publisher, c, again]) client.close();
  });
});
