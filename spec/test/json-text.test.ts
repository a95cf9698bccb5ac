import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../src/interpreter/json-text.js';

describe("the interpreter's JSON reader", () => {
  it('reads what JSON.parse reads where no integer is outside the safe range', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const exact = parseJsonText(text);
        expect(JSON.stringify(exact, (_, v) => (typeof v === 'bigint' ? Number(v) : v))).toBe(text);
      }),
      { numRuns: 400 },
    );
    const odd = '{"__proto__":{"a":[1,-0,"\\"\\\\ 12345678901234567"]},"2":true,"1":null}';
    expect(parseJsonText(odd)).toStrictEqual(JSON.parse(odd));
  });

  it('keeps integer literals outside the safe range exact', () => {
    expect(parseJsonText('{"a":18446744073709551615,"b":[9007199254740992,1.8e19,-18446744073709551616]}')).toEqual({
      a: 2n ** 64n - 1n,
      b: [2n ** 53n, 1.8e19, -(2n ** 64n)],
    });
  });
});
