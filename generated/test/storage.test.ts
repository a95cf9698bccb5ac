import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { loadSpec } from '@felix/spec';
import { interpretCrc32, interpretStorage, StorageInterpreterError } from '@felix/spec/interpreter';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crc32,
  decodeIndexEntry,
  decodeIndexFile,
  decodeIndexHeader,
  decodeRecord,
  decodeSegmentFile,
  decodeSegmentHeader,
  encodeIndexFile,
  encodeRecord,
  encodeSegmentFile,
  encodeSegmentHeader,
  indexFileName,
  isStorageFormatError,
  parseStorageFileName,
  RECORD_SIZE,
  SEGMENT_HEADER_MAGIC,
  type SegmentRecordInit,
  STORAGE_LIMITS,
  scanSegmentFile,
  segmentFileName,
  shardDirectoryName,
  StorageFormatError,
} from '../src/storage/index.js';

const spec = loadSpec();
const vectorsDir = fileURLToPath(new URL('../../conformance/storage-vectors/', import.meta.url));
const upstreamDir = fileURLToPath(new URL('../../conformance/upstream-vectors/storage/', import.meta.url));
const vectors = readdirSync(vectorsDir).map((f) => JSON.parse(readFileSync(join(vectorsDir, f), 'utf8')));
const fromHex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A decoded value in the vectors' notation: bytes as hex, u64 as a number or decimal string. */
function notation(v: unknown): unknown {
  if (v instanceof Uint8Array) return toHex(v);
  if (typeof v === 'bigint') return v <= MAX_SAFE ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(notation);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, notation(x)]));
  return v;
}

function decodeKind(kind: string, bytes: Uint8Array, companion?: Record<string, Record<string, number>>): unknown {
  switch (kind) {
    case 'segment_header':
      return decodeSegmentHeader(bytes);
    case 'record':
      return decodeRecord(bytes);
    case 'index_header':
      return decodeIndexHeader(bytes);
    case 'index_entry':
      return decodeIndexEntry(bytes);
    case 'segment':
      return decodeSegmentFile(bytes);
    case 'index': {
      const base = companion?.segment_header?.base_offset;
      return decodeIndexFile(bytes, base === undefined ? {} : { expected_base_offset: BigInt(base) });
    }
    default:
      throw new Error(`no decoder for ${kind}`);
  }
}

function errorOf(fn: () => unknown): StorageFormatError {
  try {
    fn();
  } catch (err) {
    if (isStorageFormatError(err)) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('storage vectors', () => {
  it('are all there: positive and negative, for every struct and file kind', () => {
    const kinds = new Set(vectors.map((v) => v.kind));
    expect([...kinds].sort()).toEqual(['index', 'index_entry', 'index_header', 'record', 'segment', 'segment_header']);
    const codes = new Set(vectors.filter((v) => v.expect.error).map((v) => v.expect.error.code));
    expect([...codes].sort()).toEqual(spec.storage.errors.codes.map((c) => c.name).sort());
  });

  for (const v of vectors) {
    it(`${v.name}: ${'value' in v.expect ? 'decodes to its value' : `fails with ${v.expect.error.code}`}`, () => {
      const bytes = fromHex(v.bytes_hex);
      if ('value' in v.expect) {
        expect(notation(decodeKind(v.kind, bytes, v.companion))).toEqual(v.expect.value);
      } else {
        const err = errorOf(() => decodeKind(v.kind, bytes, v.companion));
        expect({ code: err.code, field: err.field, position: err.position }).toEqual(v.expect.error);
      }
    });
  }
});

describe('storage encoders', () => {
  it("write upstream's golden segment header and record", () => {
    const header = JSON.parse(readFileSync(join(upstreamDir, 'segment_header.json'), 'utf8'));
    const record = JSON.parse(readFileSync(join(upstreamDir, 'record.json'), 'utf8'));
    expect(toHex(encodeSegmentHeader({ base_offset: 1n, created_at_micros: 2n }))).toBe(header.hex);
    expect(
      toHex(encodeRecord({ offset: 7n, timestamp_micros: 9n, payload: new TextEncoder().encode('hi') })),
    ).toBe(record.hex);
    expect(SEGMENT_HEADER_MAGIC).toBe(0x464c5347);
  });

  it('round-trip every canonical positive vector byte for byte', () => {
    for (const v of vectors.filter((x) => 'value' in x.expect && !x.tags.includes('noncanonical'))) {
      const bytes = fromHex(v.bytes_hex);
      const decoded = decodeKind(v.kind, bytes, v.companion) as any;
      let again: Uint8Array;
      if (v.kind === 'segment') again = encodeSegmentFile(decoded.header, decoded.records);
      else if (v.kind === 'index') again = encodeIndexFile(decoded.header, decoded.entries);
      else if (v.kind === 'segment_header') again = encodeSegmentHeader(decoded);
      else if (v.kind === 'record') again = encodeRecord(decoded);
      else if (v.kind === 'index_header') again = encodeIndexFile(decoded, []);
      else again = encodeIndexFile({ base_offset: 0n }, [decoded]).subarray(spec.storage.structs.index_header.size);
      expect(toHex(again), v.name).toBe(v.bytes_hex);
    }
  });

  it('round-trip random segments and agree with the interpreter', () => {
    const record = fc.record({
      timestamp_micros: fc.bigInt({ min: 0n, max: 0xffffffffffffffffn }),
      payload: fc.uint8Array({ maxLength: 300 }),
    });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 62n }), fc.array(record, { maxLength: 12 }), (base, list) => {
        const records: SegmentRecordInit[] = list.map((r, i) => ({ ...r, offset: base + BigInt(i) }));
        const bytes = encodeSegmentFile({ base_offset: base, created_at_micros: 5n }, records);
        const decoded = decodeSegmentFile(bytes);
        expect(decoded.records.map((r) => [r.offset, r.timestamp_micros, toHex(r.payload)])).toEqual(
          records.map((r) => [r.offset, r.timestamp_micros, toHex(r.payload)]),
        );
        expect(notation(decoded)).toEqual(interpretStorage(spec, 'segment', bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('refuse a payload over the limit and a u64 out of range before writing', () => {
    const huge = Object.defineProperty(new Uint8Array(1), 'length', { value: STORAGE_LIMITS.max_payload_bytes + 1 });
    const err = errorOf(() => encodeRecord({ offset: 0n, timestamp_micros: 0n, payload: huge }));
    expect([err.code, err.field, err.position]).toEqual(['record_too_large', 'record.payload_len', undefined]);
    expect(() => encodeRecord({ offset: -1n, timestamp_micros: 0n, payload: new Uint8Array(0) })).toThrow(RangeError);
    expect(() => encodeRecord({ offset: 1n << 64n, timestamp_micros: 0n, payload: new Uint8Array(0) })).toThrow(
      RangeError,
    );
  });
});

describe('storage decoders', () => {
  const base = encodeSegmentFile({ base_offset: 40n, created_at_micros: 1n }, [
    { offset: 40n, timestamp_micros: 1n, payload: new Uint8Array([1, 2, 3]) },
    { offset: 41n, timestamp_micros: 2n, payload: new Uint8Array(70).fill(9) },
    { offset: 42n, timestamp_micros: 3n, payload: new Uint8Array(0) },
  ]);

  it('report what the interpreter reports, code, field and position, for any damage', () => {
    const damage = fc.oneof(
      fc.record({ cut: fc.integer({ min: 0, max: base.length - 1 }) }),
      fc.record({ at: fc.integer({ min: 0, max: base.length - 1 }), mask: fc.integer({ min: 1, max: 255 }) }),
    );
    fc.assert(
      fc.property(damage, (d) => {
        const bytes = base.slice();
        let input: Uint8Array = bytes;
        if ('cut' in d) input = bytes.subarray(0, d.cut);
        else bytes[d.at] ^= d.mask;
        let expected: unknown = 'accepted';
        try {
          interpretStorage(spec, 'segment', input);
        } catch (err) {
          if (!(err instanceof StorageInterpreterError)) throw err;
          expected = { code: err.code, field: err.field, position: err.position };
        }
        let got: unknown = 'accepted';
        try {
          decodeSegmentFile(input);
        } catch (err) {
          if (!isStorageFormatError(err)) throw err;
          got = { code: err.code, field: err.field, position: err.position };
        }
        expect(got).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('scan a segment up to its first bad record, as recovery needs', () => {
    const torn = base.subarray(0, base.length - 1);
    const scan = scanSegmentFile(torn);
    expect(scan.records.map((r) => r.offset)).toEqual([40n, 41n]);
    expect(scan.valid_bytes).toBe(32 + RECORD_SIZE + 3 + RECORD_SIZE + 70);
    expect([scan.error?.code, scan.error?.position, scan.error?.recovery]).toEqual([
      'truncated',
      scan.valid_bytes,
      'repair',
    ]);
    expect(scanSegmentFile(base).error).toBeUndefined();
    // Header damage is never a torn write: it throws instead of ending the scan.
    expect(errorOf(() => scanSegmentFile(base.subarray(0, 20))).code).toBe('truncated');
  });

  it('return payloads as views into the file, not copies', () => {
    const record = decodeSegmentFile(base).records[1];
    expect(record.payload.buffer).toBe(base.buffer);
  });
});

describe('storage CRC-32', () => {
  it('is IEEE, continues across parts, and agrees with the interpreter and zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }), (a, b) => {
        const whole = interpretCrc32(spec, [a, b]);
        expect(crc32(b, crc32(a))).toBe(whole);
        expect(zlibCrc32(Buffer.concat([a, b]))).toBe(whole);
      }),
    );
  });
});

describe('storage naming', () => {
  it("names shard directories as upstream does, for the spec's examples", () => {
    for (const ex of spec.storage.naming.shard_directory.examples) expect(shardDirectoryName(ex)).toBe(ex.directory);
  });

  it('keeps directory names safe and unique however hostile the key', () => {
    const name = shardDirectoryName({ tenant: '../../etc', namespace: '..', stream: '/passwd', shard: 0 });
    expect(name).not.toMatch(/[./]/);
    expect(shardDirectoryName({ tenant: '', namespace: '', stream: '', shard: 0 })).toMatch(/^______0-[0-9a-f]{16}$/);
    const long = shardDirectoryName({ tenant: 'x'.repeat(200), namespace: 'n', stream: 's', shard: 0 });
    expect(long.startsWith(`${'x'.repeat(32)}_n_s_0-`)).toBe(true);
    expect(shardDirectoryName({ tenant: 'a', namespace: 'bc', stream: '', shard: 0 })).not.toBe(
      shardDirectoryName({ tenant: 'ab', namespace: 'c', stream: '', shard: 0 }),
    );
    // One readable character per code point, not per UTF-8 byte.
    expect(shardDirectoryName({ tenant: 'Grüße', namespace: 'n', stream: 's', shard: 1 })).toMatch(/^Gr__e_n_s_1-/);
  });

  it('names segment and index files with 20 digits and parses them back', () => {
    expect(segmentFileName(0n)).toBe('00000000000000000000.log');
    expect(indexFileName(12n)).toBe('00000000000000000012.index');
    expect(parseStorageFileName('18446744073709551615.log')).toEqual({ id: 18446744073709551615n, kind: 'segment' });
    expect(parseStorageFileName('00000000000000000003.index')).toEqual({ id: 3n, kind: 'index' });
    for (const other of ['0.log', '00000000000000000000.tmp', '99999999999999999999.log', 'a0000000000000000000.log'])
      expect(parseStorageFileName(other)).toBeUndefined();
  });
});
