// UTF-8 with the strictness the spec requires, and a fast path for the short ASCII names
// that make up most binary string fields.
import { WireError } from './wire-error.js';

// ignoreBOM: a leading U+FEFF is part of the string, not an encoding mark to strip.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

export function decodeUtf8(bytes: Uint8Array, field: string, offset: number): string {
  if (bytes.length <= 64) {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new WireError('invalid_utf8', field, offset, 'not valid UTF-8');
  }
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** UTF-8 length of a string, computed without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** Throws string_too_long when `s` is over `limit` UTF-8 bytes. */
export function checkUtf8Limit(s: string, limit: number, field: string, offset: number | undefined): void {
  // Each UTF-16 unit is at most 3 UTF-8 bytes, so short strings need no counting.
  if (s.length * 3 <= limit) return;
  const n = utf8Length(s);
  if (n > limit) throw new WireError('string_too_long', field, offset, `${n} UTF-8 bytes, limit ${limit}`);
}
