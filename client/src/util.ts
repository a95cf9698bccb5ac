// Small promise and byte helpers shared by the client's parts (no Node APIs).

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Settles as `promise` does, or rejects with `onTimeout()` after `ms`; clears its timer either way. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  if (!Number.isFinite(ms)) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const encoder = new TextEncoder();

/** Payloads and cache values may be given as text; they travel as UTF-8. */
export type BytesLike = Uint8Array | string;

export function toBytes(value: BytesLike): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}

/** A u64 the SDK counts with as a number; past 2^53-1 it could not be compared or counted. */
function safeNumber(value: bigint | number, what: string): number {
  if (value > Number.MAX_SAFE_INTEGER) throw new RangeError(`${what} ${value} is beyond 2^53-1`);
  return Number(value);
}

/** Offsets arrive as u64 bigints in binary batches, and as bigints in JSON above 2^53-1. */
export function offsetNumber(value: bigint | number): number {
  return safeNumber(value, 'offset');
}

/** A stream epoch as the spec bounds it (1 to 2^53-1); a broker sending one past that is broken. */
export function epochNumber(value: bigint | number | undefined): number | undefined {
  return value === undefined ? undefined : safeNumber(value, 'epoch');
}
