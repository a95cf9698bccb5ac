// A group behind its stream's retention: the cursor moves past what the log dropped, and the
// records it never acknowledged are counted as skipped.
import { type BrokerProcess, metricValue, scrapeMetrics, startBrokerProcess, testClient } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, publish, range } from './helpers.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess({
    FELIX_CARRIERS: 'tls',
    FELIX_AUTO_CREATE: 'true',
    FELIX_STREAM_MAX_RECORDS: '5',
  });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

describe('a group behind retention', () => {
  it('moves its cursor past what the log dropped and counts it', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'short', ['a', 'b', 'c']);
    const c = await testClient('tls', broker);
    const first = await join(c, 'short', 'g', { start: 'earliest' });
    expect(await first.next()).toMatchObject({ base: 0, texts: ['a', 'b', 'c'] });
    c.send({ type: 'group_leave', consumer_id: first.id });
    await c.control.expect('ok');
    // 0-2 went back to the group, then 20 more records push all but the last 5 out of the log.
    await publish(
      publisher,
      'short',
      range(3, 23).map((i) => `r${i}`),
      2,
    );
    const second = await join(c, 'short', 'g');
    expect(await second.next()).toMatchObject({ base: 18, deliveryCount: 1, texts: range(18, 23).map((i) => `r${i}`) });
    const labels = { tenant: 't1', namespace: 'default', stream: 'short', group: 'g' };
    expect(metricValue(await scrapeMetrics(broker.httpPort), 'felix_group_records_skipped_total', labels)).toBe(18);
    for (const client of [publisher, c]) client.close();
  });
});
