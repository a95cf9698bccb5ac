// generated — do not edit; edit spec/ and run `npm run generate`
// The storage codec: segment and index files of spec/storage.yaml (format v2).
import { ByteWriter } from '@felix/wire/codec-support';
import { STORAGE_LIMITS } from './constants.js';
import { CRC32_INITIAL, crc32, crc32Final, crc32Update } from './crc32.js';
import { isStorageFormatError, StorageFormatError } from './errors.js';

type StorageErrorCode = StorageFormatError['code'];

function fail(code: StorageErrorCode, field: string, position: number | undefined, detail: string): never {
  throw new StorageFormatError(code, field, position, detail);
}

/** Throws truncated unless `size` bytes are there from `position` (the struct's start). */
function need(bytes: Uint8Array, position: number, size: number, field: string): void {
  const available = bytes.length - position;
  if (available < size) fail('truncated', field, position, `needs ${size} bytes, ${Math.max(available, 0)} available`);
}

function checkCrc(computed: number, stored: number, code: StorageErrorCode, field: string, position: number): void {
  if (computed !== stored) {
    const h = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;
    fail(code, field, position, `stored ${h(stored)}, computed ${h(computed)}`);
  }
}

function checkU64(value: bigint, field: string): void {
  if (typeof value !== 'bigint' || value < 0n || value > 0xffffffffffffffffn)
    throw new RangeError(`${field}: ${String(value)} is not a u64 (a bigint in 0..2^64-1)`);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The fixed 32-byte start of every segment file. */
export interface SegmentHeader {
  /** The ASCII bytes "FLSG" (Felix segment). Distinct from the wire magic "FLX1", so a frame in a file or a file on a socket is refused on its first four bytes. */
  magic: number;
  /** Format version of both file kinds. A reader refuses any other version, naming the one it found; v1 was only ever written by unreleased upstream builds. */
  version: number;
  /** No flag is defined. Any set bit is refused rather than masked off, because a bit a reader does not know may change how the records behind it are laid out. */
  flags: number;
  /** Logical offset of the segment's first record. */
  base_offset: bigint;
  /** Wall-clock time the segment was created, in microseconds since the Unix epoch; informational. */
  created_at_micros: bigint;
  /** CRC-32 of bytes 0 to 24 (magic to created_at_micros). */
  header_crc: number;
  /** Written as 0. Not covered by header_crc and not checked on read. */
  reserved: number;
}

/** What encodeSegmentHeader needs; it computes the rest (consts, reserved zeros, lengths, CRCs). */
export interface SegmentHeaderInit {
  base_offset: bigint;
  created_at_micros: bigint;
}

/** One record: a 28-byte header and the payload. header_crc is verified before any other field is used, so payload_len is only acted on once it is known to be intact; that is what tells an unfinished write (a verified header claiming more bytes than the file holds) from a rotted length field. */
export interface SegmentRecord {
  /** Payload length in bytes. First, and covered by both checksums, so a reader steps to the next record at position + 28 + payload_len without reading the payload. */
  payload_len: number;
  /** Logical offset: the segment's base_offset for its first record, then one more than the record before it. */
  offset: bigint;
  /** Publish time in microseconds since the Unix epoch. */
  timestamp_micros: bigint;
  /** CRC-32 of bytes 0 to 20 (payload_len, offset, timestamp_micros). */
  header_crc: number;
  /** CRC-32 of bytes 0 to 24 (header_crc included) followed by the payload, so a corrupted offset or timestamp fails the same check as a corrupted payload. */
  checksum: number;
  /** The record's opaque bytes. */
  payload: Uint8Array;
}

/** What encodeRecord needs; it computes the rest (consts, reserved zeros, lengths, CRCs). */
export interface SegmentRecordInit {
  offset: bigint;
  timestamp_micros: bigint;
  payload: Uint8Array;
}

/** What decodeRecord checks beyond the bytes themselves; a rule whose value is not given is skipped. */
export interface SegmentRecordContext {
  /** The offset this struct must hold (segment_header.base_offset for a file's first, then one more each). */
  expected_offset?: bigint;
}

/** The fixed 24-byte start of every index file. */
export interface IndexHeader {
  /** The ASCII bytes "FLSI" (Felix segment index). */
  magic: number;
  /** Format version; the same number as the segment's. */
  version: number;
  /** No flag is defined; written as 0. Upstream's reader does not look at it; this spec refuses a set bit, as for a segment, and the index is rebuilt. */
  flags: number;
  /** Must equal its segment's base_offset; an index of another segment generation is rebuilt. */
  base_offset: bigint;
  /** Written as 0 and not checked on read. */
  reserved: bigint;
}

/** What encodeIndexHeader needs; it computes the rest (consts, reserved zeros, lengths, CRCs). */
export interface IndexHeaderInit {
  base_offset: bigint;
}

/** What decodeIndexHeader checks beyond the bytes themselves; a rule whose value is not given is skipped. */
export interface IndexHeaderContext {
  /** The companion's segment_header.base_offset, which base_offset must equal. */
  expected_base_offset?: bigint;
}

/** One sparse index entry: the record with logical offset `offset` starts at byte `position` of the segment. Entries ascend strictly in both, which the binary search of a seek relies on. */
export interface IndexEntry {
  /** Logical offset of the indexed record; above the previous entry's. */
  offset: bigint;
  /** Byte position of the record in its segment: past the 32-byte segment header, and above the previous entry's. */
  position: bigint;
}

/** What encodeIndexEntry needs; it computes the rest (consts, reserved zeros, lengths, CRCs). */
export interface IndexEntryInit {
  offset: bigint;
  position: bigint;
}

/** What decodeIndexEntry checks beyond the bytes themselves; a rule whose value is not given is skipped. */
export interface IndexEntryContext {
  /** The entry before this one, whose ascending fields this one must rise above. */
  previous?: IndexEntry;
}

/** The segment_header starting at byte `start` of `bytes`, its rules checked in the spec's order (magic, version, flags, header_crc). Byte fields are views into `bytes`. Throws StorageFormatError. */
export function decodeSegmentHeader(bytes: Uint8Array, start = 0): SegmentHeader {
  need(bytes, start, 32, "segment_header");
  const view = viewOf(bytes);
  const magic = view.getUint32(start + 0);
  if (magic !== 0x464C5347) fail("segment_magic", "segment_header.magic", start, `expected "FLSG", found ${magic}`);
  const version = view.getUint16(start + 4);
  if (version !== 2) fail("segment_version", "segment_header.version", start, `expected 2, found ${version}`);
  const flags = view.getUint16(start + 6);
  if (flags !== 0) fail("segment_flags", "segment_header.flags", start, `expected 0, found ${flags}`);
  const header_crc = view.getUint32(start + 24);
  checkCrc(crc32(bytes.subarray(start + 0, start + 24)), header_crc, "segment_header_checksum", "segment_header.header_crc", start);
  const base_offset = view.getBigUint64(start + 8);
  const created_at_micros = view.getBigUint64(start + 16);
  const reserved = view.getUint32(start + 28);
  return { magic, version, flags, base_offset, created_at_micros, header_crc, reserved };
}

/** The record starting at byte `start` of `bytes`, its rules checked in the spec's order (header_crc, payload_len, payload, checksum, offset). Byte fields are views into `bytes`. Throws StorageFormatError. */
export function decodeRecord(bytes: Uint8Array, start = 0, context: SegmentRecordContext = {}): SegmentRecord {
  need(bytes, start, 28, "record");
  const view = viewOf(bytes);
  const header_crc = view.getUint32(start + 20);
  checkCrc(crc32(bytes.subarray(start + 0, start + 20)), header_crc, "record_header_checksum", "record.header_crc", start);
  const payload_len = view.getUint32(start + 0);
  if (payload_len > STORAGE_LIMITS.max_payload_bytes) fail("record_too_large", "record.payload_len", start, `${payload_len} is above max_payload_bytes (${STORAGE_LIMITS.max_payload_bytes})`);
  need(bytes, start, 28 + payload_len, "record.payload");
  const payload = bytes.subarray(start + 28, start + 28 + payload_len);
  const checksum = view.getUint32(start + 24);
  checkCrc(crc32(payload, crc32(bytes.subarray(start + 0, start + 24))), checksum, "record_checksum", "record.checksum", start);
  const offset = view.getBigUint64(start + 4);
  if (context.expected_offset !== undefined && offset !== context.expected_offset) fail("offset_out_of_order", "record.offset", start, `expected ${context.expected_offset}, found ${offset}`);
  const timestamp_micros = view.getBigUint64(start + 12);
  return { payload_len, offset, timestamp_micros, header_crc, checksum, payload };
}

/** The index_header starting at byte `start` of `bytes`, its rules checked in the spec's order (magic, version, flags, base_offset). Byte fields are views into `bytes`. Throws StorageFormatError. */
export function decodeIndexHeader(bytes: Uint8Array, start = 0, context: IndexHeaderContext = {}): IndexHeader {
  need(bytes, start, 24, "index_header");
  const view = viewOf(bytes);
  const magic = view.getUint32(start + 0);
  if (magic !== 0x464C5349) fail("index_magic", "index_header.magic", start, `expected "FLSI", found ${magic}`);
  const version = view.getUint16(start + 4);
  if (version !== 2) fail("index_version", "index_header.version", start, `expected 2, found ${version}`);
  const flags = view.getUint16(start + 6);
  if (flags !== 0) fail("index_flags", "index_header.flags", start, `expected 0, found ${flags}`);
  const base_offset = view.getBigUint64(start + 8);
  if (context.expected_base_offset !== undefined && base_offset !== context.expected_base_offset) fail("index_base_offset", "index_header.base_offset", start, `expected ${context.expected_base_offset}, found ${base_offset}`);
  const reserved = view.getBigUint64(start + 16);
  return { magic, version, flags, base_offset, reserved };
}

/** The index_entry starting at byte `start` of `bytes`, its rules checked in the spec's order (offset, position). Byte fields are views into `bytes`. Throws StorageFormatError. */
export function decodeIndexEntry(bytes: Uint8Array, start = 0, context: IndexEntryContext = {}): IndexEntry {
  need(bytes, start, 16, "index_entry");
  const view = viewOf(bytes);
  const offset = view.getBigUint64(start + 0);
  if (context.previous !== undefined && offset <= context.previous.offset) fail("index_entry_order", "index_entry.offset", start, `${offset} does not rise above the previous ${context.previous.offset}`);
  const position = view.getBigUint64(start + 8);
  if (position < 32n) fail("index_entry_order", "index_entry.position", start, `${position} is below 32`);
  if (context.previous !== undefined && position <= context.previous.position) fail("index_entry_order", "index_entry.position", start, `${position} does not rise above the previous ${context.previous.position}`);
  return { offset, position };
}

/** Bytes SegmentHeader takes on disk. */
export function segmentHeaderSize(value: SegmentHeaderInit): number {
  return 32;
}

/** Writes the segment_header at the writer's position, computing consts, reserved zeros, lengths and CRCs. Throws StorageFormatError (or RangeError for a u64 out of range) before writing anything. */
export function writeSegmentHeader(w: ByteWriter, value: SegmentHeaderInit): void {
  checkU64(value.base_offset, "segment_header.base_offset");
  checkU64(value.created_at_micros, "segment_header.created_at_micros");
  const start = w.pos;
  w.u32(1179407175);
  w.u16(2);
  w.u16(0);
  w.u64(value.base_offset);
  w.u64(value.created_at_micros);
  w.u32(crc32(w.bytes.subarray(start + 0, start + 24)));
  w.u32(0);
}

/** The bytes of one segment_header. */
export function encodeSegmentHeader(value: SegmentHeaderInit): Uint8Array {
  const w = new ByteWriter(segmentHeaderSize(value));
  writeSegmentHeader(w, value);
  return w.bytes;
}

/** Bytes SegmentRecord takes on disk. */
export function recordSize(value: SegmentRecordInit): number {
  return 28 + value.payload.length;
}

/** Writes the record at the writer's position, computing consts, reserved zeros, lengths and CRCs. Throws StorageFormatError (or RangeError for a u64 out of range) before writing anything. */
export function writeRecord(w: ByteWriter, value: SegmentRecordInit): void {
  checkU64(value.offset, "record.offset");
  checkU64(value.timestamp_micros, "record.timestamp_micros");
  if (value.payload.length > STORAGE_LIMITS.max_payload_bytes) fail("record_too_large", "record.payload_len", undefined, `a ${value.payload.length}-byte payload is above max_payload_bytes (${STORAGE_LIMITS.max_payload_bytes})`);
  const start = w.pos;
  w.u32(value.payload.length);
  w.u64(value.offset);
  w.u64(value.timestamp_micros);
  w.u32(crc32(w.bytes.subarray(start + 0, start + 20)));
  w.u32(crc32(value.payload, crc32(w.bytes.subarray(start + 0, start + 24))));
  w.raw(value.payload);
}

/** The bytes of one record. */
export function encodeRecord(value: SegmentRecordInit): Uint8Array {
  const w = new ByteWriter(recordSize(value));
  writeRecord(w, value);
  return w.bytes;
}

/** Bytes IndexHeader takes on disk. */
export function indexHeaderSize(value: IndexHeaderInit): number {
  return 24;
}

/** Writes the index_header at the writer's position, computing consts, reserved zeros, lengths and CRCs. Throws StorageFormatError (or RangeError for a u64 out of range) before writing anything. */
export function writeIndexHeader(w: ByteWriter, value: IndexHeaderInit): void {
  checkU64(value.base_offset, "index_header.base_offset");
  const start = w.pos;
  w.u32(1179407177);
  w.u16(2);
  w.u16(0);
  w.u64(value.base_offset);
  w.u64(0n);
}

/** The bytes of one index_header. */
export function encodeIndexHeader(value: IndexHeaderInit): Uint8Array {
  const w = new ByteWriter(indexHeaderSize(value));
  writeIndexHeader(w, value);
  return w.bytes;
}

/** Bytes IndexEntry takes on disk. */
export function indexEntrySize(value: IndexEntryInit): number {
  return 16;
}

/** Writes the index_entry at the writer's position, computing consts, reserved zeros, lengths and CRCs. Throws StorageFormatError (or RangeError for a u64 out of range) before writing anything. */
export function writeIndexEntry(w: ByteWriter, value: IndexEntryInit): void {
  checkU64(value.offset, "index_entry.offset");
  checkU64(value.position, "index_entry.position");
  const start = w.pos;
  w.u64(value.offset);
  w.u64(value.position);
}

/** The bytes of one index_entry. */
export function encodeIndexEntry(value: IndexEntryInit): Uint8Array {
  const w = new ByteWriter(indexEntrySize(value));
  writeIndexEntry(w, value);
  return w.bytes;
}

/** What walkRecords reports of each good record: its position in the buffer, its size on disk and its fields as numbers (a u64 is exact up to 2^53; offset was checked exactly). */
export type RecordVisitor = (position: number, size: number, offset: number, timestamp_micros: number) => void;

/** Checks the records laid end to end from byte `start` of `bytes`, each by the rules decodeRecord applies in the same order (header_crc, payload_len, payload, checksum, offset), and calls `visit` for each good one, allocating nothing per record. `bytes` may be a window onto a file: `available` is how many bytes the file holds from bytes[0] on, so a record that runs past the window but not past the file ends the walk, while one that runs past the file is truncated. `expected_offset` is the offset the first record must carry. Returns where the walk stopped: `available` at the end of the file, or the position of the first record not wholly in `bytes` (read on from there). Throws StorageFormatError at the first bad record, its position relative to `bytes`. */
export function walkRecords(
  bytes: Uint8Array,
  start: number,
  available: number,
  expected_offset: number,
  visit: RecordVisitor,
): number {
  const view = viewOf(bytes);
  let p = start;
  for (;;) {
    if (p >= available) return available;
    if (p + 28 > bytes.length) {
      if (p + 28 > available) fail('truncated', "record", p, `needs 28 bytes, ${available - p} available`);
      return p;
    }
    const header_crc = view.getUint32(p + 20);
    const state20 = crc32Update(CRC32_INITIAL, bytes, p, p + 20);
    const header_crc_computed = crc32Final(state20);
    checkCrc(header_crc_computed, header_crc, "record_header_checksum", "record.header_crc", p);
    const payload_len = view.getUint32(p + 0);
    if (payload_len > STORAGE_LIMITS.max_payload_bytes) fail("record_too_large", "record.payload_len", p, `${payload_len} is above max_payload_bytes (${STORAGE_LIMITS.max_payload_bytes})`);
    const end = p + 28 + payload_len;
    if (end > bytes.length) {
      if (end > available) fail('truncated', "record.payload", p, `needs ${28 + payload_len} bytes, ${available - p} available`);
      return p;
    }
    const checksum = view.getUint32(p + 24);
    const state24 = crc32Update(state20, bytes, p + 20, p + 24);
    const checksum_computed = crc32(bytes.subarray(p + 28, end), crc32Final(state24));
    checkCrc(checksum_computed, checksum, "record_checksum", "record.checksum", p);
    const offset = view.getUint32(p + 4) * 4294967296 + view.getUint32(p + 8);
    if (offset !== expected_offset) fail("offset_out_of_order", "record.offset", p, `expected ${expected_offset}, found ${((BigInt(view.getUint32(p + 4)) << 32n) | BigInt(view.getUint32(p + 8)))}`);
    const timestamp_micros = view.getUint32(p + 12) * 4294967296 + view.getUint32(p + 16);
    visit(p, end - p, offset, timestamp_micros);
    expected_offset += 1;
    p = end;
  }
}

/** A decoded segment file: A segment file is its 32-byte header and then records back to back up to the end of the file. The header is written and fsynced before any record, so damage to it is never a torn write. Records carry offsets base_offset, base_offset + 1, … in file order. */
export interface SegmentFile {
  header: SegmentHeader;
  records: SegmentRecord[];
}

/** How far a segment file reads: its header, the records up to the first problem, the bytes they fill and that problem, if any. */
export interface SegmentScan extends SegmentFile {
  /** Bytes from the start of the file to the end of the last good record: where appends resume and where recovery truncates to. */
  valid_bytes: number;
  /** Why reading stopped before the end of the file (its position is valid_bytes). */
  error?: StorageFormatError;
}

/** Reads a segment file as far as it is valid. A bad header throws StorageFormatError (header damage is never a torn write); a bad record ends the scan and is returned as its error. */
export function scanSegmentFile(bytes: Uint8Array): SegmentScan {
  const header = decodeSegmentHeader(bytes, 0);
  const records: SegmentRecord[] = [];
  let position = 32;
  while (position < bytes.length) {
    let item: SegmentRecord;
    try {
      item = decodeRecord(bytes, position, { expected_offset: header.base_offset + BigInt(records.length) });
    } catch (err) {
      if (isStorageFormatError(err)) return { header, records, valid_bytes: position, error: err };
      throw err;
    }
    records.push(item);
    position += 28 + item.payload.length;
  }
  return { header, records, valid_bytes: position };
}

/** Decodes a whole segment file. Throws StorageFormatError at the first problem. */
export function decodeSegmentFile(bytes: Uint8Array): SegmentFile {
  const scan = scanSegmentFile(bytes);
  if (scan.error) throw scan.error;
  return { header: scan.header, records: scan.records };
}

/** The bytes of a whole segment file. */
export function encodeSegmentFile(header: SegmentHeaderInit, records: readonly SegmentRecordInit[]): Uint8Array {
  let size = 32;
  for (const item of records) size += recordSize(item);
  const w = new ByteWriter(size);
  writeSegmentHeader(w, header);
  for (const item of records) writeRecord(w, item);
  return w.bytes;
}

/** A decoded index file: A sparse index file is its 24-byte header and then 16-byte entries. Indexes carry no checksum and are never trusted: an entry is only ever a place to start a scan that verifies real records, and an index that fails to decode is rebuilt from its segment. A torn last entry (fewer than 16 bytes at the end, left by a crash while appending) is ignored, not an error. */
export interface IndexFile {
  header: IndexHeader;
  entries: IndexEntry[];
  /** Bytes after the last whole entry (a torn final entry), ignored. */
  torn_bytes: number;
}

/** Decodes a whole index file. Throws StorageFormatError at the first problem; a torn last entry is ignored and counted in torn_bytes. */
export function decodeIndexFile(bytes: Uint8Array, options: { expected_base_offset?: bigint } = {}): IndexFile {
  const header = decodeIndexHeader(bytes, 0, { expected_base_offset: options.expected_base_offset });
  const entries: IndexEntry[] = [];
  let position = 24;
  while (bytes.length - position >= 16) {
    const item = decodeIndexEntry(bytes, position, { previous: entries[entries.length - 1] });
    entries.push(item);
    position += 16;
  }
  return { header, entries, torn_bytes: bytes.length - position };
}

/** The bytes of a whole index file. */
export function encodeIndexFile(header: IndexHeaderInit, entries: readonly IndexEntryInit[]): Uint8Array {
  let size = 24;
  for (const item of entries) size += indexEntrySize(item);
  const w = new ByteWriter(size);
  writeIndexHeader(w, header);
  for (const item of entries) writeIndexEntry(w, item);
  return w.bytes;
}
