// What the writer, the reader and retention share about one open shard: its settings, its
// segments (oldest first, the last one active) and its counters.
import type { ResolvedOptions } from './options.js';
import type { Segment } from './segment.js';

export interface ShardCounters {
  /** append() calls that resolved. */
  appends: number;
  records: number;
  fsyncs: number;
  fsyncFailures: number;
  fsyncTotalMs: number;
  fsyncMaxMs: number;
  writeFailures: number;
  segmentsDeleted: number;
}

export class ShardState {
  readonly counters: ShardCounters = {
    appends: 0,
    records: 0,
    fsyncs: 0,
    fsyncFailures: 0,
    fsyncTotalMs: 0,
    fsyncMaxMs: 0,
    writeFailures: 0,
    segmentsDeleted: 0,
  };

  constructor(
    readonly options: ResolvedOptions,
    /** Oldest first; never empty once open; the last is the one appended to. */
    readonly segments: Segment[],
  ) {}

  get active(): Segment {
    return this.segments[this.segments.length - 1];
  }

  /** The offset of the oldest record still kept (the next offset when the log is empty). */
  get earliestOffset(): number {
    return this.segments[0].baseOffset;
  }

  /** The offset the next committed record will carry. */
  get nextOffset(): number {
    return this.active.nextOffset;
  }

  get bytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.size;
    return n;
  }

  /** The segment holding `offset` (the last one starting at or before it). */
  segmentFor(offset: number): number {
    let lo = 0;
    let hi = this.segments.length - 1;
    let found = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.segments[mid].baseOffset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
