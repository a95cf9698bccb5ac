// Sample values for every message and layout, in the conformance value notation, derived from
// field types alone: typical, minimal, empty, limit-sized and non-ASCII variants, one per enum
// value and oneof variant, and large batches.
import type { BinaryField, FormatSpec, JsonField, LayoutSpec, MessageSpec, Spec } from '@felix/spec';
import { flagCombinations, formatProblem } from '@felix/spec/interpreter';

export type Value = Record<string, unknown>;
export interface Sample {
  name: string;
  description: string;
  tags: string[];
  value: Value;
}

export type Flavor = 'typical' | 'empty' | 'max' | 'unicode';
export const U64_MAX = '18446744073709551615';
const UNICODE = 'Grüße, 東京 🚀';

const asciiHex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** A string of exactly `bytes` UTF-8 bytes, multi-byte where `unicode`. */
export function sizedString(bytes: number, unicode: boolean): string {
  if (!unicode) return 'x'.repeat(bytes);
  const emoji = '🚀'; // 4 bytes
  return emoji.repeat(Math.floor(bytes / 4)) + 'é'.repeat(Math.floor((bytes % 4) / 2)) + 'x'.repeat(bytes % 2);
}

function limitOf(spec: Spec, f: { limit?: string }): number | undefined {
  return f.limit ? spec.limits[f.limit].value : undefined;
}

function typicalString(name: string): string {
  const known: Record<string, string> = {
    tenant_id: 't1',
    namespace: 'default',
    stream: 'orders',
    cache: 'sessions',
    key: 'user:42',
    token: 'demo-token',
    message: 'stream not found',
    code: 'not_found',
    retry: 'retry_after',
    field: 'publish.stream',
  };
  return known[name] ?? name;
}

/** The shortest value of a format, standing in for "" where the format refuses it. */
export function shortestOf(format: FormatSpec): string {
  const value = ['x', 'a', '0'].find((c) => formatProblem(format, c) === undefined);
  if (value === undefined) throw new Error(`no one-character value follows format ${format.name}`);
  return value;
}

function scalar(
  spec: Spec,
  type: string,
  f: { name: string; limit?: string; format?: string },
  flavor: Flavor,
): unknown {
  const limit = limitOf(spec, f);
  switch (type) {
    case 'string':
    case 'str16':
      if (flavor === 'empty') return f.format ? shortestOf(spec.formats[f.format]) : '';
      if (flavor === 'max') return sizedString(limit ?? 300, false);
      if (flavor === 'unicode')
        return limit && limit < 64 ? sizedString(limit, true) : `${typicalString(f.name)} ${UNICODE}`;
      return typicalString(f.name);
    case 'bytes':
    case 'bytes32':
      if (flavor === 'empty') return '';
      if (flavor === 'max') return 'ff'.repeat(1024);
      if (flavor === 'unicode') return asciiHex(UNICODE);
      return asciiHex('hello');
    case 'bool':
      return flavor !== 'empty';
    case 'u8':
      return flavor === 'max' ? 255 : flavor === 'empty' ? 0 : 1;
    case 'u16':
      return flavor === 'max' ? 0xffff : flavor === 'empty' ? 0 : 25;
    case 'u32':
      return flavor === 'max' ? 0xffffffff : flavor === 'empty' ? 0 : 7;
    case 'u64':
      return flavor === 'max' ? Number.MAX_SAFE_INTEGER : flavor === 'empty' ? 0 : 42;
    default:
      throw new Error(`no sample for ${type}`);
  }
}

/** The largest u64, in the notation (a decimal string, being above 2^53-1). */
const JSON_U64_MAX = (2n ** 64n - 1n).toString();

function jsonValue(spec: Spec, f: JsonField, flavor: Flavor): unknown {
  switch (f.type) {
    case 'u64':
      // JSON reaches the whole u64 range, exactly, as upstream's serde does.
      return flavor === 'max' ? JSON_U64_MAX : scalar(spec, f.type, f, flavor);
    case 'enum':
      return spec.enums[f.enum!].values[flavor === 'max' ? spec.enums[f.enum!].values.length - 1 : 0].name;
    case 'list': {
      if (flavor === 'empty') return [];
      const n = flavor === 'max' ? 16 : 2;
      return Array.from({ length: n }, (_, i) =>
        f.items === 'bytes'
          ? asciiHex(`${flavor === 'unicode' ? UNICODE : 'payload'}-${i}`)
          : scalar(spec, f.items!, f, flavor),
      );
    }
    case 'object':
      return jsonObject(spec, f.fields!, flavor, true);
    case 'oneof':
      return jsonValue(spec, f.variants![0], flavor);
    default:
      return scalar(spec, f.type, f, flavor);
  }
}

function jsonObject(spec: Spec, fields: JsonField[], flavor: Flavor, withOptional: boolean): Value {
  const out: Value = {};
  for (const f of fields) {
    if (f.presence === 'optional' && !withOptional) continue;
    if (f.presence === 'nullable' && !withOptional) {
      out[f.name] = null;
      continue;
    }
    out[f.name] = jsonValue(spec, f, flavor);
  }
  return out;
}

function messageSamples(spec: Spec, m: MessageSpec): Sample[] {
  const tag = `message:${m.name}`;
  const make = (suffix: string, description: string, value: Value, extra: string[] = []): Sample => ({
    name: `${m.name}_${suffix}`,
    description,
    tags: [tag, 'flags:0x0000', ...extra],
    value: { type: m.name, ...value },
  });
  const out: Sample[] = [
    make('typical', `${m.name} with every field present`, jsonObject(spec, m.fields, 'typical', true), [
      'boundary:typical',
    ]),
    make('minimal', `${m.name} with only its required fields`, jsonObject(spec, m.fields, 'typical', false), [
      'boundary:minimal',
    ]),
    make(
      'empty',
      `${m.name} with empty strings${m.fields.some((f) => f.format) ? ' (the shortest name where a format refuses "")' : ''}, bytes and lists and zero integers`,
      jsonObject(spec, m.fields, 'empty', true),
      ['boundary:empty'],
    ),
    make(
      'max',
      `${m.name} with strings at their byte limits and integers at their maxima`,
      jsonObject(spec, m.fields, 'max', true),
      ['boundary:max'],
    ),
    make('unicode', `${m.name} with non-ASCII text`, jsonObject(spec, m.fields, 'unicode', true), ['boundary:unicode']),
  ];
  for (const f of m.fields) {
    if (f.type === 'enum') {
      for (const v of spec.enums[f.enum!].values) {
        out.push(
          make(
            `${f.name}_${v.name}`,
            `${m.name} with ${f.name} = ${v.name}`,
            { ...jsonObject(spec, m.fields, 'typical', true), [f.name]: v.name },
            [`enum:${f.enum}`],
          ),
        );
      }
    }
    if (f.type === 'oneof') {
      for (const variant of f.variants!) {
        const values =
          variant.type === 'enum'
            ? spec.enums[variant.enum!].values.map((v) => v.name)
            : [jsonValue(spec, variant, 'typical')];
        values.forEach((value, i) => {
          out.push(
            make(
              `${f.name}_${variant.name}_${i}`,
              `${m.name} with ${f.name} as ${variant.name} ${JSON.stringify(value)}`,
              {
                ...jsonObject(spec, m.fields, 'typical', true),
                [f.name]: value,
              },
              [`oneof:${m.name}.${f.name}`],
            ),
          );
        });
      }
    }
    if (f.type === 'u64' && m.name === 'publish_ok') {
      // Either side of the largest integer a double holds exactly: a number, then a bigint.
      for (const [suffix, value] of [
        ['safe_max', Number.MAX_SAFE_INTEGER],
        ['above_safe', (2n ** 53n).toString()],
      ] as const) {
        out.push(
          make(`${f.name}_${suffix}`, `${m.name} with ${f.name} = ${value}`, { [f.name]: value }, ['boundary:u64']),
        );
      }
    }
    if (f.presence === 'nullable') {
      out.push(
        make(
          `${f.name}_null`,
          `${m.name} with ${f.name} null`,
          { ...jsonObject(spec, m.fields, 'typical', true), [f.name]: null },
          ['boundary:null'],
        ),
      );
    }
  }
  return out;
}

function binaryValue(spec: Spec, f: BinaryField, flavor: Flavor | 'u64max' | 'large'): unknown {
  if (f.enum) {
    const values = spec.enums[f.enum].values;
    return values[flavor === 'max' ? values.length - 1 : 0].name;
  }
  if (f.type === 'u64' && flavor === 'u64max') return U64_MAX;
  if (f.type === 'list32') {
    if (flavor === 'empty') return [];
    const n = flavor === 'large' ? 1000 : flavor === 'max' ? 64 : 2;
    return Array.from({ length: n }, (_, i) => asciiHex(`${flavor === 'unicode' ? UNICODE : 'event'}-${i}`));
  }
  const base = flavor === 'u64max' || flavor === 'large' ? 'typical' : flavor;
  return scalar(spec, f.type, f, base);
}

/** `value` with each field a sender writes empty (empty_when) emptied, as a sender would. */
function writtenEmpty(fields: BinaryField[], value: Value): Value {
  for (const f of fields)
    for (const [name, when] of Object.entries(f.empty_when ?? {})) if (value[name] === when) value[f.name] = '';
  return value;
}

function layoutSamples(spec: Spec, l: LayoutSpec): Sample[] {
  const out: Sample[] = [];
  for (const combo of flagCombinations(spec).filter((c) => c.layout.name === l.name)) {
    const flagsHex = `0x${combo.flags.toString(16).padStart(4, '0')}`;
    const fields = l.fields.filter(
      (f) => !f.when || combo.modifierBits & spec.flags.find((x) => x.name === f.when)!.bit,
    );
    const flavors: (Flavor | 'u64max' | 'large')[] = ['typical', 'empty', 'max', 'unicode'];
    if (fields.some((f) => f.type === 'u64')) flavors.push('u64max');
    if (fields.some((f) => f.type === 'list32')) flavors.push('large');
    for (const flavor of flavors) {
      const value: Value = { type: l.name };
      for (const f of fields) value[f.name] = binaryValue(spec, f, flavor);
      writtenEmpty(fields, value);
      out.push({
        name: `${l.name}_${flavor}_${flagsHex}`,
        description: `${l.name} (flags ${flagsHex}), ${flavor} values`,
        tags: [`layout:${l.name}`, `flags:${flagsHex}`, `boundary:${flavor}`],
        value,
      });
    }
    for (const f of fields.filter((x) => x.enum)) {
      for (const v of spec.enums[f.enum!].values) {
        const value: Value = { type: l.name };
        for (const g of fields) value[g.name] = g === f ? v.name : binaryValue(spec, g, 'typical');
        out.push({
          name: `${l.name}_${f.name}_${v.name}_${flagsHex}`,
          description: `${l.name} (flags ${flagsHex}) with ${f.name} = ${v.name}`,
          tags: [`layout:${l.name}`, `flags:${flagsHex}`, `enum:${f.enum}`],
          value: writtenEmpty(fields, value),
        });
      }
    }
    for (const f of fields.filter((x) => x.empty_when)) {
      const [name, when] = Object.entries(f.empty_when!)[0];
      const value: Value = { type: l.name };
      for (const g of fields) value[g.name] = g.name === name ? when : binaryValue(spec, g, 'typical');
      out.push({
        name: `${l.name}_${f.name}_not_empty_${name}_${when}_${flagsHex}`,
        description: `${l.name} (flags ${flagsHex}) with ${name} = ${when} and a ${f.name} anyway, which no sender should write: a decoder reads and reports it`,
        tags: [`layout:${l.name}`, `flags:${flagsHex}`, 'tolerated'],
        value,
      });
    }
  }
  return out;
}

/** Text that starts with U+FEFF: content, never a mark for a decoder to strip. */
function bomSamples(spec: Spec): Sample[] {
  const out: Sample[] = [];
  const isRequiredString = (f: JsonField) => f.type === 'string' && f.presence === 'required';
  const message = spec.messages.find((m) => m.fields.some(isRequiredString));
  if (message) {
    const field = message.fields.find(isRequiredString)!;
    const value = { ...jsonObject(spec, message.fields, 'typical', false), [field.name]: '\uFEFFbom' };
    out.push({
      name: `${message.name}_bom_in_string`,
      description: `${message.name}.${field.name} starts with U+FEFF, which stays`,
      tags: [`message:${message.name}`, 'flags:0x0000', 'boundary:bom'],
      value: { type: message.name, ...value },
    });
  }
  const layout = spec.layouts.find((l) => l.fields.some((f) => f.type === 'str16' && !f.when));
  if (layout) {
    const field = layout.fields.find((f) => f.type === 'str16' && !f.when)!;
    const value: Value = { type: layout.name };
    for (const f of layout.fields)
      if (!f.when) value[f.name] = f === field ? '\uFEFFbom' : binaryValue(spec, f, 'typical');
    out.push({
      name: `${layout.name}_bom_in_string`,
      description: `${layout.name}.${field.name} starts with U+FEFF, which stays`,
      tags: [`layout:${layout.name}`, `flags:0x${layout.flagBit.toString(16).padStart(4, '0')}`, 'boundary:bom'],
      value,
    });
  }
  return out;
}

/** Values a format accepts that look close to what it refuses (".a", "a..b", "...x"). */
export function formatEdges(format: FormatSpec): string[] {
  const only = String.fromCodePoint(format.not_only[0].from);
  const other = shortestOf(format);
  return [`${only}${other}`, `${other}${only}${only}${other}`, `${only.repeat(3)}${other}`, `${other}${only}`];
}

/** The message and the layout with the most fields of each format, those fields set to its edges. */
function formatEdgeSamples(spec: Spec): Sample[] {
  const out: Sample[] = [];
  const most = <T extends { fields: { format?: string }[] }>(list: T[], format: string) =>
    list.reduce<T | undefined>((best, x) => {
      const n = (y: T) => y.fields.filter((f) => f.format === format).length;
      return n(x) > (best ? n(best) : 0) ? x : best;
    }, undefined);
  for (const format of Object.values(spec.formats)) {
    const edges = formatEdges(format);
    const pick = (i: number) => edges[i % edges.length];
    const message = most(spec.messages, format.name);
    if (message) {
      const value = jsonObject(spec, message.fields, 'typical', false);
      let i = 0;
      for (const f of message.fields) if (f.format === format.name) value[f.name] = pick(i++);
      out.push({
        name: `${message.name}_${format.name}_edges`,
        description: `${message.name} whose ${format.name} fields are close to, but not, values format ${format.name} refuses`,
        tags: [`message:${message.name}`, 'flags:0x0000', `format:${format.name}`],
        value: { type: message.name, ...value },
      });
    }
    const layout = most(spec.layouts, format.name);
    if (layout) {
      const value: Value = { type: layout.name };
      let i = 0;
      for (const f of layout.fields)
        if (!f.when) value[f.name] = f.format === format.name ? pick(i++) : binaryValue(spec, f, 'typical');
      out.push({
        name: `${layout.name}_${format.name}_edges`,
        description: `${layout.name} whose ${format.name} fields are close to, but not, values format ${format.name} refuses`,
        tags: [
          `layout:${layout.name}`,
          `flags:0x${layout.flagBit.toString(16).padStart(4, '0')}`,
          `format:${format.name}`,
        ],
        value,
      });
    }
  }
  return out;
}

export function positiveSamples(spec: Spec): Sample[] {
  return [
    ...spec.messages.flatMap((m) => messageSamples(spec, m)),
    ...spec.layouts.flatMap((l) => layoutSamples(spec, l)),
    ...bomSamples(spec),
    ...formatEdgeSamples(spec),
  ];
}
