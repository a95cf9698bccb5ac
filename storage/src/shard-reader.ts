// Reading a shard's records from an offset without opening the log: no recovery, no repair, no
// file opened for writing, so it can look at the directory of a broker that is running or one
// that refuses to start. Records come one at a time through a bounded read window, and the start
// is found through the segment's index when its entry checks out against the records (an index
// is never trusted), else by reading the segment from its first record.
import { basename } from 'node:path';
import { ioError, StorageError, type StorageErrorSite } from './errors.js';
import { type FileOps, nodeFileOps, readFully, readWholeFile, type StorageFile } from './file-ops.js';
import {
  corruptionError,
  FORMAT,
  type IndexPoint,
  isStorageFormatError,
  type LogRecord,
  readIndexFile,
  readSegmentHeader,
} from './format.js';
import { DEFAULT_READ_WINDOW_BYTES } from './options.js';
import { RecordCursor } from './record-cursor.js';
import { segmentPaths } from './segment.js';
import { listShardFiles } from './shard-files.js';

export interface ShardRecord extends LogRecord {
  segment: number;
  path: string;
  /** Byte position of the record in its segment file. */
  position: number;
  /** Bytes the record takes in the file, its 28-byte header included. */
  size: number;
}

export interface ShardReadOptions {
  /** The first offset wanted; records before it are skipped (default 0: from the oldest kept). */
  from?: number;
  shard?: string;
  readWindowBytes?: number;
  fileOps?: FileOps;
}

interface SegmentStart {
  id: number;
  path: string;
  indexPath: string;
  baseOffset: number;
}

/**
 * The shard's records with offsets from `options.from` on, oldest first. A record's payload is
 * a view into the read window, valid until the next one is asked for. Damage ends the iteration
 * with the StorageError that names its site (the records before it have been yielded).
 */
export async function* readShardRecords(dir: string, options: ShardReadOptions = {}): AsyncGenerator<ShardRecord> {
  const ops = options.fileOps ?? nodeFileOps;
  const shard = options.shard ?? basename(dir);
  const from = options.from ?? 0;
  if (!Number.isSafeInteger(from) || from < 0)
    throw new StorageError('invalid_argument', `a read offset must be a non-negative integer, got ${from}`);
  const windowBytes = options.readWindowBytes ?? DEFAULT_READ_WINDOW_BYTES;
  const { segments: ids } = await listShardFiles(ops, dir, shard);
  const segments: SegmentStart[] = [];
  for (const id of ids) {
    const paths = segmentPaths(dir, id);
    segments.push({
      id,
      ...paths,
      baseOffset: await baseOffsetOf(ops, paths.path, { shard, segment: id, path: paths.path }),
    });
  }
  // The last segment starting at or before `from` holds it, if any does.
  let first = 0;
  for (let i = 0; i < segments.length; i++) if (segments[i].baseOffset <= from) first = i;

  let expected: number | undefined;
  for (const segment of segments.slice(first)) {
    const site = { shard, segment: segment.id, path: segment.path };
    if (expected !== undefined && segment.baseOffset !== expected)
      throw new StorageError(
        'segment_gap',
        `starts at offset ${segment.baseOffset}, but the segment before it ends at ${expected}`,
        { ...site, position: 0 },
      );
    const start = expected === undefined ? await indexedStart(ops, segment, from) : undefined;
    const file = await open(ops, segment.path, site);
    try {
      const cursor = await cursorAt(file, segment, start, windowBytes, site);
      for (;;) {
        const step = cursor.nextInWindow() ?? (await cursor.next());
        if (step.kind === 'end') break;
        if (step.kind === 'bad') throw corruptionError(step.error, { ...site, position: step.position });
        if (step.record.offset < from) continue;
        // Fields named one by one: a spread of the record here costs more than reading it.
        const { record } = step;
        yield {
          offset: record.offset,
          timestampMicros: record.timestampMicros,
          payload: record.payload,
          segment: segment.id,
          path: segment.path,
          position: step.position,
          size: step.size,
        };
      }
      expected = cursor.nextOffset;
    } catch (err) {
      throw ioError('read', err, site);
    } finally {
      await file.close().catch(() => {});
    }
  }
}

async function open(ops: FileOps, path: string, site: StorageErrorSite): Promise<StorageFile> {
  try {
    return await ops.open(path, 'r');
  } catch (err) {
    throw ioError('open', err, site);
  }
}

async function baseOffsetOf(ops: FileOps, path: string, site: StorageErrorSite): Promise<number> {
  const file = await open(ops, path, site);
  try {
    return readSegmentHeader(await readFully(file, FORMAT.segmentHeaderBytes, 0), { ...site, position: 0 }).baseOffset;
  } catch (err) {
    if (isStorageFormatError(err)) throw corruptionError(err, { ...site, position: 0 });
    throw ioError('read', err, site);
  } finally {
    await file.close().catch(() => {});
  }
}

/** The index entry at or before `from`, when the segment's index decodes; undefined otherwise. */
async function indexedStart(ops: FileOps, segment: SegmentStart, from: number): Promise<IndexPoint | undefined> {
  let entries: IndexPoint[];
  try {
    const bytes = await readWholeFile(ops, segment.indexPath);
    if (!bytes) return undefined;
    entries = readIndexFile(bytes, segment.baseOffset).entries;
  } catch {
    // An index that cannot be read or decoded only costs a longer scan.
    return undefined;
  }
  let found: IndexPoint | undefined;
  for (const entry of entries) {
    if (entry.offset > from) break;
    found = entry;
  }
  return found;
}

/**
 * A cursor at the index entry, once the record there proves to carry the entry's offset, else at
 * the segment's first record.
 */
async function cursorAt(
  file: StorageFile,
  segment: SegmentStart,
  entry: IndexPoint | undefined,
  windowBytes: number,
  site: StorageErrorSite,
): Promise<RecordCursor> {
  const end = await file.size();
  if (entry && entry.position < end) {
    const cursor = new RecordCursor(file, entry.position, end, entry.offset, windowBytes, site);
    const check = cursor.nextInWindow() ?? (await cursor.next());
    if (check.kind === 'record') {
      // Back to the record just checked, which the window still holds.
      cursor.position = entry.position;
      cursor.nextOffset = entry.offset;
      return cursor;
    }
  }
  return new RecordCursor(file, FORMAT.segmentHeaderBytes, end, segment.baseOffset, windowBytes, site);
}
