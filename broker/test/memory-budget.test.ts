import { describe, expect, it } from 'vitest';
import { MemoryBudget } from '../src/core/memory-budget.js';

const shares = { streams: 0.5, subscribers: 0.5, cache: 0.5, receiving: 0.1, answers: 0.1 };

describe('MemoryBudget', () => {
  it('refuses a charge over the pool cap', () => {
    const budget = new MemoryBudget(1000, shares);
    expect(budget.cap('receiving')).toBe(100);
    expect(budget.tryCharge('receiving', 60)).toBe(true);
    expect(budget.tryCharge('receiving', 41)).toBe(false);
    expect(budget.tryCharge('receiving', 40)).toBe(true);
    expect(budget.usedBy('receiving')).toBe(100);
  });

  it('refuses a charge over the whole budget even when the pool has room', () => {
    const budget = new MemoryBudget(1000, shares);
    expect(budget.tryCharge('streams', 500)).toBe(true);
    expect(budget.tryCharge('subscribers', 450)).toBe(true);
    expect(budget.room('cache')).toBe(50);
    expect(budget.tryCharge('cache', 51)).toBe(false);
    budget.release('streams', 100);
    expect(budget.tryCharge('cache', 51)).toBe(true);
  });

  it('counts forced charges and reports being over budget until released', () => {
    const budget = new MemoryBudget(100, shares);
    budget.charge('receiving', 150);
    expect(budget.overBudget).toBe(true);
    expect(budget.room('streams')).toBe(0);
    budget.release('receiving', 150);
    expect(budget.overBudget).toBe(false);
    expect(budget.usedBytes).toBe(0);
  });

  it('never releases below zero', () => {
    const budget = new MemoryBudget(100, shares);
    budget.charge('cache', 10);
    budget.release('cache', 30);
    expect(budget.usedBy('cache')).toBe(0);
    expect(budget.usedBytes).toBe(0);
  });

  it('rejects a budget that is not positive', () => {
    expect(() => new MemoryBudget(0)).toThrow(RangeError);
  });
});
