// The engine's only door to the bytes on disk: every header, record and index entry is
// encoded and decoded by the codec generated from spec/storage.yaml, here, so no byte offset of
// the format is written by hand anywhere in the engine. The engine counts offsets, positions
// and timestamps in JavaScript numbers; this module converts at the codec's u64 boundary.
import {
  decodeIndexFile,
  decodeRecord,
  decodeSegmentHeader,
  encodeIndexEntry,
  encodeIndexFile,
  encodeIndexHeader,
  encodeSegmentHeader,
  INDEX_ENTRY_SIZE,
  INDEX_HEADER_SIZE,
  indexFileName,
  isStorageFormatError,
  parseStorageFileName,
  RECORD_SIZE,
  type RecoveryClass,
  recordSize,
  SEGMENT_HEADER_SIZE,
  STORAGE_DEFAULTS,
  STORAGE_LIMITS,
  StorageFormatError,
  segmentFileName,
  walkRecords,
  writeRecord,
} from '@felix/generated/storage';
import { ByteWriter } from '@felix/wire/codec-support';
import { StorageError, type StorageErrorSite } from './errors.js';

export { isStorageFormatError, StorageFormatError, walkRecords };
export type FormatErrorCode = StorageFormatError['code'];

export const FORMAT = {
  segmentHeaderBytes: SEGMENT_HEADER_SIZE,
  recordHeaderBytes: RECORD_SIZE,
  indexHeaderBytes: INDEX_HEADER_SIZE,
  indexEntryBytes: INDEX_ENTRY_SIZE,
  maxPayloadBytes: STORAGE_LIMITS.max_payload_bytes,
  defaultIndexSpacingBytes: STORAGE_DEFAULTS.index_spacing_bytes,
  defaultSegmentBytes: STORAGE_DEFAULTS.segment_size_bytes,
} as const;

/** A record as the engine holds it. */
export interface LogRecord {
  offset: number;
  timestampMicros: number;
  payload: Uint8Array;
}

/** Bytes a record with a `payloadBytes`-byte payload takes in a segment. */
export function recordBytes(payloadBytes: number): number {
  return RECORD_SIZE + payloadBytes;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function toNumber(value: bigint, what: string, site: StorageErrorSite, position?: number): number {
  if (value > MAX_SAFE)
    throw new StorageError('offset_unsafe', `${what} ${value} is above 2^53-1`, {
      ...site,
      position: position ?? site.position,
    });
  return Number(value);
}

/** The error for a timestamp above 2^53-1 that the record walker read, as toNumber reports one. */
export function unsafeTimestamp(micros: number, site: StorageErrorSite): StorageError {
  return new StorageError('offset_unsafe', `timestamp_micros ${BigInt(micros)} is above 2^53-1`, site);
}

export function segmentHeaderBytes(baseOffset: number, createdAtMicros: number): Uint8Array {
  return encodeSegmentHeader({ base_offset: BigInt(baseOffset), created_at_micros: BigInt(createdAtMicros) });
}

/** The base offset and creation time of the segment header at the start of `bytes`. Throws StorageFormatError. */
export function readSegmentHeader(
  bytes: Uint8Array,
  site: StorageErrorSite,
): { baseOffset: number; createdAtMicros: number } {
  const header = decodeSegmentHeader(bytes, 0);
  return {
    baseOffset: toNumber(header.base_offset, 'base_offset', site),
    createdAtMicros: toNumber(header.created_at_micros, 'created_at_micros', site),
  };
}

/** The records' bytes back to back, as they go into a segment. */
export function encodeRecords(records: readonly LogRecord[]): Uint8Array {
  let size = 0;
  const inits = records.map((r) => {
    const init = { offset: BigInt(r.offset), timestamp_micros: BigInt(r.timestampMicros), payload: r.payload };
    size += recordSize(init);
    return init;
  });
  const w = new ByteWriter(size);
  for (const init of inits) writeRecord(w, init);
  return w.bytes;
}

/**
 * The record at `position` of `bytes` (a window of a segment file whose byte `position` is the
 * file's `filePosition`), checked against `expectedOffset`. Throws StorageFormatError, whose
 * position is relative to `bytes`; the payload is a view into `bytes`.
 */
export function readRecord(
  bytes: Uint8Array,
  position: number,
  expectedOffset: number,
  site: StorageErrorSite,
  filePosition: number,
): LogRecord & { size: number } {
  const record = decodeRecord(bytes, position, { expected_offset: BigInt(expectedOffset) });
  return {
    // The codec checked it equals expectedOffset, a safe integer.
    offset: Number(record.offset),
    timestampMicros: toNumber(record.timestamp_micros, 'timestamp_micros', site, filePosition),
    payload: record.payload,
    size: RECORD_SIZE + record.payload_len,
  };
}

export interface IndexPoint {
  offset: number;
  position: number;
}

export function indexHeaderBytes(baseOffset: number): Uint8Array {
  return encodeIndexHeader({ base_offset: BigInt(baseOffset) });
}

export function indexEntryBytes(entry: IndexPoint): Uint8Array {
  return encodeIndexEntry({ offset: BigInt(entry.offset), position: BigInt(entry.position) });
}

export function indexFileBytes(baseOffset: number, entries: readonly IndexPoint[]): Uint8Array {
  return encodeIndexFile(
    { base_offset: BigInt(baseOffset) },
    entries.map((e) => ({ offset: BigInt(e.offset), position: BigInt(e.position) })),
  );
}

/** The entries of an index file, checked against its segment's base offset. Throws StorageFormatError. */
export function readIndexFile(bytes: Uint8Array, baseOffset: number): { entries: IndexPoint[]; tornBytes: number } {
  const file = decodeIndexFile(bytes, { expected_base_offset: BigInt(baseOffset) });
  return {
    entries: file.entries.map((e) => ({ offset: Number(e.offset), position: Number(e.position) })),
    tornBytes: file.torn_bytes,
  };
}

/** Byte position in an index file of entry number `n`. */
export function indexEntryPosition(n: number): number {
  return INDEX_HEADER_SIZE + n * INDEX_ENTRY_SIZE;
}

export function segmentName(id: number): string {
  return segmentFileName(BigInt(id));
}

export function indexName(id: number): string {
  return indexFileName(BigInt(id));
}

/** The segment number and file kind a directory entry's name gives, or undefined for another file. */
export function parseFileName(name: string): { id: number; kind: 'segment' | 'index' } | undefined {
  const parsed = parseStorageFileName(name);
  if (!parsed || parsed.id > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { id: Number(parsed.id), kind: parsed.kind };
}

/** What the spec says recovery does with a format error at the end of the newest segment. */
export function recoveryClassOf(err: StorageFormatError): RecoveryClass {
  return err.recovery;
}

/**
 * A format error as a StorageError naming the site. The codec's position is relative to the
 * bytes it was given (a window of the file), so the site carries the file position instead.
 */
/** The detail of a codec error, without the field, position and code its own fields carry. */
export function formatErrorDetail(err: { code: string; message: string }): string {
  // The codec's message is `<field>[ at byte <n>]: <detail> (<code>)`.
  return err.message.slice(err.message.indexOf(': ') + 2).replace(` (${err.code})`, '');
}

export function corruptionError(err: StorageFormatError, site: StorageErrorSite): StorageError {
  return new StorageError(err.code, `${err.field}: ${formatErrorDetail(err)}`, {
    ...site,
    field: err.field,
    cause: err,
  });
}
