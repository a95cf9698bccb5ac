// Checks the generated binary encoders and decoders share: ranges, enums, limits.
import type { ByteReader } from './byte-reader.js';
import type { ByteWriter } from './byte-writer.js';
import { PayloadList } from './payload-list.js';
import { encodeUtf8, utf8Length } from './utf8.js';
import { WireError } from './wire-error.js';

export function intField(n: unknown, max: number, field: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new WireError('wrong_type', field, undefined, 'must be an integer');
  if (n < 0 || n > max) throw new WireError('out_of_range', field, undefined, `${n} is outside 0..${max}`);
  return n;
}

const U64_MAX = (1n << 64n) - 1n;

export function u64Field(n: unknown, field: string): bigint {
  if (typeof n !== 'bigint') throw new WireError('wrong_type', field, undefined, 'must be a bigint');
  if (n < 0n || n > U64_MAX) throw new WireError('out_of_range', field, undefined, `${n} is outside u64`);
  return n;
}

export function utf8Field(s: unknown, limit: number, field: string): Uint8Array {
  if (typeof s !== 'string') throw new WireError('wrong_type', field, undefined, 'must be a string');
  if (s.length > limit && utf8Length(s) > limit) {
    throw new WireError('string_too_long', field, undefined, `over ${limit} UTF-8 bytes`);
  }
  const bytes = encodeUtf8(s);
  if (bytes.length > limit)
    throw new WireError('string_too_long', field, undefined, `${bytes.length} UTF-8 bytes, limit ${limit}`);
  return bytes;
}

export function bytesField(b: unknown, field: string): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new WireError('wrong_type', field, undefined, 'must be a Uint8Array');
  return b;
}

/** Encoded size of a list of byte strings with u32 length prefixes. */
export function listSize(items: unknown, limit: number, field: string): number {
  if (items instanceof PayloadList) {
    if (items.length > limit)
      throw new WireError('too_many_items', field, undefined, `${items.length} items, limit ${limit}`);
    return items.encoded.length;
  }
  if (!Array.isArray(items)) throw new WireError('wrong_type', field, undefined, 'must be an array or a PayloadList');
  if (items.length > limit)
    throw new WireError('too_many_items', field, undefined, `${items.length} items, limit ${limit}`);
  let size = 0;
  for (let i = 0; i < items.length; i++) size += 4 + bytesField(items[i], `${field}[${i}]`).length;
  return size;
}

export function readList<T>(r: ByteReader, field: string, limit: number, minItemSize: number, item: () => T): T[] {
  const count = r.count32(field, limit, minItemSize);
  const out = new Array<T>(count);
  for (let i = 0; i < count; i++) out[i] = item();
  return out;
}

export function enumName<T extends string>(names: Map<number, T>, value: number, field: string, offset: number): T {
  const name = names.get(value);
  if (name === undefined) throw new WireError('invalid_enum', field, offset, `${value} is not a defined value`);
  return name;
}

export function enumValue(table: Record<string, number>, name: unknown, field: string): number {
  const v = typeof name === 'string' && Object.hasOwn(table, name) ? table[name] : undefined;
  if (v === undefined)
    throw new WireError('invalid_enum', field, undefined, `must be one of ${Object.keys(table).join(', ')}`);
  return v;
}

/** Writes a u32 count and the items with their u32 length prefixes. */
export function writePayloads(w: ByteWriter, items: readonly Uint8Array[] | PayloadList): void {
  w.u32(items.length);
  if (items instanceof PayloadList) {
    w.raw(items.encoded);
    return;
  }
  for (const item of items) {
    w.u32(item.length);
    w.raw(item);
  }
}
