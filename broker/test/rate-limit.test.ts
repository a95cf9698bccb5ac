import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, TokenBucket } from '../src/core/rate-limit.js';

describe('TokenBucket', () => {
  it('starts full, refills lazily at its rate up to its burst, and says how long a refusal must wait', () => {
    const bucket = new TokenBucket(100, 1000, 0);
    expect(bucket.take(600, 0)).toEqual({ taken: true });
    expect(bucket.take(600, 0)).toEqual({ taken: false, retryAfterMs: 2000 });
    expect(bucket.take(600, 1999)).toMatchObject({ taken: false });
    expect(bucket.take(600, 2000)).toEqual({ taken: true });
    // Idle for an hour: never more than the burst.
    expect(bucket.take(1000, 3_602_000)).toEqual({ taken: true });
    expect(bucket.take(1, 3_602_000)).toMatchObject({ taken: false });
  });

  it('refuses for good what is larger than its burst, without spending anything', () => {
    const bucket = new TokenBucket(100, 1000, 0);
    expect(bucket.take(1001, 0)).toEqual({ taken: false, retryAfterMs: Number.POSITIVE_INFINITY });
    expect(bucket.take(1000, 0)).toEqual({ taken: true });
  });

  it('ignores a clock that goes backwards', () => {
    const bucket = new TokenBucket(100, 100, 1000);
    bucket.take(100, 1000);
    expect(bucket.take(50, 500)).toMatchObject({ taken: false });
    expect(bucket.take(50, 1500)).toEqual({ taken: true });
  });
});

describe('KeyedRateLimiter', () => {
  it('keeps one bucket per key, so one key spending its budget leaves the others theirs', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(10, 100, () => now);
    expect(limiter.take('t1', 100)).toEqual({ taken: true });
    expect(limiter.take('t1', 1)).toMatchObject({ taken: false });
    expect(limiter.take('t2', 100)).toEqual({ taken: true });
    now = 100;
    expect(limiter.take('t1', 1)).toEqual({ taken: true });
  });

  it('forgets refilled buckets once it holds many keys', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(1000, 10, () => now);
    for (let i = 0; i < 1024; i++) limiter.take(`k${i}`, 10);
    expect(limiter.size).toBe(1024);
    now = 1000;
    limiter.take('one-more', 1);
    expect(limiter.size).toBe(1);
  });

  it('needs a positive rate and burst', () => {
    expect(() => new KeyedRateLimiter(0, 10)).toThrow(RangeError);
    expect(() => new KeyedRateLimiter(10, 0)).toThrow(RangeError);
  });
});
