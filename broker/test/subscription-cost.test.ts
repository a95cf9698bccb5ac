// The charge for an event stream: what it takes from the subscribers pool, when it refuses, and
// that it is given back once.
import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import {
  chargeEventStream,
  EVENT_STREAM_BYTES,
  eventStreamBytes,
  eventStreamRefusal,
  QUEUE_RESERVE_SHARE,
} from '../src/core/subscription-cost.js';

const shares = { streams: 0, subscribers: 1, cache: 0, receiving: 0, answers: 0 };

describe('chargeEventStream', () => {
  it('charges the carrier stream to the subscribers pool until released, once', () => {
    const memory = new MemoryBudget(10 * 1024 * 1024, shares);
    const charge = chargeEventStream(memory, 'quic')!;
    expect(charge.bytes).toBe(EVENT_STREAM_BYTES.quic);
    expect(memory.usedBy('subscribers')).toBe(EVENT_STREAM_BYTES.quic);
    memory.charge('subscribers', 100);
    charge.release();
    charge.release();
    expect(memory.usedBy('subscribers')).toBe(100);
  });

  it('refuses once the pool has no room beyond its reserve for queued frames', () => {
    const bytes = EVENT_STREAM_BYTES.tls;
    const cap = 40 * bytes;
    const memory = new MemoryBudget(cap, shares);
    const fits = Math.floor((cap - Math.floor(cap * QUEUE_RESERVE_SHARE)) / bytes);
    for (let i = 0; i < fits; i++) expect(chargeEventStream(memory, 'tls')).toBeDefined();
    expect(chargeEventStream(memory, 'tls')).toBeUndefined();
    expect(memory.usedBy('subscribers')).toBe(fits * bytes);
    expect(eventStreamRefusal(memory, 'tls')).toMatch(
      /subscribers pool holds \d+ of \d+ bytes.*FELIX_MEMORY_BUDGET_BYTES/,
    );
  });

  it('charges a carrier it has no figure for as the costliest', () => {
    expect(eventStreamBytes('carrier-pigeon')).toBe(Math.max(...Object.values(EVENT_STREAM_BYTES)));
    expect(eventStreamBytes('webtransport')).toBe(EVENT_STREAM_BYTES.webtransport);
  });
});
