// A cache that survives restarts: every put and delete is appended to a segment log (the same
// store durable streams use) before it is applied in memory and answered, and at start the log is
// replayed into the in-memory cache, skipping entries whose expiry passed meanwhile. The log only
// grows, so once it holds more superseded, deleted or expired records than live ones it is
// rewritten with the live ones alone (compaction): into a directory beside it, then swapped in
// by renames, so a crash at any step leaves one whole log to open.
import { rm, stat } from 'node:fs/promises';
import { RECORD_SIZE } from '@felix/generated/storage';
import { SegmentLog, type StorageObserver, shardDirectory } from '@felix/storage';
import { renameDurably } from './atomic-file.js';
import { type CacheOp, decodeCacheOp, encodeCacheOp } from './cache-record.js';
import type { DurableLogOptions } from './log-settings.js';

export interface CacheKey {
  tenant: string;
  namespace: string;
  cache: string;
}

/** Where a live entry's record is, and what it costs on disk. */
interface LiveRecord {
  offset: number;
  bytes: number;
  expiresAt: number;
}

export interface DurableCacheOptions extends DurableLogOptions {
  observer?: StorageObserver;
  /** No compaction below this many bytes of log, however much of it is garbage. */
  compactMinBytes?: number;
  now?: () => number;
  /** Called when a compaction fails (the cache goes on with its log as it was). */
  onCompactionError?: (err: unknown) => void;
}

export const DEFAULT_COMPACT_MIN_BYTES = 1024 * 1024;
/** Payload bytes a replay or a compaction reads at once. */
const PAGE_BYTES = 1024 * 1024;
const PAGE_RECORDS = 4096;
/** Payload bytes a compaction appends at once. */
const COPY_BATCH_BYTES = 1024 * 1024;

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Settles what a compaction interrupted by a crash left: one whole log in `dir` afterwards. */
async function finishInterruptedCompaction(dir: string): Promise<void> {
  const fresh = `${dir}.compact`;
  const old = `${dir}.old`;
  if (!(await exists(dir)) && (await exists(old))) {
    // The old log was moved aside only once the compacted one was complete and closed.
    await renameDurably((await exists(fresh)) ? fresh : old, dir);
  }
  await rm(fresh, { recursive: true, force: true });
  await rm(old, { recursive: true, force: true });
}

export class DurableCache {
  private readonly live = new Map<string, LiveRecord>();
  private liveBytes = 0;
  private compacting: Promise<void> | undefined;
  /** Appends not yet settled. */
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private readonly compactMinBytes: number;
  /** Compactions done, for tests and metrics. */
  compactions = 0;

  private constructor(
    readonly key: CacheKey,
    readonly dir: string,
    private log: SegmentLog,
    private readonly options: DurableCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.compactMinBytes = options.compactMinBytes ?? DEFAULT_COMPACT_MIN_BYTES;
  }

  /**
   * Opens the cache's log under `root` (recovering it as a stream's is recovered) and replays it
   * through `apply`, in the order the operations were made; expired entries are not replayed.
   */
  static async open(
    root: string,
    key: CacheKey,
    options: DurableCacheOptions,
    apply: (op: CacheOp) => void,
  ): Promise<DurableCache> {
    const dir = shardDirectory(root, { tenant: key.tenant, namespace: key.namespace, stream: key.cache, shard: 0 });
    await finishInterruptedCompaction(dir);
    const log = await SegmentLog.open({ ...DurableCache.logOptions(options), dir });
    const cache = new DurableCache(key, dir, log, options);
    try {
      await cache.replay(apply);
    } catch (err) {
      await log.close().catch(() => {});
      throw err;
    }
    cache.compactIfWasteful();
    await cache.compacting;
    return cache;
  }

  /** Retention would delete live entries with the segments that hold them: a cache has none. */
  private static logOptions(options: DurableCacheOptions) {
    const { compactMinBytes: _min, now: _now, onCompactionError: _onError, ...log } = options;
    return { ...log, retention: {} };
  }

  get name(): string {
    return `${this.key.tenant}/${this.key.namespace}/${this.key.cache}`;
  }

  /** Entries the log holds live (expired ones included until a compaction drops them). */
  get liveEntries(): number {
    return this.live.size;
  }

  get segmentLog(): SegmentLog {
    return this.log;
  }

  /**
   * Appends the operation; once its fsync mode's guarantee holds, `applied` runs (in log
   * order, so memory ends as the log says) and the promise resolves with what it returned.
   * Rejects with a StorageError, nothing applied, when the disk did not take it.
   */
  async write<T>(op: CacheOp, applied: () => T): Promise<T> {
    // Operations made during a compaction wait for it, all in the order they were made.
    while (this.compacting) await this.compacting;
    const payload = encodeCacheOp(op);
    const bytes = RECORD_SIZE + payload.length;
    const appended = this.log.append(payload);
    this.inflight.add(appended);
    const done = () => this.inflight.delete(appended);
    appended.then(done, done);
    return appended.then(({ firstOffset }) => {
      this.forget(op.key);
      if (op.op === 'put') this.remember(op.key, { offset: firstOffset, bytes, expiresAt: op.expiresAt });
      const result = applied();
      this.compactIfWasteful();
      return result;
    });
  }

  private remember(key: string, record: LiveRecord): void {
    this.live.set(key, record);
    this.liveBytes += record.bytes;
  }

  private forget(key: string): void {
    const old = this.live.get(key);
    if (!old) return;
    this.live.delete(key);
    this.liveBytes -= old.bytes;
  }

  private async replay(apply: (op: CacheOp) => void): Promise<void> {
    const now = this.now();
    let offset = this.log.earliestOffset;
    while (offset < this.log.nextOffset) {
      const page = await this.log.read(offset, { maxRecords: PAGE_RECORDS, maxBytes: PAGE_BYTES });
      if (page.records.length === 0) break;
      for (const record of page.records) {
        let op: CacheOp;
        try {
          op = decodeCacheOp(record.payload);
        } catch (err) {
          throw new Error(
            `durable cache ${this.name}: record ${record.offset} in ${this.dir} is not a cache operation (${(err as Error).message})`,
          );
        }
        this.forget(op.key);
        if (op.op === 'put' && op.expiresAt <= now) {
          // Dead already: whatever an earlier record put under the key is gone too.
          apply({ op: 'delete', key: op.key });
          continue;
        }
        if (op.op === 'put')
          this.remember(op.key, {
            offset: record.offset,
            bytes: RECORD_SIZE + record.payload.length,
            expiresAt: op.expiresAt,
          });
        apply(op);
      }
      offset = page.nextOffset;
    }
  }

  private compactIfWasteful(): void {
    if (this.compacting) return;
    const bytes = this.log.stats().bytes;
    if (bytes < this.compactMinBytes || bytes - this.liveBytes <= this.liveBytes) return;
    this.compacting = this.compact()
      .catch((err) => this.options.onCompactionError?.(err))
      .finally(() => {
        this.compacting = undefined;
      });
  }

  /** Rewrites the log with the live, unexpired entries alone and swaps it in. */
  private async compact(): Promise<void> {
    // Appends made before it started land first, so the copy below sees every one of them.
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
    const fresh = `${this.dir}.compact`;
    const old = `${this.dir}.old`;
    await rm(fresh, { recursive: true, force: true });
    const now = this.now();
    const logOptions = DurableCache.logOptions(this.options);
    // Synced per batch: the compacted log must be whole on disk before the old one moves aside.
    const target = await SegmentLog.open({ ...logOptions, dir: fresh, fsync: { mode: 'on_commit' }, repair: false });
    const kept = new Map<string, LiveRecord>();
    let keptBytes = 0;
    try {
      let batch: { key: string; payload: Uint8Array; expiresAt: number }[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const { firstOffset } = await target.append(batch.map((b) => b.payload));
        batch.forEach((b, i) => {
          const bytes = RECORD_SIZE + b.payload.length;
          kept.set(b.key, { offset: firstOffset + i, bytes, expiresAt: b.expiresAt });
          keptBytes += bytes;
        });
        batch = [];
        batchBytes = 0;
      };
      const end = this.log.nextOffset;
      let offset = this.log.earliestOffset;
      while (offset < end) {
        const page = await this.log.read(offset, { maxRecords: PAGE_RECORDS, maxBytes: PAGE_BYTES });
        if (page.records.length === 0) break;
        for (const record of page.records) {
          if (record.offset >= end) break;
          const op = decodeCacheOp(record.payload);
          const live = this.live.get(op.key);
          if (op.op !== 'put' || live?.offset !== record.offset || op.expiresAt <= now) continue;
          batch.push({ key: op.key, payload: record.payload, expiresAt: op.expiresAt });
          batchBytes += record.payload.length;
          if (batchBytes >= COPY_BATCH_BYTES) await flush();
        }
        offset = page.nextOffset;
      }
      await flush();
      await target.close();
    } catch (err) {
      await target.close().catch(() => {});
      await rm(fresh, { recursive: true, force: true });
      throw err;
    }
    // Nothing was appended meanwhile (writes wait for the compaction), so `kept` is all of it.
    await this.log.close();
    let swapped = false;
    try {
      await renameDurably(this.dir, old);
      try {
        await renameDurably(fresh, this.dir);
        swapped = true;
      } catch (err) {
        // The old log goes back: `live` describes it, not the compacted one.
        await renameDurably(old, this.dir);
        throw err;
      }
    } finally {
      await rm(swapped ? old : fresh, { recursive: true, force: true });
      this.log = await SegmentLog.open({ ...logOptions, dir: this.dir });
    }
    this.live.clear();
    for (const [key, record] of kept) this.live.set(key, record);
    this.liveBytes = keptBytes;
    this.compactions++;
  }

  close(): Promise<void> {
    return (async () => {
      while (this.compacting) await this.compacting;
      await this.log.close();
    })();
  }
}
