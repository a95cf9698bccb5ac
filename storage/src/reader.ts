// Reads committed records from an offset in pages bounded by a record count and a byte count,
// across segments. A page starts at the sparse index entry at or before its offset, so finding
// the offset costs at most one index interval of reading however old it is, and the bytes held
// at once are one read window (or one record, when a record is larger) plus the page itself.
import { ioError, StorageError } from './errors.js';
import type { StorageFile } from './file-ops.js';
import { corruptionError, FORMAT, type LogRecord } from './format.js';
import { RecordCursor } from './record-cursor.js';
import type { Segment } from './segment.js';
import type { ShardState } from './shard-state.js';

export interface ReadLimits {
  /** Most records in the page. */
  maxRecords: number;
  /** Most payload bytes in the page; a single record larger than this still comes alone, so it can be read at all. */
  maxBytes: number;
}

export interface ReadPage {
  records: LogRecord[];
  /** Where the next page starts: one past the last record returned (`from` when none was). */
  nextOffset: number;
}

export async function readPage(state: ShardState, from: number, limits: ReadLimits): Promise<ReadPage> {
  const { options } = state;
  if (!Number.isSafeInteger(from) || from < 0)
    throw new StorageError('invalid_argument', `a read offset must be a non-negative integer, got ${from}`);
  if (!(limits.maxRecords >= 1) || !(limits.maxBytes >= 0))
    throw new StorageError('invalid_argument', 'a read needs maxRecords >= 1 and maxBytes >= 0');
  const earliest = state.earliestOffset;
  if (from < earliest)
    throw new StorageError('offset_too_old', `offset ${from} is before the earliest kept, ${earliest}`, {
      shard: options.shard,
    });

  const records: LogRecord[] = [];
  let bytes = 0;
  let offset = from;
  // The segments as they are now: retention may drop the head meanwhile, and the files stay
  // readable through a descriptor opened before their deletion.
  const segments = state.segments.slice(state.segmentFor(from));
  for (const segment of segments) {
    if (records.length >= limits.maxRecords) break;
    // Both read together, so they describe the same committed records.
    const end = segment.size;
    const segmentNext = segment.nextOffset;
    if (offset >= segmentNext) continue;
    const full = await readSegment(state, segment, offset, end, limits, records, bytes);
    bytes = full.bytes;
    offset = full.offset;
    if (full.pageFull) break;
  }
  return { records, nextOffset: offset };
}

async function readSegment(
  state: ShardState,
  segment: Segment,
  from: number,
  end: number,
  limits: ReadLimits,
  records: LogRecord[],
  bytesSoFar: number,
): Promise<{ bytes: number; offset: number; pageFull: boolean }> {
  const { options } = state;
  const site = { shard: options.shard, segment: segment.id, path: segment.path };
  const start = segment.index.seek(from) ?? { offset: segment.baseOffset, position: FORMAT.segmentHeaderBytes };
  let file: StorageFile;
  try {
    file = await options.fileOps.open(segment.path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !state.segments.includes(segment))
      throw new StorageError('offset_too_old', `offset ${from} was deleted by retention while being read`, site);
    throw ioError('open', err, site);
  }
  let bytes = bytesSoFar;
  let offset = from;
  // A window about one page long (and the stretch before `from` the index cannot skip), so a
  // small page does not read a large window it mostly throws away.
  const window = Math.min(options.readWindowBytes, Math.max(4096, limits.maxBytes + options.indexSpacingBytes));
  const cursor = new RecordCursor(file, start.position, end, start.offset, window, site);
  try {
    for (;;) {
      const step = cursor.nextInWindow() ?? (await cursor.next());
      if (step.kind === 'end') return { bytes, offset, pageFull: false };
      if (step.kind === 'bad') throw corruptionError(step.error, { ...site, position: step.position });
      const { record } = step;
      if (record.offset < from) continue;
      if (records.length > 0 && bytes + record.payload.length > limits.maxBytes)
        return { bytes, offset, pageFull: true };
      // A copy: the window is reused, and a page must not pin it.
      records.push({ offset: record.offset, timestampMicros: record.timestampMicros, payload: record.payload.slice() });
      bytes += record.payload.length;
      offset = record.offset + 1;
      if (records.length >= limits.maxRecords) return { bytes, offset, pageFull: true };
    }
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw ioError('read', err, site);
  } finally {
    await file.close().catch(() => {});
  }
}
