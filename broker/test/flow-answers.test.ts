// Answers waiting for the carrier: charged to the `answers` pool as the carrier holds them and
// given back as it sends them, a session over its bound told to stop reading, and one that
// stays over it without draining at the floor reported stuck.
import type { ByteSink } from '@felix/transport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';
import { AnswerPool, SessionAnswers } from '../src/protocol/flow/answers.js';

const KiB = 1024;
const shares = { streams: 0, subscribers: 0, cache: 0, receiving: 0.5, answers: 0.5 };
const limits = { boundBytes: 100 * KiB, windowMs: 1000, bytesPerSecond: 10 * KiB };

/** A carrier whose queued bytes the test moves by hand: `send(n)` is the network taking n. */
function carrier() {
  let buffered = 0;
  const waiters: (() => void)[] = [];
  const sink: ByteSink = {
    write: (chunk) => {
      buffered += chunk.length;
      return buffered < 64 * KiB;
    },
    drained: () => (buffered < 16 * KiB ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    get bufferedBytes() {
      return buffered;
    },
    end: async () => {},
    reset: () => {
      buffered = 0;
    },
  };
  const send = (n: number) => {
    buffered = Math.max(0, buffered - n);
    if (buffered < 16 * KiB) for (const w of waiters.splice(0)) w();
  };
  return { sink, send };
}

function session(budget: MemoryBudget, pool = new AnswerPool(budget)) {
  const stuck: number[] = [];
  const answers = new SessionAnswers(pool, limits, (queued) => stuck.push(queued));
  return { answers, stuck, pool };
}

describe('SessionAnswers', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('charges what the carrier holds and gives it back as it is sent, to 0', () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers } = session(budget);
    const c = carrier();
    const sink = answers.track(c.sink);
    sink.write(new Uint8Array(30 * KiB));
    sink.write(new Uint8Array(20 * KiB));
    expect(budget.usedBy('answers')).toBe(50 * KiB);
    c.send(45 * KiB);
    answers.settle();
    expect(budget.usedBy('answers')).toBe(5 * KiB);
    c.send(5 * KiB);
    answers.settle();
    expect(budget.usedBy('answers')).toBe(0);
    answers.close();
  });

  it('gives back everything on close, even what the carrier never sent', () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers } = session(budget);
    const a = answers.track(carrier().sink);
    const b = answers.track(carrier().sink);
    a.write(new Uint8Array(70 * KiB));
    b.write(new Uint8Array(70 * KiB));
    expect(budget.usedBy('answers')).toBe(140 * KiB);
    answers.close();
    expect(budget.usedBy('answers')).toBe(0);
    a.write(new Uint8Array(10)); // after close, nothing is charged
    expect(budget.usedBy('answers')).toBe(0);
  });

  it('forgets a retired stream once its carrier has sent everything', () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers } = session(budget);
    const c = carrier();
    const sink = answers.track(c.sink);
    sink.write(new Uint8Array(10 * KiB));
    answers.retire(sink);
    expect(answers.queuedBytes).toBe(10 * KiB);
    c.send(10 * KiB);
    answers.settle();
    expect(answers.queuedBytes).toBe(0);
    expect(budget.usedBy('answers')).toBe(0);
    answers.close();
  });

  it('says wait over the bound, and room once the carrier drains', async () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers } = session(budget);
    const c = carrier();
    const sink = answers.track(c.sink);
    sink.write(new Uint8Array(99 * KiB));
    expect(answers.mustWait).toBe(false);
    sink.write(new Uint8Array(2 * KiB));
    expect(answers.mustWait).toBe(true);
    let free = false;
    const room = answers.room().then(() => {
      free = true;
    });
    await vi.advanceTimersByTimeAsync(100);
    expect(free).toBe(false);
    c.send(90 * KiB);
    await vi.advanceTimersByTimeAsync(100);
    await room;
    expect(free).toBe(true);
    answers.close();
  });

  it('does not spin on a carrier that says drained while another holds the session over its bound', async () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers } = session(budget);
    answers.track(carrier().sink).write(new Uint8Array(200 * KiB));
    const small = carrier();
    let drainedCalls = 0;
    const drained = small.sink.drained.bind(small.sink);
    small.sink.drained = () => {
      // A spinning wait never yields to timers: this ends it, so the test fails instead of hanging.
      if (++drainedCalls > 1000) throw new Error('spinning');
      return drained();
    };
    answers.track(small.sink).write(new Uint8Array(1 * KiB));
    const waiting = answers.room().catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(500);
    // One look per recheck, not one per microtask.
    expect(drainedCalls).toBeGreaterThan(0);
    expect(drainedCalls).toBeLessThanOrEqual(11);
    answers.close();
    await vi.advanceTimersByTimeAsync(100);
    expect(await waiting).toBeUndefined();
  });

  it('says wait to every session while the pool is full, and room when another session closes', async () => {
    // A 200 KiB answers pool: two sessions at 100 KiB each fill it.
    const budget = new MemoryBudget(400 * KiB, shares);
    const pool = new AnswerPool(budget);
    const a = session(budget, pool);
    const b = session(budget, pool);
    const idle = session(budget, pool);
    a.answers.track(carrier().sink).write(new Uint8Array(100 * KiB));
    b.answers.track(carrier().sink).write(new Uint8Array(100 * KiB));
    expect(pool.full).toBe(true);
    expect(idle.answers.mustWait).toBe(true);
    const room = idle.answers.room();
    a.answers.close();
    await vi.advanceTimersByTimeAsync(100);
    await room;
    expect(idle.answers.mustWait).toBe(false);
    b.answers.close();
    idle.answers.close();
    expect(budget.usedBy('answers')).toBe(0);
  });

  it('reports a session stuck over its bound after a window without draining at the floor', async () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers, stuck } = session(budget);
    const c = carrier();
    answers.track(c.sink).write(new Uint8Array(200 * KiB));
    // The floor asks 10 KiB per 1 s window.
    await vi.advanceTimersByTimeAsync(500);
    c.send(11 * KiB);
    await vi.advanceTimersByTimeAsync(500);
    expect(stuck).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stuck).toEqual([189 * KiB]);
    answers.close();
    expect(budget.usedBy('answers')).toBe(0);
  });

  it('does not hold a session back that is over its bound for a moment, then under it', async () => {
    const budget = new MemoryBudget(10 * 1024 * KiB, shares);
    const { answers, stuck } = session(budget);
    const c = carrier();
    const sink = answers.track(c.sink);
    sink.write(new Uint8Array(200 * KiB));
    c.send(150 * KiB);
    answers.settle();
    await vi.advanceTimersByTimeAsync(5000);
    expect(stuck).toEqual([]);
    answers.close();
  });
});
