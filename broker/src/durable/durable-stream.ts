// A durable stream: its records in a segment log on disk (the source of every replay), its epoch
// beside them, and a hook through which each append, once its fsync mode's guarantee holds, is
// handed to live fanout — in offset order, before whoever appended hears of it. Fanout keeps the
// recent tail in memory (the stream's StreamLog) for live subscribers; nothing reaches them, and
// nothing is acknowledged, that the log has not committed.
import {
  type AppendResult,
  isStorageError,
  type LogStats,
  type ReadPage,
  SegmentLog,
  type StorageError,
  type StorageObserver,
  shardDirectory,
} from '@felix/storage';
import { durableEpoch } from './epoch-file.js';
import type { DurableLogOptions } from './log-settings.js';

export interface StreamKey {
  tenant: string;
  namespace: string;
  stream: string;
}

export class DurableStream {
  /** Called once per committed append, in offset order, before the append's promise settles. */
  onCommit: (payloads: readonly Uint8Array[], firstOffset: number) => void = () => {};
  /** Called with the error when appends start failing, and with undefined once one succeeds again. */
  onHealth: (failure: StorageError | undefined) => void = () => {};
  private failing: StorageError | undefined;

  private constructor(
    readonly key: StreamKey,
    readonly dir: string,
    readonly log: SegmentLog,
    /** The incarnation of the log its offsets count in; kept across restarts. */
    readonly epoch: number,
  ) {}

  /**
   * Opens (creating when missing) the stream's log under `root` with recovery: throws the
   * storage engine's StorageError, naming shard, segment and byte, on damage it may not repair.
   */
  static async open(
    root: string,
    key: StreamKey,
    options: DurableLogOptions & { observer?: StorageObserver },
  ): Promise<DurableStream> {
    const dir = shardDirectory(root, { ...key, shard: 0 });
    const log = await SegmentLog.open({ ...options, dir });
    try {
      const { truncations, droppedSegments } = log.recovery;
      // Only an explicit repair drops records that may have been acknowledged and delivered.
      const cut = droppedSegments.length > 0 || truncations.some((t) => !t.automatic);
      return new DurableStream(key, dir, log, await durableEpoch(dir, cut));
    } catch (err) {
      await log.close().catch(() => {});
      throw err;
    }
  }

  /** For people: tenant/namespace/stream. */
  get name(): string {
    return `${this.key.tenant}/${this.key.namespace}/${this.key.stream}`;
  }

  /** Offset of the oldest record on disk (the next offset when the log is empty). */
  get earliest(): number {
    return this.log.earliestOffset;
  }

  /** The offset the next committed record gets. */
  get nextOffset(): number {
    return this.log.nextOffset;
  }

  /**
   * Appends the payloads as one contiguous run of offsets. Resolves once the fsync mode's
   * guarantee holds and fanout has them; rejects with a StorageError (nothing appended, no
   * offset consumed) when the write or its fsync failed.
   */
  append(payloads: Iterable<Uint8Array>): Promise<AppendResult> {
    const list = Array.isArray(payloads) ? (payloads as Uint8Array[]) : Array.from(payloads);
    // The hook is chained to the log's own promise, so appends resolving in offset order reach
    // fanout in that order whatever their callers do meanwhile.
    return this.log.append(list).then(
      (result) => {
        this.health(undefined);
        this.onCommit(list, result.firstOffset);
        return result;
      },
      (err) => {
        if (isStorageError(err) && err.code !== 'closed') this.health(err);
        throw err;
      },
    );
  }

  /** Tells onHealth when appends start failing and when they succeed again (not per append). */
  private health(failure: StorageError | undefined): void {
    if ((failure === undefined) === (this.failing === undefined)) return;
    this.failing = failure;
    this.onHealth(failure);
  }

  /** One bounded page of committed records from `from`; throws `offset_too_old` behind retention. */
  read(from: number, maxRecords: number, maxBytes: number): Promise<ReadPage> {
    return this.log.read(from, { maxRecords, maxBytes });
  }

  stats(): LogStats {
    return this.log.stats();
  }

  /** Finishes queued appends, syncs what is written (unless fsync is none) and closes. */
  close(): Promise<void> {
    return this.log.close();
  }
}
