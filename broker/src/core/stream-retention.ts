// Every stream log's memory, charged to the memory budget's streams pool. A log's own bounds
// (maxRecords, maxBytes) hold per stream; this bounds them all together. When the pool has no
// room for what a log must allocate (a slab, more ring slots, a new stream), records are taken
// back broker-wide rather than refusing the publish, so publishing keeps working.
//
// The victim is the log holding the most slab bytes, one slab (its oldest) at a time, until
// the pool has room or that log is no longer the largest. This shares the pool out max-min
// fairly: a stream flooded with records pays for its own flood, and the many small streams
// beside it (one record each, say) keep theirs. Dropping the oldest records broker-wide
// instead would wipe every quiet stream's history whenever one stream is busy. Subscribers
// behind the evicted records see a gap, as they do when a stream trims by its own bounds.
import type { MemoryBudget } from './memory-budget.js';
import type { StreamLog } from './stream-log.js';

export interface RetentionStats {
  /** Records evicted to make room in the pool (not those trimmed by a stream's own bounds). */
  evictedRecords: number;
}

export class StreamRetention {
  private readonly logs = new Set<StreamLog>();
  readonly stats: RetentionStats = { evictedRecords: 0 };

  constructor(private readonly memory: MemoryBudget) {}

  add(log: StreamLog): void {
    this.logs.add(log);
  }

  remove(log: StreamLog): void {
    this.logs.delete(log);
  }

  /**
   * Charges `bytes` a log is about to allocate, first evicting records until the pool has room.
   * When nothing is left to evict (the pool holds only rings and fixed parts, or other pools
   * hold the whole budget) it is charged anyway: the memory is needed for the publish at hand,
   * and the budget shows it as over, which /ready reports.
   */
  take(bytes: number): void {
    this.makeRoom(bytes);
    this.memory.charge('streams', bytes);
  }

  give(bytes: number): void {
    this.memory.release('streams', bytes);
  }

  private makeRoom(bytes: number): void {
    while (this.memory.room('streams') < bytes) {
      // One pass finds the largest and the runner-up, so a scan over every stream is paid per
      // several slabs evicted, not per slab.
      let victim: StreamLog | undefined;
      let most = 0;
      let runnerUp = 0;
      for (const log of this.logs) {
        const held = log.slabBytes;
        if (held > most) {
          runnerUp = most;
          most = held;
          victim = log;
        } else if (held > runnerUp) runnerUp = held;
      }
      if (!victim) return;
      do {
        const earliest = victim.earliest;
        const freed = victim.evictOldestSlab();
        this.stats.evictedRecords += victim.earliest - earliest;
        if (freed === 0) return;
      } while (this.memory.room('streams') < bytes && victim.slabBytes > 0 && victim.slabBytes >= runnerUp);
    }
  }
}
