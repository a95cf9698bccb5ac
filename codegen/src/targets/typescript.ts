// Generates the TypeScript codec in generated/src: constants, types, JSON and binary codecs,
// standalone ajv validators, and the hand-written runtime (codegen/runtime) it builds on.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BinaryField, JsonField, LayoutSpec, Spec } from '@felix/spec';
import { flagCombinations, knownFlagMask, variantKind } from '@felix/spec/interpreter';
import { _, Ajv, type KeywordCxt } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { FELIX_KEYWORDS, MAX_BYTES_KEYWORD, messageSchema } from '../json-schema.js';
import { type GeneratedFile, notice, type Target } from '../target.js';
import { formatIdentifiers } from './formats.js';

const RUNTIME_DIR = fileURLToPath(new URL('../../runtime/', import.meta.url));
const OUT = 'generated/src';

// Type names that would shadow a global (Error, DOM's Event) get a suffix.
const SHADOWED_GLOBALS = new Set(['Error', 'Event']);
const pascal = (name: string) => {
  const p = name.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  return SHADOWED_GLOBALS.has(p) ? `${p}Message` : p;
};
const constName = (name: string) => name.toUpperCase();
const q = (s: string) => JSON.stringify(s);
const hex = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
const doc = (text: string, indent = '') => `${indent}/** ${text.replace(/\*\//g, '*\\/')} */\n`;

function limitValue(spec: Spec, limit: string | undefined): number | undefined {
  return limit ? spec.limits[limit].value : undefined;
}

/** `value` passed through its string format's check (generated/src/formats.ts), if it has one. */
function withFormat(spec: Spec, f: { format?: string }, offset: string, value: string, path: string): string {
  return f.format ? `${formatIdentifiers(spec.formats[f.format]).checkField}(${offset}, ${value}, ${q(path)})` : value;
}

function formatImports(spec: Spec): string {
  return `import { ${Object.values(spec.formats)
    .map((f) => formatIdentifiers(f).checkField)
    .join(', ')} } from './formats.js';`;
}

// ---------- constants ----------

function constantsFile(spec: Spec): string {
  const lines: string[] = [notice('//'), '// Numbers and names from spec/protocol.yaml.\n'];
  const [magic, version] = spec.frame.header;
  lines.push(`export const MAGIC = 0x${magic.const!.toString(16)};`);
  lines.push(`export const WIRE_VERSION = ${version.const};`);
  lines.push(`export const HEADER_SIZE = ${spec.frame.header_size};`);
  lines.push(`export const MAX_SAFE_JSON_INTEGER = ${Number.MAX_SAFE_INTEGER};`);
  lines.push(`export const DEFAULT_MAX_FRAME_PAYLOAD = ${spec.limits.max_frame_payload.value};\n`);
  lines.push('export const LIMITS = {');
  for (const [name, l] of Object.entries(spec.limits)) lines.push(`${doc(l.doc, '  ')}  ${name}: ${l.value},`);
  lines.push('} as const;\n');
  lines.push('export const FLAGS = {');
  for (const f of spec.flags) lines.push(`${doc(f.doc, '  ')}  ${f.name}: ${hex(f.bit)},`);
  lines.push('} as const;\n');
  lines.push(`export const KNOWN_FLAGS_MASK = ${hex(knownFlagMask(spec))};`);
  lines.push(doc('Flags a peer that advertised nothing is assumed to understand.'));
  lines.push(`export const ORIGINAL_V1_FLAGS = ${hex(spec.capabilities.original_v1_flags)};`);
  const combos = flagCombinations(spec).map((c) => hex(c.flags));
  lines.push(doc('Every non-zero flags value a frame may carry.'));
  lines.push(`export const ALLOWED_FLAGS: ReadonlySet<number> = new Set([${combos.join(', ')}]);\n`);
  lines.push('export const FEATURES = {');
  for (const f of spec.capabilities.features) lines.push(`${doc(f.doc, '  ')}  ${f.name}: 0x${f.bit.toString(16)},`);
  lines.push('} as const;\n');
  for (const e of Object.values(spec.enums)) {
    lines.push(doc(e.doc));
    if (e.encoding === 'u8') {
      lines.push(`export const ${constName(e.name)} = {`);
      for (const v of e.values) lines.push(`  ${v.name}: ${v.value},`);
      lines.push('} as const;');
    } else {
      lines.push(`export const ${constName(e.name)} = [${e.values.map((v) => q(v.name)).join(', ')}] as const;`);
    }
    lines.push(`export type ${pascal(e.name)} = ${e.values.map((v) => q(v.name)).join(' | ')};\n`);
  }
  lines.push(`export type ErrorCode =\n${spec.errors.codes.map((c) => `  | ${q(c.name)}`).join('\n')};\n`);
  lines.push('export const ERROR_CODES: Record<ErrorCode, { number: number; retry: string; codec: boolean }> = {');
  for (const c of spec.errors.codes) {
    lines.push(`  ${c.name}: { number: ${c.number}, retry: ${q(c.retry)}, codec: ${c.codec} },`);
  }
  lines.push('};');
  return `${lines.join('\n')}\n`;
}

// ---------- types ----------

function jsonTsType(spec: Spec, f: JsonField): string {
  switch (f.type) {
    case 'string':
      return 'string';
    case 'bytes':
      return 'Uint8Array';
    case 'bool':
      return 'boolean';
    case 'u16':
    case 'u32':
    case 'u64':
      return 'number';
    case 'enum':
      return pascal(f.enum!);
    case 'list':
      return `${f.items === 'bytes' ? 'Uint8Array' : f.items === 'string' ? 'string' : 'number'}[]`;
    case 'object':
      return `{ ${f.fields!.map((x) => jsonMember(spec, x)).join(' ')} }`;
    case 'oneof':
      return f.variants!.map((v) => jsonTsType(spec, v)).join(' | ');
  }
}

function jsonMember(spec: Spec, f: JsonField): string {
  const t = jsonTsType(spec, f);
  if (f.presence === 'optional') return `${f.name}?: ${t};`;
  if (f.presence === 'nullable') return `${f.name}: ${t} | null;`;
  return `${f.name}: ${t};`;
}

function binaryTsType(_spec: Spec, f: BinaryField): string {
  if (f.enum) return pascal(f.enum);
  switch (f.type) {
    case 'u8':
    case 'u16':
    case 'u32':
      return 'number';
    case 'u64':
      return 'bigint';
    case 'str16':
      return 'string';
    case 'bytes32':
      return 'Uint8Array';
    case 'list32':
      return f.items === 'bytes32' ? 'Payloads' : 'string[]';
  }
}

function typesFile(spec: Spec): string {
  const enumTypes = Object.keys(spec.enums).map(pascal);
  const out: string[] = [
    notice('//'),
    `import type { ${enumTypes.join(', ')} } from './constants.js';`,
    "import type { Payloads } from './runtime/payload-list.js';\n",
  ];
  for (const m of spec.messages) {
    out.push(doc(`${m.doc} (JSON, ${m.direction.replace(/_/g, ' ')}; ${m.streams.join('/')} stream)`));
    out.push(`export interface ${pascal(m.name)} {\n  type: ${q(m.name)};`);
    for (const f of m.fields) out.push(`${doc(f.doc, '  ')}  ${jsonMember(spec, f)}`);
    out.push('}\n');
  }
  for (const l of spec.layouts) {
    out.push(doc(`${l.doc} (binary, flag ${l.flag})`));
    out.push(`export interface ${pascal(l.name)} {\n  type: ${q(l.name)};`);
    for (const f of l.fields) {
      const guard = f.when ? ` Present exactly when ${f.when} is set.` : '';
      out.push(`${doc(f.doc + guard, '  ')}  ${f.name}${f.when ? '?' : ''}: ${binaryTsType(spec, f)};`);
    }
    out.push('}\n');
  }
  out.push(`export type JsonMessage =\n${spec.messages.map((m) => `  | ${pascal(m.name)}`).join('\n')};\n`);
  out.push(`export type BinaryMessage =\n${spec.layouts.map((l) => `  | ${pascal(l.name)}`).join('\n')};\n`);
  out.push('export type WireMessage = JsonMessage | BinaryMessage;');
  out.push("export type MessageType = WireMessage['type'];");
  out.push('export type MessageOf<T extends MessageType> = Extract<WireMessage, { type: T }>;');
  return `${out.join('\n')}\n`;
}

// ---------- JSON codec ----------

/** Expression converting a schema-validated JSON value `expr` into its TS form. */
function fromJson(spec: Spec, f: JsonField, expr: string, path: string): string {
  switch (f.type) {
    case 'bytes':
      return `decodeBase64(${expr}, ${q(path)}, HEADER_SIZE, true)`;
    case 'list':
      if (f.items === 'bytes') {
        return `decodeCheckedBase64List(${expr} as string[])`;
      }
      return expr;
    case 'enum':
      return `(${expr} as ${pascal(f.enum!)})`;
    case 'u16':
    case 'u32':
    case 'u64':
      // JSON -0 is the integer 0.
      return `(${expr} || 0)`;
    case 'object': {
      const members = f.fields!.map(
        (x) => `${x.name}: ${presenceWrap(spec, x, `${expr}.${x.name}`, `${path}.${x.name}`)}`,
      );
      return `{ ${members.join(', ')} }`;
    }
    case 'oneof': {
      let chain = 'undefined as never';
      for (const v of [...f.variants!].reverse()) {
        chain = `${kindTest(variantKind(v), expr)} ? ${fromJson(spec, v, expr, path)} : ${chain}`;
      }
      return `(${chain})`;
    }
    default:
      return expr;
  }
}

function kindTest(kind: string, expr: string): string {
  if (kind === 'object') return `(typeof ${expr} === 'object' && ${expr} !== null && !Array.isArray(${expr}))`;
  if (kind === 'array') return `Array.isArray(${expr})`;
  return `typeof ${expr} === ${q(kind)}`;
}

function presenceWrap(spec: Spec, f: JsonField, expr: string, path: string): string {
  const conv = fromJson(spec, f, expr, path);
  if (f.presence === 'required') return conv;
  const absent = f.presence === 'nullable' ? 'null' : 'undefined';
  return conv === expr ? `(${expr} ?? ${absent})` : `(${expr} == null ? ${absent} : ${conv})`;
}

/** Expression producing the JSON text of TS value `expr`. */
function toJson(spec: Spec, f: JsonField, expr: string, path: string): string {
  switch (f.type) {
    case 'string':
      return `jsonString(${withFormat(spec, f, 'undefined', expr, path)}, ${limitValue(spec, f.limit) ?? -1}, ${q(path)})`;
    case 'bytes':
      return `jsonBytes(${expr}, ${q(path)})`;
    case 'bool':
      return `jsonBool(${expr}, ${q(path)})`;
    case 'u16':
      return `jsonInt(${expr}, 0xffff, ${q(path)})`;
    case 'u32':
      return `jsonInt(${expr}, 0xffffffff, ${q(path)})`;
    case 'u64':
      return `jsonU64(${expr}, ${q(path)})`;
    case 'enum':
      return `jsonEnum(${expr}, ${constName(f.enum!)}, ${q(path)})`;
    case 'list': {
      const item: JsonField = { ...f, type: f.items!, limit: undefined, presence: 'required' };
      const limit = limitValue(spec, f.limit) ?? -1;
      return `jsonList(${expr}, ${limit}, ${q(path)}, (x, i) => ${toJson(spec, item, 'x', `${path}[]`)})`;
    }
    case 'object':
      return `(${objectJson(spec, f.fields!, expr, path, '')})`;
    case 'oneof': {
      let chain = `badVariant(${q(path)})`;
      for (const v of [...f.variants!].reverse()) {
        chain = `${kindTest(variantKind(v), expr)} ? ${toJson(spec, v, expr, path)} : ${chain}`;
      }
      return `(${chain})`;
    }
  }
}

/** Expression building `{...}` JSON text for `fields` of `expr`, with `prefix` members first. */
function objectJson(spec: Spec, fields: JsonField[], expr: string, path: string, prefix: string): string {
  const value = (f: JsonField) => toJson(spec, f, `${expr}.${f.name}`, `${path}.${f.name}`);
  if (!prefix) {
    // Without a fixed first member, which members need a leading comma is only known at run time.
    const pairs = fields.map((f) =>
      f.presence === 'required'
        ? `[${q(f.name)}, ${value(f)}]`
        : f.presence === 'nullable'
          ? `[${q(f.name)}, ${expr}.${f.name} == null ? 'null' : ${value(f)}]`
          : `[${q(f.name)}, ${expr}.${f.name} == null ? undefined : ${value(f)}]`,
    );
    return `jsonMembers([${pairs.join(', ')}])`;
  }
  const parts = fields.map((f) => {
    const key = q(`,${q(f.name)}:`);
    if (f.presence === 'required') return `${key} + ${value(f)}`;
    if (f.presence === 'nullable') return `${key} + (${expr}.${f.name} == null ? 'null' : ${value(f)})`;
    return `(${expr}.${f.name} == null ? '' : ${key} + ${value(f)})`;
  });
  return [q(`{${prefix}`), ...parts, "'}'"].join(' + ');
}

function jsonCodecFile(spec: Spec): string {
  const out: string[] = [notice('//')];
  const enumConsts = Object.values(spec.enums)
    .filter((e) => e.encoding === 'json_string')
    .map((e) => constName(e.name));
  out.push(`import { ${['HEADER_SIZE', ...enumConsts].join(', ')} } from './constants.js';`);
  out.push(`import type { ${Object.keys(spec.enums).map(pascal).join(', ')} } from './constants.js';`);
  out.push(`import type { ${spec.messages.map((m) => pascal(m.name)).join(', ')}, JsonMessage } from './types.js';`);
  out.push("import * as validators from './validators.js';");
  out.push("import { wireErrorFromSchema } from './runtime/ajv-errors.js';");
  out.push("import { decodeBase64, decodeCheckedBase64List } from './runtime/base64.js';");
  out.push(
    "import { badVariant, jsonBool, jsonBytes, jsonEnum, jsonInt, jsonList, jsonMembers, jsonString, jsonU64 } from './runtime/json-helpers.js';",
  );
  out.push(formatImports(spec));
  out.push("import { WireError } from './runtime/wire-error.js';\n");
  out.push('type Json = Record<string, any>;\n');
  for (const m of spec.messages) {
    const T = pascal(m.name);
    out.push(`function decode${T}(o: Json): ${T} {`);
    out.push(`  if (!validators.${m.name}(o)) throw wireErrorFromSchema(${q(m.name)}, validators.${m.name}.errors);`);
    const members = m.fields.map(
      (f) => `    ${f.name}: ${presenceWrap(spec, f, `o.${f.name}`, `${m.name}.${f.name}`)},`,
    );
    out.push(`  return {\n    type: ${q(m.name)},\n${members.join('\n')}\n  };\n}\n`);
    out.push(doc(`JSON text of a ${m.name} message, exactly as upstream's encoder writes it.`));
    out.push(`export function encode${T}Json(m: ${T}): string {`);
    out.push(`  return ${objectJson(spec, m.fields, 'm', m.name, `"type":${q(m.name)}`)};\n}\n`);
  }
  out.push('const decoders: Record<string, (o: Json) => JsonMessage> = {');
  for (const m of spec.messages) out.push(`  ${m.name}: decode${pascal(m.name)},`);
  out.push('};\n');
  out.push(doc('Decodes a parsed flags-0 payload object into its message. Throws WireError.'));
  out.push(`export function decodeJsonObject(o: unknown): JsonMessage {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) {
    throw new WireError('invalid_json', 'frame.payload', HEADER_SIZE, 'not a JSON object');
  }
  const type = (o as Json).type;
  if (type === undefined) throw new WireError('missing_field', 'message.type', HEADER_SIZE, 'required field is missing');
  if (typeof type !== 'string') throw new WireError('wrong_type', 'message.type', HEADER_SIZE, 'must be a string');
  const decode = Object.hasOwn(decoders, type) ? decoders[type] : undefined;
  if (!decode) throw new WireError('unknown_type', 'message.type', HEADER_SIZE, \`"\${type.slice(0, 64)}" is no message type\`);
  try {
    return decode(o as Json);
  } catch (err) {
    const id = (o as Json).request_id;
    if (err instanceof WireError && Number.isSafeInteger(id) && id >= 0) err.requestId = id;
    throw err;
  }
}
`);
  out.push(doc('JSON text of any JSON message.'));
  out.push('export function encodeJsonText(m: JsonMessage): string {\n  switch (m.type) {');
  for (const m of spec.messages) out.push(`    case ${q(m.name)}:\n      return encode${pascal(m.name)}Json(m);`);
  out.push('  }\n}');
  return `${out.join('\n')}\n`;
}

// ---------- binary codec ----------

function minItemSize(items: string): number {
  return items === 'bytes32' ? 4 : 2;
}

function layoutDecoder(spec: Spec, l: LayoutSpec): string {
  const T = pascal(l.name);
  const lines: string[] = [
    `function decode${T}(flags: number, payload: Uint8Array): ${T} {`,
    '  const r = new ByteReader(payload);',
  ];
  const hasRequestId = l.fields.some((f) => f.name === 'request_id' && f.type === 'u64');
  const modBit = (name: string) => spec.flags.find((x) => x.name === name)!.bit;
  const reads: string[] = [];
  for (const f of l.fields) {
    const path = `${l.name}.${f.name}`;
    let read: string;
    switch (f.type) {
      case 'str16':
        // The offset argument is read first: where the text starts, after its u16 length.
        read = withFormat(
          spec,
          f,
          'r.frameOffset() + 2',
          `r.str16(${q(path)}, ${limitValue(spec, f.limit) ?? 0xffff})`,
          path,
        );
        break;
      case 'bytes32':
        read = `r.bytes32(${q(path)})`;
        break;
      case 'list32': {
        const limit = limitValue(spec, f.limit) ?? 0xffffffff;
        read =
          f.items === 'bytes32'
            ? `r.payloadList(${q(path)}, ${limit})`
            : `readList(r, ${q(path)}, ${limit}, ${minItemSize(f.items!)}, () => r.str16(${q(`${path}[]`)}, 0xffff))`;
        break;
      }
      default:
        read = `r.${f.type}(${q(path)})`;
        if (f.enum) read = `enumName(${constName(f.enum)}_NAMES, ${read}, ${q(path)}, r.frameOffset() - 1)`;
    }
    const target = f.name === 'request_id' && hasRequestId ? 'request_id' : `const ${f.name}`;
    const value = f.when ? `(flags & ${hex(modBit(f.when))}) !== 0 ? ${read} : undefined` : read;
    reads.push(`    ${target} = ${value};`);
  }
  if (hasRequestId) {
    lines.push('  let request_id: bigint | undefined;');
    lines.push('  try {');
    lines.push(...reads);
    lines.push(`    r.end(${q(l.name)});`);
    lines.push(
      `    return { type: ${q(l.name)}, ${l.fields.map((f) => (f.name === 'request_id' ? 'request_id: request_id as bigint' : f.name)).join(', ')} };`,
    );
    lines.push('  } catch (err) {');
    lines.push('    if (err instanceof WireError && request_id !== undefined) err.requestId = request_id;');
    lines.push('    throw err;\n  }\n}\n');
  } else {
    lines.push(...reads.map((s) => s.slice(2)));
    lines.push(`  r.end(${q(l.name)});`);
    lines.push(`  return { type: ${q(l.name)}, ${l.fields.map((f) => f.name).join(', ')} };\n}\n`);
  }
  return lines.join('\n');
}

function layoutEncoder(spec: Spec, l: LayoutSpec): string {
  const T = pascal(l.name);
  const lines: string[] = [
    doc(`Encodes a whole ${l.name} frame; the modifier flags follow from which fields are given.`),
  ];
  lines.push(`export function encode${T}(m: ${T}): Uint8Array {`);
  lines.push(`  let flags = ${hex(l.flagBit)};`);
  lines.push('  let size = 0;');
  for (const mod of l.modifiers) {
    const fields = l.fields.filter((f) => f.when === mod.name);
    if (!fields.length) continue;
    const given = fields.map((f) => `m.${f.name} !== undefined`);
    lines.push(`  if (${given.join(' || ')}) {`);
    for (const f of fields) {
      lines.push(
        `    if (m.${f.name} === undefined) throw new WireError('missing_field', ${q(`${l.name}.${f.name}`)}, undefined, 'required with ${mod.name}');`,
      );
    }
    lines.push(`    flags |= ${hex(mod.bit)};\n  }`);
  }
  const writes: string[] = [];
  for (const f of l.fields) {
    const path = `${l.name}.${f.name}`;
    const v = `m.${f.name}`;
    const guard = (s: string) => (f.when ? `  if (${v} !== undefined) ${s}` : `  ${s}`);
    switch (f.type) {
      case 'str16': {
        const value = withFormat(spec, f, 'undefined', v, path);
        lines.push(`  const ${f.name}Bytes = utf8Field(${value}, ${limitValue(spec, f.limit) ?? 0xffff}, ${q(path)});`);
        lines.push(`  size += 2 + ${f.name}Bytes.length;`);
        writes.push(`  w.u16(${f.name}Bytes.length);\n  w.raw(${f.name}Bytes);`);
        break;
      }
      case 'bytes32':
        lines.push(`  size += 4 + bytesField(${v}, ${q(path)}).length;`);
        writes.push(`  w.u32(${v}.length);\n  w.raw(${v});`);
        break;
      case 'list32': {
        const limit = limitValue(spec, f.limit) ?? 0xffffffff;
        if (f.items === 'bytes32') {
          lines.push(`  size += 4 + listSize(${v}, ${limit}, ${q(path)});`);
          writes.push(
            `  w.u32(${v}.length);\n  for (const item of ${v}) {\n    w.u32(item.length);\n    w.raw(item);\n  }`,
          );
        } else {
          lines.push(`  const ${f.name}Items = ${v}.map((s) => utf8Field(s, 0xffff, ${q(`${path}[]`)}));`);
          lines.push(`  size += 4 + listSize(${f.name}Items, ${limit}, ${q(path)}) - 2 * ${f.name}Items.length;`);
          writes.push(
            `  w.u32(${f.name}Items.length);\n  for (const item of ${f.name}Items) {\n    w.u16(item.length);\n    w.raw(item);\n  }`,
          );
        }
        break;
      }
      default: {
        const n = { u8: 1, u16: 2, u32: 4, u64: 8 }[f.type];
        lines.push(f.when ? `  if (${v} !== undefined) size += ${n};` : `  size += ${n};`);
        if (f.enum) writes.push(guard(`w.u8(enumValue(${constName(f.enum)}, ${v}, ${q(path)}));`));
        else if (f.type === 'u64') writes.push(guard(`w.u64(u64Field(${v}, ${q(path)}));`));
        else
          writes.push(
            guard(`w.${f.type}(intField(${v}, ${n === 1 ? '0xff' : n === 2 ? '0xffff' : '0xffffffff'}, ${q(path)}));`),
          );
      }
    }
  }
  lines.push('  const w = new ByteWriter(HEADER_SIZE + size);');
  lines.push('  w.header(flags, size);');
  lines.push(...writes);
  lines.push('  return w.bytes;\n}\n');
  return lines.join('\n');
}

function binaryCodecFile(spec: Spec): string {
  const u8Enums = Object.values(spec.enums).filter((e) => e.encoding === 'u8');
  const out: string[] = [notice('//')];
  out.push(`import { HEADER_SIZE, ${u8Enums.map((e) => constName(e.name)).join(', ')} } from './constants.js';`);
  out.push(`import type { ${spec.layouts.map((l) => pascal(l.name)).join(', ')}, BinaryMessage } from './types.js';`);
  out.push(formatImports(spec));
  out.push("import { ByteReader } from './runtime/byte-reader.js';");
  out.push("import { ByteWriter } from './runtime/byte-writer.js';");
  out.push(
    "import { bytesField, enumName, enumValue, intField, listSize, readList, u64Field, utf8Field, writePayloads } from './runtime/binary-helpers.js';",
  );
  out.push("import { WireError } from './runtime/wire-error.js';\n");
  for (const e of u8Enums) {
    out.push(`const ${constName(e.name)}_NAMES = invert(${constName(e.name)});`);
  }
  out.push(`
function invert<T extends string>(table: Record<T, number>): Map<number, T> {
  return new Map(Object.entries(table).map(([k, v]) => [v as number, k as T]));
}
`);
  for (const l of spec.layouts) {
    out.push(layoutDecoder(spec, l));
    out.push(layoutEncoder(spec, l));
  }
  out.push(doc('Decodes a binary payload whose flags the header check already accepted.'));
  out.push(
    'export function decodeBinaryPayload(flags: number, payload: Uint8Array): BinaryMessage {\n  switch (flags) {',
  );
  for (const l of spec.layouts) {
    for (const c of flagCombinations(spec).filter((x) => x.layout.name === l.name))
      out.push(`    case ${hex(c.flags)}:`);
    out.push(`      return decode${pascal(l.name)}(flags, payload);`);
  }
  out.push(
    `    default:\n      throw new WireError('invalid_flags', 'frame.flags', 6, \`0x\${flags.toString(16)} selects no layout\`);\n  }\n}\n`,
  );
  out.push(doc('The `type` of every binary layout.'));
  out.push(
    `export const BINARY_TYPES: ReadonlySet<string> = new Set([${spec.layouts.map((l) => q(l.name)).join(', ')}]);\n`,
  );
  out.push(doc('Encodes any binary message as a whole frame.'));
  out.push('export function encodeBinaryFrame(m: BinaryMessage): Uint8Array {\n  switch (m.type) {');
  for (const l of spec.layouts) out.push(`    case ${q(l.name)}:\n      return encode${pascal(l.name)}(m);`);
  out.push('  }\n}');
  return `${out.join('\n')}\n`;
}

// ---------- validators ----------

/** ajv's "esm" output still require()s its runtime helpers; turn those into imports. */
function esmOnly(code: string): string {
  const imports: string[] = [];
  const body = code.replace(/const (\w+) = require\("([^"]+)"\)\.default;/g, (_, name: string, mod: string) => {
    imports.push(`import ${name}Module from ${q(`${mod}.js`)};`);
    return `const ${name} = ${name}Module.default ?? ${name}Module;`;
  });
  if (/\brequire\(/.test(body)) throw new Error('standalone validators still call require()');
  return `${imports.join('\n')}\n${body.replace(/^"use strict";\n/, '')}`;
}

function validatorsFiles(spec: Spec): GeneratedFile[] {
  const ajv = new Ajv({
    code: { source: true, esm: true, lines: true },
    allErrors: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    // The spec's patterns are ASCII-only; a non-unicode RegExp matches them the same, faster.
    unicodeRegExp: false,
  });
  ajv.addVocabulary(FELIX_KEYWORDS.filter((k) => k !== MAX_BYTES_KEYWORD));
  // The byte limit is checked inside the validator, in field order with every other check,
  // so the first problem reported is the same one the spec-walking interpreter finds.
  ajv.addKeyword({
    keyword: MAX_BYTES_KEYWORD,
    type: 'string',
    schemaType: 'number',
    before: 'pattern',
    code(cxt: KeywordCxt) {
      const { data, schema } = cxt;
      cxt.fail(_`${data}.length * 3 > ${schema} && new TextEncoder().encode(${data}).length > ${schema}`);
    },
  });
  const exports: Record<string, string> = {};
  for (const m of spec.messages) {
    const schema = messageSchema(spec, m, 'validator');
    ajv.addSchema(schema);
    exports[m.name] = schema.$id as string;
  }
  // The CommonJS module's default export sits one level down under NodeNext interop.
  type Standalone = (ajv: Ajv, refs: Record<string, string>) => string;
  const mod = standaloneModule as unknown as Standalone & { default?: Standalone };
  const standaloneCode = mod.default ?? mod;
  const code = esmOnly(standaloneCode(ajv, exports));
  const dts = [notice('//'), "import type { SchemaError } from './runtime/ajv-errors.js';\n"];
  dts.push('export interface Validator {\n  (data: unknown): boolean;\n  errors?: SchemaError[] | null;\n}\n');
  for (const m of spec.messages) dts.push(`export declare const ${m.name}: Validator;`);
  return [
    { path: `${OUT}/validators.js`, contents: `${notice('//')}${code}\n` },
    { path: `${OUT}/validators.d.ts`, contents: `${dts.join('\n')}\n` },
  ];
}

// ---------- runtime copy, index ----------

function runtimeFiles(): GeneratedFile[] {
  return readdirSync(RUNTIME_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({
      path: `${OUT}/runtime/${f}`,
      contents: `${notice('//')}// source: codegen/runtime/${f}\n${readFileSync(`${RUNTIME_DIR}${f}`, 'utf8')}`,
    }));
}

function indexFile(): string {
  return `${notice('//')}// The Felix wire codec, generated from spec/.
export * from './constants.js';
export * from './types.js';
export * from './runtime/codec.js';
export * from './formats.js';
export { encodeJsonText, decodeJsonObject } from './json-codec.js';
export { encodeBinaryFrame, decodeBinaryPayload } from './binary-codec.js';
export { WireError, isWireError } from './runtime/wire-error.js';
export { FrameReader, type RawFrame, type FrameReaderOptions } from './runtime/frame-reader.js';
export { readHeader, type FrameHeader } from './runtime/header.js';
export { decodeBase64, encodeBase64 } from './runtime/base64.js';
export { PayloadList, type Payloads } from './runtime/payload-list.js';
`;
}

export const typescriptTarget: Target = {
  name: 'typescript',
  owns: [OUT],
  generate(spec) {
    return [
      { path: `${OUT}/constants.ts`, contents: constantsFile(spec) },
      { path: `${OUT}/types.ts`, contents: typesFile(spec) },
      { path: `${OUT}/json-codec.ts`, contents: jsonCodecFile(spec) },
      { path: `${OUT}/binary-codec.ts`, contents: binaryCodecFile(spec) },
      { path: `${OUT}/index.ts`, contents: indexFile() },
      ...validatorsFiles(spec),
      ...runtimeFiles(),
    ];
  },
};
