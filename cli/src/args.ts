// Parsers for option values. Each throws commander's InvalidArgumentError, which commander
// reports as a usage error naming the option.
import type { StartPosition } from '@felix/client';
import { InvalidArgumentError } from 'commander';

/** A whole number in [min, max]. */
export function integer(min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max)
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER ? `expected a whole number ≥ ${min}` : `expected a whole number ${min}–${max}`,
      );
    return value;
  };
}

/** A comma-separated list of whole numbers in [min, max], like `64,1024,16384`. */
export function integerList(min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number[] {
  const one = integer(min, max);
  return (raw) => {
    const parts = raw.split(',').map((p) => p.trim());
    if (parts.some((p) => p === '')) throw new InvalidArgumentError('expected a comma-separated list of numbers');
    try {
      return [...new Set(parts.map(one))];
    } catch (err) {
      throw new InvalidArgumentError(`${(err as Error).message} in every item`);
    }
  };
}

/** A subscription start: earliest, latest or an offset. */
export function parseStart(raw: string): StartPosition {
  if (raw === 'earliest' || raw === 'latest') return raw;
  if (/^\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return { offset: Number(raw) };
  throw new InvalidArgumentError('expected earliest, latest or an offset');
}

const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration in whole seconds, at least `min`: `3600`, `90s`, `30m`, `1h` or `7d`. */
export function duration(min: number): (raw: string) => number {
  return (raw) => {
    const match = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(raw);
    const seconds = match ? Number(match[1]) * (SECONDS_PER_UNIT[match[2] || 's'] ?? Number.NaN) : Number.NaN;
    if (!Number.isSafeInteger(seconds) || seconds < min)
      throw new InvalidArgumentError(
        `expected a duration${min > 0 ? ` of at least ${min} s` : ''} (seconds, or 30m, 1h, 7d)`,
      );
    return seconds;
  };
}
