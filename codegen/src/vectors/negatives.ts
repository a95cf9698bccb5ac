// Negative vectors: frames broken in one way each, built by mutating valid frames, with the
// codec error code every decoder must report.
import type { BinaryField, JsonField, LayoutSpec, Spec } from '@felix/spec';
import { concatBytes, headerLayout, interpretEncode, setHeaderField, specFrame } from '@felix/spec/interpreter';
import type { Sample, Value } from './samples.js';

export interface NegativeSample {
  name: string;
  description: string;
  tags: string[];
  frame: Uint8Array;
  error: string;
}

const withHeader = specFrame;

const utf8 = (text: string) => new TextEncoder().encode(text);
const jsonFrame = (spec: Spec, text: string) => withHeader(spec, 0, utf8(text));

function frameLevel(spec: Spec, base: Uint8Array): NegativeSample[] {
  const patch = (mutate: (b: Uint8Array, v: DataView) => void) => {
    const b = base.slice();
    mutate(b, new DataView(b.buffer));
    return b;
  };
  const tags = ['level:frame'];
  const H = headerLayout(spec);
  const HEADER = spec.frame.header_size;
  const unknown = spec.flags.reduce((m, f) => m | f.bit, 0) ^ 0xffff;
  const lowestUnknown = unknown & -unknown;
  const highestUnknown = 1 << (31 - Math.clz32(unknown));
  const modifiers = spec.flags.filter((f) => f.role === 'modifier');
  const layoutFlags = spec.flags.filter((f) => f.role === 'layout');
  const out: NegativeSample[] = [
    {
      name: 'frame_bad_magic',
      description: 'magic is "FLX2"',
      tags,
      frame: patch((b) => (b[H.magic.offset + H.magic.width - 1] = 0x32)),
      error: 'bad_magic',
    },
    {
      name: 'frame_bad_magic_zero',
      description: 'magic is all zeros',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.magic, 0)),
      error: 'bad_magic',
    },
    {
      name: 'frame_version_2',
      description: 'wire version 2',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.version, 2)),
      error: 'unsupported_version',
    },
    {
      name: 'frame_version_0',
      description: 'wire version 0',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.version, 0)),
      error: 'unsupported_version',
    },
    {
      name: 'frame_unknown_flag_low',
      description: `lowest undefined flag bit 0x${lowestUnknown.toString(16)} on a JSON frame`,
      tags,
      frame: patch((_, v) => setHeaderField(v, H.flags, lowestUnknown)),
      error: 'unknown_flags',
    },
    {
      name: 'frame_unknown_flag_high',
      description: `highest flag bit 0x${highestUnknown.toString(16)}`,
      tags,
      frame: patch((_, v) => setHeaderField(v, H.flags, highestUnknown)),
      error: 'unknown_flags',
    },
    {
      name: 'frame_unknown_flag_with_known',
      description: 'an undefined bit combined with a layout bit',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.flags, lowestUnknown | layoutFlags[0].bit)),
      error: 'unknown_flags',
    },
    {
      name: 'frame_all_flags',
      description: 'every flag bit set',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.flags, 0xffff)),
      error: 'unknown_flags',
    },
    ...modifiers.map((m) => ({
      name: `frame_modifier_alone_${m.name.toLowerCase()}`,
      description: `modifier ${m.name} without the layout it modifies`,
      tags,
      frame: patch((_, v) => setHeaderField(v, H.flags, m.bit)),
      error: 'invalid_flags',
    })),
    {
      name: 'frame_two_layouts',
      description: `two layout bits at once (${layoutFlags[0].name} | ${layoutFlags[1].name})`,
      tags,
      frame: patch((_, v) => setHeaderField(v, H.flags, layoutFlags[0].bit | layoutFlags[1].bit)),
      error: 'invalid_flags',
    },
    ...modifiers.flatMap((m) => {
      const foreign = layoutFlags.find((l) => !m.modifies!.includes(l.name));
      return foreign
        ? [
            {
              name: `frame_modifier_on_wrong_layout_${m.name.toLowerCase()}`,
              description: `${m.name} on ${foreign.name}, which it does not modify`,
              tags,
              frame: patch((_, v) => setHeaderField(v, H.flags, m.bit | foreign.bit)),
              error: 'invalid_flags',
            },
          ]
        : [];
    }),
    {
      name: 'frame_empty_input',
      description: 'no bytes at all',
      tags,
      frame: new Uint8Array(0),
      error: 'short_header',
    },
    {
      name: 'frame_short_header',
      description: '11 bytes of header',
      tags,
      frame: base.slice(0, HEADER - 1),
      error: 'short_header',
    },
    {
      name: 'frame_magic_only',
      description: 'just the magic',
      tags,
      frame: base.slice(0, H.magic.width),
      error: 'short_header',
    },
    {
      name: 'frame_payload_missing',
      description: 'header declares a payload that is absent',
      tags,
      frame: base.slice(0, HEADER),
      error: 'truncated',
    },
    {
      name: 'frame_payload_short_by_one',
      description: 'payload one byte shorter than declared',
      tags,
      frame: base.slice(0, -1),
      error: 'truncated',
    },
    {
      name: 'frame_length_beyond_buffer',
      description: 'length declares 4 GiB - 1 while the max is smaller: refused before buffering',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.length, 0xffffffff)),
      error: 'frame_too_large',
    },
    {
      name: 'frame_too_large_by_one',
      description: 'length is the default maximum plus one',
      tags,
      frame: patch((_, v) => setHeaderField(v, H.length, spec.limits.max_frame_payload.value + 1)),
      error: 'frame_too_large',
    },
    {
      name: 'frame_trailing_byte',
      description: 'one byte after the frame',
      tags,
      frame: concatBytes([base, new Uint8Array([0])]),
      error: 'trailing_bytes',
    },
    {
      name: 'frame_two_frames',
      description: 'two whole frames where one is expected',
      tags,
      frame: concatBytes([base, base]),
      error: 'trailing_bytes',
    },
  ];
  return out;
}

function wrongKindValue(f: JsonField): unknown {
  switch (f.type) {
    case 'string':
    case 'bytes':
    case 'enum':
      return 42;
    case 'list':
    case 'object':
      return 'not-a-container';
    case 'oneof':
      return true;
    default:
      return 'not-a-number';
  }
}

function jsonLevel(spec: Spec, samples: Sample[]): NegativeSample[] {
  const tags = ['level:json'];
  const out: NegativeSample[] = [
    {
      name: 'json_invalid_utf8',
      description: 'payload bytes are not UTF-8',
      tags,
      frame: withHeader(spec, 0, new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])),
      error: 'invalid_utf8',
    },
    {
      name: 'json_invalid_utf8_in_string',
      description: 'a lone continuation byte inside a string value',
      tags,
      frame: withHeader(
        spec,
        0,
        concatBytes([utf8('{"type":"error","message":"a'), new Uint8Array([0x80]), utf8('"}')]),
      ),
      error: 'invalid_utf8',
    },
    {
      name: 'json_utf8_bom_prefix',
      description: 'a UTF-8 byte-order mark before the JSON object (JSON text has none)',
      tags,
      frame: withHeader(spec, 0, concatBytes([new Uint8Array([0xef, 0xbb, 0xbf]), utf8('{"type":"ok"}')])),
      error: 'invalid_json',
    },
    {
      name: 'json_syntax_error',
      description: 'unterminated object',
      tags,
      frame: jsonFrame(spec, '{"type":"ok"'),
      error: 'invalid_json',
    },
    {
      name: 'json_empty_payload',
      description: 'zero-length JSON payload',
      tags,
      frame: jsonFrame(spec, ''),
      error: 'invalid_json',
    },
    {
      name: 'json_array',
      description: 'payload is an array',
      tags,
      frame: jsonFrame(spec, '[{"type":"ok"}]'),
      error: 'invalid_json',
    },
    {
      name: 'json_number',
      description: 'payload is a number',
      tags,
      frame: jsonFrame(spec, '42'),
      error: 'invalid_json',
    },
    { name: 'json_null', description: 'payload is null', tags, frame: jsonFrame(spec, 'null'), error: 'invalid_json' },
    {
      name: 'json_missing_type',
      description: 'no "type" member',
      tags,
      frame: jsonFrame(spec, '{"message":"x"}'),
      error: 'missing_field',
    },
    {
      name: 'json_type_not_string',
      description: '"type" is a number',
      tags,
      frame: jsonFrame(spec, '{"type":7}'),
      error: 'wrong_type',
    },
    {
      name: 'json_unknown_type',
      description: 'a type no spec message has',
      tags,
      frame: jsonFrame(spec, '{"type":"teleport"}'),
      error: 'unknown_type',
    },
    {
      name: 'json_type_case',
      description: 'type names are case-sensitive',
      tags,
      frame: jsonFrame(spec, '{"type":"OK"}'),
      error: 'unknown_type',
    },
  ];

  for (const m of spec.messages) {
    const typical = samples.find((s) => s.name === `${m.name}_typical`)!.value;
    const text = (v: Value) => new TextDecoder().decode(interpretEncode(spec, v).subarray(spec.frame.header_size));
    const required = m.fields.find((f) => f.presence === 'required');
    if (required) {
      const without = JSON.parse(text(typical));
      delete without[required.name];
      out.push({
        name: `json_${m.name}_missing_${required.name}`,
        description: `${m.name} without its required ${required.name}`,
        tags: [...tags, `message:${m.name}`],
        frame: jsonFrame(spec, JSON.stringify(without)),
        error: 'missing_field',
      });
      out.push({
        name: `json_${m.name}_null_${required.name}`,
        description: `${m.name} with required ${required.name} null`,
        tags: [...tags, `message:${m.name}`],
        frame: jsonFrame(spec, JSON.stringify({ ...without, [required.name]: null })),
        error: 'wrong_type',
      });
    }
    const first = m.fields[0];
    if (first) {
      const obj = JSON.parse(text(typical));
      obj[first.name] = wrongKindValue(first);
      out.push({
        name: `json_${m.name}_wrong_type_${first.name}`,
        description: `${m.name}.${first.name} has the wrong JSON type`,
        tags: [...tags, `message:${m.name}`],
        frame: jsonFrame(spec, JSON.stringify(obj)),
        error: 'wrong_type',
      });
    }
    for (const f of m.fields) {
      const base = JSON.parse(text(typical));
      const add = (suffix: string, description: string, value: unknown, error: string) => {
        out.push({
          name: `json_${m.name}_${f.name}_${suffix}`,
          description: `${m.name}.${f.name} ${description}`,
          tags: [...tags, `message:${m.name}`],
          frame: jsonFrame(spec, JSON.stringify({ ...base, [f.name]: value })),
          error,
        });
      };
      const limit = f.limit ? spec.limits[f.limit].value : undefined;
      if (f.type === 'bytes' && f.presence === 'required') {
        add('base64_unpadded', 'is base64 without padding', 'aGVsbG8', 'invalid_base64');
        add('base64_urlsafe', 'uses the URL-safe alphabet', '-_-_', 'invalid_base64');
        add('base64_space', 'contains whitespace', 'aGVs bG8=', 'invalid_base64');
      }
      if (f.type === 'u64' && f.presence !== 'required' && m.name === 'publish') {
        // JSON.stringify cannot write these numbers as they stand, so each is spliced into the text.
        const spliced = (suffix: string, description: string, literal: string, error: string) =>
          out.push({
            name: `json_${m.name}_${f.name}_${suffix}`,
            description: `${m.name}.${f.name} ${description}`,
            tags: [...tags, `message:${m.name}`],
            frame: jsonFrame(
              spec,
              JSON.stringify({ ...base, [f.name]: 0 }).replace(`"${f.name}":0`, `"${f.name}":${literal}`),
            ),
            error,
          });
        spliced('over_u64', 'is 2^64, one past the u64 maximum', '18446744073709551616', 'out_of_range');
        spliced('far_over_u64', 'is 10^30, far past the u64 maximum', `1${'0'.repeat(30)}`, 'out_of_range');
        spliced('negative_large', 'is -(2^64-1)', '-18446744073709551615', 'out_of_range');
        spliced(
          'unsafe_exponent',
          'is 1.8e19: above 2^53-1 in exponent notation, so no exact integer',
          '1.8e19',
          'unsafe_integer',
        );
        spliced(
          'unsafe_fraction',
          'is 9007199254740993.0: above 2^53-1 with a fraction part, so no exact integer',
          '9007199254740993.0',
          'unsafe_integer',
        );
        add('negative', 'is negative', -1, 'out_of_range');
        add('fraction', 'is not an integer', 1.5, 'wrong_type');
      }
      if (f.type === 'u16') add('over_u16', 'is 65536', 65536, 'out_of_range');
      if (f.type === 'u32' && m.name !== 'error') add('over_u32', 'is 2^32', 2 ** 32, 'out_of_range');
      if (f.type === 'enum') add('not_in_enum', 'is not one of its values', 'sometimes', 'invalid_enum');
      if (f.type === 'string' && limit !== undefined && f.presence === 'required') {
        add('over_limit', `is ${limit + 1} ASCII bytes`, 'x'.repeat(limit + 1), 'string_too_long');
        add(
          'over_limit_utf8',
          `is ${limit} characters but over ${limit} UTF-8 bytes`,
          'é'.repeat(Math.ceil((limit + 1) / 2)),
          'string_too_long',
        );
      }
      if (f.type === 'oneof') add('wrong_variant', 'matches no variant', 7, 'wrong_type');
    }
  }
  return out;
}

/**
 * The typical sample of a layout, or, where that leaves a field empty (empty_when), the sample
 * whose guard field has another value, so every field has bytes to break.
 */
function everyFieldWritten(spec: Spec, l: LayoutSpec, samples: Sample[], flagsHex: string): Sample {
  const typical = samples.find((s) => s.name === `${l.name}_typical_${flagsHex}`)!;
  for (const f of l.fields)
    for (const [name, when] of Object.entries(f.empty_when ?? {})) {
      if (typical.value[name] !== when) continue;
      const guard = l.fields.find((g) => g.name === name)!;
      const other = spec.enums[guard.enum!].values.find((v) => v.name !== when)!;
      return samples.find((s) => s.name === `${l.name}_${name}_${other.name}_${flagsHex}`)!;
    }
  return typical;
}

function binaryLevel(spec: Spec, samples: Sample[]): NegativeSample[] {
  const out: NegativeSample[] = [];
  for (const l of spec.layouts) {
    const fullFlags = l.modifiers.reduce((m, f) => m | f.bit, l.flagBit);
    const sample = everyFieldWritten(spec, l, samples, `0x${fullFlags.toString(16).padStart(4, '0')}`);
    const frame = interpretEncode(spec, sample.value);
    const payload = frame.subarray(spec.frame.header_size);
    const tags = ['level:binary', `layout:${l.name}`];
    const rebuilt = (p: Uint8Array) => withHeader(spec, fullFlags, p);
    // Truncate at every field boundary: the length stays honest, the payload ends early.
    const offsets = fieldOffsets(spec, l, sample.value);
    for (const { field, start } of offsets) {
      if (start === 0) continue;
      out.push({
        name: `bin_${l.name}_cut_before_${field}`,
        description: `${l.name} payload ends just before ${field}`,
        tags,
        frame: rebuilt(payload.slice(0, start)),
        error: 'truncated',
      });
    }
    out.push({
      name: `bin_${l.name}_cut_one_short`,
      description: `${l.name} payload one byte short`,
      tags,
      frame: rebuilt(payload.slice(0, -1)),
      error: 'truncated',
    });
    out.push({
      name: `bin_${l.name}_trailing`,
      description: `${l.name} with a byte after its last field`,
      tags,
      frame: rebuilt(concatBytes([payload, new Uint8Array([0])])),
      error: 'trailing_bytes',
    });
    for (const { field, start, def } of offsets) {
      const mutated = payload.slice();
      const view = new DataView(mutated.buffer);
      const add = (suffix: string, description: string, error: string, p = mutated) =>
        out.push({
          name: `bin_${l.name}_${field}_${suffix}`,
          description: `${l.name}.${field} ${description}`,
          tags,
          frame: rebuilt(p),
          error,
        });
      if (def.enum) {
        const used = new Set(spec.enums[def.enum].values.map((v) => v.value));
        let bad = 0;
        while (used.has(bad)) bad++;
        view.setUint8(start, bad);
        add('unknown_enum', `is ${bad}, no ${def.enum} value`, 'invalid_enum');
        const high = payload.slice();
        high[start] = 0xff;
        add('enum_255', `is 255, no ${def.enum} value`, 'invalid_enum', high);
      }
      if (def.type === 'str16') {
        const limit = def.limit ? spec.limits[def.limit].value : 0xffff;
        const len = view.getUint16(start);
        if (len > 0) {
          const bad = payload.slice();
          bad[start + 2] = 0xc3; // a lead byte followed by a non-continuation byte
          if (len > 1) bad[start + 3] = 0x28;
          else bad[start + 2] = 0xff;
          add('invalid_utf8', 'is not UTF-8', 'invalid_utf8', bad);
        }
        if (limit < 0xffff) {
          const long = concatBytes([
            payload.slice(0, start),
            new Uint8Array([(limit + 1) >> 8, (limit + 1) & 0xff]),
            new Uint8Array(limit + 1).fill(0x78),
            payload.slice(start + 2 + len),
          ]);
          add('over_limit', `is ${limit + 1} bytes, over its limit`, 'string_too_long', long);
        }
        const lying = payload.slice();
        new DataView(lying.buffer).setUint16(start, 0xffff);
        add(
          'length_lies',
          'declares 65535 bytes that are not there',
          limit < 0xffff ? 'string_too_long' : 'truncated',
          lying,
        );
      }
      if (def.type === 'list32') {
        const limit = def.limit ? spec.limits[def.limit].value : 0xffffffff;
        const tooMany = payload.slice(0, start + 4);
        new DataView(tooMany.buffer).setUint32(start, limit + 1);
        add('too_many', `declares ${limit + 1} items`, 'too_many_items', tooMany);
        const lying = payload.slice();
        new DataView(lying.buffer).setUint32(start, 1000);
        add('count_lies', 'declares 1000 items but holds 2', 'truncated', lying);
        const itemLen = payload.slice();
        new DataView(itemLen.buffer).setUint32(start + 4, 0xffffffff);
        add('item_length_lies', 'first item declares 4 GiB - 1 bytes', 'truncated', itemLen);
      }
    }
  }
  return out;
}

interface FieldOffset {
  field: string;
  start: number;
  def: BinaryField;
}

/** Where each present field starts in the payload of `value`. */
function fieldOffsets(_spec: Spec, l: LayoutSpec, value: Value): FieldOffset[] {
  const out: FieldOffset[] = [];
  let at = 0;
  for (const f of l.fields) {
    if (value[f.name] === undefined) continue;
    out.push({ field: f.name, start: at, def: f });
    const v = value[f.name];
    switch (f.type) {
      case 'u8':
        at += 1;
        break;
      case 'u16':
        at += 2;
        break;
      case 'u32':
        at += 4;
        break;
      case 'u64':
        at += 8;
        break;
      case 'str16':
        at += 2 + new TextEncoder().encode(String(v)).length;
        break;
      case 'bytes32':
        at += 4 + String(v).length / 2;
        break;
      case 'list32':
        at +=
          4 +
          (v as string[]).reduce(
            (n, item) => n + (f.items === 'bytes32' ? 4 + item.length / 2 : 2 + new TextEncoder().encode(item).length),
            0,
          );
        break;
    }
  }
  return out;
}

export function negativeSamples(spec: Spec, samples: Sample[]): NegativeSample[] {
  const base = interpretEncode(spec, samples.find((s) => s.name === 'publish_typical')!.value);
  return [...frameLevel(spec, base), ...jsonLevel(spec, samples), ...binaryLevel(spec, samples)];
}
