// One durable log (a stream shard's directory of segments): opened with recovery, appended to,
// read in pages, trimmed by retention, and described by numbers the broker turns into metrics.
import { join } from 'node:path';
import { type ShardKey, shardDirectoryName } from '@felix/generated/storage';
import { StorageError } from './errors.js';
import { type LogOptions, resolveOptions } from './options.js';
import { type ReadLimits, type ReadPage, readPage } from './reader.js';
import { type RecoveryReport, recoverShard } from './recovery.js';
import { applyRetention } from './retention.js';
import { createSegment } from './segment.js';
import { ShardState } from './shard-state.js';
import { type AppendResult, SegmentWriter } from './writer.js';

export interface LogStats {
  segments: number;
  /** Bytes of all segment files, headers included. */
  bytes: number;
  /** Offset of the oldest record kept (the next offset when the log is empty). */
  earliestOffset: number;
  nextOffset: number;
  appends: number;
  records: number;
  fsyncs: number;
  fsyncFailures: number;
  fsyncTotalMs: number;
  fsyncMaxMs: number;
  writeFailures: number;
  segmentsDeleted: number;
  /** How long the open's recovery took. */
  recoveryMs: number;
}

/** The directory of a stream shard under a data directory, named as the storage spec says. */
export function shardDirectory(root: string, key: ShardKey): string {
  return join(root, shardDirectoryName(key));
}

export class SegmentLog {
  private closing: Promise<void> | undefined;
  private retentionRun: Promise<number> = Promise.resolve(0);
  private readonly retentionTimer: ReturnType<typeof setInterval> | undefined;

  private constructor(
    private readonly state: ShardState,
    private readonly writer: SegmentWriter,
    /** What the open found and did. */
    readonly recovery: RecoveryReport,
  ) {
    const { retention } = state.options;
    if (retention.maxAgeMs !== undefined) {
      this.retentionTimer = setInterval(() => void this.enforceRetention(), retention.checkIntervalMs);
      this.retentionTimer.unref?.();
    }
  }

  /**
   * Opens (creating when missing) the log in `options.dir`: verifies every segment, repairs what
   * the recovery rules allow and refuses the rest with a StorageError naming shard, segment and
   * byte position.
   */
  static async open(options: LogOptions): Promise<SegmentLog> {
    const resolved = resolveOptions(options);
    const { segments, report } = await recoverShard(resolved);
    const fresh = segments.length === 0;
    if (fresh) {
      const { segment, file } = await createSegment(
        resolved.fileOps,
        resolved.dir,
        0,
        resolved.firstOffset,
        resolved.nowMicros(),
        resolved.indexSpacingBytes,
        resolved.shard,
      );
      await file.close();
      segments.push(segment);
    }
    const state = new ShardState(resolved, segments);
    let log: SegmentLog | undefined;
    const writer = await SegmentWriter.open(state, fresh, async () => {
      // Retention reports its own failures; nothing it does may fail the appends that sealed.
      await log?.enforceRetention().catch((err) => resolved.observer.backgroundError?.(err));
    });
    log = new SegmentLog(state, writer, report);
    await log.enforceRetention();
    return log;
  }

  /**
   * Appends one record, or several that land contiguously in one segment. Resolves once the
   * fsync mode's guarantee holds; rejects with a StorageError (and consumes no offset) when the
   * write or its fsync fails.
   */
  append(
    payload: Uint8Array | readonly Uint8Array[],
    options: { timestampMicros?: number } = {},
  ): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new StorageError('closed', 'the log is closed', { shard: this.shard }));
    const payloads = payload instanceof Uint8Array ? [payload] : payload;
    const timestampMicros = options.timestampMicros ?? this.state.options.nowMicros();
    if (!Number.isSafeInteger(timestampMicros) || timestampMicros < 0)
      return Promise.reject(
        new StorageError(
          'invalid_argument',
          `a timestamp must be a non-negative integer of microseconds, got ${timestampMicros}`,
        ),
      );
    if (!payloads.every((p) => p instanceof Uint8Array))
      return Promise.reject(new StorageError('invalid_argument', 'a payload must be a Uint8Array'));
    return this.writer.append(payloads, timestampMicros);
  }

  /** Committed records from `from` on, one bounded page. Throws `offset_too_old` below the earliest offset. */
  read(from: number, limits: ReadLimits): Promise<ReadPage> {
    if (this.closing) return Promise.reject(new StorageError('closed', 'the log is closed', { shard: this.shard }));
    return readPage(this.state, from, limits);
  }

  get shard(): string {
    return this.state.options.shard;
  }

  get earliestOffset(): number {
    return this.state.earliestOffset;
  }

  get nextOffset(): number {
    return this.state.nextOffset;
  }

  /** Deletes the sealed head segments retention no longer keeps; resolves with how many went. */
  enforceRetention(): Promise<number> {
    const run = this.retentionRun.then(() => applyRetention(this.state));
    this.retentionRun = run.catch(() => 0);
    return run;
  }

  stats(): LogStats {
    const { state } = this;
    return {
      segments: state.segments.length,
      bytes: state.bytes,
      earliestOffset: state.earliestOffset,
      nextOffset: state.nextOffset,
      ...state.counters,
      recoveryMs: this.recovery.durationMs,
    };
  }

  /** Finishes queued appends, syncs (unless the mode is `none`) and closes the files. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.retentionTimer) clearInterval(this.retentionTimer);
      await this.writer.close();
      await this.retentionRun;
    })();
    return this.closing;
  }
}
