// The one-pass base64 check the generated validators call must say exactly what the JSON
// Schemas' pattern says, at any length the frame limit allows.
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64, isStrictBase64 } from '../src/base64.js';
import { DEFAULT_MAX_FRAME_PAYLOAD } from '../src/generated/protocol.js';
import { isWireError } from '../src/wire-error.js';

/** The published schemas' pattern for byte fields. */
const PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Every string of up to `n` characters from `chars`. */
function strings(chars: string, n: number): string[] {
  const out = [''];
  let last = [''];
  for (let i = 0; i < n; i++) {
    last = last.flatMap((s) => [...chars].map((c) => s + c));
    out.push(...last);
  }
  return out;
}

describe('isStrictBase64', () => {
  it('agrees with the schema pattern on every short string of base64-like characters', () => {
    // Letters and digits from both ends, the two symbols, padding, the URL-safe pair, a space,
    // a non-ASCII character and one whose low byte is an alphabet character ('A' + 0x100);
    // then two groups of four, where padding may only end the second.
    const cases = [...strings('Az9+/=-_ é\u0141', 4), ...strings('A/=-', 8)];
    const disagree = cases.filter((s) => isStrictBase64(s) !== PATTERN.test(s));
    expect(disagree).toEqual([]);
    expect(cases.filter((s) => PATTERN.test(s)).length).toBeGreaterThan(1000);
  });

  it('takes text as long as a frame holds, and finds one bad character at its end', () => {
    const bytes = new Uint8Array(Math.floor(DEFAULT_MAX_FRAME_PAYLOAD / 4) * 3 - 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 197) & 0xff;
    const text = encodeBase64(bytes);
    expect(text.length).toBeLessThanOrEqual(DEFAULT_MAX_FRAME_PAYLOAD);
    expect(text.endsWith('==')).toBe(true);
    expect(isStrictBase64(text)).toBe(true);
    expect(Buffer.compare(decodeBase64(text, 'f', 12), bytes)).toBe(0);
    const bad = `${text.slice(0, -3)}_==`;
    expect(isStrictBase64(bad)).toBe(false);
    try {
      decodeBase64(bad, 'cache_put.value', 12);
      expect.unreachable();
    } catch (err) {
      expect(isWireError(err) && [err.code, err.field, err.offset]).toEqual(['invalid_base64', 'cache_put.value', 12]);
    }
  });
});
