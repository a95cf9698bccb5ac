/**
 * The parts one after another in a new array. Takes an array rather than rest arguments, so a
 * payload of many thousands of chunks does not run into the engine's argument limit.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// Byte fields reach the frame limit (16 MiB), so the conversions below avoid a string per
// byte (seconds at that size) and a call with every byte as an argument (a stack overflow).
const CHUNK = 8192;
const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
const ascii = new TextDecoder();

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  const text = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    text[2 * i] = HEX_DIGITS[bytes[i] >> 4];
    text[2 * i + 1] = HEX_DIGITS[bytes[i] & 15];
  }
  return ascii.decode(text);
}

/** The bytes of lowercase or uppercase hex text `hex` (of even length, hex digits only). */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (digit(hex.charCodeAt(2 * i)) << 4) | digit(hex.charCodeAt(2 * i + 1));
  return out;
}

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  throw new Error(`not a hex digit: ${String.fromCharCode(c)}`);
}

/** One character per byte (what btoa takes and atob returns). */
export function toBinaryString(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK)
    parts.push(String.fromCharCode.apply(null, bytes.subarray(at, at + CHUNK) as unknown as number[]));
  return parts.join('');
}

export function fromBinaryString(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
