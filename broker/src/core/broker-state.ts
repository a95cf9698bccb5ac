// The broker's shared state: registry, topics, cache, metrics, token checks and the audit log,
// and whether it is draining. Every session reaches these through one instance, so a test can
// run a broker in-process on ephemeral ports. Nothing here knows the wire: sessions (protocol/) speak it.
import { AuditLog } from '../service/audit.js';
import type { Authenticator } from '../service/authenticator.js';
import { type BrokerConfig, memoryBudgetOf } from '../service/config.js';
import type { Logger } from '../service/logger.js';
import { BrokerMetrics } from '../service/metrics.js';
import { CacheStore } from './cache-store.js';
import { MEMORY_POOLS, MemoryBudget } from './memory-budget.js';
import { Registry, type StreamEntry } from './registry.js';
import { StreamRetention } from './stream-retention.js';
import { TenantLimits } from './tenant-limits.js';
import { Topic } from './topic.js';

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
        for (const [stream, limits] of Object.entries(ns.streams ?? {}))
          this.registry.addStream(tenant, namespace, stream, limits);
        for (const cache of ns.caches ?? []) this.registry.addCache(tenant, namespace, cache);
      }
    }
    this.cache = new CacheStore({ maxBytes: config.cacheMaxBytes, memory: this.memory });
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
    });
    this.tenantLimits = new TenantLimits(config);
  }

  /** The fanout topic of a registered stream. Throws NotFoundError. */
  topic(tenant: string, namespace: string, stream: string): Topic {
    const entry = this.registry.stream(tenant, namespace, stream);
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

  /** Stops fanout and gives back everything held: subscriptions' queues, stream logs, the cache. */
  close(): void {
    for (const t of this.topics.values()) t.close();
    this.registry.close();
    this.cache.clear();
  }
}
