// How `felix log dump` shows a payload, which is bytes and may be anything: as one line of text
// where every byte that could be mistaken for something else is escaped, or as a hex dump.

const hexByte = (b: number) => b.toString(16).padStart(2, '0');
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const SPACE = 0x20;

/**
 * Code points printed escaped even in valid UTF-8: line breaks and other controls, and the
 * bidirectional overrides that can make a terminal show bytes in another order.
 */
function needsEscape(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint < 0xa0) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r', 92: '\\\\' };

/** The length of the well-formed UTF-8 sequence at `i` (RFC 3629), or 0 when there is none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b >= 0xe1 && b <= 0xec) || b === 0xee || b === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b >= 0xf1 && b <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * The payload as one line: UTF-8 text as it is, a backslash as `\\`, tab, line feed and carriage
 * return as `\t`, `\n`, `\r`, other controls as `\u{…}`, and bytes that are not UTF-8 as `\xNN`.
 * So the line can be read by a person and the bytes recovered from it exactly.
 */
export function escapedText(bytes: Uint8Array): string {
  if (plainAscii(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const decoder = new TextDecoder();
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      out += `\\x${hexByte(bytes[i])}`;
      i++;
      continue;
    }
    const char = length === 1 ? String.fromCharCode(bytes[i]) : decoder.decode(bytes.subarray(i, i + length));
    const codePoint = char.codePointAt(0) as number;
    const short = SHORT_ESCAPES[codePoint];
    if (short) out += short;
    else if (needsEscape(codePoint)) out += `\\u{${codePoint.toString(16)}}`;
    else out += char;
    i += length;
  }
  return out;
}

/** Printable ASCII with no backslash: the common case, shown as it is without a closer look. */
function plainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x20 || b >= 0x7f || b === 0x5c) return false;
  }
  return true;
}

/** Bytes of one hex dump row with `n` payload bytes, its line break included. */
const rowBytes = (indent: number, n: number) => indent + 8 + 2 + 16 * 3 + 1 + 2 + n + 2;

/**
 * `xxd`-style rows, each ending in a line break: position, 16 bytes in hex, and the printable
 * ASCII among them. Written byte by byte into one buffer, because a dump may be gigabytes.
 */
export function hexDump(bytes: Uint8Array, indent = '  '): string {
  const rows = Math.ceil(bytes.length / 16);
  const out = Buffer.alloc(
    rows === 0 ? 0 : (rows - 1) * rowBytes(indent.length, 16) + rowBytes(indent.length, bytes.length - (rows - 1) * 16),
    SPACE,
  );
  let at = 0;
  for (let row = 0; row < rows; row++) {
    const start = row * 16;
    const n = Math.min(16, bytes.length - start);
    at += indent.length;
    for (let shift = 28; shift >= 0; shift -= 4) out[at++] = HEX_DIGITS[(start >>> shift) & 15];
    at += 2;
    for (let k = 0; k < 16; k++) {
      if (k === 8) at++;
      if (k < n) {
        out[at] = HEX_DIGITS[bytes[start + k] >> 4];
        out[at + 1] = HEX_DIGITS[bytes[start + k] & 15];
      }
      at += 3;
    }
    at++;
    out[at++] = 0x7c; // |
    for (let k = 0; k < n; k++) {
      const b = bytes[start + k];
      out[at++] = b >= 0x20 && b < 0x7f ? b : 0x2e; // .
    }
    out[at++] = 0x7c;
    out[at++] = 0x0a;
  }
  return out.toString('latin1');
}
