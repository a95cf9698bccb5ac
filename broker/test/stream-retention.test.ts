import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { StreamLog } from '../src/core/stream-log.js';
import { StreamRetention } from '../src/core/stream-retention.js';

const MiB = 1024 * 1024;
const shares = { streams: 1, subscribers: 0, cache: 0, receiving: 0, answers: 0 };
const roomy = { maxRecords: 1_000_000, maxBytes: 1 << 30 };

/** A record whose bytes all say which offset it has, so a read can be checked. */
const record = (offset: number, size: number) => new Uint8Array(size).fill(offset % 251);

function intact(log: StreamLog): boolean {
  const { baseOffset, payloads } = log.read(log.earliest, log.retainedRecords);
  return baseOffset === log.earliest && payloads.every((p, k) => p.every((b) => b === (baseOffset + k) % 251));
}

function pool(bytes: number) {
  const memory = new MemoryBudget(bytes, shares);
  return { memory, retention: new StreamRetention(memory) };
}

describe('StreamRetention', () => {
  it('evicts the busiest stream’s oldest records when the pool is full; quiet streams keep theirs', () => {
    const { memory, retention } = pool(MiB);
    const quiet = Array.from({ length: 50 }, () => new StreamLog(roomy, retention));
    for (const log of quiet) log.append([record(0, 100)]);
    const busy = new StreamLog(roomy, retention);
    for (let i = 0; i < 5000; i++) busy.append([record(i, 1000)]);
    expect(busy.tail).toBe(5000);
    expect(busy.earliest).toBeGreaterThan(0);
    expect(intact(busy)).toBe(true);
    expect(retention.stats.evictedRecords).toBe(busy.earliest);
    for (const log of quiet) expect([log.earliest, log.retainedRecords]).toEqual([0, 1]);
    expect(memory.usedBy('streams')).toBeLessThanOrEqual(memory.cap('streams'));
  });

  it('shares the pool between busy streams instead of emptying one', () => {
    const { memory, retention } = pool(4 * MiB);
    const a = new StreamLog(roomy, retention);
    const b = new StreamLog(roomy, retention);
    for (let i = 0; i < 20_000; i++) {
      a.append([record(i, 500)]);
      b.append([record(i, 500)]);
    }
    expect(memory.usedBy('streams')).toBeLessThanOrEqual(4 * MiB);
    expect(Math.abs(a.slabBytes - b.slabBytes)).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(a.retainedRecords).toBeGreaterThan(2000);
    expect(intact(a) && intact(b)).toBe(true);
  });

  it('keeps the pool’s charge equal to what the logs hold under random load, and within its cap', () => {
    const { memory, retention } = pool(2 * MiB);
    const logs = Array.from(
      { length: 8 },
      (_, i) => new StreamLog({ maxRecords: 50 + i * 400, maxBytes: MiB }, retention),
    );
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 3000; step++) {
      const log = logs[random(logs.length)]!;
      const size = random(10) === 0 ? 70_000 + random(50_000) : random(3000);
      const batch = Array.from({ length: 1 + random(5) }, (_, k) => record(log.tail + k, size));
      log.append(batch);
      expect(memory.usedBy('streams')).toBe(logs.reduce((n, l) => n + l.memoryBytes, 0));
      expect(memory.usedBy('streams')).toBeLessThanOrEqual(memory.cap('streams'));
    }
    expect(logs.every(intact)).toBe(true);
    for (const log of logs) log.close();
    expect(memory.usedBy('streams')).toBe(0);
  });

  it('charges what it cannot evict anyway, so publishing never stops, and shows it over budget', () => {
    const { memory, retention } = pool(64 * 1024);
    const logs = Array.from({ length: 40 }, () => new StreamLog(roomy, retention));
    // Forty fixed parts exceed the pool: nothing to evict for them, so the budget shows over.
    expect(memory.overBudget).toBe(true);
    logs[0]!.append([record(0, 1000)]);
    logs[0]!.append([record(1, 1000)]);
    expect(logs[0]!.tail).toBe(2);
    for (const log of logs) log.close();
    expect(memory.usedBytes).toBe(0);
    expect(memory.overBudget).toBe(false);
  });
});
