// The spec-independent fast-check building blocks that the generated arbitraries
// (src/generated/arbitraries.ts) compose per message: text within a byte limit, format-checked
// text, bytes, integers at their edges, the two u64 policies and size-capped lists. Kept by hand
// so that tuning the fuzzers' value mix needs no codegen change.
import fc from 'fast-check';

export const EMPTY_BYTES = new Uint8Array(0);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const U64_MAX = (1n << 64n) - 1n;
// Fields without a limit are bounded only by the frame; the fuzzers keep their unlimited text
// short, since the frame limit is its own (header) test.
export const UNLIMITED_TEXT = 4096;
export const UNLIMITED_ITEMS = 1024;
// Lists up to the limit are legal but costly in a hot loop; the limit itself is hit by a
// separate low-weight case, so the common case stays small.
const SMALL_LIST = 8;

/** Characters that take each path through JSON escaping and UTF-8 encoding. */
const TRICKY = fc.constantFrom(
  '"',
  '\\',
  '\n',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u2028',
  '\ufeff',
  'é',
  '€',
  '😀',
  'a',
  '/',
);

function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const p = c.codePointAt(0)!;
    n += p < 0x80 ? 1 : p < 0x800 ? 2 : p < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Text within `maxBytes` UTF-8 bytes, with the limit itself hit in 1-, 2-, 3- and 4-byte characters. */
export function text(maxBytes: number): fc.Arbitrary<string> {
  const fill = (unit: string, n: number) => unit.repeat(Math.floor(maxBytes / n)) + 'a'.repeat(maxBytes % n);
  const edges = ['', fill('a', 1), fill('é', 2), fill('€', 3), fill('😀', 4), `\ufeff${fill('a', 1).slice(3)}`];
  const short = Math.min(maxBytes, 24);
  return fc
    .oneof(
      { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: short }) },
      { weight: 4, arbitrary: fc.string({ unit: TRICKY, maxLength: Math.floor(short / 4) }) },
      { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: Math.floor(short / 4) }) },
      { weight: 1, arbitrary: fc.constantFrom(...edges) },
    )
    .filter((s) => utf8Length(s) <= maxBytes);
}

/** A spec format as the generated arbitraries describe it: its pattern and accepted values near its edges. */
export interface TextFormat {
  pattern: RegExp;
  edges: string[];
}

/** Text a format accepts: mostly text() that its pattern passes, sometimes values near its edges. */
export function formatted(maxBytes: number, format: TextFormat): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: text(maxBytes).filter((s) => format.pattern.test(s)) },
    { weight: 1, arbitrary: fc.constantFrom(...format.edges) },
  );
}

/** Bytes: mostly short, sometimes kilobytes, every length 0..3 mod 3 for base64 padding. */
export function bytes(): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    { weight: 40, arbitrary: fc.uint8Array({ maxLength: 16 }) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 256, maxLength: 4096 }) },
  );
}

/** An unsigned integer up to `max`, with 0, 1 and `max` themselves more likely than chance. */
export function uint(max: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, max) },
  );
}

/** A JSON u64: an exact integer in 0..2^53−1, the most any JSON peer can carry. */
export function jsonU64(): fc.Arbitrary<number | bigint> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.maxSafeNat() },
    { weight: 1, arbitrary: fc.bigInt({ min: BigInt(MAX_SAFE) + 1n, max: U64_MAX }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<number | bigint>(
        0,
        1,
        0xffffffff,
        2 ** 32,
        MAX_SAFE - 1,
        MAX_SAFE,
        BigInt(MAX_SAFE) + 1n,
        U64_MAX,
      ),
    },
  );
}

/** A binary u64: the full range 0..2^64−1 as a bigint. */
export function binaryU64(): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: 0n, max: U64_MAX }) },
    { weight: 1, arbitrary: fc.constantFrom(0n, BigInt(MAX_SAFE), BigInt(MAX_SAFE) + 1n, U64_MAX) },
  );
}

/** Up to a few items, or exactly `limit` of the cheapest item (built once, shared). */
export function list<T>(item: fc.Arbitrary<T>, limit: number, empty: T): fc.Arbitrary<T[]> {
  let full: T[] | undefined;
  return fc.oneof(
    { weight: 2000, arbitrary: fc.array(item, { maxLength: Math.min(limit, SMALL_LIST) }) },
    { weight: 1, arbitrary: fc.constant(null).map(() => (full ??= new Array<T>(limit).fill(empty))) },
  );
}
