// Where each header field sits, read from the spec's field list, and a writer over it, so the
// reference interpreter and vector writers place header bytes exactly as the spec orders them.
import type { HeaderField, Spec } from '../model.js';

export interface PlacedHeaderField extends HeaderField {
  offset: number;
  width: 2 | 4;
}

export type HeaderLayout = Record<HeaderField['name'], PlacedHeaderField>;

// The interpreter asks for every frame it decodes; a spec's layout never changes.
const layouts = new WeakMap<Spec, HeaderLayout>();

export function headerLayout(spec: Spec): HeaderLayout {
  let layout = layouts.get(spec);
  if (!layout) {
    layout = placeHeaderFields(spec);
    layouts.set(spec, layout);
  }
  return layout;
}

function placeHeaderFields(spec: Spec): HeaderLayout {
  const placed: Partial<HeaderLayout> = {};
  let offset = 0;
  for (const field of spec.frame.header) {
    const width = field.type === 'u32' ? 4 : 2;
    placed[field.name] = { ...field, offset, width };
    offset += width;
  }
  return placed as HeaderLayout;
}

/** Writes one header field's value into the view of a frame (masked to the field's width). */
export function setHeaderField(view: DataView, field: PlacedHeaderField, value: number): void {
  if (field.width === 4) view.setUint32(field.offset, value >>> 0);
  else view.setUint16(field.offset, value & 0xffff);
}

/** Reads one header field from the view of a frame. */
export function getHeaderField(view: DataView, field: PlacedHeaderField): number {
  return field.width === 4 ? view.getUint32(field.offset) : view.getUint16(field.offset);
}

/** A frame: the spec's magic and version, `flags`, a declared length, then the payload. */
export function specFrame(spec: Spec, flags: number, payload: Uint8Array, length = payload.length): Uint8Array {
  const layout = headerLayout(spec);
  const out = new Uint8Array(spec.frame.header_size + payload.length);
  const view = new DataView(out.buffer);
  setHeaderField(view, layout.magic, layout.magic.const!);
  setHeaderField(view, layout.version, layout.version.const!);
  setHeaderField(view, layout.flags, flags);
  setHeaderField(view, layout.length, length);
  out.set(payload, spec.frame.header_size);
  return out;
}
