// Negative vectors for string formats (spec formats, e.g. names): each forbidden range at both
// ends, values made only of not_only code points, the empty value, and the order of checks
// (byte limit before format, format in field order before a later truncation).
import type { FormatSpec, LayoutSpec, MessageSpec, Spec } from '@felix/spec';
import { interpretEncode } from '@felix/spec/interpreter';
import type { NegativeSample } from './negatives.js';
import type { Sample, Value } from './samples.js';

const HEADER = 12;
const u = (cp: number) => `u${cp.toString(16).padStart(4, '0')}`;

/** Values that break `format`, each with a vector name suffix and what is wrong. */
export function formatBreakers(format: FormatSpec): { suffix: string; description: string; value: string }[] {
  const out: { suffix: string; description: string; value: string }[] = [];
  for (const r of format.forbidden) {
    for (const cp of r.from === r.to ? [r.from] : [r.from, r.to]) {
      out.push({
        suffix: `has_${u(cp)}`,
        description: `contains U+${u(cp).slice(1)}, ${r.doc}`,
        value: `a${String.fromCodePoint(cp)}b`,
      });
    }
  }
  const only = String.fromCodePoint(format.not_only[0].from);
  for (const n of [1, 2, 3]) {
    out.push({
      suffix: `only_${u(format.not_only[0].from)}_x${n}`,
      description: `is ${JSON.stringify(only.repeat(n))}`,
      value: only.repeat(n),
    });
  }
  out.push({ suffix: 'empty', description: 'is empty', value: '' });
  return out;
}

function jsonVectors(spec: Spec, format: FormatSpec, messages: MessageSpec[], samples: Sample[]): NegativeSample[] {
  const out: NegativeSample[] = [];
  const breakers = formatBreakers(format);
  messages.forEach((m, i) => {
    const typical = samples.find((s) => s.name === `${m.name}_typical`)!.value;
    const fields = m.fields.filter((f) => f.format === format.name);
    // Every case on every field of the first message; one case on the first field of the rest,
    // so each message's validator is seen to apply the format.
    const cases =
      i === 0
        ? fields.flatMap((f) => breakers.map((b) => ({ f, b })))
        : [{ f: fields[0], b: breakers.find((b) => b.value === '..') ?? breakers[0] }];
    for (const { f, b } of cases) {
      out.push({
        name: `json_${m.name}_${f.name}_${format.name}_${b.suffix}`,
        description: `${m.name}.${f.name} ${b.description}`,
        tags: ['level:json', `message:${m.name}`, `format:${format.name}`],
        frame: interpretEncode(spec, { ...typical, [f.name]: b.value }),
        error: format.error,
      });
    }
    if (i === 0) {
      const f = fields[0];
      const limit = spec.limits[format.limit].value;
      out.push({
        name: `json_${m.name}_${f.name}_${format.name}_over_limit_and_broken`,
        description: `${m.name}.${f.name} is over ${limit} bytes and contains "/": the byte limit is checked first`,
        tags: ['level:json', `message:${m.name}`, `format:${format.name}`],
        frame: interpretEncode(spec, { ...typical, [f.name]: `/${'x'.repeat(limit)}` }),
        error: 'string_too_long',
      });
    }
  });
  return out;
}

function binaryVectors(spec: Spec, format: FormatSpec, layout: LayoutSpec, samples: Sample[]): NegativeSample[] {
  const fullFlags = layout.modifiers.reduce((m, f) => m | f.bit, layout.flagBit);
  const typical = samples.find(
    (s) => s.name === `${layout.name}_typical_0x${fullFlags.toString(16).padStart(4, '0')}`,
  )!.value;
  const out: NegativeSample[] = [];
  const tags = ['level:binary', `layout:${layout.name}`, `format:${format.name}`];
  const fields = layout.fields.filter((f) => f.format === format.name);
  for (const f of fields) {
    for (const b of formatBreakers(format)) {
      out.push({
        name: `bin_${layout.name}_${f.name}_${format.name}_${b.suffix}`,
        description: `${layout.name}.${f.name} ${b.description}`,
        tags,
        frame: interpretEncode(spec, { ...typical, [f.name]: b.value }),
        error: format.error,
      });
    }
  }
  const first = fields[0];
  const broken: Value = { ...typical, [first.name]: 'a/b' };
  const frame = interpretEncode(spec, broken);
  const view = new DataView(frame.buffer, frame.byteOffset);
  const cut = frame.slice(0, frame.length - 1);
  new DataView(cut.buffer).setUint32(8, view.getUint32(8) - 1);
  out.push({
    name: `bin_${layout.name}_${first.name}_${format.name}_before_truncation`,
    description: `${layout.name}.${first.name} contains "/" and the payload ends one byte early: fields are checked in order`,
    tags,
    frame: cut,
    error: format.error,
  });
  const utf8 = frame.slice();
  // The first text byte (after the u16 length) becomes a lone continuation byte.
  utf8[HEADER + offsetOf(layout, broken, first.name) + 2] = 0x80;
  out.push({
    name: `bin_${layout.name}_${first.name}_${format.name}_and_invalid_utf8`,
    description: `${layout.name}.${first.name} contains "/" and is not UTF-8: UTF-8 is checked first`,
    tags,
    frame: utf8,
    error: 'invalid_utf8',
  });
  return out;
}

/** Where `field` starts in the payload of `value`: after the present fields before it. */
function offsetOf(layout: LayoutSpec, value: Value, field: string): number {
  let at = 0;
  for (const f of layout.fields) {
    if (f.name === field) return at;
    if (value[f.name] !== undefined) at += fieldSize(f.type, value[f.name]);
  }
  throw new Error(`${layout.name} has no field ${field}`);
}

function fieldSize(type: string, v: unknown): number {
  switch (type) {
    case 'u8':
      return 1;
    case 'u16':
      return 2;
    case 'u32':
      return 4;
    case 'u64':
      return 8;
    case 'str16':
      return 2 + new TextEncoder().encode(String(v)).length;
    case 'bytes32':
      return 4 + String(v).length / 2;
    default:
      throw new Error(`format vectors cannot measure a ${type} before a formatted field`);
  }
}

export function formatNegativeSamples(spec: Spec, samples: Sample[]): NegativeSample[] {
  const out: NegativeSample[] = [];
  for (const format of Object.values(spec.formats)) {
    const count = (m: MessageSpec) => m.fields.filter((f) => f.format === format.name).length;
    // The message with the most fields of the format gets every case (publish, for names).
    const messages = spec.messages.filter((m) => count(m) > 0).sort((a, b) => count(b) - count(a));
    out.push(...jsonVectors(spec, format, messages, samples));
    for (const layout of spec.layouts.filter((l) => l.fields.some((f) => f.format === format.name)))
      out.push(...binaryVectors(spec, format, layout, samples));
  }
  return out;
}
