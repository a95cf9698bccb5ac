// The group ledger alone: which records it hands out and to whom, what acks, nacks, a
// consumer's end, ack-wait expiry, dead-lettering, retention and resets do to them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Delivery, GroupLedger, toPairs } from '../../src/queues/group-ledger.js';

const A = 1;
const B = 2;

/** Takes the next run (up to `max`) and leases all of it to `consumer`. */
function give(
  l: GroupLedger,
  consumer: number,
  max: number,
  tail: number,
  now = 0,
  ackWait = 1000,
): Delivery | undefined {
  const d = l.take(max, tail, now);
  if (d) l.lease(consumer, d, d.count, now + ackWait);
  return d;
}

describe('GroupLedger', () => {
  it('hands fresh records out once, and takes acks only from the consumer holding them', () => {
    const l = new GroupLedger(0, [], 5);
    expect(give(l, A, 10, 25)).toEqual({ base: 0, count: 10, deliveries: 1, redelivery: false });
    expect(give(l, B, 10, 25)).toEqual({ base: 10, count: 10, deliveries: 1, redelivery: false });
    expect(l.inFlight).toBe(20);
    expect(l.heldBy(A)).toBe(10);
    expect(l.ack(B, [0, 5])).toEqual([]);
    expect(l.ack(A, [3, 4, 10, 12])).toEqual([3, 4]);
    expect(l.committed).toBe(0);
    expect(l.ack(A, [0, 2, 5, 9])).toEqual([0, 2, 5, 9]);
    expect(l.committed).toBe(10);
    expect(l.ack(A, [0, 9])).toEqual([]);
    expect(l.heldBy(A)).toBe(0);
    expect(give(l, A, 10, 25)).toMatchObject({ base: 20, count: 5 });
    expect(l.take(10, 25, 0)).toBeUndefined();
  });

  it('hands back what an ended consumer held, apart from fresh records and run by run', () => {
    const l = new GroupLedger(0, [], 5);
    give(l, A, 4, 10);
    give(l, B, 2, 10);
    expect(l.ack(A, [1, 1])).toEqual([1, 1]);
    expect(l.releaseAll(A, 0)).toEqual({ released: 3, exhausted: [] });
    // 0, then 2-3 (1 is done): two runs, each a redelivery, before any fresh record.
    expect(give(l, B, 10, 10)).toEqual({ base: 0, count: 1, deliveries: 2, redelivery: true });
    expect(give(l, B, 10, 10)).toEqual({ base: 2, count: 2, deliveries: 2, redelivery: true });
    expect(give(l, B, 10, 10)).toEqual({ base: 6, count: 4, deliveries: 1, redelivery: false });
  });

  it('puts back the part of a redelivery run that was not delivered', () => {
    const l = new GroupLedger(0, [], 5);
    give(l, A, 6, 6);
    l.releaseAll(A, 0);
    const d = l.take(10, 6, 0)!;
    expect(d).toMatchObject({ base: 0, count: 6, redelivery: true });
    l.lease(B, d, 2, 1000);
    expect(l.take(10, 6, 0)).toMatchObject({ base: 2, count: 4, deliveries: 2 });
  });

  it('holds nacked records back for their delay, and splits runs by delivery count', () => {
    const l = new GroupLedger(0, [], 5);
    give(l, A, 4, 4, 0);
    expect(l.nack(A, [0, 1], 500, 0)).toEqual({ released: 2, exhausted: [] });
    expect(l.nextWakeAt()).toBe(500);
    expect(l.take(10, 4, 499)).toBeUndefined();
    const again = give(l, A, 1, 4, 500);
    expect(again).toMatchObject({ base: 0, count: 1, deliveries: 2 });
    l.nack(A, [0, 0], 0, 600);
    l.nack(A, [1, 3], 0, 600);
    // 0 has been delivered twice, 1 once, 2-3 once.
    expect(l.take(10, 4, 600)).toMatchObject({ base: 0, count: 1, deliveries: 3 });
    expect(l.take(10, 4, 600)).toMatchObject({ base: 1, count: 3, deliveries: 2 });
  });

  it('expires leases whose ack wait is over, not those acknowledged or delivered again since', () => {
    const l = new GroupLedger(0, [], 5);
    give(l, A, 3, 3, 0, 100);
    l.ack(A, [1, 1]);
    l.nack(A, [2, 2], 0, 50);
    give(l, A, 10, 3, 60, 100);
    expect(l.nextWakeAt()).toBe(100);
    expect(l.expire(100)).toEqual({ released: 1, exhausted: [] });
    expect(l.take(10, 3, 100)).toMatchObject({ base: 0, count: 1, deliveries: 2 });
    expect(l.expire(160)).toEqual({ released: 1, exhausted: [] });
  });

  it('parks a record that had its max deliveries until it is a dead letter, then counts it done', () => {
    const l = new GroupLedger(0, [], 2);
    give(l, A, 2, 2);
    l.ack(A, [0, 0]);
    l.nack(A, [1, 1], 0, 0);
    give(l, A, 1, 2);
    expect(l.nack(A, [1, 1], 0, 0)).toEqual({ released: 1, exhausted: [{ offset: 1, deliveries: 2 }] });
    expect(l.take(10, 2, 0)).toBeUndefined();
    expect(l.committed).toBe(1);
    expect(l.deadLettered(1)).toBe(true);
    expect(l.committed).toBe(2);
    expect(l.deadLettered(1)).toBe(false);
  });

  it('skips what retention dropped, counting the records never acknowledged', () => {
    const l = new GroupLedger(0, [], 5);
    give(l, A, 2, 10);
    give(l, B, 2, 10);
    l.releaseAll(B, 0);
    expect(l.skipLost(6)).toBe(2 + 2);
    expect(l.committed).toBe(6);
    // A's leases end quietly: behind the cursor they are done with.
    expect(l.releaseAll(A, 0)).toEqual({ released: 2, exhausted: [] });
    expect(l.take(10, 10, 0)).toMatchObject({ base: 6, count: 4, redelivery: false });
  });

  it('goes on past what a restart found acknowledged', () => {
    const l = new GroupLedger(5, [7, 8, 12, 12], 5);
    expect(give(l, A, 10, 15)).toMatchObject({ base: 5, count: 2 });
    expect(give(l, A, 10, 15)).toMatchObject({ base: 9, count: 3 });
    expect(give(l, A, 10, 15)).toMatchObject({ base: 13, count: 2 });
    l.ack(A, [5, 6, 9, 11]);
    expect(l.committed).toBe(13);
  });

  it('forgets everything at a reset', () => {
    const l = new GroupLedger(0, [], 5);
    give(l, A, 5, 10);
    const generation = l.generation;
    l.reset(3);
    expect(l.generation).not.toBe(generation);
    expect(l.inFlight).toBe(0);
    expect(l.ack(A, [0, 9])).toEqual([]);
    expect(give(l, B, 10, 10)).toMatchObject({ base: 3, count: 7, deliveries: 1 });
  });

  it('never leases a record to two consumers, and ends with every record acknowledged', () => {
    type Op =
      | { op: 'give'; consumer: number; max: number }
      | { op: 'ack' | 'nack'; consumer: number; pick: number }
      | { op: 'end'; consumer: number }
      | { op: 'time'; ms: number };
    const consumer = fc.integer({ min: 1, max: 3 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ op: fc.constant('give' as const), consumer, max: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ op: fc.constantFrom('ack' as const, 'nack' as const), consumer, pick: fc.nat() }),
      fc.record({ op: fc.constant('end' as const), consumer }),
      fc.record({ op: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 300 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.array(op, { maxLength: 80 }), (tail, ops) => {
        const l = new GroupLedger(0, [], 3);
        const holder = new Map<number, { consumer: number; dueAt: number }>();
        const done = new Set<number>();
        let now = 0;
        const settle = (exhausted: { offset: number }[]) => {
          for (const { offset } of exhausted) {
            expect(l.deadLettered(offset)).toBe(true);
            done.add(offset);
          }
        };
        for (const o of ops) {
          if (o.op === 'time') {
            now += o.ms;
            settle(l.expire(now).exhausted);
            for (const [offset, lease] of [...holder]) if (lease.dueAt <= now) holder.delete(offset);
            continue;
          }
          if (o.op === 'give') {
            const d = l.take(o.max, tail, now);
            if (!d) continue;
            l.lease(o.consumer, d, d.count, now + 100);
            for (let i = 0; i < d.count; i++) {
              const offset = d.base + i;
              expect(holder.has(offset)).toBe(false);
              expect(done.has(offset)).toBe(false);
              holder.set(offset, { consumer: o.consumer, dueAt: now + 100 });
            }
          } else if (o.op === 'end') {
            settle(l.releaseAll(o.consumer, now).exhausted);
            for (const [offset, lease] of [...holder]) if (lease.consumer === o.consumer) holder.delete(offset);
          } else {
            const mine = [...holder].filter(([, lease]) => lease.consumer === o.consumer).map(([offset]) => offset);
            // What others hold is not this consumer's to settle.
            const theirs = [...holder].find(([, lease]) => lease.consumer !== o.consumer);
            if (theirs) expect(l.ack(o.consumer, [theirs[0], theirs[0]])).toEqual([]);
            if (mine.length === 0) continue;
            const offset = mine[o.pick % mine.length];
            if (o.op === 'ack') {
              expect(l.ack(o.consumer, [offset, offset])).toEqual([offset, offset]);
              done.add(offset);
            } else {
              settle(l.nack(o.consumer, [offset, offset], 0, now).exhausted);
            }
            holder.delete(offset);
          }
          let held = 0;
          for (const c of [1, 2, 3]) held += l.heldBy(c);
          expect(held).toBe(holder.size);
        }
        // Everyone ends; one consumer then takes and acknowledges whatever is left.
        for (const c of [1, 2, 3]) settle(l.releaseAll(c, now).exhausted);
        for (let d = l.take(100, tail, now); d; d = l.take(100, tail, now)) {
          l.lease(9, d, d.count, now + 100);
          l.ack(9, [d.base, d.base + d.count - 1]);
        }
        expect(l.committed).toBe(tail);
        expect(l.inFlight).toBe(0);
      }),
    );
  });

  it('writes offsets as pairs of runs', () => {
    expect(toPairs([1, 2, 3, 5, 7, 8])).toEqual([1, 3, 5, 5, 7, 8]);
    expect(toPairs([])).toEqual([]);
  });
});
