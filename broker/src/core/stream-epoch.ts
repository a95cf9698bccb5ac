// A stream's epoch names one incarnation of its log. Offsets only mean something within an
// epoch: an in-memory log that starts again after a restart counts from 0 once more, and a
// client holding an offset of the old log must be able to tell (spec: STREAM_EPOCHS).
import { randomBytes } from 'node:crypto';

/** The largest epoch: epochs travel as JSON u64s, which stop at 2^53-1. */
export const MAX_STREAM_EPOCH = Number.MAX_SAFE_INTEGER;

/**
 * A fresh epoch for a log that keeps nothing across restarts: 53 random bits, never 0, so a
 * client's old epoch matches a new log's only with a chance of 2^-53.
 */
export function newStreamEpoch(): number {
  for (;;) {
    const bits = randomBytes(8).readBigUInt64BE() & BigInt(MAX_STREAM_EPOCH);
    if (bits !== 0n) return Number(bits);
  }
}

/** True for a number a log may carry as its epoch (a durable log read back from disk, say). */
export function isStreamEpoch(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1;
}
