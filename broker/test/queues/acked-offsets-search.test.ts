// Finding the next unacknowledged and acknowledged offsets, and counting acknowledged ones in a
// span, checked against a plain set of offsets.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AckedOffsets } from '../../src/queues/acked-offsets.js';

describe('AckedOffsets searches', () => {
  it('step over acknowledged ranges', () => {
    const a = new AckedOffsets(5);
    a.addPairs([7, 8, 12, 12]);
    expect(a.unackedFrom(0)).toBe(5);
    expect(a.unackedFrom(7)).toBe(9);
    expect(a.unackedFrom(12)).toBe(13);
    expect(a.nextAckedFrom(5)).toBe(7);
    expect(a.nextAckedFrom(9)).toBe(12);
    expect(a.nextAckedFrom(13)).toBe(Number.POSITIVE_INFINITY);
    expect(a.countIn(0, 20)).toBe(5 + 2 + 1);
    expect(a.countIn(8, 11)).toBe(1);
  });

  it('agree with a set of offsets', () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.array(fc.tuple(fc.nat(60), fc.nat(6)), { maxLength: 30 }),
        fc.nat(80),
        fc.nat(20),
        (start, acks, probe, span) => {
          const a = new AckedOffsets(start);
          for (const [first, length] of acks) a.add(first, first + length);
          const done = (o: number) => a.has(o);
          let unacked = probe;
          while (done(unacked)) unacked++;
          expect(a.unackedFrom(probe)).toBe(unacked);
          if (probe >= a.committed) {
            let acked = probe;
            while (acked < 200 && !done(acked)) acked++;
            expect(a.nextAckedFrom(probe)).toBe(acked === 200 ? Number.POSITIVE_INFINITY : acked);
          }
          let count = 0;
          for (let o = probe; o <= probe + span; o++) if (done(o)) count++;
          expect(a.countIn(probe, probe + span)).toBe(count);
        },
      ),
    );
  });
});
