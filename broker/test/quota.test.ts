import { describe, expect, it } from 'vitest';
import { isLease, type Lease, Quota } from '../src/core/quota.js';

function lease(grant: ReturnType<Quota['acquire']>): Lease {
  if (!isLease(grant)) throw new Error(`refused: ${grant}`);
  return grant;
}

describe('Quota', () => {
  it('grants up to the cap per key, says which cap refuses, and forgets a key once it holds nothing', () => {
    const q = new Quota({ total: 3, perKey: 2 });
    const a1 = lease(q.acquire('a'));
    lease(q.acquire('a'));
    expect(q.acquire('a')).toBe('per_key');
    const b1 = lease(q.acquire('b'));
    expect(q.acquire('c')).toBe('total');
    expect([q.total, q.keys, q.heldBy('a')]).toEqual([3, 2, 2]);
    b1.release();
    expect([q.total, q.keys]).toEqual([2, 1]);
    a1.release();
    expect(q.heldBy('a')).toBe(1);
    lease(q.acquire('c'));
    expect(q.total).toBe(2);
  });

  it('gives a lease back exactly once, however often it is released', () => {
    const q = new Quota({ perKey: 1 });
    const first = lease(q.acquire('a'));
    first.release();
    first.release();
    expect([q.total, q.keys]).toEqual([0, 0]);
    const second = lease(q.acquire('a'));
    first.release();
    expect(q.acquire('a')).toBe('per_key');
    second.release();
    expect(q.total).toBe(0);
  });

  it('counts units, for budgets in bytes', () => {
    const q = new Quota({ perKey: 100 });
    const big = lease(q.acquire('t1', 60));
    expect(q.acquire('t1', 41)).toBe('per_key');
    lease(q.acquire('t1', 40));
    big.release();
    expect(q.heldBy('t1')).toBe(40);
  });
});
