// Kaitai Struct description of one Felix frame, built from the spec model, plus the JavaScript
// and Python parsers kaitai-struct-compiler 0.10 makes of it. The conformance suite runs both
// parsers as decoders independent of our own codec, so the .ksy states every check the spec
// makes on the binary level, in the order the spec's reference interpreter makes them (UTF-8
// included); only the flags-0 JSON payload is left raw for a harness to check against the JSON
// Schemas. Validation failures name their codec error in a sidecar table, felix_wire.errors.json.
import { createRequire } from 'node:module';
import type { BinaryField, CodePointRange, FormatSpec, LayoutSpec, Spec } from '@felix/spec';
import { flagCombinations, knownFlagMask } from '@felix/spec/interpreter';
import YAML from 'yaml';
import { GENERATED_NOTICE, type GeneratedFile, jsonText, notice, type Target } from '../target.js';

const OUT = 'generated/kaitai';
export const KSY_ID = 'felix_wire';
/** Custom ksy key (ksc ignores keys starting with "-") naming the codec error a failed `valid` means. */
export const ERROR_KEY = '-felix-error';

type Ksy = Record<string, unknown>;

interface KaitaiCompiler {
  compile(lang: string, ksy: unknown, importer: unknown, debug: boolean): Promise<Record<string, string>>;
}

const hex = (n: number) => Object.assign(new YAML.Scalar(n), { format: 'HEX' });
const hexText = (n: number) => `0x${n.toString(16)}`;

const INT_TYPES: Record<string, string> = { u8: 'u1', u16: 'u2', u32: 'u4', u64: 'u8' };
const MAX_STR16 = 0xffff;
const MAX_COUNT32 = 0xffffffff;

function limitOf(spec: Spec, name: string | undefined, fallback: number): number {
  return name ? spec.limits[name].value : fallback;
}

function flagBit(spec: Spec, name: string): number {
  const flag = spec.flags.find((f) => f.name === name);
  if (!flag) throw new Error(`kaitai: no flag named ${name}`);
  return flag.bit;
}

const inRanges = (ranges: CodePointRange[]) =>
  ranges
    .map((r) =>
      r.from === r.to ? `(value == ${hexText(r.from)})` : `(value >= ${hexText(r.from)} and value <= ${hexText(r.to)})`,
    )
    .join(' or ');

/**
 * The types of a str16 of a string format (spec formats), used only where a layout has one.
 * The text is parsed as UTF-8 first, as for any str16; the format is checked after, in a
 * second pass over the same bytes, so a name that is both bad UTF-8 and a bad name is
 * invalid_utf8 as in every other decoder. Kaitai has no "any", so the "not only" rule scans up
 * to the first code point outside not_only and looks at the last one it read.
 */
function formatTypes(format: FormatSpec): Record<string, Ksy> {
  const F = format.name;
  return {
    [`str16_${F}`]: {
      doc: `A str16 whose text follows format ${F}: ${format.doc}`,
      params: [{ id: 'max_len', type: 'u2', doc: "The field's limit in UTF-8 bytes (spec limits)." }],
      seq: [
        { id: 'len', type: 'u2', valid: { max: 'max_len' }, [ERROR_KEY]: 'string_too_long' },
        { id: 'data', size: 'len', type: `${F}_text`, doc: 'The text; its raw bytes are data.raw.' },
      ],
      instances: { value: { value: 'data.value' } },
    },
    [`${F}_text`]: {
      doc: `UTF-8 text (checked as utf8_text is), then checked against format ${F}.`,
      seq: [
        { id: 'code_points', type: 'utf8_code_point', repeat: 'eos' },
        {
          id: 'format_ok',
          size: 0,
          // Naming format_code_points parses them, which fails on a forbidden one.
          valid: { expr: 'format_code_points.size >= 0 and _io.size > 0 and up_to_other.last.other' },
          [ERROR_KEY]: format.error,
          doc: 'No forbidden code point, and at least one outside not_only (so never empty).',
        },
      ],
      instances: {
        raw: { pos: 0, size: '_io.size', doc: 'The bytes as sent.' },
        value: { value: 'raw.to_s("UTF-8")' },
        format_code_points: { pos: 0, type: `${F}_code_point`, repeat: 'eos' },
        up_to_other: {
          pos: 0,
          type: `${F}_code_point`,
          repeat: 'until',
          'repeat-until': '_.other or _io.eof',
          doc: 'The code points up to the first outside not_only, or all of them.',
        },
      },
    },
    [`${F}_code_point`]: {
      doc: `One code point of text already checked as UTF-8, checked against format ${F}.`,
      seq: [
        { id: 'lead', type: 'u1' },
        { id: 'tail', size: 'lead >= 0xf0 ? 3 : (lead >= 0xe0 ? 2 : (lead >= 0xc0 ? 1 : 0))' },
        {
          id: 'allowed',
          size: 0,
          valid: { expr: `not (${inRanges(format.forbidden)})` },
          [ERROR_KEY]: format.error,
          doc: format.forbidden.map((r) => `Not ${r.doc}.`).join(' '),
        },
      ],
      instances: {
        value: {
          value:
            'lead < 0x80 ? lead : (lead < 0xe0 ? ((lead & 0x1f) << 6) | (tail[0] & 0x3f) : (lead < 0xf0 ? ' +
            '((lead & 0x0f) << 12) | ((tail[0] & 0x3f) << 6) | (tail[1] & 0x3f) : ((lead & 0x07) << 18) | ' +
            '((tail[0] & 0x3f) << 12) | ((tail[1] & 0x3f) << 6) | (tail[2] & 0x3f)))',
        },
        other: { value: `not (${inRanges(format.not_only)})`, doc: 'Outside not_only.' },
      },
    },
  };
}

/** The reusable user types of the binary field kinds; list types only for item kinds in use. */
function fieldTypes(spec: Spec): Record<string, Ksy> {
  const types: Record<string, Ksy> = {
    str16: {
      doc: 'A u16 byte length and that many bytes of UTF-8 text.',
      params: [{ id: 'max_len', type: 'u2', doc: "The field's limit in UTF-8 bytes (spec limits)." }],
      seq: [
        { id: 'len', type: 'u2', valid: { max: 'max_len' }, [ERROR_KEY]: 'string_too_long' },
        { id: 'data', size: 'len', type: 'utf8_text', doc: 'The text; its raw bytes are data.raw.' },
      ],
      instances: { value: { value: 'data.value' } },
    },
    // ksc has no UTF-8 check, and decoding in an instance (lazy, and lenient in the JavaScript
    // runtime) would report invalid UTF-8 only after every later field parsed. Checking each
    // code point while parsing reports it in field order, as every other decoder does.
    utf8_text: {
      doc:
        'Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points above ' +
        'U+10FFFF), checked one code point at a time; anything else is invalid_utf8.',
      seq: [{ id: 'code_points', type: 'utf8_code_point', repeat: 'eos' }],
      instances: {
        raw: { pos: 0, size: '_io.size', doc: 'The bytes as sent.' },
        value: { value: 'raw.to_s("UTF-8")' },
      },
    },
    utf8_code_point: {
      doc: 'One UTF-8 encoded code point: a lead byte and the continuation bytes it announces.',
      seq: [
        {
          id: 'lead',
          type: 'u1',
          valid: { expr: '_ <= 0x7f or (_ >= 0xc2 and _ <= 0xf4)' },
          [ERROR_KEY]: 'invalid_utf8',
        },
        {
          id: 'complete',
          size: 0,
          valid: { expr: '_io.size - _io.pos >= (lead >= 0xf0 ? 3 : (lead >= 0xe0 ? 2 : (lead >= 0xc2 ? 1 : 0)))' },
          [ERROR_KEY]: 'invalid_utf8',
          doc: 'The text does not end inside the code point.',
        },
        {
          id: 'second',
          type: 'u1',
          if: 'lead >= 0xc2',
          valid: {
            expr:
              '_ >= (lead == 0xe0 ? 0xa0 : (lead == 0xf0 ? 0x90 : 0x80)) and ' +
              '_ <= (lead == 0xed ? 0x9f : (lead == 0xf4 ? 0x8f : 0xbf))',
          },
          [ERROR_KEY]: 'invalid_utf8',
          doc: 'Its range after E0, F0 (no overlong forms), ED (no surrogates) and F4 (nothing above U+10FFFF) is narrower.',
        },
        {
          id: 'third',
          type: 'u1',
          if: 'lead >= 0xe0',
          valid: { min: hex(0x80), max: hex(0xbf) },
          [ERROR_KEY]: 'invalid_utf8',
        },
        {
          id: 'fourth',
          type: 'u1',
          if: 'lead >= 0xf0',
          valid: { min: hex(0x80), max: hex(0xbf) },
          [ERROR_KEY]: 'invalid_utf8',
        },
      ],
    },
    bytes32: {
      doc: 'A u32 byte length and that many opaque bytes.',
      seq: [
        { id: 'len', type: 'u4' },
        { id: 'data', size: 'len' },
      ],
    },
  };
  const formats = new Set(spec.layouts.flatMap((l) => l.fields.flatMap((f) => (f.format ? [f.format] : []))));
  for (const f of [...formats].sort()) Object.assign(types, formatTypes(spec.formats[f]));
  const itemKinds = new Set(
    spec.layouts.flatMap((l) => l.fields.filter((f) => f.type === 'list32').map((f) => f.items!)),
  );
  for (const item of [...itemKinds].sort()) {
    types[`list32_${item}`] = {
      doc: `A u32 item count and that many ${item} items.`,
      params: [{ id: 'max_count', type: 'u4', doc: 'Most items allowed (spec limits).' }],
      seq: [
        { id: 'count', type: 'u4', valid: { max: 'max_count' }, [ERROR_KEY]: 'too_many_items' },
        {
          id: 'items',
          type: item === 'str16' ? `str16(${MAX_STR16})` : item,
          repeat: 'expr',
          'repeat-expr': 'count',
        },
      ],
    };
  }
  return types;
}

function layoutField(spec: Spec, layout: LayoutSpec, f: BinaryField): Ksy {
  const out: Ksy = { id: f.name };
  switch (f.type) {
    case 'str16':
      out.type = `${f.format ? `str16_${f.format}` : 'str16'}(${limitOf(spec, f.limit, MAX_STR16)})`;
      break;
    case 'bytes32':
      out.type = 'bytes32';
      break;
    case 'list32':
      out.type = `list32_${f.items}(${limitOf(spec, f.limit, MAX_COUNT32)})`;
      break;
    default:
      out.type = INT_TYPES[f.type];
  }
  if (f.when) {
    if (!layout.modifiers.some((m) => m.name === f.when))
      throw new Error(`kaitai: ${layout.name}.${f.name} is guarded by ${f.when}, not a modifier of ${layout.flag}`);
    out.if = `(flags & ${hexText(flagBit(spec, f.when))}) != 0`;
  }
  if (f.enum) {
    out.enum = f.enum;
    // ksc 0.10 keeps an unknown enum value as a plain number; the spec rejects it.
    out.valid = { 'any-of': spec.enums[f.enum].values.map((v) => `${f.enum}::${v.name}`) };
    out[ERROR_KEY] = 'invalid_enum';
  }
  out.doc = f.when ? `${f.doc} Present exactly when ${f.when} is set.` : f.doc;
  return out;
}

const trailingCheck = (what: string): Ksy => ({
  id: 'trailing',
  'size-eos': true,
  valid: { expr: '_.length == 0' },
  [ERROR_KEY]: 'trailing_bytes',
  doc: `Must be empty: ${what}.`,
});

function layoutType(spec: Spec, layout: LayoutSpec): Ksy {
  const type: Ksy = { doc: `${layout.doc}\nSelected by ${layout.flag} (${hexText(layout.flagBit)}).` };
  if (layout.modifiers.length > 0) {
    type.params = [
      {
        id: 'flags',
        type: 'u2',
        doc: `The frame's flags; modifier bits (${layout.modifiers.map((m) => m.name).join(', ')}) add fields.`,
      },
    ];
  }
  type.seq = [
    ...layout.fields.map((f) => layoutField(spec, layout, f)),
    trailingCheck('the last field ends exactly at the end of the payload'),
  ];
  return type;
}

function headerType(spec: Spec): Ksy {
  const allowed = [0, ...flagCombinations(spec).map((c) => c.flags)];
  const size = (t: string) => (t === 'u16' ? 2 : 4);
  const total = spec.frame.header.reduce((n, f) => n + size(f.type), 0);
  if (total !== spec.frame.header_size)
    throw new Error(`kaitai: header fields add up to ${total} bytes, header_size is ${spec.frame.header_size}`);
  const seq = spec.frame.header.map((f): Ksy => {
    const out: Ksy = { id: f.name, type: INT_TYPES[f.type] };
    if (f.const !== undefined) {
      out.valid = f.const > 0xff ? hex(f.const) : f.const;
      out[ERROR_KEY] = f.error;
    } else if (f.name === 'flags') {
      out.valid = { 'any-of': allowed.map(hex) };
      // A set bit outside the defined flags is unknown_flags; the harness tells the two apart.
      out[ERROR_KEY] = 'invalid_flags';
    } else if (f.name === 'length') {
      out.valid = { max: spec.limits.max_frame_payload.value };
      out[ERROR_KEY] = 'frame_too_large';
    }
    out.doc = f.doc;
    return out;
  });
  return { doc: `The fixed ${spec.frame.header_size}-byte frame header.`, seq };
}

function payloadCases(spec: Spec): Map<YAML.Scalar, string> {
  const cases = new Map<YAML.Scalar, string>([[hex(0), 'json_message']]);
  for (const c of flagCombinations(spec)) {
    cases.set(hex(c.flags), c.layout.modifiers.length > 0 ? `${c.layout.name}(header.flags)` : c.layout.name);
  }
  return cases;
}

function enumsOf(spec: Spec): Record<string, Map<number, Ksy>> {
  const out: Record<string, Map<number, Ksy>> = {};
  for (const e of Object.values(spec.enums)) {
    if (e.encoding !== 'u8') continue;
    out[e.name] = new Map(e.values.map((v) => [v.value!, { id: v.name, doc: v.doc }]));
  }
  return out;
}

/** The .ksy as a YAML-ready tree (hex scalars and numeric map keys included). */
export function buildKsy(spec: Spec): Ksy {
  const unknownMask = 0xffff & ~knownFlagMask(spec);
  const types: Record<string, Ksy> = {
    header: headerType(spec),
    json_message: {
      doc:
        'Flags 0: the payload is one UTF-8 JSON object whose "type" names the message. It is kept ' +
        'raw; a harness decodes it and checks it against generated/schemas/<type>.schema.json.',
      seq: [{ id: 'text', 'size-eos': true, doc: 'The JSON text.' }],
    },
  };
  for (const l of spec.layouts) types[l.name] = layoutType(spec, l);
  Object.assign(types, fieldTypes(spec));
  return {
    meta: {
      id: KSY_ID,
      title: spec.protocol.name,
      'ks-version': '0.10',
      endian: spec.frame.byte_order === 'big' ? 'be' : 'le',
    },
    doc: `${spec.protocol.doc}\n\n${spec.frame.doc}`,
    'doc-ref': 'spec/protocol.yaml, spec/layouts.yaml',
    seq: [
      {
        id: 'header',
        type: 'header',
        size: spec.frame.header_size,
        doc: `Read as one ${spec.frame.header_size}-byte block, so a shorter input fails before any header check (short_header).`,
      },
      {
        id: 'frame_end',
        size: 0,
        valid: { expr: '_io.size - _io.pos <= header.length' },
        [ERROR_KEY]: 'trailing_bytes',
        doc:
          'The input must hold exactly one frame: checked before the payload is parsed, so bytes ' +
          'after the frame are trailing_bytes (and fewer than `length` truncated, on reading the ' +
          'payload) whatever the payload holds.',
      },
      {
        id: 'payload',
        size: 'header.length',
        type: { 'switch-on': 'header.flags', cases: payloadCases(spec) },
        doc:
          'The payload, parsed by the layout its flags select. header.flags only admits the listed ' +
          `values: a bit in ${hexText(unknownMask)} is unknown_flags, any other unlisted value invalid_flags.`,
      },
    ],
    types,
    enums: enumsOf(spec),
  };
}

// ksc reads .ksy files as YAML 1.1, where these plain words are booleans.
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

export function ksyText(ksy: Ksy): string {
  const doc = new YAML.Document(ksy);
  YAML.visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && YAML11_BOOLEANS.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return notice('#') + doc.toString({ lineWidth: 100 });
}

/** Where each `valid` of the ksy sits, as ksc names it in a validation error, and its error code. */
export function validationErrors(ksy: Record<string, any>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, seq: Record<string, unknown>[] | undefined) => {
    (seq ?? []).forEach((field, i) => {
      if (field.valid !== undefined) {
        if (typeof field[ERROR_KEY] !== 'string') throw new Error(`kaitai: ${prefix}/seq/${i} has no ${ERROR_KEY}`);
        out[`${prefix}/seq/${i}`] = field[ERROR_KEY] as string;
      }
    });
  };
  walk('', ksy.seq);
  for (const [name, type] of Object.entries(ksy.types ?? {})) walk(`/types/${name}`, (type as Ksy).seq as Ksy[]);
  return out;
}

function loadCompiler(): KaitaiCompiler {
  const require = createRequire(import.meta.url);
  const Compiler = require('kaitai-struct-compiler');
  return new Compiler() as KaitaiCompiler;
}

function single(files: Record<string, string>, lang: string): string {
  const sources = Object.values(files);
  if (sources.length !== 1) throw new Error(`kaitai: expected one ${lang} file, got ${Object.keys(files).join(', ')}`);
  return sources[0];
}

export const kaitaiTarget: Target = {
  name: 'kaitai',
  owns: [OUT],
  async generate(spec) {
    const text = ksyText(buildKsy(spec));
    // Compile what the file says, not the in-memory tree, so the .ksy on disk is what was tested.
    const parsed = YAML.parse(text) as Record<string, any>;
    const compiler = loadCompiler();
    const js = single(await compiler.compile('javascript', parsed, null, false), 'javascript');
    const python = single(await compiler.compile('python', parsed, null, false), 'python');
    const files: GeneratedFile[] = [
      { path: `${OUT}/${KSY_ID}.ksy`, contents: text },
      { path: `${OUT}/js/FelixWire.cjs`, contents: notice('//') + js },
      { path: `${OUT}/python/${KSY_ID}.py`, contents: notice('#') + python },
      {
        path: `${OUT}/${KSY_ID}.errors.json`,
        contents: jsonText({
          $comment: `${GENERATED_NOTICE}. ksc srcPath of each validation in ${KSY_ID}.ksy → codec error code.`,
          validations: validationErrors(parsed),
        }),
      },
    ];
    return files;
  },
};
