import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../src/json-exact.js';

/** The value with every bigint as the number JSON.parse would have given. */
function rounded(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(rounded);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: rounded(x), enumerable: true });
    return out;
  }
  return v;
}

describe('parseJsonExact', () => {
  it('reads what JSON.parse reads, member order and "__proto__" included', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(rounded(parseJsonExact(text))).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 400 },
    );
    const odd = ' {"__proto__": {"a": [1, -0, 1.5e3, "\\"\\\\", "\\u00e9"]}, "2": true, "1": null, "": ""} ';
    expect(parseJsonExact(odd)).toStrictEqual(JSON.parse(odd));
  });

  it('keeps integer literals outside the safe range exact and leaves the rest numbers', () => {
    expect(parseJsonExact('[9007199254740991, 9007199254740992, 18446744073709551615, -18446744073709551617]')).toEqual(
      [9007199254740991, 2n ** 53n, 2n ** 64n - 1n, -(2n ** 64n) - 1n],
    );
    expect(parseJsonExact('[1.8e19, 9007199254740993.0, 1e400]')).toEqual([1.8e19, 9007199254740992, Infinity]);
  });

  it('reads nesting as deep as JSON.parse does', () => {
    const depth = 100_000;
    let v = parseJsonExact(`${'['.repeat(depth)}18446744073709551615${']'.repeat(depth)}`);
    for (let i = 0; i < depth; i++) v = (v as unknown[])[0];
    expect(v).toBe(2n ** 64n - 1n);
  });
});
