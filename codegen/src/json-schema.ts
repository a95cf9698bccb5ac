// Builds the JSON Schema of each JSON message from the spec. The same schema objects are
// written to generated/schemas/ and compiled to standalone ajv validators for the TS decoder.
import type { CodePointRange, FormatSpec, JsonField, MessageSpec, Spec } from '@felix/spec';
import { variantKind } from '@felix/spec/interpreter';

export const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
/** Annotation keywords the schemas carry; validators must declare them as a vocabulary. */
export const MAX_BYTES_KEYWORD = 'x-felix-max-bytes';
/** Names the spec format a `pattern` stands for, so a harness can report the format's error. */
export const FORMAT_KEYWORD = 'x-felix-format';
export const FELIX_KEYWORDS = [MAX_BYTES_KEYWORD, 'x-felix-type', FORMAT_KEYWORD];
/**
 * Stands for BASE64_PATTERN in the TypeScript validators' schemas only (see validators.ts): a
 * regex with a repeated group overflows V8's backtracking stack on a few megabytes of text, so
 * those validators check base64 in one pass instead. The published schemas keep the pattern.
 */
export const BASE64_KEYWORD = 'x-felix-base64';
export const SCHEMA_BASE_URI = 'https://felix.dev/schemas/';
export const U64_MAX = 2n ** 64n - 1n;

/**
 * Stand for an integer schema's `type`, `minimum` and `maximum` in the TypeScript validators'
 * schemas only (see validators.ts), which also see a JSON u64 above 2^53-1 as a bigint: an
 * integer (a whole number, or a bigint; null where the member may be null), then for a u64 no
 * number above 2^53-1 (a JSON parser kept none exact, so one there was written as a fraction or
 * an exponent), then the range (`u64` or the maximum). The published schemas keep the standard
 * keywords.
 */
export const INTEGER_KEYWORD = 'x-felix-integer';
export const EXACT_KEYWORD = 'x-felix-exact';
export const RANGE_KEYWORD = 'x-felix-range';

type Schema = Record<string, unknown>;

// Characters a regex class must escape, written as identity escapes that ECMA-262 (with and
// without the u flag), Python and RE2 all read the same; anything else unprintable is \uXXXX.
const SYNTAX_CHARACTERS = new Set('^$\\.*+?()[]{}|/');

function classChar(cp: number): string {
  const ch = String.fromCharCode(cp);
  if (/[0-9A-Za-z]/.test(ch)) return ch;
  if (SYNTAX_CHARACTERS.has(ch)) return `\\${ch}`;
  return `\\u${cp.toString(16).padStart(4, '0')}`;
}

function classRanges(ranges: CodePointRange[]): string {
  return ranges.map((r) => (r.from === r.to ? classChar(r.from) : `${classChar(r.from)}-${classChar(r.to)}`)).join('');
}

/**
 * The JSON Schema `pattern` of a format: any not_only code points, then one code point that is
 * neither forbidden nor not_only, then anything not forbidden. The first two parts match
 * disjoint sets, so a regex engine never backtracks over them.
 */
export function formatPattern(format: FormatSpec): string {
  const forbidden = classRanges(format.forbidden);
  const only = classRanges(format.not_only);
  return `^[${only}]*[^${forbidden}${only}][^${forbidden}]*$`;
}

function scalarSchema(spec: Spec, type: string, limit: string | undefined, format?: string): Schema {
  switch (type) {
    case 'string': {
      const s: Schema = { type: 'string' };
      if (limit) {
        // maxLength counts code points, which never exceed UTF-8 bytes: a cheap first filter.
        s.maxLength = spec.limits[limit].value;
        s[MAX_BYTES_KEYWORD] = spec.limits[limit].value;
      }
      if (format) {
        // After the byte limit, as every decoder checks it: validators that run keywords in
        // schema order need nothing else, ajv is told so when the keyword is added.
        s.pattern = formatPattern(spec.formats[format]);
        s[FORMAT_KEYWORD] = format;
      }
      return s;
    }
    case 'bytes':
      return { type: 'string', contentEncoding: 'base64', pattern: BASE64_PATTERN };
    case 'bool':
      return { type: 'boolean' };
    case 'u16':
      return { type: 'integer', minimum: 0, maximum: 0xffff };
    case 'u32':
      return { type: 'integer', minimum: 0, maximum: 0xffffffff };
    case 'u64':
      // A bigint, so the schema file states 2^64-1 in exact digits (jsonText writes it so).
      return { type: 'integer', minimum: 0, maximum: U64_MAX, 'x-felix-type': 'u64' };
    default:
      throw new Error(`no schema for ${type}`);
  }
}

function fieldSchema(spec: Spec, field: JsonField): Schema {
  let s: Schema;
  switch (field.type) {
    case 'enum':
      s = { type: 'string', enum: spec.enums[field.enum!].values.map((v) => v.name) };
      break;
    case 'list':
      s = { type: 'array', items: scalarSchema(spec, field.items!, undefined) };
      if (field.limit) s.maxItems = spec.limits[field.limit].value;
      break;
    case 'object':
      s = objectSchema(spec, field.fields!);
      break;
    case 'oneof':
      s = oneofSchema(spec, field.variants!);
      break;
    default:
      s = scalarSchema(spec, field.type, field.limit, field.format);
  }
  return { description: field.doc, ...s };
}

// Variants are told apart by JSON kind; an if/then chain (rather than oneOf) makes the
// validator report the error of the one variant that applies.
function oneofSchema(spec: Spec, variants: JsonField[]): Schema {
  const [first, ...rest] = variants;
  const branch = fieldSchema(spec, first);
  if (rest.length === 0) return branch;
  return { if: { type: variantKind(first) }, then: branch, else: oneofSchema(spec, rest) };
}

function nullableOptional(field: JsonField, s: Schema): Schema {
  if (field.presence === 'required') return s;
  // Optional and nullable members may be null (serde reads null as "none").
  // An enum's value list must admit the null as well, or the type allows it and enum refuses it.
  if (typeof s.type === 'string')
    return { ...s, type: [s.type, 'null'], ...(s.enum ? { enum: [...(s.enum as unknown[]), null] } : {}) };
  return { if: { type: 'null' }, then: true, else: s };
}

function objectSchema(spec: Spec, fields: JsonField[], typeName?: string): Schema {
  const properties: Schema = {};
  if (typeName) properties.type = { const: typeName };
  for (const f of fields) properties[f.name] = nullableOptional(f, fieldSchema(spec, f));
  const required = [
    ...(typeName ? ['type'] : []),
    ...fields.filter((f) => f.presence === 'required').map((f) => f.name),
  ];
  return { type: 'object', required, properties };
}

/** `schema` with every byte field's BASE64_PATTERN replaced by BASE64_KEYWORD. */
export function withBase64Keyword(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withBase64Keyword);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'pattern' && v === BASE64_PATTERN) out[BASE64_KEYWORD] = true;
    else out[k] = withBase64Keyword(v);
  }
  return out;
}

/** `schema` with every integer schema rewritten to INTEGER_KEYWORD, EXACT_KEYWORD and RANGE_KEYWORD. */
export function withExactIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withExactIntegers);
  if (schema === null || typeof schema !== 'object') return schema;
  const { type, minimum, maximum, ...rest } = schema as Schema;
  const types = Array.isArray(type) ? type : [type];
  if (types.includes('integer')) {
    if (minimum !== 0) throw new Error('integer schemas are unsigned');
    const u64 = rest['x-felix-type'] === 'u64';
    return {
      ...rest,
      [INTEGER_KEYWORD]: types.includes('null') ? 'integer_or_null' : 'integer',
      ...(u64 ? { [EXACT_KEYWORD]: true } : {}),
      [RANGE_KEYWORD]: u64 ? 'u64' : maximum,
    };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'type' ? v : withExactIntegers(v);
  return out;
}

export function messageSchema(spec: Spec, message: MessageSpec, comment: string): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE_URI}${message.name}.schema.json`,
    $comment: comment,
    title: message.name,
    description: message.doc,
    ...objectSchema(spec, message.fields, message.name),
  };
}
