// One broker-wide memory budget split into pools, so no kind of use (retained records, queued
// deliveries, cached values, frames half received, answers waiting for the carrier) can grow
// without bound or starve the others. Each pool has a cap; the pools together also stay under
// the whole budget, so caps may be set generously without overcommitting it. Users charge
// real sizes (payload plus measured per-item overhead) and give them back when freed.

export const MEMORY_POOLS = ['streams', 'subscribers', 'cache', 'receiving', 'answers'] as const;
export type MemoryPool = (typeof MEMORY_POOLS)[number];

/** Each pool's cap as a share of the whole budget. */
export type PoolShares = Record<MemoryPool, number>;

export const DEFAULT_POOL_SHARES: PoolShares = {
  streams: 0.4,
  subscribers: 0.2,
  cache: 0.15,
  receiving: 0.15,
  answers: 0.1,
};

export class MemoryBudget {
  private readonly caps: Record<MemoryPool, number>;
  private readonly used: Record<MemoryPool, number> = {
    streams: 0,
    subscribers: 0,
    cache: 0,
    receiving: 0,
    answers: 0,
  };
  private usedTotal = 0;

  constructor(
    readonly totalBytes: number,
    shares: PoolShares = DEFAULT_POOL_SHARES,
  ) {
    if (!(totalBytes > 0)) throw new RangeError('the memory budget must be positive');
    this.caps = { ...this.used };
    for (const pool of MEMORY_POOLS) this.caps[pool] = Math.floor(totalBytes * shares[pool]);
  }

  /** The most `pool` may hold. */
  cap(pool: MemoryPool): number {
    return this.caps[pool];
  }

  usedBy(pool: MemoryPool): number {
    return this.used[pool];
  }

  get usedBytes(): number {
    return this.usedTotal;
  }

  /** Whether the pools together hold more than the budget (possible only through `charge`). */
  get overBudget(): boolean {
    return this.usedTotal > this.totalBytes;
  }

  /** Bytes `pool` can still take before its cap or the whole budget refuses. */
  room(pool: MemoryPool): number {
    return Math.max(0, Math.min(this.caps[pool] - this.used[pool], this.totalBytes - this.usedTotal));
  }

  /** Charges `bytes` to `pool` if both its cap and the whole budget leave room; false otherwise. */
  tryCharge(pool: MemoryPool, bytes: number): boolean {
    if (bytes > this.room(pool)) return false;
    this.charge(pool, bytes);
    return true;
  }

  /**
   * Charges `bytes` whether or not there is room: for memory that is already in use and must be
   * counted (a frame's bytes as they arrive), after which the pool's owner sheds load.
   */
  charge(pool: MemoryPool, bytes: number): void {
    this.used[pool] += bytes;
    this.usedTotal += bytes;
  }

  release(pool: MemoryPool, bytes: number): void {
    // Never below zero: a double release is a bug, but must not open room that is not there.
    const n = Math.min(bytes, this.used[pool]);
    this.used[pool] -= n;
    this.usedTotal -= n;
  }
}
