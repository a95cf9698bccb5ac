// Frame mutations aimed at what a hostile or broken peer sends: flipped bits, cut and spliced
// frames, length fields that lie, unknown and combined flag bits, huge declared lengths, and
// for JSON payloads members replaced by deeply nested or huge values, numbers past 2^53,
// invalid base64 and invalid UTF-8.

import { frameBytes, HEADER_SIZE as HEADER, HEADER_OFFSETS } from '@felix/generated';
import type { Spec } from '@felix/spec';
import { concatBytes, flagCombinations } from '@felix/spec/interpreter';
import type { Rng } from './rng.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

const FLAGS_AT = HEADER_OFFSETS.flags;
// The magic is the header's first field; it ends where the version starts.
const MAGIC_END = HEADER_OFFSETS.version;
const flagsOf = (f: Uint8Array) => (f.length >= FLAGS_AT + 2 ? (f[FLAGS_AT] << 8) | f[FLAGS_AT + 1] : 0);

function setU32(b: Uint8Array, at: number, v: number): void {
  if (at + 4 > b.length) return;
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(at, v >>> 0);
}

function setU16(b: Uint8Array, at: number, v: number): void {
  if (at + 2 > b.length) return;
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint16(at, v & 0xffff);
}

function nearFlagValues(spec: Spec, allowed: number[]): number[] {
  const bits = spec.flags.map((f) => f.bit);
  const known = bits.reduce((m, b) => m | b, 0);
  const unknown = ~known & 0xffff;
  const pairs = bits.flatMap((a) => bits.map((b) => a | b));
  const wrong = pairs.filter((v) => !allowed.includes(v));
  return [...new Set([0, ...wrong, known, unknown & -unknown, 0x8000, 0xffff])];
}

const INVALID_UTF8 = [
  [0xff],
  [0x80],
  [0xc0, 0x80], // overlong NUL
  [0xc1, 0xbf],
  [0xe0, 0x80, 0x80], // overlong
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xe2, 0x82], // cut short
  [0xef, 0xbb, 0xbf], // a valid BOM, in odd places
].map((b) => new Uint8Array(b));

/** Values whose text is written verbatim: numbers JSON.stringify would normalise, escapes. */
const RAW_TOKENS = [
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '18446744073709551615',
  '18446744073709551616',
  '1e400',
  '-1e400',
  '1e-400',
  '1.5',
  '-1',
  '-0',
  '0.0',
  '1e2',
  '1E+2',
  '100e-2',
  '255.0',
  '65535',
  '65536',
  '4294967295',
  '4294967296',
  '-9007199254740992',
  'true',
  'false',
  'null',
  '""',
  '"===="',
  '"YQ"',
  '"YQ="',
  '"YQ=="',
  '"YR=="',
  '"Y Q=="',
  '"YQ==\\n"',
  '"_-8="',
  '"AAAA"',
  '"AA=A"',
  '"A==="',
  '"\\ud800"',
  '"\\udc00\\ud800"',
  '"\\u0000"',
  '"\\uFEFF"',
  '"é"',
  '[]',
  '{}',
  '[""]',
  '[null]',
  '["AAAA",1]',
  '{"offset":-1}',
  '{"offset":9007199254740992}',
  '{"offset":"1"}',
  '{"field":1}',
  '{"offset":4294967296}',
];

export class Mutator {
  private readonly combos: number[];
  /** Flag values next to the defined ones: lone modifiers, two layouts, wrong pairs, unknown bits. */
  private readonly nearFlags: number[];
  private readonly names: string[];
  private readonly enumNames: string[];

  constructor(
    spec: Spec,
    private readonly rng: Rng,
    private readonly seeds: Uint8Array[],
  ) {
    this.combos = flagCombinations(spec).map((c) => c.flags);
    this.nearFlags = nearFlagValues(spec, this.combos);
    this.names = [...new Set(['type', ...spec.messages.flatMap((m) => m.fields.map((f) => f.name))])];
    this.enumNames = [
      ...spec.messages.map((m) => m.name),
      ...spec.layouts.map((l) => l.name),
      ...Object.values(spec.enums).flatMap((e) => e.values.map((v) => v.name)),
    ];
  }

  seed(): Uint8Array {
    return this.rng.pick(this.seeds);
  }

  /** One to four stacked mutations of a seed, then (usually) an honest header length. */
  next(): Uint8Array {
    const r = this.rng;
    let f: Uint8Array = this.seed().slice();
    // A JSON mutation is usually left alone: byte damage on top of it mostly makes the payload
    // invalid UTF-8 or invalid JSON, which stops every decoder before its field checks.
    const json = flagsOf(f) === 0 && f.length > HEADER && r.chance(0.7);
    if (json) f = this.json(f);
    const rounds = json ? (r.chance(0.15) ? 1 : 0) : 1 + r.below(r.chance(0.2) ? 8 : 3);
    for (let i = 0; i < rounds; i++) f = this.bytes(f);
    if (f.length >= HEADER && r.chance(0.6)) setU32(f, HEADER_OFFSETS.length, f.length - HEADER);
    return f;
  }

  // ---------- byte level ----------

  private bytes(f: Uint8Array): Uint8Array {
    const r = this.rng;
    const n = f.length;
    switch (r.below(16)) {
      case 0: {
        if (!n) return f;
        const at = r.chance(0.1) ? r.below(Math.min(n, HEADER)) : r.below(n);
        f[at] ^= 1 << r.below(8);
        return f;
      }
      case 1: {
        if (!n) return f;
        f[r.below(n)] = r.pick([0, 1, 0x7f, 0x80, 0xfe, 0xff, 0x22, 0x5c, 0x7b, 0x7d]);
        return f;
      }
      case 2:
        return f.slice(0, r.below(n + 1));
      case 3:
        return concatBytes([f, r.bytes(1 + r.below(r.chance(0.1) ? 4096 : 16))]);
      case 4: {
        const at = r.below(n + 1);
        return concatBytes([f.subarray(0, at), r.bytes(1 + r.below(8)), f.subarray(at)]);
      }
      case 5: {
        const at = r.below(n + 1);
        return concatBytes([f.subarray(0, at), f.subarray(Math.min(n, at + 1 + r.below(16)))]);
      }
      case 6: {
        const other = this.seed();
        return concatBytes([f.subarray(0, r.below(n + 1)), other.subarray(r.below(other.length + 1))]);
      }
      case 7:
        return concatBytes([f, this.seed()]);
      case 8:
        setU16(f, HEADER_OFFSETS.flags, this.flags());
        return f;
      case 9:
        setU32(f, HEADER_OFFSETS.length, this.declared(n - HEADER));
        return f;
      case 10:
      case 11: {
        // A length or count inside the payload that lies, usually hugely.
        if (n <= HEADER) return f;
        const at = HEADER + r.below(n - HEADER);
        const left = n - at;
        const v = r.pick([
          0xffffffff,
          0x7fffffff,
          0x80000000,
          0x10000,
          0x10001,
          0xffff,
          0x100,
          left,
          left + 1,
          left - 4,
        ]);
        if (r.chance(0.5)) setU32(f, at, v);
        else setU16(f, at, v);
        return f;
      }
      case 12: {
        if (n <= HEADER) return f;
        const bad = r.pick(INVALID_UTF8);
        const at = HEADER + r.below(n - HEADER);
        if (r.chance(0.5)) return concatBytes([f.subarray(0, at), bad, f.subarray(at)]);
        f.set(bad.subarray(0, Math.min(bad.length, n - at)), at);
        return f;
      }
      case 13:
        // Magic and version are one check each; they need few tries.
        if (n >= HEADER_OFFSETS.version + 2 && r.chance(0.25))
          setU16(f, HEADER_OFFSETS.version, r.pick([0, 2, 0x100, 0xffff]));
        else if (n >= MAGIC_END && r.chance(0.25)) f[HEADER_OFFSETS.magic + r.below(MAGIC_END)] ^= 1 << r.below(8);
        return f;
      case 14:
        return this.seed().slice();
      default:
        // Binary layouts cut at every field boundary are the most common truncations.
        return f.slice(0, Math.max(0, n - 1 - r.below(Math.min(n, HEADER))));
    }
  }

  private flags(): number {
    const r = this.rng;
    switch (r.below(5)) {
      case 0:
        return r.pick(this.combos);
      case 1:
        return r.pick(this.combos) | r.pick(this.combos);
      case 2:
        return 1 << r.below(16);
      case 3:
        return r.pick(this.nearFlags);
      default:
        return r.u32() & 0xffff;
    }
  }

  private declared(actual: number): number {
    return this.rng.pick([
      actual - 1,
      actual + 1,
      0,
      0xffffffff,
      0x7fffffff,
      16777216,
      16777217,
      actual * 2,
      this.rng.u32(),
    ]);
  }

  // ---------- JSON level ----------

  private json(f: Uint8Array): Uint8Array {
    const r = this.rng;
    let obj: Record<string, unknown>;
    try {
      const parsed = JSON.parse(utf8.decode(f.subarray(HEADER)));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return f;
      obj = parsed;
    } catch {
      return f;
    }
    const raw: string[] = [];
    const rawValue = (text: string) => `@@RAW${raw.push(text) - 1}@@`;
    const rounds = 1 + r.below(3);
    for (let i = 0; i < rounds; i++) {
      const keys = Object.keys(obj);
      const key = r.chance(0.7) && keys.length ? r.pick(keys) : r.pick(this.names);
      switch (r.below(9)) {
        case 0:
          delete obj[key];
          break;
        case 1:
          obj[key] = rawValue(r.pick(RAW_TOKENS));
          break;
        case 2:
          obj[key] = rawValue(this.nested());
          break;
        case 3:
          obj[key] = rawValue(this.huge());
          break;
        case 4:
          obj[key] = r.pick(this.enumNames);
          break;
        case 5:
          obj[`x${r.below(100)}`] = rawValue(r.chance(0.5) ? this.nested() : r.pick(RAW_TOKENS));
          break;
        case 6:
          obj.type = r.pick(this.enumNames);
          break;
        case 7: {
          // A nested object member (error.detail, subscribe.start) gets the same treatment.
          const inner = obj[key];
          if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
            const innerKeys = Object.keys(inner);
            const k = innerKeys.length && r.chance(0.7) ? r.pick(innerKeys) : r.pick(this.names);
            (inner as Record<string, unknown>)[k] = rawValue(r.pick(RAW_TOKENS));
          } else obj[key] = rawValue(r.pick(RAW_TOKENS));
          break;
        }
        default: {
          const v = obj[key];
          // Strings near their limits: one UTF-8 byte either side of 255, 1024, 4096, 8192.
          const limit = r.pick([255, 256, 1024, 1025, 4096, 4097, 8192, 8193]);
          obj[key] =
            typeof v === 'string' && r.chance(0.5) ? 'é'.repeat(limit >> 1) + 'a'.repeat(limit & 1) : 'a'.repeat(limit);
        }
      }
    }
    let text = JSON.stringify(obj).replace(/"@@RAW(\d+)@@"/g, (_, i: string) => raw[Number(i)]);
    switch (r.below(8)) {
      case 0:
        // Duplicate members: JSON.parse keeps the last one, and so must every decoder.
        text = `${text.slice(0, -1)},${text.slice(1)}`;
        break;
      case 1:
        text = r.pick([' ', '\n', '\t', '\r\n']) + text + r.pick([' ', '\n', '']);
        break;
      case 2:
        text = `\ufeff${text}`;
        break;
      case 3:
        text = r.pick([`[${text}]`, `${text}${text}`, `${text},`, text.slice(0, -1), `${text} x`]);
        break;
      default:
        break;
    }
    return frameBytes(0, encoder.encode(text));
  }

  // Big values are built once per shape and reused: building a megabyte string per input
  // would cost more than decoding it three times.
  private readonly built = new Map<string, string>();

  private once(key: string, build: () => string): string {
    let v = this.built.get(key);
    if (v === undefined) {
      v = build();
      this.built.set(key, v);
    }
    return v;
  }

  private nested(): string {
    const r = this.rng;
    // Deep values cost every decoder time in proportion to their size (50,000 levels is 250 KB):
    // rare enough that they do not crowd out the small inputs, common enough to recur each run.
    const depth = r.chance(0.99) ? r.pick([2, 8, 64]) : r.pick([1000, 10000, 50000]);
    const close = r.pick(['1', 'null', '""', '[]']);
    if (r.chance(0.5)) return this.once(`a${depth}`, () => '['.repeat(depth) + ']'.repeat(depth));
    return this.once(`o${depth}${close}`, () => '{"a":'.repeat(depth) + close + '}'.repeat(depth));
  }

  private huge(): string {
    const r = this.rng;
    // Mostly just past a limit; rarely a megabyte.
    if (r.chance(0.995)) {
      const n = r.pick([256, 1025, 4097, 8193]);
      return this.once(`s${n}`, () => JSON.stringify('x'.repeat(n)));
    }
    switch (r.below(4)) {
      case 0: {
        const n = r.pick([65536, 1 << 20]);
        return this.once(`x${n}`, () => JSON.stringify('x'.repeat(n)));
      }
      case 1: {
        const n = r.pick([65536, 65537, 100000]);
        return this.once(`e${n}`, () => `[${new Array(n).fill('""').join(',')}]`);
      }
      case 2: {
        const n = r.pick([65536, 65537]);
        return this.once(`b${n}`, () => `[${new Array(n).fill('"AAAA"').join(',')}]`);
      }
      default: {
        const n = r.pick([4, 1 << 20]);
        const tail = r.pick(['', '=', '==', 'A', '-']);
        return this.once(`B${n}${tail}`, () => JSON.stringify('A'.repeat(n) + tail));
      }
    }
  }
}
