// The admin requests for consumer groups (list with lag, reset a cursor) with their rights, and
// the per-group metrics.
import {
  type BrokerProcess,
  metricValue,
  mintTestToken,
  scrapeMetrics,
  startBrokerProcess,
  testClient,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ack, join, publish, range } from './helpers.js';

let broker: BrokerProcess;

beforeAll(async () => {
  broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_AUTO_CREATE: 'true', FELIX_LOG_LEVEL: 'info' });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

const base = () => `http://127.0.0.1:${broker.httpPort}/admin/tenants/t1/namespaces/default/streams`;

async function list(stream: string, token = broker.token) {
  const res = await fetch(`${base()}/${stream}/groups`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

async function reset(stream: string, group: string, body: unknown, token = broker.token) {
  const res = await fetch(`${base()}/${stream}/groups/${encodeURIComponent(group)}/reset`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

describe('group admin', () => {
  it('lists groups with their lag and resets a cursor, each with its right', async () => {
    const publisher = await testClient('tls', broker);
    await publish(publisher, 'ledger', range(0, 30).map(String));
    const c = await testClient('tls', broker);
    const consumer = await join(c, 'ledger', 'billing', { start: 'earliest', max_in_flight: 10, ack_wait_ms: 60_000 });
    await consumer.next();
    await ack(c, consumer.id, [0, 4], 1);
    // Room for five more.
    expect(await consumer.next()).toMatchObject({ base: 10, offsets: range(10, 15) });
    expect(await list('ledger')).toEqual({
      status: 200,
      body: [
        {
          group: 'billing',
          committed_offset: 5,
          tail_offset: 30,
          lag: 25,
          in_flight: 10,
          consumers: 1,
          redeliveries: 0,
          dead_letters: 0,
        },
      ],
    });
    const metrics = await scrapeMetrics(broker.httpPort);
    const labels = { tenant: 't1', namespace: 'default', stream: 'ledger', group: 'billing' };
    expect(metricValue(metrics, 'felix_group_lag', labels)).toBe(25);
    expect(metricValue(metrics, 'felix_group_in_flight', labels)).toBe(10);
    expect(metricValue(metrics, 'felix_groups')).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics, 'felix_group_consumers')).toBeGreaterThanOrEqual(1);

    // Reading needs the right to subscribe; resetting the manage right.
    const reader = await mintTestToken(broker, { permissions: ['stream.subscribe:stream:t1/default/ledger'] });
    expect((await list('ledger', reader)).status).toBe(200);
    const forbidden = await reset('ledger', 'billing', { position: 'latest' }, reader);
    expect(forbidden).toEqual({ status: 403, body: 'forbidden: stream.manage on stream:t1/default/ledger\n' });
    expect((await list('ledger', 'not-a-token')).status).toBe(401);

    expect(await reset('ledger', 'billing', { offset: 20 })).toEqual({
      status: 200,
      body: { group: 'billing', committed_offset: 20 },
    });
    // What was in flight is forgotten: the consumer gets records from 20 on, as first deliveries.
    await ack(c, consumer.id, [5, 9], 2);
    expect(await consumer.next()).toMatchObject({ base: 20, deliveryCount: 1 });
    expect(broker.output()).toMatch(/consumer group \\?"billing\\?" reset to offset 20/);
    expect((await reset('ledger', 'billing', { position: 'earliest' })).body).toEqual({
      group: 'billing',
      committed_offset: 0,
    });

    expect((await reset('ledger', 'billing', { offset: 99 })).status).toBe(400);
    expect((await reset('ledger', 'billing', { position: 'middle' })).status).toBe(400);
    expect((await reset('ledger', 'nobody', { offset: 0 })).status).toBe(404);
    expect((await list('missing')).status).toBe(404);
    expect((await list('ledger%2F')).status).toBe(400);
    const wrongMethod = await fetch(`${base()}/ledger/groups`, { method: 'POST' });
    expect(wrongMethod.status).toBe(405);
    for (const client of [publisher, c]) client.close();
  });
});
