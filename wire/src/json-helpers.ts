// Checks and text builders the generated JSON encoders call for each member, so an encoder
// refuses exactly what a decoder would reject, with the same code.

import { encodeBase64 } from './base64.js';
import { MAX_SAFE_JSON_INTEGER } from './generated/protocol.js';
import { checkUtf8Limit } from './utf8.js';
import { WireError } from './wire-error.js';

export function jsonString(s: unknown, limit: number, field: string): string {
  if (typeof s !== 'string') throw new WireError('wrong_type', field, undefined, 'must be a string');
  if (limit >= 0) checkUtf8Limit(s, limit, field, undefined);
  return JSON.stringify(s);
}

export function jsonBytes(b: unknown, field: string): string {
  if (!(b instanceof Uint8Array)) throw new WireError('wrong_type', field, undefined, 'must be a Uint8Array');
  return `"${encodeBase64(b)}"`;
}

export function jsonBool(b: unknown, field: string): string {
  if (typeof b !== 'boolean') throw new WireError('wrong_type', field, undefined, 'must be a boolean');
  return b ? 'true' : 'false';
}

export function jsonInt(n: unknown, max: number, field: string): string {
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new WireError('wrong_type', field, undefined, 'must be an integer');
  if (n < 0 || n > max) throw new WireError('out_of_range', field, undefined, `${n} is outside 0..${max}`);
  return String(n);
}

const U64_MAX = 2n ** 64n - 1n;

/**
 * A JSON u64: a number up to 2^53-1, or a bigint up to 2^64-1 written in exact digits. A number
 * above 2^53-1 is refused (unsafe_integer): it may already have been rounded, so only a bigint
 * says which integer is meant.
 */
export function jsonU64(n: unknown, field: string): string {
  if (typeof n === 'bigint') {
    if (n < 0n || n > U64_MAX) throw new WireError('out_of_range', field, undefined, `${n} is outside 0..2^64-1`);
    return n.toString();
  }
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new WireError('wrong_type', field, undefined, 'must be an integer');
  if (n < 0) throw new WireError('out_of_range', field, undefined, `${n} is negative`);
  if (n > MAX_SAFE_JSON_INTEGER)
    throw new WireError('unsafe_integer', field, undefined, `${n} is above 2^53-1: pass a bigint`);
  return String(n);
}

export function jsonEnum(v: unknown, allowed: readonly string[], field: string): string {
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw new WireError('invalid_enum', field, undefined, `must be one of ${allowed.join(', ')}`);
  }
  return `"${v}"`;
}

export function jsonList<T>(items: unknown, limit: number, field: string, item: (x: T, i: number) => string): string {
  if (!Array.isArray(items)) throw new WireError('wrong_type', field, undefined, 'must be an array');
  if (limit >= 0 && items.length > limit)
    throw new WireError('too_many_items', field, undefined, `${items.length} items, limit ${limit}`);
  return `[${(items as T[]).map(item).join(',')}]`;
}

/** `{...}` from name/JSON-text pairs, leaving out members whose text is undefined. */
export function jsonMembers(pairs: [string, string | undefined][]): string {
  const parts: string[] = [];
  for (const [name, text] of pairs) if (text !== undefined) parts.push(`${JSON.stringify(name)}:${text}`);
  return `{${parts.join(',')}}`;
}

export function badVariant(field: string): never {
  throw new WireError('wrong_type', field, undefined, 'matches none of its variants');
}
