// Frames being received: reservations in the `receiving` pool from their header on, waits
// while it is full, and the per-window rate floor that closes a stalled frame's stream.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { MinimumRate } from '../src/protocol/flow/minimum-rate.js';
import { FrameReceipt, ReceivingPool, SMALL_FRAME_BYTES } from '../src/protocol/flow/receiving.js';

const MiB = 1024 * 1024;
// 10 MiB of receiving pool in a budget whose other pools are out of the way.
const shares = { streams: 0, subscribers: 0, cache: 0, receiving: 0.5, answers: 0.5 };
const floor = { windowMs: 1000, bytesPerSecond: 64 * 1024 };

function receipt(pool: ReceivingPool) {
  const events = { waited: [] as number[], stalled: [] as [number, number | undefined][] };
  const r = new FrameReceipt(pool, floor, {
    waited: (size) => events.waited.push(size),
    stalled: (size, received) => events.stalled.push([size, received]),
  });
  return { r, events };
}

describe('FrameReceipt and ReceivingPool', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('charges a frame from its header and gives it back at its end, to 0', () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const { r } = receipt(pool);
    expect(r.begin(3 * MiB)).toBeUndefined();
    expect(budget.usedBy('receiving')).toBe(3 * MiB);
    r.reading(1000);
    r.end();
    expect(budget.usedBy('receiving')).toBe(0);
    r.end(); // a second end gives nothing back twice
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('holds a frame that does not fit until another is released, in arrival order', async () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const a = receipt(pool);
    const b = receipt(pool);
    const c = receipt(pool);
    expect(a.r.begin(8 * MiB)).toBeUndefined();
    const bAdmitted = b.r.begin(4 * MiB);
    const cAdmitted = c.r.begin(2 * MiB);
    expect(bAdmitted).toBeInstanceOf(Promise);
    // c would fit, but b is first in line.
    expect(cAdmitted).toBeInstanceOf(Promise);
    expect(b.events.waited).toEqual([4 * MiB]);
    expect(budget.usedBy('receiving')).toBe(8 * MiB);
    a.r.end();
    await bAdmitted;
    await cAdmitted;
    expect(budget.usedBy('receiving')).toBe(6 * MiB);
    b.r.end();
    c.r.end();
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('lets a small frame in even when the pool is full', () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const big = receipt(pool);
    big.r.begin(10 * MiB);
    const small = receipt(pool);
    expect(small.r.begin(SMALL_FRAME_BYTES)).toBeUndefined();
    expect(budget.usedBy('receiving')).toBe(10 * MiB + SMALL_FRAME_BYTES);
    small.r.end();
    big.r.end();
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('receives a frame larger than the whole pool alone, once the pool is empty', async () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const other = receipt(pool);
    other.r.begin(1 * MiB);
    const huge = receipt(pool);
    const admitted = huge.r.begin(16 * MiB);
    expect(admitted).toBeInstanceOf(Promise);
    other.r.end();
    await admitted;
    expect(budget.usedBy('receiving')).toBe(16 * MiB);
    huge.r.end();
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('refuses a frame that waits a whole window for room, leaving nothing charged or waiting', async () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const holder = receipt(pool);
    holder.r.begin(8 * MiB);
    holder.r.reading(0);
    const waiting = receipt(pool);
    const admitted = waiting.r.begin(4 * MiB);
    expect(admitted).toBeInstanceOf(Promise);
    // The holder keeps to the floor, so it stays; the one behind it is not let in within the window.
    vi.advanceTimersByTime(500);
    holder.r.reading(1 * MiB);
    vi.advanceTimersByTime(500);
    expect(waiting.events.stalled).toEqual([[4 * MiB, undefined]]);
    expect(holder.events.stalled).toEqual([]);
    await admitted;
    expect(pool.waiting).toBe(0);
    holder.r.end();
    expect(budget.usedBy('receiving')).toBe(0);
    // Let in before its window ends, it is held to the rate floor only.
    holder.r.begin(8 * MiB);
    const next = receipt(pool);
    const nextAdmitted = next.r.begin(4 * MiB);
    vi.advanceTimersByTime(900);
    holder.r.end();
    await nextAdmitted;
    next.r.reading(0);
    vi.advanceTimersByTime(200);
    expect(next.events.stalled).toEqual([]);
    next.r.end();
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('gives up a waiting reservation when its stream goes, leaving nothing charged', async () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const a = receipt(pool);
    a.r.begin(10 * MiB);
    const b = receipt(pool);
    const admitted = b.r.begin(5 * MiB);
    b.r.dispose();
    await admitted;
    expect(pool.waiting).toBe(0);
    a.r.end();
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('closes a frame that trickles, and one that stalls half way, at a window’s end', () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const trickle = receipt(pool);
    trickle.r.begin(4 * MiB);
    trickle.r.reading(100);
    const fastThenStalled = receipt(pool);
    fastThenStalled.r.begin(4 * MiB);
    fastThenStalled.r.reading(100);
    // The first window asks 64 KiB (rate × window): the second frame brings 3 MiB.
    vi.advanceTimersByTime(500);
    trickle.r.reading(101);
    fastThenStalled.r.reading(3 * MiB);
    vi.advanceTimersByTime(500);
    expect(trickle.events.stalled).toEqual([[4 * MiB, 101]]);
    expect(fastThenStalled.events.stalled).toEqual([]);
    // The next window asks 64 KiB again, whatever came before.
    vi.advanceTimersByTime(1000);
    expect(fastThenStalled.events.stalled).toEqual([[4 * MiB, 3 * MiB]]);
    expect(budget.usedBy('receiving')).toBe(0);
  });

  it('lets a steady frame just above the floor through, and one that is nearly whole needs only its rest', () => {
    const budget = new MemoryBudget(20 * MiB, shares);
    const pool = new ReceivingPool(budget);
    const steady = receipt(pool);
    steady.r.begin(1 * MiB);
    let received = 0;
    steady.r.reading(received);
    for (let ms = 0; ms < 5000; ms += 100) {
      received += 7000; // 70,000 bytes/s against a floor of 65,536
      steady.r.reading(received);
      vi.advanceTimersByTime(100);
    }
    expect(steady.events.stalled).toEqual([]);
    steady.r.end();
    const nearlyWhole = receipt(pool);
    nearlyWhole.r.begin(1000);
    nearlyWhole.r.reading(990);
    vi.advanceTimersByTime(500);
    nearlyWhole.r.reading(1000 - 1);
    vi.advanceTimersByTime(600);
    // 9 of the 10 bytes left arrived: short of the rest, so behind.
    expect(nearlyWhole.events.stalled).toHaveLength(1);
  });
});

describe('MinimumRate', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never fires once stopped', () => {
    const behind = vi.fn();
    const rate = new MinimumRate(floor, () => ({ moved: 0, left: 100 }), behind);
    rate.run();
    rate.stop();
    vi.advanceTimersByTime(10_000);
    expect(behind).not.toHaveBeenCalled();
  });

  it('asks nothing of a window that opens with nothing left', () => {
    const behind = vi.fn();
    const rate = new MinimumRate(floor, () => ({ moved: 5, left: 0 }), behind);
    rate.run();
    vi.advanceTimersByTime(10_000);
    expect(behind).not.toHaveBeenCalled();
    rate.stop();
  });
});
