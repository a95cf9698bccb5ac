// The broker's shared state: registry, topics, cache, metrics, token checks and the audit log,
// and whether it is draining. Every session reaches these through one instance, so a test can
// run a broker in-process on ephemeral ports. Nothing here knows the wire: sessions (protocol/) speak it.
import type { CacheOp } from '../durable/cache-record.js';
import type { DurableCache } from '../durable/durable-cache.js';
import { DurableLogs, DurableOpenError } from '../durable/durable-logs.js';
import type { DurableStream } from '../durable/durable-stream.js';
import { durableLogOptions } from '../durable/log-settings.js';
import { RegistryFile } from '../durable/registry-file.js';
import type { DeadLetterTarget } from '../queues/dead-letters.js';
import { GroupMetrics } from '../queues/group-metrics.js';
import { QueueGroups } from '../queues/group-registry.js';
import { AuditLog } from '../service/audit.js';
import type { Authenticator } from '../service/authenticator.js';
import { type BrokerConfig, cacheName, memoryBudgetOf, type StreamConfig } from '../service/config.js';
import type { Logger } from '../service/logger.js';
import { BrokerMetrics } from '../service/metrics.js';
import { CacheStore, cacheScopeKey } from './cache-store.js';
import { MEMORY_POOLS, MemoryBudget } from './memory-budget.js';
import { Registry, RegistryConflictError, type StreamEntry, type StreamSettings } from './registry.js';
import { StreamRetention } from './stream-retention.js';
import { TenantLimits } from './tenant-limits.js';
import { Topic } from './topic.js';

/** A stream's limits for its in-memory log, out of everything its registry entry says. */
function limitsOf(settings: StreamConfig): Partial<StreamSettings> {
  return {
    ...(settings.maxRecords !== undefined && { maxRecords: settings.maxRecords }),
    ...(settings.maxBytes !== undefined && { maxBytes: settings.maxBytes }),
  };
}

interface NamedStream {
  tenant: string;
  namespace: string;
  name: string;
  settings: StreamConfig;
}

interface NamedCache {
  tenant: string;
  namespace: string;
  name: string;
}

const streamKey = (s: NamedStream) => ({ tenant: s.tenant, namespace: s.namespace, stream: s.name });

export class BrokerState {
  readonly registry: Registry;
  readonly cache: CacheStore;
  readonly metrics = new BrokerMetrics();
  /** The one memory budget every pool of held data is charged to. */
  readonly memory: MemoryBudget;
  /** Stream logs' share of the budget, and the records it evicted to stay within it. */
  readonly retention: StreamRetention;
  readonly audit: AuditLog;
  // Keyed by the registry's entry, one per stream, rather than by a string built from its names.
  private readonly topics = new Map<StreamEntry, Topic>();
  private readonly lastCacheStats = { hits: 0, misses: 0, evictions: 0, expirations: 0 };
  draining = false;
  /** Sessions and publish bytes each tenant may have. */
  readonly tenantLimits: TenantLimits;
  /** The durable logs of durable streams and caches, open once restore() has run. */
  readonly durable: DurableLogs;
  /** Every consumer group, those of durable streams recovered by restore(). */
  readonly groups: QueueGroups;
  /** What the admin request registered, kept across restarts. */
  private readonly registryFile: RegistryFile;
  /** Durable streams and caches of the config file, opened by restore(). */
  private readonly configDurableStreams: NamedStream[] = [];
  private readonly configDurableCaches: NamedCache[] = [];
  /** Admin registrations, one at a time: each may open a log and rewrites the registry file. */
  private adminQueue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly config: BrokerConfig,
    readonly logger: Logger,
    /** Verifies the tokens sessions and admin requests present. */
    readonly auth: Authenticator,
  ) {
    this.audit = new AuditLog(logger, this.metrics);
    this.memory = new MemoryBudget(memoryBudgetOf(config));
    this.metrics.memoryBudget.set(this.memory.totalBytes);
    for (const pool of MEMORY_POOLS) this.metrics.memoryPoolCap.set({ pool }, this.memory.cap(pool));
    this.retention = new StreamRetention(this.memory);
    this.registry = new Registry({
      autoCreate: config.autoCreate,
      defaultStream: { maxRecords: config.streamMaxRecords, maxBytes: config.streamMaxBytes },
      maxStreams: config.maxStreams,
      maxCaches: config.maxCaches,
      retention: this.retention,
    });
    for (const [tenant, namespaces] of Object.entries(config.registry)) {
      this.registry.addTenant(tenant);
      for (const [namespace, ns] of Object.entries(namespaces)) {
        this.registry.addNamespace(tenant, namespace);
        for (const [stream, settings] of Object.entries(ns.streams ?? {})) {
          // A durable stream is registered once its log is open (restore), as of where it goes on.
          if (settings.durable) this.configDurableStreams.push({ tenant, namespace, name: stream, settings });
          else this.registry.addStream(tenant, namespace, stream, limitsOf(settings));
        }
        for (const entry of ns.caches ?? []) {
          const name = cacheName(entry);
          this.registry.addCache(tenant, namespace, name);
          if (typeof entry === 'object' && entry.durable) this.configDurableCaches.push({ tenant, namespace, name });
        }
      }
    }
    this.cache = new CacheStore({ maxBytes: config.cacheMaxBytes, memory: this.memory });
    this.durable = new DurableLogs(config, logger, this.metrics);
    const groupMetrics = new GroupMetrics(this.metrics);
    this.groups = new QueueGroups({
      batch: { maxRecords: config.eventBatchMaxRecords, maxBytes: config.eventBatchMaxBytes },
      memory: this.memory,
      logger,
      events: groupMetrics,
      durableOf: (topic) => this.durableOf(topic),
      deadLetterStream: (tenant, namespace, stream, durable) =>
        this.deadLetterStream(tenant, namespace, stream, durable),
    });
    this.registryFile = new RegistryFile(config.dataDir);
    let evictedBefore = 0;
    this.metrics.onScrape(() => {
      // The cache counts in plain numbers; Prometheus sees them when it asks, not per request.
      this.syncCacheMetrics();
      let lag = 0;
      for (const t of this.topics.values()) lag += t.queuedBytes();
      this.metrics.subscriberLag.set(lag);
      for (const pool of MEMORY_POOLS) this.metrics.memoryPoolUsed.set({ pool }, this.memory.usedBy(pool));
      const evicted = this.retention.stats.evictedRecords;
      this.metrics.streamRecordsEvicted.inc(evicted - evictedBefore);
      evictedBefore = evicted;
      groupMetrics.sample(this.groups.all());
    });
    this.tenantLimits = new TenantLimits(config);
  }

  /**
   * Registers what the admin request registered before the last stop, and opens every durable
   * log (verifying and recovering each): to be run once, before any session is served. Throws
   * ConfigError for a registry file it cannot read, DurableOpenError for a log it may not open.
   */
  async restore(): Promise<void> {
    const started = performance.now();
    const durableStreams = [...this.configDurableStreams];
    const durableCaches = [...this.configDurableCaches];
    const persisted = this.registryFile.load();
    const inConfig = (s: NamedStream) =>
      this.registry.findStream(s.tenant, s.namespace, s.name) !== undefined ||
      durableStreams.some((d) => d.tenant === s.tenant && d.namespace === s.namespace && d.name === s.name);
    for (const s of persisted.streams) {
      // The config file is the operator's: where both name a stream, it decides.
      if (inConfig(s)) continue;
      if (s.settings.durable) durableStreams.push(s);
      else this.registry.addStream(s.tenant, s.namespace, s.name, limitsOf(s.settings));
    }
    for (const c of persisted.caches) {
      if (this.registry.hasCache(c.tenant, c.namespace, c.name)) continue;
      this.registry.addCache(c.tenant, c.namespace, c.name);
      if (c.durable) durableCaches.push(c);
    }
    for (const s of durableStreams) {
      const durable = await this.durable.openStream(streamKey(s), s.settings);
      await this.recoverGroups(s, this.attachDurable(s, durable), durable);
    }
    for (const c of durableCaches) await this.restoreDurableCache(c);
    const seconds = (performance.now() - started) / 1000;
    this.metrics.storageRecoverySeconds.set(seconds);
    if (durableStreams.length + durableCaches.length > 0)
      this.logger.info(
        { streams: durableStreams.length, caches: durableCaches.length, seconds },
        'durable logs opened and recovered',
      );
  }

  /**
   * Takes up the consumer groups kept beside a durable stream's log. Throws DurableOpenError
   * for a journal that cannot be read back.
   */
  private async recoverGroups(s: NamedStream, topic: Topic, durable: DurableStream): Promise<void> {
    const fsync = durableLogOptions(this.config, s.settings).fsync ?? { mode: 'on_commit' };
    try {
      await this.groups.recover(topic, durable, { fsync, observer: this.durable.observer });
    } catch (err) {
      throw new DurableOpenError(
        `the consumer groups of durable stream ${s.tenant}/${s.namespace}/${s.name}`,
        err,
        this.config.durableRepair,
      );
    }
  }

  /**
   * Where a consumer group's dead letters go: `stream` in `tenant`/`namespace`, registered
   * when missing (durable when `durable`, like the group's own stream). Rejects as
   * registerStream does.
   */
  private async deadLetterStream(
    tenant: string,
    namespace: string,
    stream: string,
    durable: boolean,
  ): Promise<DeadLetterTarget> {
    if (!this.registry.findStream(tenant, namespace, stream)) {
      // An in-memory one made on first use, as any other stream, when auto-create is on.
      if (!durable && this.registry.options.autoCreate) this.registry.stream(tenant, namespace, stream);
      else await this.registerStream(tenant, namespace, stream, durable ? { durable: true } : {});
    }
    const topic = this.topic(tenant, namespace, stream);
    const log = this.durableOf(topic);
    if (log)
      return async (record) => {
        await log.append([record]);
      };
    return async (record) => {
      topic.publish([record]);
    };
  }

  /** Registers a stream whose durable log is open, its in-memory tail going on where the log does. */
  private attachDurable(s: NamedStream, durable: DurableStream): Topic {
    let entry: StreamEntry;
    try {
      // Made meanwhile (auto-create on first use while the log was opening): its offsets are
      // memory's own, not the log's, so the two cannot be joined.
      if (this.registry.findStream(s.tenant, s.namespace, s.name))
        throw new RegistryConflictError(`stream ${s.name} was created in memory meanwhile`);
      entry = this.registry.addStream(s.tenant, s.namespace, s.name, limitsOf(s.settings), {
        firstOffset: durable.nextOffset,
        epoch: durable.epoch,
      });
    } catch (err) {
      void durable.close();
      throw err;
    }
    this.durable.attach(entry.log, durable);
    durable.onHealth = (failure) => {
      if (failure) this.logger.error({ err: failure, stream: durable.name }, 'durable stream: appends failing');
      else this.logger.warn({ stream: durable.name }, 'durable stream: appends succeed again');
    };
    durable.onCommit = (payloads, firstOffset) => {
      // The append is committed and will be acknowledged whatever fanout makes of it.
      try {
        const base = this.topicOf(entry).publish(payloads);
        if (base !== firstOffset)
          this.logger.error(
            { stream: durable.name, base, firstOffset },
            'durable stream: memory and disk offsets differ',
          );
      } catch (err) {
        this.logger.error({ err, stream: durable.name }, 'durable stream: fanout of a committed append failed');
      }
    };
    return this.topicOf(entry);
  }

  private openDurableCache(c: NamedCache): Promise<DurableCache> {
    const apply = (op: CacheOp) => {
      const scope = cacheScopeKey(c.tenant, c.namespace, c.name, op.key);
      if (op.op === 'put') this.cache.putUntil(scope, op.value, op.expiresAt);
      else this.cache.delete(scope);
    };
    return this.durable.openCache({ tenant: c.tenant, namespace: c.namespace, cache: c.name }, apply);
  }

  private async restoreDurableCache(c: NamedCache): Promise<void> {
    this.durable.attachCache(await this.openDurableCache(c));
  }

  /** The durable log of the stream `topic` fans out, if it is durable. */
  durableOf(topic: Topic): DurableStream | undefined {
    return this.durable.streamOf(topic.log);
  }

  /** The durable log of a registered cache, if it is durable. */
  durableCache(tenant: string, namespace: string, cache: string): DurableCache | undefined {
    return this.durable.cacheOf({ tenant, namespace, cache });
  }

  private adminSerially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.adminQueue.then(work);
    this.adminQueue = run.catch(() => {});
    return run;
  }

  /**
   * Registers a stream for the admin request: its durable log opened first when it is durable,
   * and the registry file rewritten, before anyone can publish to it. Idempotent; throws
   * InvalidNameError, LimitExceededError, RegistryConflictError (registered with the other
   * durability), DurableOpenError, or the file system's error when the file cannot be written.
   */
  registerStream(tenant: string, namespace: string, name: string, settings: StreamConfig = {}): Promise<void> {
    return this.adminSerially(async () => {
      const existing = this.registry.findStream(tenant, namespace, name);
      if (existing) {
        const durable = this.durable.streamOf(existing.log) !== undefined;
        if (durable !== (settings.durable === true))
          throw new RegistryConflictError(`stream ${name} is registered ${durable ? 'durable' : 'in memory only'}`);
        return;
      }
      this.registry.checkNewStream(tenant, namespace, name);
      const named = { tenant, namespace, name, settings };
      const durable = settings.durable ? await this.durable.openStream(streamKey(named), settings) : undefined;
      try {
        await this.registryFile.addStream(named);
      } catch (err) {
        await durable?.close();
        throw err;
      }
      if (durable) await this.recoverGroups(named, this.attachDurable(named, durable), durable);
      else this.registry.addStream(tenant, namespace, name, limitsOf(settings));
    });
  }

  /** Registers a cache for the admin request, as registerStream does a stream. */
  registerCache(tenant: string, namespace: string, name: string, durable = false): Promise<void> {
    return this.adminSerially(async () => {
      if (this.registry.hasCache(tenant, namespace, name)) {
        const isDurable = this.durableCache(tenant, namespace, name) !== undefined;
        if (isDurable !== durable)
          throw new RegistryConflictError(`cache ${name} is registered ${isDurable ? 'durable' : 'in memory only'}`);
        return;
      }
      this.registry.checkNewCache(tenant, namespace, name);
      const named = { tenant, namespace, name };
      const log = durable ? await this.openDurableCache(named) : undefined;
      try {
        await this.registryFile.addCache({ ...named, durable });
      } catch (err) {
        await log?.close();
        throw err;
      }
      if (log) this.durable.attachCache(log);
      this.registry.addCache(tenant, namespace, name);
    });
  }

  /** The fanout topic of a registered stream. Throws NotFoundError. */
  topic(tenant: string, namespace: string, stream: string): Topic {
    return this.topicOf(this.registry.stream(tenant, namespace, stream));
  }

  private topicOf(entry: StreamEntry): Topic {
    let topic = this.topics.get(entry);
    if (!topic) {
      const batching = {
        maxRecords: this.config.eventBatchMaxRecords,
        maxBytes: this.config.eventBatchMaxBytes,
        lingerMs: this.config.eventBatchLingerMs,
      };
      topic = new Topic(entry.log, batching, this.memory);
      this.topics.set(entry, topic);
    }
    return topic;
  }

  /** Moves the cache's own counters into Prometheus counters. */
  syncCacheMetrics(): void {
    const s = this.cache.stats;
    const last = this.lastCacheStats;
    this.metrics.cacheHits.inc(s.hits - last.hits);
    this.metrics.cacheMisses.inc(s.misses - last.misses);
    this.metrics.cacheEvictions.inc(s.evictions - last.evictions);
    this.metrics.cacheExpirations.inc(s.expirations - last.expirations);
    Object.assign(last, s);
  }

  sweepCache(): void {
    this.cache.sweep();
    this.syncCacheMetrics();
  }

  /** Flushes every topic's pending batch now (drain). */
  flushAll(): void {
    for (const t of this.topics.values()) t.flush();
  }

  /** Finishes and closes every durable log (after sessions, before close()). */
  async closeDurable(): Promise<void> {
    await this.groups.close();
    await this.durable.close();
  }

  /** Stops fanout and gives back everything held: subscriptions' queues, stream logs, the cache. */
  close(): void {
    for (const t of this.topics.values()) t.close();
    this.registry.close();
    this.cache.clear();
  }
}
