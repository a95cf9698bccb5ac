// The committed cursor and the acknowledged set above it, checked against a plain set of
// offsets under random acks, retention skips and resets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AckedOffsets, rangePairsProblem } from '../../src/queues/acked-offsets.js';

describe('AckedOffsets', () => {
  it('moves the cursor only when its hole is filled, then over every range behind it', () => {
    const a = new AckedOffsets(10);
    expect(a.add(12, 14)).toBe(0);
    expect(a.add(16, 16)).toBe(0);
    expect(a.pairs()).toEqual([12, 14, 16, 16]);
    expect(a.add(11, 11)).toBe(0);
    expect(a.pairs()).toEqual([11, 14, 16, 16]);
    expect(a.add(10, 10)).toBe(5);
    expect(a.committed).toBe(15);
    expect(a.pairs()).toEqual([16, 16]);
    expect(a.add(3, 15)).toBe(2);
    expect(a.committed).toBe(17);
    expect(a.pairs()).toEqual([]);
  });

  it('skips to a retention bound, keeping what lies above it', () => {
    const a = new AckedOffsets(0);
    a.addPairs([2, 3, 6, 9, 20, 20]);
    a.skipTo(7);
    expect(a.committed).toBe(10);
    expect(a.pairs()).toEqual([20, 20]);
    a.reset(4);
    expect(a.committed).toBe(4);
    expect(a.has(3)).toBe(true);
    expect(a.has(20)).toBe(false);
  });

  it('agrees with a set of offsets under any sequence of acks', () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.array(fc.tuple(fc.nat(60), fc.nat(6)), { maxLength: 40 }),
        fc.option(fc.nat(70)),
        (start, acks, skip) => {
          const a = new AckedOffsets(start);
          const done = new Set<number>();
          for (const [first, length] of acks) {
            a.add(first, first + length);
            for (let o = first; o <= first + length; o++) done.add(o);
          }
          if (skip !== null) {
            a.skipTo(skip);
            for (let o = 0; o < skip; o++) done.add(o);
          }
          let cursor = start;
          while (done.has(cursor)) cursor++;
          expect(a.committed).toBe(Math.max(cursor, skip ?? 0));
          const pairs = a.pairs();
          const above = new Set<number>();
          for (let i = 0; i < pairs.length; i += 2) {
            expect(pairs[i]).toBeLessThanOrEqual(pairs[i + 1]);
            if (i > 0) expect(pairs[i]).toBeGreaterThan(pairs[i - 1] + 1);
            for (let o = pairs[i]; o <= pairs[i + 1]; o++) above.add(o);
          }
          for (let o = a.committed; o < 100; o++) expect(above.has(o)).toBe(done.has(o));
          for (let o = 0; o < 100; o++) expect(a.has(o)).toBe(o < a.committed || done.has(o));
        },
      ),
    );
  });

  it('names what is wrong with ranges', () => {
    expect(rangePairsProblem([1, 2, 5])).toMatch(/holds 3 offsets; it takes pairs/);
    expect(rangePairsProblem([1, 2, 9, 5])).toMatch(/pair 1 starts at 9, after its last offset 5/);
    expect(rangePairsProblem([1, 1, 4, 9])).toBeUndefined();
  });
});
