import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SPEC_DIR, loadSpec, SPEC_FILES, SpecError } from '../src/index.js';
import {
  interpretCrc32,
  interpretStorage,
  interpretStorageEncode,
  StorageInterpreterError,
} from '../src/interpreter/index.js';

const spec = loadSpec();
const UPSTREAM = join(DEFAULT_SPEC_DIR, '../conformance/upstream-vectors/storage');

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function problemsWith(from: string | RegExp, to: string) {
  const dir = mkdtempSync(join(tmpdir(), 'felix-spec-'));
  dirs.push(dir);
  for (const f of [...SPEC_FILES, 'spec.schema.json']) cpSync(join(DEFAULT_SPEC_DIR, f), join(dir, f));
  const path = join(dir, 'storage.yaml');
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(path, next);
  try {
    loadSpec(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(SpecError);
    return (err as SpecError).problems.map((p) => `${p.file}:${p.line} ${p.path} ${p.message}`);
  }
  throw new Error('the spec loaded');
}

function errorOf(fn: () => unknown): StorageInterpreterError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StorageInterpreterError) return err;
    throw err;
  }
  throw new Error('no error');
}

describe('the storage section', () => {
  it('places every field and names the checks in order', () => {
    const record = spec.storage.structs.record;
    expect(record.fields.map((f) => [f.name, f.at])).toEqual([
      ['payload_len', 0],
      ['offset', 4],
      ['timestamp_micros', 12],
      ['header_crc', 20],
      ['checksum', 24],
      ['payload', 28],
    ]);
    expect(record.checks).toEqual(['header_crc', 'payload_len', 'payload', 'checksum', 'offset']);
    expect(spec.storage.structs.segment_header.size).toBe(32);
    expect(spec.storage.structs.index_entry.checks).toEqual(['offset', 'position']);
  });

  it('defines CRC-32 as IEEE (zlib), whose check value the interpreter reproduces', () => {
    expect(spec.storage.checksum.polynomial).toBe(0x04c11db7);
    expect(interpretCrc32(spec, [new TextEncoder().encode('123456789')])).toBe(spec.storage.checksum.check);
    // Parts are one buffer: the same CRC however the bytes are split.
    const bytes = new TextEncoder().encode('123456789');
    expect(interpretCrc32(spec, [bytes.subarray(0, 4), bytes.subarray(4)])).toBe(spec.storage.checksum.check);
  });

  it("reproduces upstream's two golden vectors byte for byte", () => {
    for (const name of ['segment_header', 'record']) {
      const upstream = JSON.parse(readFileSync(join(UPSTREAM, `${name}.json`), 'utf8'));
      const example = spec.storage.examples.find((e) => e.struct === name)!;
      expect(example.hex).toBe(upstream.hex);
      expect(interpretStorage(spec, name, Buffer.from(example.hex, 'hex'))).toEqual(example.value);
      const fields =
        name === 'record'
          ? { ...upstream.fields, payload: Buffer.from(upstream.fields.payload_utf8).toString('hex') }
          : upstream.fields;
      const encoded = interpretStorageEncode(spec, name, { ...fields, magic: undefined });
      expect(Buffer.from(encoded).toString('hex')).toBe(upstream.hex);
    }
  });

  it('reports the first problem of a segment with its field and position', () => {
    const seg = interpretStorageEncode(spec, 'segment', {
      header: { base_offset: 10, created_at_micros: 0 },
      records: [
        { offset: 10, timestamp_micros: 1, payload: '01' },
        { offset: 12, timestamp_micros: 2, payload: '02' },
      ],
    });
    const err = errorOf(() => interpretStorage(spec, 'segment', seg));
    expect([err.code, err.field, err.position]).toEqual(['offset_out_of_order', 'record.offset', 32 + 29]);
    const torn = errorOf(() => interpretStorage(spec, 'segment', seg.subarray(0, seg.length - 1)));
    expect([torn.code, torn.field, torn.position]).toEqual(['truncated', 'record.payload', 61]);
  });

  it('ignores a torn last index entry and checks the base offset only when told it', () => {
    const idx = interpretStorageEncode(spec, 'index', {
      header: { base_offset: 3 },
      entries: [{ offset: 3, position: 32 }],
      torn_hex: 'ffff',
    });
    expect(interpretStorage(spec, 'index', idx)).toMatchObject({ torn_bytes: 2, entries: [{ offset: 3 }] });
    const err = errorOf(() =>
      interpretStorage(spec, 'index', idx, { companion: { segment_header: { base_offset: 4 } } }),
    );
    expect(err.code).toBe('index_base_offset');
  });

  it('refuses sizes that do not add up and rules that name nothing', () => {
    expect(problemsWith('size: 28', 'size: 27').join('\n')).toMatch(/fixed fields add up to 28 bytes, not 27/);
    expect(problemsWith('error: record_checksum,', 'error: record_crc,').join('\n')).toMatch(
      /no storage error named "record_crc"/,
    );
    expect(problemsWith('covers: [{ from: 0, to: 20 }]', 'covers: [{ from: 0, to: 24 }]').join('\n')).toMatch(
      /not a range before the field/,
    );
    expect(problemsWith('ascii: FLSG', 'ascii: FLSX').join('\n')).toMatch(/is not the const/);
    expect(
      problemsWith(
        'checks: [header_crc, payload_len, payload, checksum, offset]',
        'checks: [header_crc, payload_len, checksum, payload, offset]',
      ).join('\n'),
    ).toMatch(/checksum covers payload, which must be checked/);
  });
});
