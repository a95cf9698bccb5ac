// Every durable log the broker holds open: streams (by their in-memory StreamLog, which is how
// fanout knows them) and caches (by name), the observer that feeds their fsync timings and
// background failures to metrics and the log, and their sizes for /metrics.
import { STORAGE_ERRORS } from '@felix/generated/storage';
import { isStorageError, type StorageObserver } from '@felix/storage';
import type { StreamLog } from '../core/stream-log.js';
import type { BrokerConfig, DurableOverrides } from '../service/config.js';
import type { Logger } from '../service/logger.js';
import type { BrokerMetrics } from '../service/metrics.js';
import type { CacheOp } from './cache-record.js';
import { type CacheKey, DurableCache } from './durable-cache.js';
import { DurableStream, type StreamKey } from './durable-stream.js';
import { durableCachesRoot, durableLogOptions, durableStreamsRoot } from './log-settings.js';

/**
 * Streams labelled one by one in the per-stream storage metrics: the largest this many. Stream
 * names are the operator's, but there may be thousands; a series each would swamp a scrape.
 */
export const LABELLED_STREAMS = 20;

/** Whether an explicit repair would cut the log at this damage (header damage it never repairs). */
function repairable(err: unknown): boolean {
  if (!isStorageError(err)) return false;
  if (err.code === 'segment_gap') return true;
  const format = (STORAGE_ERRORS as Record<string, { recovery: string } | undefined>)[err.code];
  return format !== undefined && format.recovery !== 'stop' && format.recovery !== 'rebuild';
}

/** A durable log the broker could not open (damage it may not repair, an unusable directory). */
export class DurableOpenError extends Error {
  constructor(what: string, cause: unknown, repairOn: boolean) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const hint =
      !repairOn && repairable(cause)
        ? '; FELIX_DURABLE_REPAIR=true cuts the log at the damage, dropping every record from there on'
        : '';
    super(`${what} cannot be opened: ${detail}${hint}`, { cause });
    this.name = 'DurableOpenError';
  }
}

export class DurableLogs {
  private readonly streams = new Map<StreamLog, DurableStream>();
  private readonly caches = new Map<string, DurableCache>();
  readonly observer: StorageObserver;

  constructor(
    private readonly config: BrokerConfig,
    private readonly logger: Logger,
    private readonly metrics: BrokerMetrics,
  ) {
    this.observer = {
      fsync: (ms, failed) => {
        metrics.storageFsyncSeconds.observe(ms / 1000);
        if (failed) metrics.storageFsyncFailures.inc();
      },
      backgroundError: (err) => {
        metrics.storageBackgroundErrors.inc();
        logger.error({ err }, 'durable log: a background write failed');
      },
    };
    metrics.onScrape(() => this.sample());
  }

  /** Opens a stream's log with recovery. Throws DurableOpenError. */
  async openStream(key: StreamKey, overrides: DurableOverrides): Promise<DurableStream> {
    const options = { ...durableLogOptions(this.config, overrides), observer: this.observer };
    let stream: DurableStream;
    try {
      stream = await DurableStream.open(durableStreamsRoot(this.config), key, options);
    } catch (err) {
      throw new DurableOpenError(
        `durable stream ${key.tenant}/${key.namespace}/${key.stream}`,
        err,
        this.config.durableRepair,
      );
    }
    this.reportRecovery(stream.name, stream.dir, stream.log.recovery);
    return stream;
  }

  /** Opens a cache's log and replays it through `apply`. Throws DurableOpenError. */
  async openCache(key: CacheKey, apply: (op: CacheOp) => void): Promise<DurableCache> {
    const options = {
      ...durableLogOptions(this.config),
      observer: this.observer,
      onCompactionError: (err: unknown) => {
        this.metrics.storageBackgroundErrors.inc();
        this.logger.error({ err, cache: key }, 'durable cache: compaction failed');
      },
    };
    let cache: DurableCache;
    try {
      cache = await DurableCache.open(durableCachesRoot(this.config), key, options, apply);
    } catch (err) {
      throw new DurableOpenError(
        `durable cache ${key.tenant}/${key.namespace}/${key.cache}`,
        err,
        this.config.durableRepair,
      );
    }
    this.reportRecovery(cache.name, cache.dir, cache.segmentLog.recovery);
    return cache;
  }

  /** Makes `cache` the durable log of the cache it was opened for. */
  attachCache(cache: DurableCache): void {
    this.caches.set(cacheId(cache.key), cache);
  }

  private reportRecovery(name: string, dir: string, report: DurableStream['log']['recovery']): void {
    const repaired = report.truncations.length + report.droppedSegments.length + report.rebuiltIndexes.length;
    const fields = { log: name, dir, segments: report.segments, records: report.records, ms: report.durationMs };
    if (repaired === 0) {
      this.logger.debug(fields, 'durable log opened');
      return;
    }
    this.logger.warn(
      {
        ...fields,
        truncations: report.truncations,
        droppedSegments: report.droppedSegments,
        rebuiltIndexes: report.rebuiltIndexes,
      },
      'durable log recovered with repairs',
    );
  }

  /** Makes `stream` the durable log of the stream whose in-memory log is `log`. */
  attach(log: StreamLog, stream: DurableStream): void {
    this.streams.set(log, stream);
  }

  streamOf(log: StreamLog): DurableStream | undefined {
    return this.streams.get(log);
  }

  cacheOf(key: CacheKey): DurableCache | undefined {
    return this.caches.get(cacheId(key));
  }

  get streamCount(): number {
    return this.streams.size;
  }

  get cacheCount(): number {
    return this.caches.size;
  }

  /** Finishes what each log has queued, syncs and closes them all. */
  async close(): Promise<void> {
    const all = [...this.streams.values(), ...this.caches.values()];
    const results = await Promise.allSettled(all.map((log) => log.close()));
    for (const result of results)
      if (result.status === 'rejected') this.logger.error({ err: result.reason }, 'durable log: close failed');
  }

  private sample(): void {
    const m = this.metrics;
    let segments = 0;
    let bytes = 0;
    const streams: { name: string; segments: number; bytes: number; earliest: number }[] = [];
    for (const stream of this.streams.values()) {
      const s = stream.stats();
      segments += s.segments;
      bytes += s.bytes;
      streams.push({ name: stream.name, segments: s.segments, bytes: s.bytes, earliest: s.earliestOffset });
    }
    for (const cache of this.caches.values()) {
      const s = cache.segmentLog.stats();
      segments += s.segments;
      bytes += s.bytes;
    }
    m.storageLogs.set({ kind: 'stream' }, this.streams.size);
    m.storageLogs.set({ kind: 'cache' }, this.caches.size);
    m.storageSegments.set(segments);
    m.storageBytes.set(bytes);
    // Series of streams that left the largest set go with a reset, rather than lingering stale.
    m.storageStreamBytes.reset();
    m.storageStreamSegments.reset();
    m.storageStreamOldestOffset.reset();
    streams.sort((a, b) => b.bytes - a.bytes);
    for (const s of streams.slice(0, LABELLED_STREAMS)) {
      m.storageStreamBytes.set({ stream: s.name }, s.bytes);
      m.storageStreamSegments.set({ stream: s.name }, s.segments);
      m.storageStreamOldestOffset.set({ stream: s.name }, s.earliest);
    }
  }
}

function cacheId(key: CacheKey): string {
  // Names never hold a NUL (the registry refuses control characters), so the join is unambiguous.
  return `${key.tenant}\u0000${key.namespace}\u0000${key.cache}`;
}
