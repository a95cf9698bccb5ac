// A decoder that walks the spec model at run time. It shares no code with the generated codec,
// so tests and fuzzers can diff the two: both must return the same value or the same code.
// It produces values in the conformance notation (conformance/README.md).
import type { BinaryField, JsonField, LayoutSpec, Spec } from '../model.js';
import { fromBinaryString, toHex } from './bytes.js';
import { InterpreterError } from './errors.js';
import { flagCombinations, knownFlagMask } from './flags.js';
import { formatProblem } from './formats.js';
import { getHeaderField, headerLayout } from './header.js';
import { parseJsonText } from './json-text.js';

export type Value = Record<string, unknown>;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** 1 at the char code of each base64 alphabet character. */
const IN_BASE64_ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  IN_BASE64_ALPHABET[c.charCodeAt(0)] = 1;
// ignoreBOM: U+FEFF at the start is content (and makes JSON invalid), as in upstream.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function fail(code: string, where: string, detail: string): never {
  throw new InterpreterError(code, where, detail);
}

function header(spec: Spec, frame: Uint8Array, maxPayload: number): { flags: number; length: number } {
  const size = spec.frame.header_size;
  if (frame.length < size) fail('short_header', 'frame', `${frame.length} bytes, need ${size}`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const values: Record<string, number> = {};
  for (const field of Object.values(headerLayout(spec))) {
    const v = getHeaderField(view, field);
    if (field.const !== undefined && v !== field.const) {
      fail(field.error ?? 'invalid_json', `frame.${field.name}`, `expected ${field.const}, got ${v}`);
    }
    values[field.name] = v;
  }
  const flags = values.flags;
  if (flags & ~knownFlagMask(spec)) fail('unknown_flags', 'frame.flags', `unknown bits in 0x${flags.toString(16)}`);
  if (flags !== 0 && !flagCombinations(spec).some((c) => c.flags === flags)) {
    fail('invalid_flags', 'frame.flags', `0x${flags.toString(16)} is no defined combination`);
  }
  if (values.length > maxPayload) fail('frame_too_large', 'frame.length', `${values.length} > ${maxPayload}`);
  return { flags, length: values.length };
}

/** Decodes exactly one frame filling `frame`. Throws InterpreterError. */
export function interpretFrame(spec: Spec, frame: Uint8Array, maxPayload?: number): Value {
  const max = maxPayload ?? spec.limits.max_frame_payload.value;
  const { flags, length } = header(spec, frame, max);
  const end = spec.frame.header_size + length;
  if (frame.length < end)
    fail('truncated', 'frame.payload', `declares ${length} bytes, has ${frame.length - spec.frame.header_size}`);
  if (frame.length > end) fail('trailing_bytes', 'frame', `${frame.length - end} bytes after the frame`);
  const payload = frame.subarray(spec.frame.header_size, end);
  if (flags === 0) return interpretJson(spec, payload);
  const combo = flagCombinations(spec).find((c) => c.flags === flags)!;
  return interpretLayout(spec, combo.layout, flags, payload);
}

// ---- JSON ----

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  // An integer read exactly is still a JSON number.
  if (typeof v === 'bigint') return 'number';
  return typeof v;
}

function limitOf(spec: Spec, field: { limit?: string }): number | undefined {
  return field.limit ? spec.limits[field.limit].value : undefined;
}

/** A string field's format, checked after its byte limit and UTF-8. */
function checkFormat(spec: Spec, field: { format?: string }, v: string, where: string): string {
  if (!field.format) return v;
  const format = spec.formats[field.format];
  const problem = formatProblem(format, v);
  if (problem) fail(format.error, where, problem);
  return v;
}

function checkString(spec: Spec, field: { limit?: string; format?: string }, v: unknown, where: string): string {
  if (typeof v !== 'string') fail('wrong_type', where, `expected a string, got ${jsonKind(v)}`);
  const limit = limitOf(spec, field);
  if (limit !== undefined && new TextEncoder().encode(v).length > limit) {
    fail('string_too_long', where, `over ${limit} UTF-8 bytes`);
  }
  return checkFormat(spec, field, v, where);
}

const U64_MAX = 2n ** 64n - 1n;

/** An integer in the notation: a number, or a u64 above 2^53-1 as its decimal digits. */
function checkInteger(v: unknown, type: string, where: string): number | string {
  if (typeof v === 'bigint') {
    // Only an integer literal outside the safe range is read as a bigint.
    if (type !== 'u64' || v < 0n || v > U64_MAX) fail('out_of_range', where, `${v} does not fit ${type}`);
    return v.toString();
  }
  if (typeof v !== 'number' || !Number.isInteger(v))
    fail('wrong_type', where, `expected an integer, got ${jsonKind(v)}`);
  // Beyond 2^53-1 only a plain integer literal is read exactly; 1.8e19 stands for no one integer.
  if (type === 'u64' && v > MAX_SAFE) fail('unsafe_integer', where, `${v} is above 2^53-1 and not a plain integer`);
  if (v < 0) fail('out_of_range', where, `${v} is negative`);
  const max = type === 'u16' ? 0xffff : type === 'u32' ? 0xffffffff : MAX_SAFE;
  if (v > max) fail('out_of_range', where, `${v} does not fit ${type}`);
  // JSON -0 is the integer 0.
  return v || 0;
}

function checkBytes(v: unknown, where: string): string {
  if (typeof v !== 'string') fail('wrong_type', where, `expected base64 text, got ${jsonKind(v)}`);
  if (!isPaddedBase64(v)) fail('invalid_base64', where, 'not padded standard base64');
  return toHex(fromBinaryString(atob(v)));
}

/**
 * Whether `v` is a multiple of four characters of the base64 alphabet, the last one or two of
 * which may be `=`. Checked character by character: the regex the JSON Schemas state this with
 * overflows V8's backtracking stack on a few megabytes of text.
 */
function isPaddedBase64(v: string): boolean {
  if (v.length % 4 !== 0) return false;
  const body = v.endsWith('==') ? v.length - 2 : v.endsWith('=') ? v.length - 1 : v.length;
  for (let i = 0; i < body; i++) {
    const c = v.charCodeAt(i);
    if (c > 127 || IN_BASE64_ALPHABET[c] === 0) return false;
  }
  return true;
}

function checkScalar(spec: Spec, type: string, field: JsonField, v: unknown, where: string): unknown {
  switch (type) {
    case 'string':
      return checkString(spec, field, v, where);
    case 'bytes':
      return checkBytes(v, where);
    case 'bool':
      if (typeof v !== 'boolean') fail('wrong_type', where, `expected a boolean, got ${jsonKind(v)}`);
      return v;
    case 'u16':
    case 'u32':
    case 'u64':
      return checkInteger(v, type, where);
    default:
      throw new Error(`unhandled scalar ${type}`);
  }
}

function checkField(spec: Spec, field: JsonField, v: unknown, where: string): unknown {
  switch (field.type) {
    case 'enum': {
      if (typeof v !== 'string') fail('wrong_type', where, `expected a string, got ${jsonKind(v)}`);
      if (!spec.enums[field.enum!].values.some((e) => e.name === v))
        fail('invalid_enum', where, `"${v}" is not allowed`);
      return v;
    }
    case 'list': {
      if (!Array.isArray(v)) fail('wrong_type', where, `expected an array, got ${jsonKind(v)}`);
      const limit = limitOf(spec, field);
      if (limit !== undefined && v.length > limit) fail('too_many_items', where, `${v.length} > ${limit}`);
      return v.map((item, i) => checkScalar(spec, field.items!, field, item, `${where}[${i}]`));
    }
    case 'object': {
      if (jsonKind(v) !== 'object') fail('wrong_type', where, `expected an object, got ${jsonKind(v)}`);
      return checkObject(spec, field.fields!, v as Record<string, unknown>, where);
    }
    case 'oneof': {
      const kind = jsonKind(v);
      const variant = field.variants!.find((x) => variantKind(x) === kind);
      if (!variant) fail('wrong_type', where, `no variant takes ${kind}`);
      return checkField(spec, variant, v, where);
    }
    default:
      return checkScalar(spec, field.type, field, v, where);
  }
}

/** The JSON kind a oneof variant accepts; variants are told apart by it. */
export function variantKind(field: JsonField): string {
  switch (field.type) {
    case 'enum':
    case 'string':
    case 'bytes':
      return 'string';
    case 'object':
      return 'object';
    case 'list':
      return 'array';
    case 'bool':
      return 'boolean';
    default:
      return 'number';
  }
}

function checkObject(spec: Spec, fields: JsonField[], obj: Record<string, unknown>, where: string): Value {
  for (const f of fields) {
    if (f.presence === 'required' && obj[f.name] === undefined) fail('missing_field', `${where}.${f.name}`, 'missing');
  }
  const out: Value = {};
  for (const f of fields) {
    const v = obj[f.name];
    if (v === undefined || (v === null && f.presence !== 'required')) {
      if (f.presence === 'nullable') out[f.name] = null;
      continue;
    }
    out[f.name] = checkField(spec, f, v, `${where}.${f.name}`);
  }
  return out;
}

function interpretJson(spec: Spec, payload: Uint8Array): Value {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    fail('invalid_utf8', 'frame.payload', 'not UTF-8');
  }
  let obj: unknown;
  try {
    obj = parseJsonText(text);
  } catch {
    fail('invalid_json', 'frame.payload', 'not JSON');
  }
  if (jsonKind(obj) !== 'object') fail('invalid_json', 'frame.payload', 'not a JSON object');
  const record = obj as Record<string, unknown>;
  if (record.type === undefined) fail('missing_field', 'message.type', 'missing');
  if (typeof record.type !== 'string') fail('wrong_type', 'message.type', 'not a string');
  const message = spec.messages.find((m) => m.name === record.type);
  if (!message) fail('unknown_type', 'message.type', `"${record.type}" is no message`);
  return { type: message.name, ...checkObject(spec, message.fields, record, message.name) };
}

// ---- binary ----

function interpretLayout(spec: Spec, layout: LayoutSpec, flags: number, payload: Uint8Array): Value {
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let at = 0;
  const need = (n: number, where: string) => {
    if (payload.length - at < n)
      fail('truncated', where, `needs ${n} bytes at ${spec.frame.header_size + at}, ${payload.length - at} left`);
  };
  const readInt = (type: string, where: string): number | bigint => {
    const size = { u8: 1, u16: 2, u32: 4, u64: 8 }[type]!;
    need(size, where);
    const v =
      type === 'u8'
        ? view.getUint8(at)
        : type === 'u16'
          ? view.getUint16(at)
          : type === 'u32'
            ? view.getUint32(at)
            : view.getBigUint64(at);
    at += size;
    return v;
  };
  const readSized = (lenType: 'u16' | 'u32', where: string, limit?: number): Uint8Array => {
    const len = Number(readInt(lenType, `${where}.length`));
    if (limit !== undefined && len > limit) fail('string_too_long', where, `${len} > ${limit} bytes`);
    need(len, where);
    const bytes = payload.subarray(at, at + len);
    at += len;
    return bytes;
  };
  const readItem = (type: string, where: string, limit: number | undefined): unknown => {
    if (type === 'bytes32') return toHex(readSized('u32', where));
    const raw = readSized('u16', where, limit);
    try {
      return utf8.decode(raw);
    } catch {
      fail('invalid_utf8', where, 'not UTF-8');
    }
  };
  const readString = (f: BinaryField, where: string) =>
    checkFormat(spec, f, readItem('str16', where, limitOf(spec, f)) as string, where);
  const out: Value = { type: layout.name };
  for (const f of layout.fields) {
    const where = `${layout.name}.${f.name}`;
    if (f.when && !(flags & spec.flags.find((x) => x.name === f.when)!.bit)) continue;
    switch (f.type) {
      case 'u8':
      case 'u16':
      case 'u32':
      case 'u64': {
        const v = readInt(f.type, where);
        if (f.enum) {
          const e = spec.enums[f.enum].values.find((x) => x.value === Number(v));
          if (!e) fail('invalid_enum', where, `${v} is no ${f.enum}`);
          out[f.name] = e.name;
        } else if (typeof v === 'bigint') {
          out[f.name] = v <= BigInt(MAX_SAFE) ? Number(v) : v.toString();
        } else {
          out[f.name] = v;
        }
        break;
      }
      case 'str16':
        out[f.name] = readString(f, where);
        break;
      case 'bytes32':
        out[f.name] = readItem(f.type, where, limitOf(spec, f));
        break;
      case 'list32': {
        const count = Number(readInt('u32', `${where}.count`));
        const limit = limitOf(spec, f);
        if (limit !== undefined && count > limit) fail('too_many_items', where, `${count} > ${limit}`);
        const minItem = f.items === 'bytes32' ? 4 : 2;
        if (count > (payload.length - at) / minItem) fail('truncated', where, `${count} items cannot fit`);
        const items: unknown[] = [];
        for (let i = 0; i < count; i++) items.push(readItem(f.items!, `${where}[${i}]`, undefined));
        out[f.name] = items;
        break;
      }
    }
  }
  if (at !== payload.length) fail('trailing_bytes', layout.name, `${payload.length - at} bytes after the last field`);
  return out;
}
