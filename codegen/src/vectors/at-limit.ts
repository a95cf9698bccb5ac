// Vectors whose one byte field fills a JSON frame to exactly the default frame limit: one per
// byte field (or list of byte fields) of every JSON message, so each decoder shows it takes the
// largest frame it must accept. The field repeats one 48-byte unit whose base64 is the whole
// alphabet, so the file can say "this, N times" (conformance/README.md, "Long hex") instead of
// holding 32 MiB of hex.
import type { JsonField, Spec } from '@felix/spec';
import { interpretEncode } from '@felix/spec/interpreter';
import type { Sample, Value } from './samples.js';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The 48 bytes whose base64 is the alphabet in order: every base64 character, once. */
export const LIMIT_UNIT = new Uint8Array(Buffer.from(BASE64_ALPHABET, 'base64'));
/** The unit's base64 as it stands in the frame's JSON text. */
export const LIMIT_UNIT_TEXT = new Uint8Array(Buffer.from(BASE64_ALPHABET, 'ascii'));

export interface LimitSample extends Sample {
  field: string;
}

/** A hex piece of the long-hex notation: literal hex, or `repeat` written `times` times. */
export type HexPiece = string | { repeat: string; times: number };
export interface LongHex {
  $hex: HexPiece[];
}

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

const isByteField = (f: JsonField) => f.type === 'bytes' || (f.type === 'list' && f.items === 'bytes');

/** `n` bytes of the unit repeated (the last repeat cut short). */
function unitBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let at = 0; at < n; at += LIMIT_UNIT.length)
    out.set(LIMIT_UNIT.subarray(0, Math.min(LIMIT_UNIT.length, n - at)), at);
  return out;
}

/**
 * `bytes` in long-hex notation around its longest run of `unit`: the bytes before it, the run,
 * and the bytes after. Expanding the result gives `bytes` back (checked).
 */
export function compactHex(bytes: Uint8Array, unit: Uint8Array): LongHex {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = buf.indexOf(unit);
  if (start < 0) throw new Error('the unit does not occur');
  let end = start;
  while (end + unit.length <= buf.length && buf.compare(unit, 0, unit.length, end, end + unit.length) === 0)
    end += unit.length;
  const pieces: HexPiece[] = [];
  if (start > 0) pieces.push(hex(bytes.subarray(0, start)));
  pieces.push({ repeat: hex(unit), times: (end - start) / unit.length });
  if (end < bytes.length) pieces.push(hex(bytes.subarray(end)));
  const long: LongHex = { $hex: pieces };
  if (expandLongHex(long) !== hex(bytes)) throw new Error('compactHex does not expand to its input');
  return long;
}

export function expandLongHex(long: LongHex): string {
  return long.$hex.map((p) => (typeof p === 'string' ? p : p.repeat.repeat(p.times))).join('');
}

/**
 * One sample per byte field of every JSON message: the message's typical value with that field
 * as long as the frame limit allows and the first required string field a few characters
 * longer, so the JSON text is exactly max_frame_payload bytes. The fields' lengths take turns
 * leaving 0, 1 and 2 bytes over a multiple of three, so the base64 ends in each padding.
 */
export function atLimitSamples(spec: Spec, samples: Sample[]): LimitSample[] {
  const limit = spec.limits.max_frame_payload.value;
  const header = spec.frame.header_size;
  const out: LimitSample[] = [];
  for (const m of spec.messages) {
    const typical = samples.find((s) => s.name === `${m.name}_typical`);
    if (!typical) throw new Error(`no typical sample of ${m.name}`);
    for (const f of m.fields.filter(isByteField)) {
      const asField = (hexText: string) => (f.type === 'list' ? [hexText] : hexText);
      const value: Value = { ...typical.value, [f.name]: asField('') };
      const pad = m.fields.find((x) => x.type === 'string' && x.presence === 'required');
      if (!pad) throw new Error(`${m.name} has no required string field to pad`);
      const fixed = interpretEncode(spec, value).length - header;
      const shortBy = (limit - fixed) % 4;
      value[pad.name] = `${value[pad.name]}${'x'.repeat(shortBy)}`;
      const base64Length = limit - fixed - shortBy;
      const padding = out.length % 3;
      const bytes = unitBytes((base64Length / 4) * 3 - padding);
      value[f.name] = asField(hex(bytes));
      const frameLength = interpretEncode(spec, value).length - header;
      if (frameLength !== limit)
        throw new Error(`${m.name}.${f.name} at the limit is ${frameLength} bytes, not ${limit}`);
      out.push({
        name: `${m.name}_${f.name}_at_frame_limit`,
        description: `${m.name} whose ${f.type === 'list' ? `${f.name} item` : f.name} of ${bytes.length} bytes (base64 ending in ${padding} "=") makes the JSON text exactly max_frame_payload (${limit} bytes)`,
        tags: [`message:${m.name}`, 'flags:0x0000', 'boundary:frame_limit'],
        value,
        field: f.name,
      });
    }
  }
  return out;
}

/** `value` with the at-limit field in long-hex notation. */
export function compactValue(sample: LimitSample): Value {
  const v = sample.value[sample.field];
  const compact = (h: string) => compactHex(new Uint8Array(Buffer.from(h, 'hex')), LIMIT_UNIT);
  return { ...sample.value, [sample.field]: Array.isArray(v) ? v.map(compact) : compact(String(v)) };
}
