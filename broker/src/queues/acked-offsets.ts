// A consumer group's progress: the committed offset (the lowest one not yet acknowledged) and
// the acknowledged offsets above it, kept as sorted, disjoint, non-adjacent inclusive ranges.
// Acks arrive out of order (several consumers, redeliveries), so the set above the cursor is
// what lets the cursor jump forward over everything already done once its hole is filled.

/** Inclusive [first, last] ranges as a flat list of pairs, as group_ack carries them. */
export type RangePairs = readonly number[];

export class AckedOffsets {
  private committedOffset: number;
  /** Ranges strictly above the committed offset, ascending, each [first, last] inclusive. */
  private ranges: [number, number][] = [];

  constructor(committedOffset: number) {
    this.committedOffset = committedOffset;
  }

  get committed(): number {
    return this.committedOffset;
  }

  /** Whether `offset` is acknowledged (below the cursor or in a range above it). */
  has(offset: number): boolean {
    if (offset < this.committedOffset) return true;
    const i = this.firstEndingAtOrAfter(offset);
    return i < this.ranges.length && this.ranges[i][0] <= offset;
  }

  /** Acknowledged offsets above the cursor, as inclusive pairs. */
  pairs(): number[] {
    const out: number[] = [];
    for (const [first, last] of this.ranges) out.push(first, last);
    return out;
  }

  /** How many offsets above the cursor are acknowledged. */
  get ackedAbove(): number {
    let n = 0;
    for (const [first, last] of this.ranges) n += last - first + 1;
    return n;
  }

  /** The first offset at or after `offset` that is not acknowledged. */
  unackedFrom(offset: number): number {
    const from = Math.max(offset, this.committedOffset);
    const i = this.firstEndingAtOrAfter(from);
    // Ranges never touch, so one past a range is not acknowledged.
    if (i < this.ranges.length && this.ranges[i][0] <= from) return this.ranges[i][1] + 1;
    return from;
  }

  /** The first acknowledged offset at or after `offset` (at or above the cursor); Infinity when none. */
  nextAckedFrom(offset: number): number {
    if (offset < this.committedOffset) return offset;
    const i = this.firstEndingAtOrAfter(offset);
    return i < this.ranges.length ? Math.max(this.ranges[i][0], offset) : Number.POSITIVE_INFINITY;
  }

  /** How many offsets of [first, last] are acknowledged. */
  countIn(first: number, last: number): number {
    if (last < first) return 0;
    let n = Math.max(0, Math.min(last + 1, this.committedOffset) - first);
    for (let i = this.firstEndingAtOrAfter(first); i < this.ranges.length && this.ranges[i][0] <= last; i++)
      n += Math.min(last, this.ranges[i][1]) - Math.max(first, this.ranges[i][0]) + 1;
    return n;
  }

  /** Marks [first, last] acknowledged; returns how far the cursor moved. */
  add(first: number, last: number): number {
    if (last < this.committedOffset) return 0;
    const from = Math.max(first, this.committedOffset);
    const i = this.firstEndingAtOrAfter(from - 1);
    let lo = from;
    let hi = last;
    let j = i;
    // Swallow every range that overlaps or touches [lo, hi].
    while (j < this.ranges.length && this.ranges[j][0] <= hi + 1) {
      lo = Math.min(lo, this.ranges[j][0]);
      hi = Math.max(hi, this.ranges[j][1]);
      j++;
    }
    this.ranges.splice(i, j - i, [lo, hi]);
    const before = this.committedOffset;
    if (this.ranges[0][0] === this.committedOffset) {
      this.committedOffset = this.ranges[0][1] + 1;
      this.ranges.shift();
    }
    return this.committedOffset - before;
  }

  /** Adds every pair of `pairs`; returns how far the cursor moved. */
  addPairs(pairs: RangePairs): number {
    let moved = 0;
    for (let i = 0; i + 1 < pairs.length; i += 2) moved += this.add(pairs[i], pairs[i + 1]);
    return moved;
  }

  /**
   * Moves the cursor to at least `offset` (records retention has dropped count as done) and
   * forgets ranges below it.
   */
  skipTo(offset: number): void {
    if (offset <= this.committedOffset) return;
    this.committedOffset = offset;
    while (this.ranges.length > 0 && this.ranges[0][1] < offset) this.ranges.shift();
    if (this.ranges.length > 0 && this.ranges[0][0] <= offset) {
      this.committedOffset = Math.max(offset, this.ranges[0][1] + 1);
      this.ranges.shift();
    }
  }

  /** Starts over at `offset` with nothing acknowledged above it (a cursor reset). */
  reset(offset: number): void {
    this.committedOffset = offset;
    this.ranges = [];
  }

  /** Index of the first range whose last offset is at or after `offset`. */
  private firstEndingAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ranges[mid][1] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Checks group_ack/group_nack ranges: an even count and each first at most its last. */
export function rangePairsProblem(pairs: RangePairs): string | undefined {
  if (pairs.length % 2 !== 0) return `ranges holds ${pairs.length} offsets; it takes pairs (first, last)`;
  for (let i = 0; i < pairs.length; i += 2)
    if (pairs[i] > pairs[i + 1])
      return `ranges pair ${i / 2} starts at ${pairs[i]}, after its last offset ${pairs[i + 1]}`;
  return undefined;
}
