// The reference interpreter of the storage format: decodes and encodes segment and index files
// (and their structs alone) by walking storage.yaml at run time. Codegen writes the storage
// vectors with it, and tests and fuzzers diff the generated storage codec against it. Values
// use the conformance notation: u16 and u32 as numbers, u64 as numbers up to 2^53-1 and
// decimal strings above, bytes as lowercase hex.
import type { Spec, StorageField, StorageFile, StorageStruct } from '../model.js';
import { concatBytes } from './bytes.js';
import { storageCrc32 } from './crc32.js';

export type StorageValue = Record<string, unknown>;
/** A file kind (`segment`, `index`) or a struct name (`record`, …), decoded alone. */
export type StorageKind = string;

export class StorageInterpreterError extends Error {
  constructor(
    readonly code: string,
    /** `struct.field`, or the struct name when its fixed part is cut short. */
    readonly field: string,
    /** Byte position of the struct being read. */
    readonly position: number,
    detail: string,
  ) {
    super(`${field} at ${position}: ${detail} (${code})`);
    this.name = 'StorageInterpreterError';
  }
}

export interface StorageOptions {
  /**
   * Fields of the companion file's header a `matches` rule compares with, by struct name
   * (`{ segment_header: { base_offset: 5 } }` for an index); rules without one are skipped.
   */
  companion?: Record<string, StorageValue>;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const notation = (v: bigint | number) => (typeof v === 'number' ? v : v <= MAX_SAFE ? Number(v) : v.toString());
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (x) => Number.parseInt(x, 16));
const hex32 = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

interface StructContext {
  /** Value a `sequence` field must hold, by field name. */
  expected?: Record<string, bigint>;
  /** The previous body struct, for `ascending`. */
  previous?: Record<string, bigint | number | Uint8Array>;
  companion?: Record<string, StorageValue>;
}

interface Decoded {
  raw: Record<string, bigint | number | Uint8Array>;
  size: number;
}

function readInt(view: DataView, at: number, f: StorageField): bigint | number {
  if (f.type === 'u16') return view.getUint16(at);
  if (f.type === 'u32') return view.getUint32(at);
  return view.getBigUint64(at);
}

function decodeStruct(spec: Spec, s: StorageStruct, bytes: Uint8Array, position: number, ctx: StructContext): Decoded {
  const fail = (code: string, field: string, detail: string): never => {
    throw new StorageInterpreterError(code, field, position, detail);
  };
  const left = bytes.length - position;
  if (left < s.size) fail('truncated', s.name, `needs ${s.size} bytes, ${left} available`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const raw: Decoded['raw'] = {};
  const byName = new Map(s.fields.map((f) => [f.name, f]));
  const fieldValue = (f: StorageField): bigint | number | Uint8Array => {
    if (raw[f.name] !== undefined) return raw[f.name];
    if (f.type === 'bytes') {
      const len = Number(fieldValue(byName.get(f.size_from!)!));
      const have = bytes.length - position - f.at;
      if (have < len) fail('truncated', `${s.name}.${f.name}`, `needs ${s.size + len} bytes, ${left} available`);
      raw[f.name] = bytes.subarray(position + f.at, position + f.at + len);
    } else {
      raw[f.name] = readInt(view, position + f.at, f);
    }
    return raw[f.name];
  };
  const big = (v: bigint | number | Uint8Array) => BigInt(v as bigint | number);
  for (const name of s.checks) {
    const f = byName.get(name)!;
    const v = fieldValue(f);
    const where = `${s.name}.${f.name}`;
    if (f.const !== undefined && big(v) !== BigInt(f.const)) fail(f.error!, where, `expected ${f.const}, found ${v}`);
    if (f.crc) {
      const parts = f.crc.covers.map((p) =>
        'field' in p
          ? (fieldValue(byName.get(p.field)!) as Uint8Array)
          : bytes.subarray(position + p.from, position + p.to),
      );
      const computed = storageCrc32(spec.storage.checksum, parts);
      if (computed !== v) fail(f.error!, where, `stored ${hex32(v as number)}, computed ${hex32(computed)}`);
    }
    if (f.max && big(v) > BigInt(spec.storage.limits[f.max].value))
      fail(f.error!, where, `${v} is above ${f.max} (${spec.storage.limits[f.max].value})`);
    if (f.min !== undefined && big(v) < BigInt(f.min)) fail(f.error!, where, `${v} is below ${f.min}`);
    const previous = ctx.previous?.[f.name];
    if (f.ascending && previous !== undefined && big(v) <= big(previous))
      fail(f.error!, where, `${v} does not rise above the previous ${previous}`);
    const expected = ctx.expected?.[f.name];
    if (f.sequence && expected !== undefined && big(v) !== expected)
      fail(f.error!, where, `expected ${expected}, found ${v}`);
    if (f.matches) {
      const [struct, field] = f.matches.split('.');
      const other = ctx.companion?.[struct]?.[field];
      if (other !== undefined && big(v) !== BigInt(other as number | string))
        fail(f.error!, where, `${v} is not ${f.matches} ${other}`);
    }
  }
  for (const f of s.fields) fieldValue(f);
  const bodyField = s.fields.find((f) => f.type === 'bytes');
  return { raw, size: s.size + (bodyField ? (raw[bodyField.name] as Uint8Array).length : 0) };
}

function structNotation(s: StorageStruct, raw: Decoded['raw']): StorageValue {
  const out: StorageValue = {};
  for (const f of s.fields) {
    const v = raw[f.name];
    out[f.name] = v instanceof Uint8Array ? toHex(v) : notation(v);
  }
  return out;
}

function decodeFile(spec: Spec, file: StorageFile, bytes: Uint8Array, options: StorageOptions): StorageValue {
  const header = spec.storage.structs[file.header];
  const body = spec.storage.structs[file.body];
  const head = decodeStruct(spec, header, bytes, 0, { companion: options.companion });
  const sequenced = body.fields.filter((f) => f.sequence);
  const items: StorageValue[] = [];
  let position = head.size;
  let previous: Decoded['raw'] | undefined;
  while (position < bytes.length) {
    if (file.torn_tail === 'ignored' && bytes.length - position < body.size) break;
    const expected = Object.fromEntries(
      sequenced.map((f) => [f.name, BigInt(head.raw[f.sequence!.split('.')[1]] as bigint) + BigInt(items.length)]),
    );
    const item = decodeStruct(spec, body, bytes, position, { expected, previous });
    items.push(structNotation(body, item.raw));
    previous = item.raw;
    position += item.size;
  }
  const out: StorageValue = { header: structNotation(header, head.raw), [file.items]: items };
  if (file.torn_tail === 'ignored') out.torn_bytes = bytes.length - position;
  return out;
}

/** The file or struct `bytes` holds, in value notation. Throws StorageInterpreterError. */
export function interpretStorage(
  spec: Spec,
  kind: StorageKind,
  bytes: Uint8Array,
  options: StorageOptions = {},
): StorageValue {
  const file = spec.storage.files[kind as 'segment' | 'index'];
  if (file) return decodeFile(spec, file, bytes, options);
  const s = spec.storage.structs[kind];
  if (!s) throw new Error(`no storage file or struct named ${kind}`);
  const decoded = decodeStruct(spec, s, bytes, 0, { companion: options.companion });
  if (decoded.size !== bytes.length) throw new Error(`${kind}: ${bytes.length - decoded.size} bytes after the struct`);
  return structNotation(s, decoded.raw);
}

function encodeStruct(spec: Spec, s: StorageStruct, value: StorageValue): Uint8Array {
  const fixed = new Uint8Array(s.size);
  const view = new DataView(fixed.buffer);
  const bodyField = s.fields.find((f) => f.type === 'bytes');
  const body = bodyField ? fromHex(String(value[bodyField.name] ?? '')) : new Uint8Array(0);
  const given = (f: StorageField): bigint | undefined => {
    const v = value[f.name];
    return v === undefined ? undefined : BigInt(v as number | string);
  };
  const write = (f: StorageField, v: bigint) => {
    if (f.type === 'u16') view.setUint16(f.at, Number(v));
    else if (f.type === 'u32') view.setUint32(f.at, Number(v));
    else view.setBigUint64(f.at, v);
  };
  // Fields in order, CRCs last (they cover the others); a value given is written as is, so a
  // vector can carry a wrong CRC, length or magic on purpose.
  for (const f of s.fields) {
    if (f.type === 'bytes' || f.crc) continue;
    const lengthOf = s.fields.find((x) => x.size_from === f.name);
    const fallback = f.const ?? (lengthOf ? body.length : f.reserved ? 0 : undefined);
    const v = given(f) ?? (fallback === undefined ? undefined : BigInt(fallback));
    if (v === undefined) throw new Error(`${s.name}.${f.name} has no value`);
    write(f, v);
  }
  for (const f of s.fields.filter((x) => x.crc)) {
    const parts = f.crc!.covers.map((p) => ('field' in p ? body : fixed.subarray(p.from, p.to)));
    write(f, given(f) ?? BigInt(storageCrc32(spec.storage.checksum, parts)));
  }
  return concatBytes([fixed, body]);
}

/**
 * Bytes of a file (`{ header, records }`, `{ header, entries }`; `torn_hex` appends bytes) or
 * of one struct. Const, reserved, length and CRC fields left out are filled in;
 * those given are written as they are.
 */
export function interpretStorageEncode(spec: Spec, kind: StorageKind, value: StorageValue): Uint8Array {
  const file = spec.storage.files[kind as 'segment' | 'index'];
  if (!file) return encodeStruct(spec, spec.storage.structs[kind], value);
  const header = encodeStruct(spec, spec.storage.structs[file.header], value.header as StorageValue);
  const items = (value[file.items] as StorageValue[]).map((v) =>
    encodeStruct(spec, spec.storage.structs[file.body], v),
  );
  return concatBytes([header, ...items, fromHex(String(value.torn_hex ?? ''))]);
}

/** CRC-32 as the spec defines it, for tests and vector builders. */
export function interpretCrc32(spec: Spec, parts: readonly Uint8Array[]): number {
  return storageCrc32(spec.storage.checksum, parts);
}
