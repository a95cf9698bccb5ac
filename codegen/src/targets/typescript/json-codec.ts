// generated/src/json-codec.ts: a decoder and an encoder per JSON message.
import type { JsonField, Spec } from '@felix/spec';
import { variantKind } from '@felix/spec/interpreter';
import { notice } from '../../target.js';
import { constName, doc, formatImports, limitValue, pascal, q, withFormat } from './names.js';

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
  // A u64 above 2^53-1 is decoded as a bigint.
  if (kind === 'number') return `(typeof ${expr} === 'number' || typeof ${expr} === 'bigint')`;
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

export function jsonCodecFile(spec: Spec): string {
  const out: string[] = [notice('//')];
  const enumConsts = Object.values(spec.enums)
    .filter((e) => e.encoding === 'json_string')
    .map((e) => constName(e.name));
  out.push(`import { ${['HEADER_SIZE', ...enumConsts].join(', ')} } from './constants.js';`);
  out.push(`import type { ${Object.keys(spec.enums).map(pascal).join(', ')} } from './constants.js';`);
  out.push(`import type { ${spec.messages.map((m) => pascal(m.name)).join(', ')}, JsonMessage } from './types.js';`);
  // Named bindings, not a namespace object: V8 does not inline property reads on a module
  // namespace, which cost the JSON decoder a third of its speed once it ran unbundled.
  const validator = (m: { name: string }) => `validate${pascal(m.name)}`;
  out.push(`import { ${spec.messages.map((m) => `${m.name} as ${validator(m)}`).join(', ')} } from './validators.js';`);
  out.push(
    "import { badVariant, decodeBase64, decodeCheckedBase64List, jsonBool, jsonBytes, jsonEnum, jsonInt, jsonList, jsonMembers, jsonString, jsonU64, WireError, wireErrorFromSchema } from '@felix/wire/codec-support';",
  );
  out.push(formatImports(spec).replace(' } from', ', FORMAT_PATTERN_ERRORS } from'));
  out.push('');
  out.push('type Json = Record<string, any>;\n');
  for (const m of spec.messages) {
    const T = pascal(m.name);
    out.push(`function decode${T}(o: Json): ${T} {`);
    out.push(
      `  if (!${validator(m)}(o)) throw wireErrorFromSchema(${q(m.name)}, ${validator(m)}.errors, FORMAT_PATTERN_ERRORS);`,
    );
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
    // Only an id the spec allows (u64) can be echoed; one read exactly may be beyond it.
    const echoable = typeof id === 'bigint' ? id >= 0n && id <= 0xffffffffffffffffn : Number.isSafeInteger(id) && id >= 0;
    if (err instanceof WireError && echoable) err.requestId = id;
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
