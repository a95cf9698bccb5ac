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
