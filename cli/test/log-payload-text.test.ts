// How `felix log dump` writes payloads: escaped text that hides no byte and cannot move the
// terminal, and hex dump rows of a fixed width; and record times with all six fraction digits.
import { describe, expect, it } from 'vitest';
import { escapedText, hexDump } from '../src/log/payload-text.js';
import { isoMicros } from '../src/log/report-text.js';

const bytes = (...values: (number | string)[]) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...Buffer.from(v, 'utf8')] : [v])));

describe('escapedText', () => {
  it('shows UTF-8 text as it is and escapes backslashes, line breaks and controls', () => {
    expect(escapedText(bytes('plain ascii'))).toBe('plain ascii');
    expect(escapedText(bytes('é 日本 🙂'))).toBe('é 日本 🙂');
    expect(escapedText(bytes('a\\b\nc\td\re'))).toBe('a\\\\b\\nc\\td\\re');
    expect(escapedText(bytes(0x00, 0x1b, '[31m', 0x7f))).toBe('\\u{0}\\u{1b}[31m\\u{7f}');
    // C1 controls, line separators and bidirectional overrides, though valid UTF-8.
    expect(escapedText(bytes('\u0085\u2028\u202e\u2066x'))).toBe('\\u{85}\\u{2028}\\u{202e}\\u{2066}x');
  });

  it('shows every byte that is not well-formed UTF-8 as \\xNN', () => {
    expect(escapedText(bytes(0xff, 0xfe, 0x41))).toBe('\\xff\\xfeA');
    // An overlong NUL, a UTF-16 surrogate, a code point above U+10FFFF, a cut-short sequence.
    expect(escapedText(bytes(0xc0, 0x80))).toBe('\\xc0\\x80');
    expect(escapedText(bytes(0xed, 0xa0, 0x80))).toBe('\\xed\\xa0\\x80');
    expect(escapedText(bytes(0xf4, 0x90, 0x80, 0x80))).toBe('\\xf4\\x90\\x80\\x80');
    expect(escapedText(bytes(0xe6, 0x97))).toBe('\\xe6\\x97');
    expect(escapedText(bytes(0xe6, 0x97, 'x'))).toBe('\\xe6\\x97x');
  });
});

describe('hexDump', () => {
  it('writes rows of 16 bytes with their position and printable ASCII, the last one padded', () => {
    const rows = hexDump(bytes('0123456789abcdef', 'hi', 0x00)).split('\n');
    expect(rows).toEqual([
      '  00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|',
      '  00000010  68 69 00                                          |hi.|',
      '',
    ]);
    expect(hexDump(new Uint8Array(0))).toBe('');
  });
});

describe('isoMicros', () => {
  it('keeps every microsecond', () => {
    expect(isoMicros(1_700_000_000_123_456)).toBe('2023-11-14T22:13:20.123456Z');
    expect(isoMicros(0)).toBe('1970-01-01T00:00:00.000000Z');
  });
});
