// Strict standard base64 (padded, no whitespace) that works in Node and in browsers.
import { WireError } from './wire-error.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

// Node's Buffer decodes and encodes base64 natively, several times faster than a JS loop
// once strings are longer than a few dozen characters.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
const SMALL_BASE64 = 64;

/** How many `=` end `s` (0, 1 or 2). */
function padding(s: string): number {
  const n = s.length;
  return n > 0 && s.charCodeAt(n - 1) === 61 ? (s.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
}

/**
 * Whether `s` is padded standard base64, in one pass with no backtracking: a regex with a
 * repeated group (the JSON Schemas' pattern) overflows V8's backtracking stack on text of a
 * few megabytes, well under the frame limit.
 */
export function isStrictBase64(s: string): boolean {
  const n = s.length;
  if (n % 4 !== 0) return false;
  const body = n - padding(s);
  for (let i = 0; i < body; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || DECODE[c] < 0) return false;
  }
  return true;
}

/**
 * Decodes padded standard base64. `validated` skips the check for text a generated validator
 * has already passed through isStrictBase64.
 */
export function decodeBase64(s: string, field: string, offset: number, validated = false): Uint8Array {
  if (!validated && !isStrictBase64(s))
    throw new WireError('invalid_base64', field, offset, 'not padded standard base64');
  return decodeCheckedBase64(s);
}

/**
 * Decodes a list of strings a generated validator has already passed through isStrictBase64.
 * The payloads are views into one buffer: allocating a typed array each costs more than
 * decoding a short payload.
 */
export function decodeCheckedBase64List(list: readonly string[]): Uint8Array[] {
  let total = 0;
  for (let i = 0; i < list.length; i++) total += decodedLength(list[i]);
  const buffer = new ArrayBuffer(total);
  const bytes = new Uint8Array(buffer);
  const native = NodeBuffer && total > SMALL_BASE64 ? NodeBuffer.from(buffer) : undefined;
  const out = new Array<Uint8Array>(list.length);
  let at = 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    const n = decodedLength(s);
    if (native && s.length > SMALL_BASE64) native.write(s, at, n, 'base64');
    else decodeInto(s, bytes, at, n);
    out[i] = new Uint8Array(buffer, at, n);
    at += n;
  }
  return out;
}

function decodeCheckedBase64(s: string): Uint8Array {
  // A native call costs more than decoding a short string in place.
  if (NodeBuffer && s.length > SMALL_BASE64) {
    const b = NodeBuffer.from(s, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const length = decodedLength(s);
  const out = new Uint8Array(length);
  decodeInto(s, out, 0, length);
  return out;
}

function decodedLength(s: string): number {
  return (s.length / 4) * 3 - padding(s);
}

/** Writes the `length` bytes of checked base64 `s` into `out` from `at`. */
function decodeInto(s: string, out: Uint8Array, at: number, length: number): void {
  const end = at + length;
  let o = at;
  for (let i = 0; i < s.length; i += 4) {
    const a = DECODE[s.charCodeAt(i)];
    const b = DECODE[s.charCodeAt(i + 1)];
    const c = DECODE[s.charCodeAt(i + 2)];
    const d = DECODE[s.charCodeAt(i + 3)];
    out[o++] = (a << 2) | (b >> 4);
    if (c >= 0 && o < end) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (d >= 0 && o < end) out[o++] = ((c & 3) << 6) | d;
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  if (i < bytes.length) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? `${ALPHABET[(n >> 6) & 63]}=` : '==';
  }
  return out;
}
