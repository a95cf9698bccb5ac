// Pictures of frames for the protocol reference: byte diagrams (an HTML table a browser test
// can find by its class), the field notation of RFC 9000 section 1.3, and annotated hex dumps.
// All three are derived from one "shape" of a frame, so they always agree with each other.
import type { BinaryField, Spec } from '@felix/spec';
import type { FlagCombination } from '@felix/spec/interpreter';
import { flagCombinations } from '@felix/spec/interpreter';

export const FIXED_SIZE: Partial<Record<BinaryField['type'], number>> = { u8: 1, u16: 2, u32: 4, u64: 8 };
export const PREFIX_SIZE: Partial<Record<BinaryField['type'], number>> = { str16: 2, bytes32: 4, list32: 4 };

export const headerSize = (type: 'u16' | 'u32') => (type === 'u32' ? 4 : 2);
export const hex4 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

export function constNumber(value: number, size: number): string {
  return value > 9
    ? `0x${value
        .toString(16)
        .toUpperCase()
        .padStart(size * 2, '0')}`
    : String(value);
}

export function flagNames(spec: Spec, bits: number): string[] {
  return spec.flags.filter((f) => bits & f.bit).map((f) => f.name);
}

export function presentIn(spec: Spec, f: BinaryField, c: FlagCombination): boolean {
  return !f.when || flagNames(spec, c.modifierBits).includes(f.when);
}

// ---- The shape of a frame ----

/** One field on the wire; `size` in bytes, null when it varies. */
export interface WireField {
  name: string;
  size: number | null;
  /** What the bytes hold (`u16`, `UTF-8`, `bytes`, `JSON`), for titles and notation. */
  kind: string;
  /** A value every frame of this shape has (the magic, the version, the flags). */
  value?: string;
  /** Set on a list: the fields of one item, which repeat `count` times. */
  item?: WireField[];
}

export interface FrameShape {
  /** What the frame is, for captions and the notation's title. */
  title: string;
  header: WireField[];
  payload: WireField[];
}

/** The header fields; `flags` is given when every frame of the shape has the same flags. */
function headerFields(spec: Spec, flags: number | undefined): WireField[] {
  return spec.frame.header.map((h) => {
    const size = headerSize(h.type);
    const value =
      h.const !== undefined ? constNumber(h.const, size) : h.name === 'flags' && flags !== undefined ? hex4(flags) : '';
    return { name: h.name, size, kind: h.type, ...(value ? { value } : {}) };
  });
}

/** A length prefix and the bytes it counts; `length`/`data` inside a list item. */
function prefixed(name: string | undefined, type: BinaryField['type']): WireField[] {
  const prefix = PREFIX_SIZE[type]!;
  return [
    { name: name ? `${name}_length` : 'length', size: prefix, kind: prefix === 2 ? 'u16' : 'u32' },
    { name: name ?? 'data', size: null, kind: type === 'str16' ? 'UTF-8' : 'bytes' },
  ];
}

function binaryFields(f: BinaryField): WireField[] {
  const fixed = FIXED_SIZE[f.type];
  if (fixed !== undefined) return [{ name: f.name, size: fixed, kind: f.type }];
  if (f.type === 'list32') {
    return [
      { name: `${f.name}_count`, size: PREFIX_SIZE.list32!, kind: 'u32' },
      { name: f.name, size: null, kind: 'list', item: prefixed(undefined, f.items!) },
    ];
  }
  return prefixed(f.name, f.type);
}

/** The frame of a JSON message: the header with flags 0 and one JSON object. */
export function messageShape(spec: Spec, name: string): FrameShape {
  return {
    title: `${name} frame`,
    header: headerFields(spec, 0),
    payload: [{ name: 'json_payload', size: null, kind: 'JSON' }],
  };
}

/** The frame of a binary layout with one allowed flag combination. */
export function layoutShape(spec: Spec, c: FlagCombination): FrameShape {
  return {
    title: `${c.layout.name} frame, flags ${hex4(c.flags)}`,
    header: headerFields(spec, c.flags),
    payload: c.layout.fields.filter((f) => presentIn(spec, f, c)).flatMap(binaryFields),
  };
}

/** Any frame: the header and a payload the flags select. */
export function genericShape(spec: Spec): FrameShape {
  return {
    title: 'Felix frame',
    header: headerFields(spec, undefined),
    payload: [{ name: 'payload', size: null, kind: 'bytes' }],
  };
}

export function layoutCombinations(spec: Spec, layout: string): FlagCombination[] {
  return flagCombinations(spec).filter((c) => c.layout.name === layout);
}

// ---- RFC 9000 field notation ----

/** `request_id` → `Request ID`: the notation's field names are words in title case. */
export function titleCase(name: string): string {
  return name
    .split('_')
    .map((w) => (w === 'id' ? 'ID' : w === 'json' ? 'JSON' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

function notationLine(f: WireField, itemName: string): string {
  const bits = f.size === null ? '..' : String(f.size * 8);
  if (f.item) return `${itemName} (..) ...`;
  return `${titleCase(f.name)} (${bits})${f.value ? ` = ${f.value}` : ''}`;
}

/**
 * The frame in the notation of RFC 9000 section 1.3: `Name (bits)`, `(..)` for a length that
 * varies, `= value` for a fixed value, `...` for zero or more repetitions of a structure that is
 * defined after the frame.
 */
export function rfcNotation(shape: FrameShape): string {
  const structs: string[] = [];
  const body = [...shape.header, ...shape.payload].map((f) => {
    const itemName = `${titleCase(f.name)} Item`;
    if (f.item) {
      structs.push(`${itemName} {\n${f.item.map((i) => `  ${notationLine(i, '')},`).join('\n')}\n}`);
    }
    return `  ${notationLine(f, itemName)},`;
  });
  return [`${titleCase(shape.title.replace(/,.*$/, '').replace(/ /g, '_'))} {\n${body.join('\n')}\n}`, ...structs].join(
    '\n\n',
  );
}

// ---- Byte diagrams ----

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Cell {
  label: string;
  span: number;
  kind: string;
  className: string;
}

/**
 * An HTML table, four bytes to a row as RFC diagrams draw them. Rows are numbered by frame
 * offset while it is fixed and with `…` after a field whose length varies. A list's item fields
 * are drawn once, marked as repeating.
 */
export function byteDiagram(shape: FrameShape, id: string): string {
  const rows: string[] = [];
  let cells: Cell[] = [];
  let used = 0;
  let offset: number | null = 0;
  let rowStart: number | null = 0;
  const flush = () => {
    if (!cells.length) return;
    if (used < 4) cells.push({ label: '', span: 4 - used, kind: '', className: 'bd-empty' });
    const tds = cells
      .map(
        (c) =>
          `<td colspan="${c.span}" class="${c.className}"${c.kind ? ` title="${escapeHtml(c.kind)}"` : ''}>${escapeHtml(c.label)}</td>`,
      )
      .join('');
    rows.push(`<tr><th scope="row">${rowStart ?? '…'}</th>${tds}</tr>`);
    cells = [];
    used = 0;
    rowStart = offset;
  };
  const place = (f: WireField, label: string, className: string) => {
    if (f.size === null) {
      cells.push({ label: `${label} …`, span: 4 - used, kind: f.kind, className: `${className} bd-variable` });
      used = 4;
      offset = null;
      flush();
      return;
    }
    let remaining = f.size;
    let first = true;
    while (remaining > 0) {
      const take = Math.min(remaining, 4 - used);
      cells.push({ label: first ? label : `${label} (cont.)`, span: take, kind: f.kind, className });
      used += take;
      remaining -= take;
      if (offset !== null) offset += take;
      first = false;
      if (used === 4) flush();
    }
  };
  const labelOf = (f: WireField) => (f.value ? `${f.name} = ${f.value}` : f.name);
  for (const f of shape.header) place(f, labelOf(f), 'bd-header');
  for (const f of shape.payload) {
    if (!f.item) {
      place(f, labelOf(f), 'bd-field');
      continue;
    }
    for (const i of f.item) place(i, `${f.name}[i].${i.name}`, 'bd-field bd-repeat');
  }
  flush();
  const repeated = shape.payload.filter((f) => f.item).map((f) => `${f.name}[i] repeats ${f.name}_count times`);
  const caption = [shape.title, ...repeated].join('; ');
  return [
    `<figure class="byte-diagram" id="${escapeHtml(id)}">`,
    '<table>',
    '<thead><tr><th scope="col">offset</th><th scope="col">+0</th><th scope="col">+1</th><th scope="col">+2</th><th scope="col">+3</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody>`,
    '</table>',
    `<figcaption>${escapeHtml(caption)}</figcaption>`,
    '</figure>',
  ].join('\n');
}

// ---- Annotated hex ----

interface Span {
  hex: string;
  note: string;
}

/** Walks a binary payload field by field so each line of hex names what it holds. */
function binarySpans(spec: Spec, c: FlagCombination, bytes: Uint8Array, exampleName: string): Span[] {
  const spans: Span[] = [];
  let at = 0;
  const take = (n: number) => {
    if (at + n > bytes.length) throw new Error(`example ${exampleName}: payload ends inside a field`);
    const b = Buffer.from(bytes.subarray(at, at + n));
    at += n;
    return b;
  };
  const uint = (b: Buffer) => BigInt(`0x${b.toString('hex') || '0'}`);
  const item = (type: string, label: string) => {
    const prefix = take(PREFIX_SIZE[type as BinaryField['type']]!);
    const body = take(Number(uint(prefix)));
    const note =
      type === 'str16' ? `${label} = ${JSON.stringify(body.toString('utf8'))}` : `${label}, length ${body.length}`;
    spans.push({ hex: `${prefix.toString('hex')} ${body.toString('hex')}`.trimEnd(), note });
  };
  for (const f of c.layout.fields) {
    if (!presentIn(spec, f, c)) continue;
    const fixed = FIXED_SIZE[f.type];
    if (fixed !== undefined) {
      const b = take(fixed);
      const n = uint(b);
      const named = f.enum ? spec.enums[f.enum].values.find((v) => BigInt(v.value ?? -1) === n)?.name : undefined;
      spans.push({ hex: b.toString('hex'), note: `${f.name} = ${n}${named ? ` (${named})` : ''}` });
    } else if (f.type === 'list32') {
      const count = take(PREFIX_SIZE.list32!);
      spans.push({ hex: count.toString('hex'), note: `${f.name}, count ${uint(count)}` });
      for (let i = 0; i < Number(uint(count)); i++) item(f.items!, `${f.name}[${i}]`);
    } else {
      item(f.type, f.name);
    }
  }
  if (at !== bytes.length) throw new Error(`example ${exampleName}: bytes left after the last field`);
  return spans;
}

function jsonSpans(bytes: Uint8Array): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const chunk = Buffer.from(bytes.subarray(i, i + 16));
    spans.push({ hex: chunk.toString('hex'), note: chunk.toString('latin1').replace(/[^\x20-\x7e]/g, '.') });
  }
  return spans;
}

/** Hex too long for one line continues on the next ones, 16 bytes each, unannotated. */
function renderSpans(spans: Span[]): string {
  const lines: Span[] = [];
  for (const s of spans) {
    const hex = s.hex.replace(/ /g, '');
    if (hex.length <= 48) {
      lines.push(s);
      continue;
    }
    for (let i = 0; i < hex.length; i += 32) lines.push({ hex: hex.slice(i, i + 32), note: i === 0 ? s.note : '' });
  }
  const width = Math.max(...lines.map((l) => l.hex.length));
  return lines.map((l) => (l.note ? `${l.hex.padEnd(width)}  # ${l.note}` : l.hex)).join('\n');
}

/** One line per header field, then the payload field by field (binary) or 16 bytes a line (JSON). */
export function annotatedHex(spec: Spec, bytes: Uint8Array, exampleName: string): string {
  const spans: Span[] = [];
  let at = 0;
  let flags = 0;
  for (const h of spec.frame.header) {
    const size = headerSize(h.type);
    const b = Buffer.from(bytes.subarray(at, at + size));
    at += size;
    const v = b.readUIntBE(0, size);
    const ascii = b.toString('latin1');
    let note = `${h.name} ${v}`;
    if (h.name === 'flags') {
      flags = v;
      const names = flagNames(spec, v);
      note = `flags ${hex4(v)}${names.length ? ` = ${names.join(' | ')}` : ' (JSON)'}`;
    } else if (h.const !== undefined && size > 2 && /^[\x20-\x7e]+$/.test(ascii)) {
      note = `${h.name} ${JSON.stringify(ascii)}`;
    }
    spans.push({ hex: b.toString('hex'), note });
  }
  const payload = bytes.subarray(at);
  const combo = flagCombinations(spec).find((c) => c.flags === flags);
  const body = flags === 0 || !combo ? jsonSpans(payload) : binarySpans(spec, combo, payload, exampleName);
  return renderSpans([...spans, ...body]);
}
