// Reads a run of a stream's records for a consumer group: from the in-memory log when it still
// holds them (synchronously, views of its slabs), else from the durable log on disk one bounded
// page at a time. Records retention has dropped are reported as lost up to where the stream
// goes on, so the group can move its cursor past them.
import { isStorageError } from '@felix/storage';
import type { Topic } from '../core/topic.js';
import type { DiskLog } from '../protocol/subscription.js';

export type ReadRun =
  /** Records from the run's base, in offset order (at least one, possibly fewer than asked). */
  | { payloads: Uint8Array[]; lostUpTo?: undefined }
  /** The run's first record is gone: nothing is left below `lostUpTo`. */
  | { lostUpTo: number; payloads?: undefined };

export interface RecordSource {
  readonly topic: Topic;
  readonly disk: DiskLog | undefined;
}

/** The oldest offset the stream still serves: its log on disk's when it has one. */
export function earliestOffset(source: RecordSource): number {
  const { log } = source.topic;
  return source.disk ? Math.min(source.disk.earliest, log.tail) : log.earliest;
}

/**
 * Up to `count` records from `from` (which is below the tail), at most `maxBytes` of payload
 * (a single larger record still comes alone). A promise only when the disk must be read.
 */
export function readRun(
  source: RecordSource,
  from: number,
  count: number,
  maxBytes: number,
): ReadRun | Promise<ReadRun> {
  const { log } = source.topic;
  if (from >= log.earliest) {
    const { payloads } = log.read(from, count, maxBytes);
    return { payloads };
  }
  const { disk } = source;
  if (!disk) return { lostUpTo: log.earliest };
  return readDisk(source, disk, from, count, maxBytes);
}

async function readDisk(
  source: RecordSource,
  disk: DiskLog,
  from: number,
  count: number,
  maxBytes: number,
): Promise<ReadRun> {
  const { log } = source.topic;
  // Memory may hold the rest of the run: the page need not reach past it.
  const want = Math.max(1, Math.min(count, log.earliest - from));
  let records: { offset: number; payload: Uint8Array }[];
  try {
    ({ records } = await disk.read(from, want, maxBytes));
  } catch (err) {
    if (!isStorageError(err) || err.code !== 'offset_too_old') throw err;
    return { lostUpTo: Math.max(from + 1, earliestOffset(source)) };
  }
  if (records.length === 0 || records[0].offset !== from)
    return { lostUpTo: records[0]?.offset ?? Math.max(from + 1, earliestOffset(source)) };
  const payloads: Uint8Array[] = [];
  for (const r of records) {
    if (r.offset !== from + payloads.length) break;
    payloads.push(r.payload);
  }
  return { payloads };
}
