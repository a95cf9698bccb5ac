import { metricValue } from '@felix/testkit';
import { describe, expect, it } from 'vitest';
import { BrokerState } from '../src/core/broker-state.js';
import { cacheScopeKey } from '../src/core/cache-store.js';
import { MEMORY_POOLS } from '../src/core/memory-budget.js';
import { SubscriberQueue } from '../src/core/subscriber-queue.js';
import type { TopicSubscriber } from '../src/core/topic.js';
import { eventBatchEncoder } from '../src/protocol/event-frames.js';
import type { Authenticator } from '../src/service/authenticator.js';
import { DEFAULT_CONFIG } from '../src/service/config.js';
import { createLogger } from '../src/service/logger.js';

function brokerState(): BrokerState {
  const config = { ...DEFAULT_CONFIG, autoCreate: true, memoryBudgetBytes: 64 * 1024 * 1024 };
  return new BrokerState(config, createLogger('silent'), {} as Authenticator);
}

function subscriber(): TopicSubscriber {
  return {
    encoder: eventBatchEncoder(true),
    queue: new SubscriberQueue(1 << 20, 'drop_new'),
    liveFrom: 0,
    wake() {},
    overflow() {},
  };
}

async function poolGauges(state: BrokerState): Promise<Record<string, number | undefined>> {
  const text = await state.metrics.registry.metrics();
  return Object.fromEntries(
    MEMORY_POOLS.map((pool) => [pool, metricValue(text, 'felix_memory_pool_used_bytes', { pool })]),
  );
}

describe('BrokerState memory', () => {
  it('charges streams, subscriptions and the cache, shows it on scrape, and gives it all back', async () => {
    const state = brokerState();
    const subscribers: [string, TopicSubscriber][] = [];
    for (let i = 0; i < 20; i++) {
      const stream = `s${i}`;
      const sub = subscriber();
      state.topic('t1', 'default', stream).add(sub);
      subscribers.push([stream, sub]);
      state.topic('t1', 'default', stream).publish([new Uint8Array(1000)]);
      state.cache.put(cacheScopeKey('t1', 'default', 'c', `k${i}`), new Uint8Array(100));
    }
    state.flushAll();
    const { memory } = state;
    for (const pool of ['streams', 'subscribers', 'cache'] as const) expect(memory.usedBy(pool)).toBeGreaterThan(0);
    expect(await poolGauges(state)).toMatchObject({
      streams: memory.usedBy('streams'),
      subscribers: memory.usedBy('subscribers'),
      cache: memory.usedBy('cache'),
    });
    for (const [stream, sub] of subscribers) state.topic('t1', 'default', stream).remove(sub);
    expect(memory.usedBy('subscribers')).toBe(0);
    state.close();
    expect(memory.usedBytes).toBe(0);
    expect(await poolGauges(state)).toMatchObject({ streams: 0, subscribers: 0, cache: 0 });
  });
});
