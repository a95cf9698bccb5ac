// A conformance decoder built on the JavaScript parser that kaitai-struct-compiler generates from
// generated/kaitai/felix_wire.ksy, on the kaitai-struct 0.10 runtime. Kaitai does the framing and
// every binary check (UTF-8 included); this harness decodes the flags-0 JSON payload, checks it
// against its JSON Schema and turns the result into the value notation. Nothing here comes from
// our own codec: field types come from the spec model, error codes from the .ksy's error table.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BinaryField, JsonField, LayoutSpec, Spec } from '@felix/spec';
import { loadSpec } from '@felix/spec';
import { knownFlagMask, parseJsonText, variantKind } from '@felix/spec/interpreter';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

export type KaitaiOutcome = { value: Record<string, unknown> } | { error: string };
type Value = Record<string, unknown>;

// Found through package resolution rather than import.meta.url, which points at the bundle when
// this module is bundled into another entry point (the fuzzers).
const ROOT = join(dirname(createRequire(import.meta.url).resolve('@felix/spec')), '../../');
const KAITAI_DIR = `${ROOT}generated/kaitai/`;
const SCHEMA_DIR = `${ROOT}generated/schemas/`;
const MAX_BYTES_KEYWORD = 'x-felix-max-bytes';
const FORMAT_KEYWORD = 'x-felix-format';
/** Checks base64 where a schema says contentEncoding base64 (see withBase64Check). */
const BASE64_CHECK_KEYWORD = 'x-conformance-base64';
/** Checks an integer schema, number or exact bigint (see withIntegerCheck). */
const INTEGER_CHECK_KEYWORD = 'x-conformance-integer';
const MAX_SAFE_NUMBER = Number.MAX_SAFE_INTEGER;
const U64_MAX = 2n ** 64n - 1n;

interface IntegerRule {
  max: number | 'u64';
  nullable: boolean;
}

/**
 * The code an integer schema fails with, or undefined: integers above 2^53-1 come as bigints
 * (the JSON text is read exactly), which the standard keywords do not take. In the order of
 * the standard keywords: type, then (a u64 only) exactness, then range.
 */
function integerProblem(rule: IntegerRule, data: unknown): string | undefined {
  if (data === null && rule.nullable) return undefined;
  if (typeof data === 'bigint') return rule.max !== 'u64' || data < 0n || data > U64_MAX ? 'out_of_range' : undefined;
  if (typeof data !== 'number' || !Number.isInteger(data)) return 'wrong_type';
  // A JSON parser rounds a number with a fraction or exponent: above 2^53-1 it names no one integer.
  if (rule.max === 'u64') return data > MAX_SAFE_NUMBER ? 'unsafe_integer' : data < 0 ? 'out_of_range' : undefined;
  return data < 0 || data > rule.max ? 'out_of_range' : undefined;
}

/** A frame the decoder refuses, with the spec's codec error code. */
class Rejection extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

// Keeps a BOM as text, as the spec's "strings are UTF-8" does; fatal so invalid UTF-8 throws.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new Rejection('invalid_utf8');
  }
}

const toHex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
const base64ToHex = (s: string) => Buffer.from(s, 'base64').toString('hex');

/** How ksc 0.10 names a ksy id in JavaScript. */
const jsName = (id: string) =>
  id
    .split('_')
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');

interface Context {
  spec: Spec;
  knownFlags: number;
  FelixWire: new (io: unknown) => any;
  KaitaiStream: any;
  validations: Record<string, string>;
  ajv: Ajv;
  schemas: Map<string, ValidateFunction>;
}

let loaded: Context | undefined;

function context(): Context {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const parserPath = `${KAITAI_DIR}js/FelixWire.cjs`;
  // The runtime the parser itself requires, resolved from its folder, so both are one instance.
  const KaitaiStream = require(require.resolve('kaitai-struct/KaitaiStream', { paths: [`${KAITAI_DIR}js/`] }));
  const spec = loadSpec(`${ROOT}spec`);
  // verbose: an error carries the schema it failed, whose x-felix-format names a pattern's format.
  const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
  ajv.addVocabulary(['x-felix-type', FORMAT_KEYWORD]);
  ajv.addKeyword({
    keyword: MAX_BYTES_KEYWORD,
    type: 'string',
    schemaType: 'number',
    // Inside the validator rather than after it, so it is reported in field order; before a
    // format's pattern, as the spec checks a name's length first.
    before: 'pattern',
    validate: (limit: number, data: string) => Buffer.byteLength(data, 'utf8') <= limit,
  });
  ajv.addKeyword({
    keyword: INTEGER_CHECK_KEYWORD,
    schemaType: 'object',
    errors: true,
    validate: function check(rule: IntegerRule, data: unknown): boolean {
      const code = integerProblem(rule, data);
      (check as unknown as { errors: Partial<ErrorObject>[] }).errors = code
        ? [{ keyword: INTEGER_CHECK_KEYWORD, params: { code }, message: code }]
        : [];
      return code === undefined;
    },
  });
  ajv.addKeyword({
    keyword: BASE64_CHECK_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    // What the schemas' pattern says, without its repeated group: a character class repeated
    // needs no backtracking state per character, so it matches 16 MiB as it matches 16 bytes.
    validate: (_: boolean, data: string) => data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data),
  });
  loaded = {
    spec,
    knownFlags: knownFlagMask(spec),
    FelixWire: require(parserPath),
    KaitaiStream,
    validations: JSON.parse(readFileSync(`${KAITAI_DIR}felix_wire.errors.json`, 'utf8')).validations,
    ajv,
    schemas: new Map(),
  };
  return loaded;
}

// ---------- the Kaitai parse ----------

const VALIDATION_ERRORS = [
  'ValidationNotEqualError',
  'ValidationLessThanError',
  'ValidationGreaterThanError',
  'ValidationNotAnyOfError',
  'ValidationExprError',
];

function readU8beExact(this: any): bigint {
  this.ensureBytesLeft(8);
  const high = this.readU4be();
  const low = this.readU4be();
  return (BigInt(high) << 32n) | BigInt(low);
}

function mapUint8ArrayUnclipped(this: any, length: number): Uint8Array {
  this.ensureBytesLeft(length);
  const arr = new Uint8Array(this._buffer, this.byteOffset + this.pos, length);
  this.pos += length;
  return arr;
}

/**
 * Runs `parse` on a runtime with three defects of kaitai-struct 0.10's JavaScript runtime fixed:
 * u8be comes back as a double (rounded above 2^53), a byte count of 2^31 or more wraps negative
 * (`length |= 0`) instead of failing as EOF, and validation errors drop the srcPath that says
 * which `valid` failed. The generated parser reaches the runtime through the shared module
 * object, so the fixes are installed for the (synchronous) parse and removed after it.
 */
export function withFixedRuntime<T>(KS: any, parse: () => T): T {
  const saved: [any, string, unknown][] = [];
  const install = (target: any, name: string, value: unknown) => {
    saved.push([target, name, target[name]]);
    target[name] = value;
  };
  install(KS.prototype, 'readU8be', readU8beExact);
  install(KS.prototype, 'mapUint8Array', mapUint8ArrayUnclipped);
  for (const name of VALIDATION_ERRORS) {
    const Original = KS[name];
    install(KS, name, function recordingSrcPath(...args: unknown[]) {
      const err = Reflect.construct(Original, args) as { srcPath?: unknown };
      err.srcPath = args[args.length - 1];
      return err;
    });
  }
  try {
    return parse();
  } finally {
    for (const [target, name, value] of saved.reverse()) target[name] = value;
  }
}

function parseFrame(ctx: Context, frame: Uint8Array): any {
  try {
    return withFixedRuntime(ctx.KaitaiStream, () => new ctx.FelixWire(new ctx.KaitaiStream(frame)));
  } catch (err) {
    if (err instanceof ctx.KaitaiStream.EOFError) {
      // The header is read as one block first, so running out there means the header is short.
      throw new Rejection(frame.length < ctx.spec.frame.header_size ? 'short_header' : 'truncated');
    }
    const srcPath = (err as { srcPath?: unknown }).srcPath;
    const code = typeof srcPath === 'string' ? ctx.validations[srcPath] : undefined;
    if (!code) throw err;
    if (code === 'invalid_flags' && ((err as { actual: number }).actual & ~ctx.knownFlags) !== 0) {
      throw new Rejection('unknown_flags');
    }
    throw new Rejection(code);
  }
}

// ---------- binary layouts ----------

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function enumName(spec: Spec, name: string, n: number): string {
  const value = spec.enums[name].values.find((v) => v.value === n);
  if (!value) throw new Rejection('invalid_enum');
  return value.name;
}

function str16(spec: Spec, limit: string | undefined, s: { data: { raw: Uint8Array } }): string {
  const raw = s.data.raw;
  if (limit && raw.length > spec.limits[limit].value)
    throw new Error(`the Kaitai parser passed a ${raw.length}-byte string`);
  try {
    return strictUtf8.decode(raw);
  } catch {
    // The .ksy checks UTF-8 code point by code point; getting here means that check is wrong.
    throw new Error('the Kaitai parser passed invalid UTF-8');
  }
}

function binaryValue(spec: Spec, f: BinaryField, v: any): unknown {
  switch (f.type) {
    case 'u64':
      return v <= MAX_SAFE ? Number(v) : String(v);
    case 'str16':
      return str16(spec, f.limit, v);
    case 'bytes32':
      return toHex(v.data);
    case 'list32':
      return (v.items as any[]).map((item) => (f.items === 'str16' ? str16(spec, undefined, item) : toHex(item.data)));
    default:
      return f.enum ? enumName(spec, f.enum, v) : v;
  }
}

function binaryMessage(spec: Spec, layout: LayoutSpec, flags: number, payload: any): Value {
  const out: Value = { type: layout.name };
  for (const f of layout.fields) {
    if (f.when && (flags & spec.flags.find((x) => x.name === f.when)!.bit) === 0) continue;
    const v = payload[jsName(f.name)];
    if (v === undefined) throw new Error(`the Kaitai parser has no ${layout.name}.${f.name}`);
    out[f.name] = binaryValue(spec, f, v);
  }
  return out;
}

// ---------- JSON payloads ----------

/**
 * `schema` with the pattern of every contentEncoding base64 string replaced by
 * BASE64_CHECK_KEYWORD: ajv runs patterns on V8's regex engine, whose backtracking stack the
 * pattern's repeated group overflows on a few megabytes of text, well under the frame limit.
 */
function withBase64Check(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withBase64Check);
  if (schema === null || typeof schema !== 'object') return schema;
  const base64 = (schema as Value).contentEncoding === 'base64';
  const out: Value = {};
  for (const [k, v] of Object.entries(schema)) {
    if (base64 && k === 'pattern') out[BASE64_CHECK_KEYWORD] = true;
    else out[k] = withBase64Check(v);
  }
  return out;
}

/** `schema` with every integer schema's type, minimum and maximum replaced by INTEGER_CHECK_KEYWORD. */
function withIntegerCheck(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withIntegerCheck);
  if (schema === null || typeof schema !== 'object') return schema;
  const { type, minimum, maximum, ...rest } = schema as Value;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('integer')) {
    const rule: IntegerRule = {
      max: rest['x-felix-type'] === 'u64' ? 'u64' : (maximum as number),
      nullable: types.includes('null'),
    };
    return { ...rest, [INTEGER_CHECK_KEYWORD]: rule };
  }
  const out: Value = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'type' ? v : withIntegerCheck(v);
  return out;
}

function schemaFor(ctx: Context, type: string): ValidateFunction {
  let validate = ctx.schemas.get(type);
  if (!validate) {
    // Read exactly: the u64 maximum 18446744073709551615 is no double.
    const schema = parseJsonText(readFileSync(`${SCHEMA_DIR}${type}.schema.json`, 'utf8'));
    validate = ctx.ajv.compile(withIntegerCheck(withBase64Check(schema)) as Value);
    ctx.schemas.set(type, validate);
  }
  return validate;
}

function schemaErrorCode(spec: Spec, e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return 'missing_field';
    case 'type':
      return 'wrong_type';
    case INTEGER_CHECK_KEYWORD:
      return String(e.params.code);
    case 'enum':
    case 'const':
      return 'invalid_enum';
    case 'pattern': {
      const format = (e.parentSchema as Record<string, unknown> | undefined)?.[FORMAT_KEYWORD];
      return typeof format === 'string' ? spec.formats[format].error : 'invalid_base64';
    }
    case BASE64_CHECK_KEYWORD:
      return 'invalid_base64';
    case 'maxItems':
      return 'too_many_items';
    case 'maxLength':
    case MAX_BYTES_KEYWORD:
      return 'string_too_long';
    default:
      throw new Error(`no error code for schema keyword ${e.keyword} at ${e.instancePath}`);
  }
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'bigint') return 'number';
  return typeof v;
}

// JSON `-0` is the integer 0; as -0 it would compare unequal to 0 under deep equality. An
// integer read exactly (above 2^53-1) is written in decimal digits, as the notation says.
const integer = (v: unknown) => (v === 0 ? 0 : typeof v === 'bigint' ? v.toString() : v);

function jsonValue(f: JsonField, v: unknown): unknown {
  switch (f.type) {
    case 'bytes':
      return base64ToHex(v as string);
    case 'list':
      return (v as unknown[]).map((x) => (f.items === 'bytes' ? base64ToHex(x as string) : integer(x)));
    case 'object':
      return jsonFields(f.fields!, v as Value);
    case 'oneof': {
      const variant = f.variants!.find((x) => variantKind(x) === jsonKind(v));
      if (!variant) throw new Rejection('wrong_type');
      return jsonValue(variant, v);
    }
    default:
      return integer(v);
  }
}

function jsonFields(fields: JsonField[], o: Value): Value {
  const out: Value = {};
  for (const f of fields) {
    const v = Object.hasOwn(o, f.name) ? o[f.name] : undefined;
    if (v === undefined || v === null) {
      if (f.presence === 'nullable') out[f.name] = null;
      continue;
    }
    out[f.name] = jsonValue(f, v);
  }
  return out;
}

function jsonMessage(ctx: Context, bytes: Uint8Array): Value {
  let parsed: unknown;
  try {
    parsed = parseJsonText(utf8(bytes));
  } catch (err) {
    if (err instanceof Rejection) throw err;
    throw new Rejection('invalid_json');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Rejection('invalid_json');
  const o = parsed as Value;
  if (!Object.hasOwn(o, 'type')) throw new Rejection('missing_field');
  if (typeof o.type !== 'string') throw new Rejection('wrong_type');
  const message = ctx.spec.messages.find((m) => m.name === o.type);
  if (!message) throw new Rejection('unknown_type');
  const validate = schemaFor(ctx, message.name);
  if (!validate(o)) {
    // An if/then/else reports the failing branch's error, then its own; the branch's is the cause.
    const e = validate.errors?.find((x) => x.keyword !== 'if') ?? validate.errors?.[0];
    throw new Rejection(e ? schemaErrorCode(ctx.spec, e) : 'wrong_type');
  }
  return { type: message.name, ...jsonFields(message.fields, o) };
}

// ---------- entry point ----------

/** Decodes one whole frame (exactly one frame, nothing after it) into the value notation. */
export function decodeWithKaitaiJs(frame: Uint8Array): KaitaiOutcome {
  try {
    const ctx = context();
    const parsed = parseFrame(ctx, frame);
    const flags: number = parsed.header.flags;
    if (flags === 0) return { value: jsonMessage(ctx, parsed.payload.text) };
    const layout = ctx.spec.layouts.find((l) => (flags & l.flagBit) !== 0);
    if (!layout) throw new Error(`flags 0x${flags.toString(16)} passed the parser but select no layout`);
    return { value: binaryMessage(ctx.spec, layout, flags, parsed.payload) };
  } catch (err) {
    if (err instanceof Rejection) return { error: err.code };
    return { error: `internal:${(err as Error)?.name}: ${(err as Error)?.message ?? String(err)}` };
  }
}
