// Token buckets: a rate with a burst, refilled lazily from the clock when asked (no timers),
// one per key. The tenant publish limit uses one bucket per tenant, in bytes.

/** What a take decided: taken, or refused with how long until it would fit (Infinity: never). */
export type RateDecision = { taken: true } | { taken: false; retryAfterMs: number };

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  /** Takes `amount` if the bucket holds it at `now` (milliseconds on a monotonic clock). */
  take(amount: number, now: number): RateDecision {
    this.refill(now);
    if (amount <= this.tokens) {
      this.tokens -= amount;
      return { taken: true };
    }
    if (amount > this.burst) return { taken: false, retryAfterMs: Number.POSITIVE_INFINITY };
    return { taken: false, retryAfterMs: Math.ceil(((amount - this.tokens) / this.perSecond) * 1000) };
  }

  /** Whether the bucket has refilled to its burst, so a fresh one would be the same. */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.burst;
  }

  private refill(now: number): void {
    if (now <= this.at) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
  }
}

/** Keys held before full buckets are looked for and forgotten. */
const SWEEP_FROM = 1024;

export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private sweepAt = SWEEP_FROM;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(perSecond > 0) || !(burst > 0)) throw new RangeError('a rate limit needs a positive rate and burst');
  }

  take(key: string, amount: number): RateDecision {
    const now = this.clock();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= this.sweepAt) this.sweep(now);
      bucket = new TokenBucket(this.perSecond, this.burst, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(amount, now);
  }

  /** Keys with a bucket (full ones may linger until the next sweep). */
  get size(): number {
    return this.buckets.size;
  }

  // A full bucket is what a new one would be, so forgetting it changes nothing; sweeping only
  // when the map has doubled keeps the cost per take constant on average.
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
    this.sweepAt = Math.max(SWEEP_FROM, this.buckets.size * 2);
  }
}
