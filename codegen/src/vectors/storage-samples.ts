// The storage vectors: files and structs the reference interpreter writes from values, and the
// damage a disk does to them — torn tails, bad header CRCs, bad record CRCs, lying lengths,
// offsets out of order, over-limit lengths, wrong magic, version and flags, disordered index
// entries. Each negative names the error, field and position its description promises; the
// vector builder checks the interpreter agrees before writing it.
import type { Spec } from '@felix/spec';
import { concatBytes, interpretCrc32, interpretStorageEncode, type StorageValue } from '@felix/spec/interpreter';

export interface StorageSample {
  name: string;
  description: string;
  /** A file kind (segment, index) or a struct name. */
  kind: string;
  bytes: Uint8Array;
  /** Companion header fields the decoder compares with (an index's segment base_offset). */
  companion?: Record<string, StorageValue>;
  tags: string[];
  /** For a negative sample: what every decoder must report. */
  error?: { code: string; field: string; position: number };
}

const MAX_U64 = '18446744073709551615';
/** Tag of a valid input an encoder does not write (a non-zero reserved field, a torn entry). */
export const NONCANONICAL = 'noncanonical';
const text = (s: string) => Buffer.from(s, 'utf8').toString('hex');
const bytesOf = (n: number, seed = 0) =>
  Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + seed) & 0xff)).toString('hex');

function flip(bytes: Uint8Array, at: number, mask = 0x01): Uint8Array {
  const out = bytes.slice();
  out[at] ^= mask;
  return out;
}

export function storageSamples(spec: Spec): StorageSample[] {
  const S = spec.storage.structs;
  const HDR = S.segment_header.size;
  const REC = S.record.size;
  const IDX = S.index_header.size;
  const ENTRY = S.index_entry.size;
  const maxPayload = spec.storage.limits.max_payload_bytes.value;
  const enc = (kind: string, value: StorageValue) => interpretStorageEncode(spec, kind, value);
  const out: StorageSample[] = [];
  const ok = (name: string, kind: string, description: string, bytes: Uint8Array, extra: Partial<StorageSample> = {}) =>
    out.push({ name, kind, description, bytes, tags: [`kind:${kind}`, 'expect:value'], ...extra });
  const bad = (
    name: string,
    kind: string,
    description: string,
    bytes: Uint8Array,
    error: StorageSample['error'],
    extra: Partial<StorageSample> = {},
  ) =>
    out.push({
      name,
      kind,
      description,
      bytes,
      error,
      tags: [`kind:${kind}`, `error:${error!.code}`],
      ...extra,
    });

  // ---- segment header ----
  const header = enc('segment_header', { base_offset: 0, created_at_micros: 1_700_000_000_000_000 });
  ok('segment_header_typical', 'segment_header', 'A segment header for offsets from 0.', header);
  ok(
    'segment_header_max',
    'segment_header',
    'Every u64 at its maximum: values above 2^53-1 are decimal strings in the notation.',
    enc('segment_header', { base_offset: MAX_U64, created_at_micros: MAX_U64 }),
  );
  ok(
    'segment_header_reserved_ignored',
    'segment_header',
    'A non-zero reserved word: written as 0 but neither covered by header_crc nor checked on read.',
    enc('segment_header', { base_offset: 5, created_at_micros: 6, reserved: 0xdeadbeef }),
    { tags: ['kind:segment_header', 'expect:value', NONCANONICAL] },
  );
  bad(
    'segment_header_bad_magic',
    'segment_header',
    'A wire frame\'s magic "FLX1" where "FLSG" belongs.',
    enc('segment_header', { magic: 0x464c5831, base_offset: 0, created_at_micros: 0 }),
    { code: 'segment_magic', field: 'segment_header.magic', position: 0 },
  );
  bad(
    'segment_header_index_magic',
    'segment_header',
    'An index file\'s magic "FLSI" where "FLSG" belongs.',
    enc('segment_header', { magic: 0x464c5349, base_offset: 0, created_at_micros: 0 }),
    { code: 'segment_magic', field: 'segment_header.magic', position: 0 },
  );
  bad(
    'segment_header_version_1',
    'segment_header',
    'Version 1, which only unreleased upstream builds wrote (its header_crc is right).',
    enc('segment_header', { version: 1, base_offset: 0, created_at_micros: 0 }),
    { code: 'segment_version', field: 'segment_header.version', position: 0 },
  );
  bad(
    'segment_header_version_3',
    'segment_header',
    'A version from the future, with a right header_crc.',
    enc('segment_header', { version: 3, base_offset: 0, created_at_micros: 0 }),
    { code: 'segment_version', field: 'segment_header.version', position: 0 },
  );
  bad(
    'segment_header_flags_set',
    'segment_header',
    'Flag bit 0 set (with a right header_crc): refused, never masked off.',
    enc('segment_header', { flags: 1, base_offset: 0, created_at_micros: 0 }),
    { code: 'segment_flags', field: 'segment_header.flags', position: 0 },
  );
  bad(
    'segment_header_bad_crc',
    'segment_header',
    'One bit of base_offset flipped after header_crc was written.',
    flip(header, 15),
    { code: 'segment_header_checksum', field: 'segment_header.header_crc', position: 0 },
  );
  bad(
    'segment_header_crc_zero',
    'segment_header',
    'header_crc written as 0.',
    enc('segment_header', { base_offset: 0, created_at_micros: 0, header_crc: 0 }),
    { code: 'segment_header_checksum', field: 'segment_header.header_crc', position: 0 },
  );
  bad('segment_header_torn', 'segment_header', 'A header cut one byte short.', header.subarray(0, HDR - 1), {
    code: 'truncated',
    field: 'segment_header',
    position: 0,
  });

  // ---- one record ----
  const record = enc('record', { offset: 7, timestamp_micros: 9, payload: text('hello, disk') });
  ok('record_typical', 'record', 'A small record.', record);
  ok(
    'record_empty_payload',
    'record',
    'A record with no payload: 28 bytes.',
    enc('record', { offset: 0, timestamp_micros: 0, payload: '' }),
  );
  ok(
    'record_every_byte',
    'record',
    'A payload of all 256 byte values.',
    enc('record', { offset: 1, timestamp_micros: 2, payload: bytesOf(256) }),
  );
  ok(
    'record_max_u64',
    'record',
    'Offset and timestamp at the u64 maximum.',
    enc('record', { offset: MAX_U64, timestamp_micros: MAX_U64, payload: '00' }),
  );
  bad(
    'record_length_flipped',
    'record',
    'A bit of payload_len flipped: header_crc catches it before the length is believed.',
    flip(record, 3, 0x40),
    { code: 'record_header_checksum', field: 'record.header_crc', position: 0 },
  );
  bad('record_timestamp_flipped', 'record', 'A bit of timestamp_micros flipped.', flip(record, 19), {
    code: 'record_header_checksum',
    field: 'record.header_crc',
    position: 0,
  });
  bad('record_header_crc_flipped', 'record', 'A bit of header_crc itself flipped.', flip(record, 21), {
    code: 'record_header_checksum',
    field: 'record.header_crc',
    position: 0,
  });
  bad(
    'record_zero_header',
    'record',
    'Twenty-eight zero bytes (a preallocated, never written region): no valid header_crc.',
    new Uint8Array(REC),
    { code: 'record_header_checksum', field: 'record.header_crc', position: 0 },
  );
  bad(
    'record_payload_flipped',
    'record',
    'A bit of the payload flipped: the header verifies, the checksum does not.',
    flip(record, record.length - 1),
    { code: 'record_checksum', field: 'record.checksum', position: 0 },
  );
  bad('record_checksum_flipped', 'record', 'A bit of the checksum field flipped.', flip(record, 27), {
    code: 'record_checksum',
    field: 'record.checksum',
    position: 0,
  });
  bad(
    'record_too_large',
    'record',
    'A verified header claiming max_payload_bytes + 1: refused before any payload is read.',
    enc('record', { payload_len: maxPayload + 1, offset: 0, timestamp_micros: 0, checksum: 0 }),
    { code: 'record_too_large', field: 'record.payload_len', position: 0 },
  );
  bad(
    'record_too_large_u32_max',
    'record',
    'A verified header claiming 4 GiB - 1 bytes.',
    enc('record', { payload_len: 0xffffffff, offset: 0, timestamp_micros: 0, checksum: 0 }),
    { code: 'record_too_large', field: 'record.payload_len', position: 0 },
  );
  bad(
    'record_at_limit_torn',
    'record',
    'A verified header claiming exactly max_payload_bytes, with no payload: the limit is inclusive, so the record is only cut short.',
    enc('record', { payload_len: maxPayload, offset: 0, timestamp_micros: 0, checksum: 0 }),
    { code: 'truncated', field: 'record.payload', position: 0 },
  );
  bad('record_torn_header', 'record', 'A record header cut one byte short.', record.subarray(0, REC - 1), {
    code: 'truncated',
    field: 'record',
    position: 0,
  });
  bad(
    'record_torn_payload',
    'record',
    'A record whose last payload byte is missing: an unfinished write.',
    record.subarray(0, record.length - 1),
    { code: 'truncated', field: 'record.payload', position: 0 },
  );
  bad(
    'record_lying_length',
    'record',
    'A verified header claiming 10 bytes more than the record holds: indistinguishable from an unfinished write, so truncated.',
    enc('record', { payload_len: 21, offset: 7, timestamp_micros: 9, payload: text('hello, disk'), checksum: 0 }),
    { code: 'truncated', field: 'record.payload', position: 0 },
  );

  // ---- segment files ----
  const rec = (offset: number, payload: string, extra: StorageValue = {}) => ({
    offset,
    timestamp_micros: 1000 + offset,
    payload,
    ...extra,
  });
  const seg = (base: number, records: StorageValue[]) =>
    enc('segment', { header: { base_offset: base, created_at_micros: 42 }, records });
  const three = [rec(100, text('first')), rec(101, bytesOf(40, 3)), rec(102, '')];
  const segment = seg(100, three);
  const p1 = HDR + REC + 5;
  const p2 = p1 + REC + 40;
  ok('segment_empty', 'segment', 'A segment of a header and no records (just rolled).', seg(7, []));
  ok('segment_three_records', 'segment', 'Three records from base_offset 100, the last one empty.', segment);
  ok(
    'segment_one_record_at_max',
    'segment',
    'A segment whose only record has the largest u64 offset.',
    enc('segment', {
      header: { base_offset: MAX_U64, created_at_micros: 0 },
      records: [{ offset: MAX_U64, timestamp_micros: 0, payload: '01' }],
    }),
  );
  bad('segment_file_empty', 'segment', 'A zero-byte segment file.', new Uint8Array(0), {
    code: 'truncated',
    field: 'segment_header',
    position: 0,
  });
  bad(
    'segment_file_index_magic',
    'segment',
    'An index file opened as a segment.',
    enc('index', { header: { base_offset: 0 }, entries: [{ offset: 0, position: 32 }] }),
    { code: 'segment_magic', field: 'segment_header.magic', position: 0 },
  );
  bad(
    'segment_header_damaged',
    'segment',
    'A segment whose header_crc fails: header damage is never a torn write.',
    flip(segment, 9),
    { code: 'segment_header_checksum', field: 'segment_header.header_crc', position: 0 },
  );
  bad(
    'segment_torn_in_record_header',
    'segment',
    "Cut 10 bytes into the third record's header: a torn tail.",
    segment.subarray(0, p2 + 10),
    { code: 'truncated', field: 'record', position: p2 },
  );
  bad(
    'segment_torn_after_one_byte',
    'segment',
    'One byte of a fourth record: a torn tail.',
    concatBytes([segment, new Uint8Array([0])]),
    { code: 'truncated', field: 'record', position: segment.length },
  );
  bad(
    'segment_torn_in_payload',
    'segment',
    "Cut inside the second record's payload: a torn tail.",
    segment.subarray(0, p1 + REC + 20),
    { code: 'truncated', field: 'record.payload', position: p1 },
  );
  bad(
    'segment_bad_record_header_crc',
    'segment',
    "A bit of the second record's offset flipped: its header_crc fails, mid-segment.",
    flip(segment, p1 + 11),
    { code: 'record_header_checksum', field: 'record.header_crc', position: p1 },
  );
  bad(
    'segment_bad_record_header_crc_tail',
    'segment',
    "The last record's header_crc fails: ambiguous between an unfinished write and rot, so repaired only on opt-in.",
    flip(segment, p2 + 22),
    { code: 'record_header_checksum', field: 'record.header_crc', position: p2 },
  );
  bad(
    'segment_bad_record_checksum',
    'segment',
    "A bit of the second record's payload flipped.",
    flip(segment, p1 + REC + 7),
    { code: 'record_checksum', field: 'record.checksum', position: p1 },
  );
  bad(
    'segment_offset_gap',
    'segment',
    'Offsets 100, 101, 103: a record lost or the file spliced.',
    seg(100, [three[0], three[1], rec(103, '')]),
    { code: 'offset_out_of_order', field: 'record.offset', position: p2 },
  );
  bad(
    'segment_offset_repeated',
    'segment',
    'Offsets 100, 100: a record written twice.',
    seg(100, [three[0], rec(100, bytesOf(40, 3))]),
    { code: 'offset_out_of_order', field: 'record.offset', position: p1 },
  );
  bad('segment_offset_backwards', 'segment', 'Offsets 100, 99.', seg(100, [three[0], rec(99, bytesOf(40, 3))]), {
    code: 'offset_out_of_order',
    field: 'record.offset',
    position: p1,
  });
  bad(
    'segment_first_offset_not_base',
    'segment',
    'A first record at 101 in a segment whose base_offset is 100.',
    seg(100, [rec(101, text('first'))]),
    { code: 'offset_out_of_order', field: 'record.offset', position: HDR },
  );
  bad(
    'segment_lying_length_short',
    'segment',
    'The first record claims one byte less than it wrote, with both CRCs made for the lie: the byte left over starts the next "record", whose header_crc fails.',
    concatBytes([
      seg(100, [rec(100, text('firs'))]),
      new Uint8Array([0x74]),
      seg(101, [rec(101, bytesOf(40, 3))]).subarray(HDR),
    ]),
    { code: 'record_header_checksum', field: 'record.header_crc', position: HDR + REC + 4 },
  );
  bad(
    'segment_lying_length_long',
    'segment',
    'The second record claims 4 bytes more than it wrote, its header_crc made for the lie: the checksum, over the wrong bytes, fails.',
    (() => {
      const s = segment.slice();
      const view = new DataView(s.buffer);
      view.setUint32(p1, 44);
      view.setUint32(p1 + 20, interpretCrc32(spec, [s.subarray(p1, p1 + 20)]));
      return s;
    })(),
    { code: 'record_checksum', field: 'record.checksum', position: p1 },
  );
  bad(
    'segment_over_limit_length',
    'segment',
    'A last record whose verified header claims max_payload_bytes + 1.',
    concatBytes([
      segment,
      enc('record', { payload_len: maxPayload + 1, offset: 103, timestamp_micros: 0, checksum: 0 }),
    ]),
    { code: 'record_too_large', field: 'record.payload_len', position: segment.length },
  );
  bad(
    'segment_zero_filled_tail',
    'segment',
    'Zero bytes after the last record, as a preallocating filesystem leaves them.',
    concatBytes([segment, new Uint8Array(64)]),
    { code: 'record_header_checksum', field: 'record.header_crc', position: segment.length },
  );

  // ---- index files ----
  const idx = (base: number, entries: StorageValue[], extra: StorageValue = {}) =>
    enc('index', { header: { base_offset: base, ...extra }, entries });
  const index = idx(100, [
    { offset: 100, position: 32 },
    { offset: 140, position: 4200 },
    { offset: 181, position: 8400 },
  ]);
  const companion = (base: number) => ({ segment_header: { base_offset: base } });
  ok('index_header_typical', 'index_header', 'An index header for base_offset 100.', index.subarray(0, IDX));
  ok(
    'index_entry_typical',
    'index_entry',
    'One entry: offset 140 starts at byte 4200.',
    index.subarray(IDX + ENTRY, IDX + 2 * ENTRY),
  );
  ok('index_empty', 'index', 'An index of a header and no entries.', idx(5, []));
  ok(
    'index_three_entries',
    'index',
    "Three entries, first record first; checked against its segment's base_offset.",
    index,
    { companion: companion(100) },
  );
  ok(
    'index_torn_last_entry',
    'index',
    'A last entry cut to 15 bytes by a crash: ignored, the entries before it stand.',
    index.subarray(0, index.length - 1),
    {
      tags: ['kind:index', 'expect:value', NONCANONICAL],
    },
  );
  ok('index_reserved_ignored', 'index', 'A non-zero reserved field: not checked.', idx(1, [], { reserved: 77 }), {
    tags: ['kind:index', 'expect:value', NONCANONICAL],
  });
  bad('index_file_empty', 'index', 'A zero-byte index file.', new Uint8Array(0), {
    code: 'truncated',
    field: 'index_header',
    position: 0,
  });
  bad('index_header_torn', 'index', 'An index header cut one byte short.', index.subarray(0, IDX - 1), {
    code: 'truncated',
    field: 'index_header',
    position: 0,
  });
  bad('index_segment_magic', 'index', 'A segment file opened as an index.', segment, {
    code: 'index_magic',
    field: 'index_header.magic',
    position: 0,
  });
  bad('index_version_1', 'index', 'Index version 1.', idx(100, [], { version: 1 }), {
    code: 'index_version',
    field: 'index_header.version',
    position: 0,
  });
  bad('index_flags_set', 'index', 'An index flag bit set.', idx(100, [], { flags: 0x8000 }), {
    code: 'index_flags',
    field: 'index_header.flags',
    position: 0,
  });
  bad(
    'index_other_generation',
    'index',
    "An index whose base_offset is not its segment's: left from an earlier segment of the same number.",
    index,
    { code: 'index_base_offset', field: 'index_header.base_offset', position: 0 },
    { companion: companion(99) },
  );
  bad(
    'index_offset_repeated',
    'index',
    'Two entries for offset 100.',
    idx(100, [
      { offset: 100, position: 32 },
      { offset: 100, position: 4200 },
    ]),
    { code: 'index_entry_order', field: 'index_entry.offset', position: IDX + ENTRY },
  );
  bad(
    'index_offset_backwards',
    'index',
    'Offsets 140 then 120.',
    idx(100, [
      { offset: 140, position: 32 },
      { offset: 120, position: 4200 },
    ]),
    { code: 'index_entry_order', field: 'index_entry.offset', position: IDX + ENTRY },
  );
  bad(
    'index_position_backwards',
    'index',
    'Offsets rise but positions fall (4200 then 100): no writer produces that.',
    idx(100, [
      { offset: 100, position: 4200 },
      { offset: 140, position: 100 },
    ]),
    { code: 'index_entry_order', field: 'index_entry.position', position: IDX + ENTRY },
  );
  bad(
    'index_position_in_header',
    'index',
    'An entry pointing inside the 32-byte segment header.',
    idx(0, [{ offset: 0, position: 31 }]),
    { code: 'index_entry_order', field: 'index_entry.position', position: IDX },
  );
  return out;
}
