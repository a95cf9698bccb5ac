// The settings of a log, their defaults (upstream's where upstream has one) and the checks that
// refuse a setting the engine cannot honour before anything touches the disk.
import { StorageError } from './errors.js';
import { type FileOps, nodeFileOps } from './file-ops.js';
import { FORMAT } from './format.js';
import { defaultScanThreads } from './scan-pool.js';

/**
 * When an append counts as done:
 * - `none`: once written to the operating system; never fsynced (a power loss may lose any of it);
 * - `periodic`: once written to the operating system; fsynced every `intervalMs`, so a power
 *   loss loses at most about that much;
 * - `on_commit`: once fsynced. Appends that wait together share one fsync (group commit).
 */
export type FsyncPolicy = { mode: 'none' } | { mode: 'periodic'; intervalMs: number } | { mode: 'on_commit' };

export interface RetentionPolicy {
  /** Delete sealed segments from the head while the log holds more than this many bytes. */
  maxBytes?: number;
  /** Delete sealed segments whose newest record is older than this. */
  maxAgeMs?: number;
  /** How often age is checked (retention by size is also checked whenever a segment seals). */
  checkIntervalMs?: number;
}

export interface StorageObserver {
  /** Each fsync of a segment's data, with its duration (milliseconds), whether or not it failed. */
  fsync?(durationMs: number, failed: boolean): void;
  /** A failure no append is waiting for: a periodic fsync, a retention delete, an index write. */
  backgroundError?(error: StorageError): void;
}

export interface LogOptions {
  /** The shard's directory; created when missing. */
  dir: string;
  /** Name of the shard in errors and reports (default: the directory's name). */
  shard?: string;
  fsync?: FsyncPolicy;
  /** A segment seals and a new one starts once a batch would take it past this many bytes. */
  segmentBytes?: number;
  /** Bytes of records between sparse index entries. */
  indexSpacingBytes?: number;
  retention?: RetentionPolicy;
  /**
   * Explicit repair: at open, truncate the log at its first bad record (anywhere, not only at
   * the end of the newest segment) and delete every later segment, instead of refusing to open.
   * The recovery report says what was dropped. Segment header damage is never repaired.
   */
  repair?: boolean;
  /** Offset of the first record of a log that has no segment yet. */
  firstOffset?: number;
  /** Largest buffer a read or a recovery scan reads at once (a single larger record still fits). */
  readWindowBytes?: number;
  /**
   * Worker threads that check segments at open beside the opening thread (default: one per
   * further core, at most 3; 0 checks every segment in the opening thread).
   */
  recoveryThreads?: number;
  /** Clock in microseconds since the Unix epoch (record timestamps, segment creation, age). */
  nowMicros?: () => number;
  fileOps?: FileOps;
  observer?: StorageObserver;
}

export interface ResolvedOptions {
  dir: string;
  shard: string;
  fsync: FsyncPolicy;
  segmentBytes: number;
  indexSpacingBytes: number;
  retention: Required<Pick<RetentionPolicy, 'checkIntervalMs'>> & Omit<RetentionPolicy, 'checkIntervalMs'>;
  repair: boolean;
  firstOffset: number;
  readWindowBytes: number;
  recoveryThreads: number;
  nowMicros: () => number;
  fileOps: FileOps;
  observer: StorageObserver;
}

export const DEFAULT_PERIODIC_FSYNC_MS = 250;
export const DEFAULT_READ_WINDOW_BYTES = 1024 * 1024;
export const DEFAULT_RETENTION_CHECK_MS = 60_000;

function positiveInteger(name: string, value: number | undefined, fallback: number, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < min)
    throw new StorageError('invalid_argument', `${name} must be an integer of at least ${min}, got ${value}`);
  return v;
}

export function resolveOptions(options: LogOptions): ResolvedOptions {
  const fsync = options.fsync ?? { mode: 'periodic', intervalMs: DEFAULT_PERIODIC_FSYNC_MS };
  if (fsync.mode === 'periodic') positiveInteger('fsync.intervalMs', fsync.intervalMs, DEFAULT_PERIODIC_FSYNC_MS);
  else if (fsync.mode !== 'none' && fsync.mode !== 'on_commit')
    throw new StorageError('invalid_argument', `fsync.mode must be none, periodic or on_commit`);
  const retention = options.retention ?? {};
  if (retention.maxBytes !== undefined) positiveInteger('retention.maxBytes', retention.maxBytes, 0, 0);
  if (retention.maxAgeMs !== undefined) positiveInteger('retention.maxAgeMs', retention.maxAgeMs, 0, 0);
  const dir = options.dir;
  return {
    dir,
    shard: options.shard ?? dir.split(/[\\/]/).filter(Boolean).pop() ?? dir,
    fsync,
    segmentBytes: positiveInteger(
      'segmentBytes',
      options.segmentBytes,
      FORMAT.defaultSegmentBytes,
      FORMAT.segmentHeaderBytes + FORMAT.recordHeaderBytes,
    ),
    indexSpacingBytes: positiveInteger('indexSpacingBytes', options.indexSpacingBytes, FORMAT.defaultIndexSpacingBytes),
    retention: {
      ...retention,
      checkIntervalMs: positiveInteger(
        'retention.checkIntervalMs',
        retention.checkIntervalMs,
        DEFAULT_RETENTION_CHECK_MS,
      ),
    },
    repair: options.repair ?? false,
    firstOffset: positiveInteger('firstOffset', options.firstOffset, 0, 0),
    readWindowBytes: positiveInteger(
      'readWindowBytes',
      options.readWindowBytes,
      DEFAULT_READ_WINDOW_BYTES,
      FORMAT.recordHeaderBytes,
    ),
    recoveryThreads: positiveInteger('recoveryThreads', options.recoveryThreads, defaultScanThreads(), 0),
    nowMicros: options.nowMicros ?? (() => Date.now() * 1000),
    fileOps: options.fileOps ?? nodeFileOps,
    observer: options.observer ?? {},
  };
}
