// Subscriptions under a small memory budget, against the real broker process: each one's carrier
// stream is charged to the subscribers pool, so past what the pool holds a subscribe is answered
// overloaded (naming the pool and FELIX_MEMORY_BUDGET_BYTES) while the subscriptions already
// made keep delivering; once they end their room is given back. A group consumer's event stream
// is charged and refused the same way.
import {
  type BrokerProcess,
  type CarrierName,
  type FrameInbox,
  metricValue,
  scrapeMetrics,
  startBrokerProcess,
  subscribe,
  testClient,
  waitForMetric,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POOL_SHARES } from '../../src/core/memory-budget.js';
import {
  eventStreamBytes,
  QUEUE_RESERVE_SHARE,
  SUBSCRIPTION_OVERHEAD_BYTES,
} from '../../src/core/subscription-cost.js';

/** The smallest budget the broker takes: its subscribers pool holds about 3.2 MiB. */
const BUDGET = 16 * 1024 * 1024;
const STREAM = 'demo';
const where = { tenant_id: 't1', namespace: 'default', stream: STREAM } as const;

/** Subscriptions the pool admits on `carrier` before the next is refused, by the charging rule. */
function admitted(carrier: CarrierName): number {
  const cap = Math.floor(BUDGET * DEFAULT_POOL_SHARES.subscribers);
  const needs = eventStreamBytes(carrier) + Math.floor(cap * QUEUE_RESERVE_SHARE);
  const each = eventStreamBytes(carrier) + SUBSCRIPTION_OVERHEAD_BYTES;
  return Math.floor((cap - needs) / each) + 1;
}

async function subscribersPool(broker: BrokerProcess) {
  const text = await scrapeMetrics(broker.httpPort);
  return {
    used: metricValue(text, 'felix_memory_pool_used_bytes', { pool: 'subscribers' }) ?? Number.NaN,
    cap: metricValue(text, 'felix_memory_pool_cap_bytes', { pool: 'subscribers' }) ?? Number.NaN,
    refusals: metricValue(text, 'felix_limit_refusals_total', { limit: 'memoryBudgetBytes' }) ?? 0,
  };
}

describe.each(['quic', 'tls'] as const)('subscriptions under a small memory budget over %s', (carrier) => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({
      FELIX_CARRIERS: carrier,
      FELIX_MEMORY_BUDGET_BYTES: String(BUDGET),
      FELIX_LOG_LEVEL: 'warn',
    });
  });
  afterAll(() => broker.stop());

  it('answers the subscribe past the pool overloaded; the earlier ones still deliver', async () => {
    const expected = admitted(carrier);
    const subscriber = await testClient(carrier, broker);
    const inboxes: FrameInbox[] = [];
    let refused: Awaited<ReturnType<typeof subscribe>>['reply'] | undefined;
    // Bounded well past the expected count, so a charge that never refuses fails here.
    for (let i = 0; i < 4 * expected && !refused; i++) {
      const { reply, events } = await subscribe(subscriber, STREAM, 'latest');
      if (events) inboxes.push(events);
      else refused = reply;
    }
    expect(inboxes.length).toBe(expected);
    expect(refused).toMatchObject({ type: 'error', code: 'overloaded', retry: 'retry_after' });
    const message = (refused as { message: string }).message;
    expect(message).toContain('subscribers pool');
    expect(message).toContain('FELIX_MEMORY_BUDGET_BYTES');
    expect(message).toContain(`a ${carrier} event stream takes ${eventStreamBytes(carrier)}`);

    const pool = await subscribersPool(broker);
    expect(pool.used).toBe(expected * (eventStreamBytes(carrier) + SUBSCRIPTION_OVERHEAD_BYTES));
    expect(pool.used).toBeLessThanOrEqual(pool.cap);
    expect(pool.refusals).toBe(1);

    // Every subscription made before the refusal gets what is published after it.
    const publisher = await testClient(carrier, broker);
    publisher.send({ type: 'publish', ...where, payload: new TextEncoder().encode('after'), request_id: 1 });
    expect(await publisher.control.next()).toEqual({ type: 'publish_ok', request_id: 1 });
    for (const events of inboxes) {
      const batch = await events.expect('binary_shared_event_batch');
      expect(batch.payloads.map((p) => new TextDecoder().decode(p))).toEqual(['after']);
    }

    // The session's end gives its subscriptions' room back: a new one is taken again.
    subscriber.close();
    await waitForMetric(broker.httpPort, 'felix_memory_pool_used_bytes', { pool: 'subscribers' }, (v) => v === 0);
    const { reply } = await subscribe(publisher, STREAM, 'latest');
    expect(reply.type).toBe('subscribed');
    publisher.close();
    await waitForMetric(broker.httpPort, 'felix_memory_pool_used_bytes', { pool: 'subscribers' }, (v) => v === 0);
  });

  it('charges a group consumer’s event stream like a subscription’s, and refuses it past the pool', async () => {
    const client = await testClient(carrier, broker);
    const join = () => client.send({ type: 'group_join', ...where, group: 'workers' });
    join();
    const joined = await client.control.next();
    expect(joined).toMatchObject({ type: 'group_joined', created: true });
    const pool = await subscribersPool(broker);
    expect(pool.used).toBeGreaterThanOrEqual(eventStreamBytes(carrier));
    // Fill the rest of the pool with subscriptions, then one more consumer does not fit.
    for (let i = 0; i < 4 * admitted(carrier); i++) {
      const { events } = await subscribe(client, STREAM, 'latest');
      if (!events) break;
    }
    join();
    const refused = await client.control.next();
    expect(refused).toMatchObject({ type: 'error', code: 'overloaded', retry: 'retry_after' });
    expect((refused as { message: string }).message).toContain('another group consumer');
    client.close();
    await waitForMetric(broker.httpPort, 'felix_memory_pool_used_bytes', { pool: 'subscribers' }, (v) => v === 0);
  });
});
