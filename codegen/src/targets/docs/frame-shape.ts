// The "shape" of a frame (its header and payload fields, with sizes and fixed values), from
// which the byte diagrams, the RFC 9000 notation and the annotated hex of the protocol reference
// are all drawn, so the three always agree with each other.
import type { BinaryField, Spec } from '@felix/spec';
import { type FlagCombination, flagCombinations } from '@felix/spec/interpreter';

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
