// Opening a shard's directory after a stop or a crash, with upstream's rules:
// - every record of every segment is verified (checksums, offsets), and each segment must start
//   where the one before it ended;
// - only an unfinished write at the end of the newest segment (a record cut short whose header
//   verified, the spec's recovery class `repair`) is truncated automatically;
// - any other problem stops the open with a StorageError naming shard, segment and byte
//   position, unless the operator asked for repair: then the log is cut at its first bad record
//   and every later segment deleted, and the report says what went;
// - segment header damage is never repaired;
// - index files are never trusted: each is compared with the index rebuilt from its segment's
//   records and rewritten when it differs.
import { join } from 'node:path';
import { ioError, StorageError, type StorageErrorCode } from './errors.js';
import { type FileOps, readFully } from './file-ops.js';
import {
  corruptionError,
  FORMAT,
  type FormatErrorCode,
  isStorageFormatError,
  readSegmentHeader,
  StorageFormatError,
  unsafeTimestamp,
} from './format.js';
import { type IndexRebuildReason, reconcileIndexFile } from './index-file.js';
import type { ResolvedOptions } from './options.js';
import { RunAhead } from './run-ahead.js';
import { ScanPool } from './scan-pool.js';
import { deleteSegmentFiles, type Segment, segmentPaths, truncateSegmentFile } from './segment.js';
import { type ScanJob, type ScanOutcome, scanRecords } from './segment-scan.js';
import { listShardFiles } from './shard-files.js';
import { SparseIndex } from './sparse-index.js';

/** A segment cut short at open. */
export interface Truncation {
  segment: number;
  path: string;
  /** Where the segment now ends: the first bad record's position. */
  position: number;
  /** What was wrong there. */
  code: StorageErrorCode;
  /** True for an unfinished write at the end of the newest segment; false for an explicit repair. */
  automatic: boolean;
  droppedBytes: number;
  /** The offset the first dropped record should have carried; later offsets went with it. */
  firstDroppedOffset: number;
}

export interface RecoveryReport {
  durationMs: number;
  segments: number;
  records: number;
  /** Bytes of the segments kept, headers included. */
  bytes: number;
  truncations: Truncation[];
  /** Whole segments an explicit repair deleted, because they came after the cut. */
  droppedSegments: { segment: number; path: string; bytes: number; code: StorageErrorCode }[];
  rebuiltIndexes: { segment: number; reason: IndexRebuildReason }[];
  /** Files deleted because they belong to no segment: unfinished temporary files, orphan indexes. */
  removedFiles: string[];
}

interface ScannedSegment {
  segment: Segment;
  records: number;
  fileBytes: number;
  /** The first bad record, when the segment has one. */
  bad?: { error: StorageError; position: number; recovery: string };
}

/** Segments smaller than this are scanned in the opening thread: a worker's round trip costs more. */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;

/** Reads and verifies one segment; header damage throws, a bad record is returned. */
async function scanSegment(options: ResolvedOptions, id: number, pool: ScanPool | undefined): Promise<ScannedSegment> {
  const { fileOps: ops, dir, shard } = options;
  const { path, indexPath } = segmentPaths(dir, id);
  const site = { shard, segment: id, path };
  let file: Awaited<ReturnType<FileOps['open']>>;
  try {
    file = await ops.open(path, 'r');
  } catch (err) {
    throw ioError('open', err, site);
  }
  try {
    const fileBytes = await file.size();
    let header: ReturnType<typeof readSegmentHeader>;
    try {
      header = readSegmentHeader(await readFully(file, FORMAT.segmentHeaderBytes, 0), { ...site, position: 0 });
    } catch (err) {
      if (isStorageFormatError(err)) throw corruptionError(err, { ...site, position: 0 });
      throw err;
    }
    const job: ScanJob = {
      path,
      from: FORMAT.segmentHeaderBytes,
      fileEnd: fileBytes,
      firstOffset: header.baseOffset,
      windowBytes: options.readWindowBytes,
      indexSpacingBytes: options.indexSpacingBytes,
    };
    let outcome: ScanOutcome;
    // A segment goes to a worker that is free; when none is, this thread scans it itself.
    if (pool?.idle && fileBytes >= WORKER_MIN_BYTES) {
      const reply = await pool.scan(job);
      if ('failed' in reply)
        throw new StorageError('io_failed', `read failed: ${reply.failed}`, {
          ...site,
          operation: 'read',
          errno: reply.errno,
        });
      outcome = reply.outcome;
    } else {
      outcome = await scanRecords(file, job);
    }
    if (outcome.unsafeTimestamp) {
      const { micros, position } = outcome.unsafeTimestamp;
      throw unsafeTimestamp(micros, { ...site, position });
    }
    const segment: Segment = {
      id,
      baseOffset: header.baseOffset,
      createdAtMicros: header.createdAtMicros,
      path,
      indexPath,
      size: outcome.position,
      nextOffset: outcome.nextOffset,
      newestTimestampMicros: outcome.newestTimestampMicros,
      index: SparseIndex.restore(options.indexSpacingBytes, outcome.index),
    };
    const { records } = outcome;
    if (!outcome.bad) return { segment, records, fileBytes };
    const { code, field, position, detail } = outcome.bad;
    const formatError = new StorageFormatError(code as FormatErrorCode, field, position, detail);
    const error = corruptionError(formatError, { ...site, position });
    return { segment, records, fileBytes, bad: { error, position, recovery: formatError.recovery } };
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw ioError('read', err, site);
  } finally {
    await file.close().catch(() => {});
  }
}

/** The shard's segment numbers in order, after removing files that belong to no segment. */
async function listSegments(options: ResolvedOptions, report: RecoveryReport): Promise<number[]> {
  const { fileOps: ops, dir, shard } = options;
  try {
    await ops.mkdir(dir);
  } catch (err) {
    throw ioError('list', err, { shard, path: dir });
  }
  const { segments, leftovers } = await listShardFiles(ops, dir, shard);
  for (const name of leftovers) {
    try {
      await ops.unlink(join(dir, name));
    } catch (err) {
      throw ioError('delete_segment', err, { shard, path: join(dir, name) });
    }
    report.removedFiles.push(name);
  }
  return segments;
}

/** Verifies the shard's segments, repairs what the rules allow, and returns the segments kept. */
export async function recoverShard(options: ResolvedOptions): Promise<{ segments: Segment[]; report: RecoveryReport }> {
  const started = performance.now();
  const { fileOps: ops, dir, shard } = options;
  const report: RecoveryReport = {
    durationMs: 0,
    segments: 0,
    records: 0,
    bytes: 0,
    truncations: [],
    droppedSegments: [],
    rebuiltIndexes: [],
    removedFiles: [],
  };
  const ids = await listSegments(options, report);
  const kept: Segment[] = [];
  let cutAt = ids.length;
  let cutCode: StorageErrorCode = 'truncated';

  const pool = ScanPool.create(options.recoveryThreads);
  // Scans run ahead of the checks below, as many at once as there are threads to run them.
  const scans = new RunAhead(ids, pool ? pool.threads + 1 : 1, (id) => scanSegment(options, id, pool));
  try {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const newest = i === ids.length - 1;
      const scanned = await scans.result(i);
      const { segment } = scanned;
      const previous = kept[kept.length - 1];
      if (previous && segment.baseOffset !== previous.nextOffset) {
        const gap = new StorageError(
          'segment_gap',
          `starts at offset ${segment.baseOffset}, but the segment before it ends at ${previous.nextOffset}`,
          { shard, segment: id, path: segment.path, position: 0 },
        );
        if (!options.repair) throw gap;
        cutAt = i;
        cutCode = 'segment_gap';
        break;
      }
      if (scanned.bad) {
        const automatic = newest && scanned.bad.recovery === 'repair';
        if (!automatic && !options.repair) throw scanned.bad.error;
        try {
          await truncateSegmentFile(ops, segment.path, scanned.bad.position);
        } catch (err) {
          throw ioError('truncate', err, { shard, segment: id, path: segment.path, position: scanned.bad.position });
        }
        report.truncations.push({
          segment: id,
          path: segment.path,
          position: scanned.bad.position,
          code: scanned.bad.error.code,
          automatic,
          droppedBytes: scanned.fileBytes - scanned.bad.position,
          firstDroppedOffset: segment.nextOffset,
        });
        kept.push(segment);
        report.records += scanned.records;
        cutAt = i + 1;
        cutCode = scanned.bad.error.code;
        break;
      }
      kept.push(segment);
      report.records += scanned.records;
    }
  } finally {
    // Nothing may still read a segment the steps below truncate or delete.
    await scans.stop();
    await pool?.close();
  }

  for (const id of ids.slice(cutAt)) {
    const paths = segmentPaths(dir, id);
    const bytes = await segmentFileBytes(ops, paths.path);
    try {
      await deleteSegmentFiles(ops, paths);
    } catch (err) {
      throw ioError('delete_segment', err, { shard, segment: id, path: paths.path });
    }
    report.droppedSegments.push({ segment: id, path: paths.path, bytes, code: cutCode });
  }
  if (cutAt < ids.length) await syncDirectory(options);

  for (const segment of kept) {
    let reason: IndexRebuildReason | undefined;
    try {
      reason = await reconcileIndexFile(ops, dir, segment.indexPath, segment.baseOffset, segment.index.entries());
    } catch (err) {
      throw ioError('write_index', err, { shard, segment: segment.id, path: segment.indexPath });
    }
    if (reason) report.rebuiltIndexes.push({ segment: segment.id, reason });
  }

  report.segments = kept.length;
  report.bytes = kept.reduce((n, s) => n + s.size, 0);
  report.durationMs = performance.now() - started;
  return { segments: kept, report };
}

async function segmentFileBytes(ops: FileOps, path: string): Promise<number> {
  try {
    const file = await ops.open(path, 'r');
    try {
      return await file.size();
    } finally {
      await file.close();
    }
  } catch {
    return 0;
  }
}

async function syncDirectory(options: ResolvedOptions): Promise<void> {
  try {
    await options.fileOps.syncDirectory(options.dir);
  } catch (err) {
    throw ioError('delete_segment', err, { shard: options.shard, path: options.dir });
  }
}
