// Where every record of a consumer group stands, with no I/O and no clock of its own: below the
// committed offset all are done; from there to the fresh frontier each record is acknowledged,
// leased to one consumer (delivered, its ack wait running), waiting to be delivered again, or
// parked on its way to the dead-letter stream; from the frontier on none has been delivered.
// A record is leased to one consumer at a time, so no two consumers hold it at once.
import { AckedOffsets, type RangePairs } from './acked-offsets.js';
import { type LeaseBatch, LeaseDeadlines } from './lease-deadlines.js';
import { type ReadyRun, RedeliveryQueue } from './redelivery-queue.js';

/** A record's lease is that of the batch it was delivered in (one object for all its records). */
type Lease = LeaseBatch;

/** A run of consecutive offsets to deliver as one batch. */
export interface Delivery {
  base: number;
  count: number;
  /** The delivery count these records will have once delivered (1 the first time). */
  deliveries: number;
  /** Taken from the records waiting to be delivered again (else from the fresh frontier). */
  redelivery: boolean;
}

/** A record that has had its max deliveries: it goes to the dead-letter stream. */
export interface Exhausted {
  offset: number;
  deliveries: number;
}

export class GroupLedger {
  readonly acked: AckedOffsets;
  private fresh: number;
  private readonly leases = new Map<number, Lease>();
  private readonly held = new Map<number, number>();
  private readonly waiting = new RedeliveryQueue();
  private readonly deadlines = new LeaseDeadlines();
  private readonly parked = new Set<number>();
  /** Changes with each reset, so work begun before one (a read, a dead letter) is dropped. */
  generation = 0;

  constructor(
    committedOffset: number,
    ackedAbove: RangePairs,
    readonly maxDeliveries: number,
  ) {
    this.acked = new AckedOffsets(committedOffset);
    this.acked.addPairs(ackedAbove);
    this.fresh = committedOffset;
  }

  get committed(): number {
    return this.acked.committed;
  }

  /** Records delivered and not yet acknowledged, nacked or expired. */
  get inFlight(): number {
    return this.leases.size;
  }

  /** Records waiting to be delivered again (ready or held back by a nack's delay). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  heldBy(consumer: number): number {
    return this.held.get(consumer) ?? 0;
  }

  /** The earliest moment a lease runs out or a held-back record becomes ready. */
  nextWakeAt(): number | undefined {
    const a = this.deadlines.nextDueAt();
    const b = this.waiting.nextDueAt;
    if (a === undefined) return b;
    return b === undefined ? a : Math.min(a, b);
  }

  /**
   * The next run to deliver, at most `max` records below `tail`: records waiting to be
   * delivered again (lowest offsets first) before fresh ones. A redelivery run is taken out of
   * the queue: lease() or giveBack() must follow.
   */
  take(max: number, tail: number, now: number): Delivery | undefined {
    this.waiting.promote(now);
    const run = this.waiting.takeRun(max);
    if (run) return { base: run.base, count: run.count, deliveries: run.deliveries + 1, redelivery: true };
    // Acknowledged offsets above the frontier exist only after a restart: they are done.
    const from = this.acked.unackedFrom(this.fresh);
    this.fresh = from;
    if (from >= tail) return undefined;
    const end = Math.min(tail, this.acked.nextAckedFrom(from), from + max);
    return { base: from, count: end - from, deliveries: 1, redelivery: false };
  }

  /** Leases the first `count` records of `d` to `consumer` until `dueAt`; the rest go back. */
  lease(consumer: number, d: Delivery, count: number, dueAt: number): void {
    const lease: Lease = { consumer, base: d.base, count, deliveries: d.deliveries, dueAt, live: count };
    for (let i = 0; i < count; i++) this.leases.set(d.base + i, lease);
    this.held.set(consumer, this.heldBy(consumer) + count);
    this.deadlines.add(lease);
    if (d.redelivery) this.giveBack(d, d.base + count);
    else this.fresh = Math.max(this.fresh, d.base + count);
  }

  /** Returns a taken run (from `from` on) that was not delivered. */
  giveBack(d: Delivery, from = d.base): void {
    if (!d.redelivery || from >= d.base + d.count) return;
    const run: ReadyRun = { base: d.base, count: d.count, deliveries: d.deliveries - 1 };
    this.waiting.putBack(run, from);
  }

  /** Acknowledges what `consumer` holds of `pairs`; returns the offsets applied, as pairs. */
  ack(consumer: number, pairs: RangePairs): number[] {
    const offsets = this.heldOf(consumer, pairs);
    for (const o of offsets) {
      this.leases.get(o)!.live--;
      this.leases.delete(o);
    }
    if (offsets.length > 0) this.held.set(consumer, this.heldBy(consumer) - offsets.length);
    const applied = toPairs(offsets);
    this.acked.addPairs(applied);
    return applied;
  }

  /**
   * Gives back what `consumer` holds of `pairs`: delivered again after `delayMs`, or exhausted.
   * Returns how many went back and those exhausted (now parked).
   */
  nack(
    consumer: number,
    pairs: RangePairs,
    delayMs: number,
    now: number,
  ): { released: number; exhausted: Exhausted[] } {
    const exhausted: Exhausted[] = [];
    const offsets = this.heldOf(consumer, pairs);
    for (const o of offsets) this.release(o, this.leases.get(o)!, now + delayMs, now, exhausted);
    return { released: offsets.length, exhausted };
  }

  /** Gives back everything `consumer` holds, ready at once (it left or its session ended). */
  releaseAll(consumer: number, now: number): { released: number; exhausted: Exhausted[] } {
    const exhausted: Exhausted[] = [];
    let released = 0;
    for (const [o, lease] of this.leases) {
      if (lease.consumer !== consumer) continue;
      this.release(o, lease, now, now, exhausted);
      released++;
    }
    this.held.delete(consumer);
    this.deadlines.forget(consumer);
    return { released, exhausted };
  }

  /** Gives back every lease whose ack wait is over by `now`. */
  expire(now: number): { released: number; exhausted: Exhausted[] } {
    const exhausted: Exhausted[] = [];
    let released = 0;
    for (const due of this.deadlines.takeDue(now)) {
      for (let o = due.base; o < due.base + due.count; o++) {
        // Acknowledged or given back meanwhile, perhaps delivered again since: not this lease.
        if (this.leases.get(o) !== due) continue;
        this.release(o, due, now, now, exhausted);
        released++;
      }
    }
    return { released, exhausted };
  }

  /** A parked record is in the dead-letter stream: it counts as acknowledged. False if reset meanwhile. */
  deadLettered(offset: number): boolean {
    if (!this.parked.delete(offset)) return false;
    this.acked.add(offset, offset);
    return true;
  }

  /**
   * Retention dropped everything below `offset`: the cursor moves there. Returns how many
   * records were lost without being acknowledged (leases below it stay until they end).
   */
  skipLost(offset: number): number {
    let lost = this.waiting.dropBelow(offset);
    for (const o of this.parked) {
      if (o >= offset) continue;
      this.parked.delete(o);
      lost++;
    }
    if (offset <= this.committed) return lost;
    if (offset > this.fresh) {
      lost += offset - this.fresh - this.acked.countIn(this.fresh, offset - 1);
      this.fresh = offset;
    }
    this.acked.skipTo(offset);
    return lost;
  }

  /** Starts the group over at `offset`: nothing acknowledged, leased or waiting. */
  reset(offset: number): void {
    this.generation++;
    this.acked.reset(offset);
    this.fresh = offset;
    this.leases.clear();
    this.held.clear();
    this.waiting.clear();
    this.deadlines.clear();
    this.parked.clear();
  }

  private release(offset: number, lease: Lease, dueAt: number, now: number, exhausted: Exhausted[]): void {
    this.leases.delete(offset);
    lease.live--;
    this.held.set(lease.consumer, this.heldBy(lease.consumer) - 1);
    // Behind the cursor (retention moved it past the record while it was out): done with.
    if (offset < this.committed) return;
    if (lease.deliveries >= this.maxDeliveries) {
      this.parked.add(offset);
      exhausted.push({ offset, deliveries: lease.deliveries });
    } else {
      this.waiting.add(offset, lease.deliveries, dueAt, now);
    }
  }

  /** The offsets of `pairs` leased to `consumer`, ascending. */
  private heldOf(consumer: number, pairs: RangePairs): number[] {
    const out: number[] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const first = pairs[i];
      const last = pairs[i + 1];
      // A wide range (a client acking everything up to some offset) is matched against the
      // leases rather than walked offset by offset.
      if (last - first < this.leases.size) {
        for (let o = first; o <= last; o++) if (this.leases.get(o)?.consumer === consumer) out.push(o);
      } else {
        for (const [o, lease] of this.leases) if (lease.consumer === consumer && o >= first && o <= last) out.push(o);
      }
    }
    // Ascending, disjoint ranges (what clients send) give ascending offsets already.
    let ordered = true;
    for (let i = 1; i < out.length && ordered; i++) ordered = out[i - 1] < out[i];
    if (ordered) return out;
    out.sort((a, b) => a - b);
    // Overlapping ranges name an offset twice; it is applied once.
    return out.filter((o, i) => i === 0 || out[i - 1] !== o);
  }
}

/** Ascending offsets as inclusive pairs of consecutive runs. */
export function toPairs(offsets: readonly number[]): number[] {
  const pairs: number[] = [];
  for (const o of offsets) {
    if (pairs.length > 0 && pairs[pairs.length - 1] === o - 1) pairs[pairs.length - 1] = o;
    else pairs.push(o, o);
  }
  return pairs;
}
