// Prometheus metrics, all named felix_*. One registry per broker so tests can run several.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { EventLoopDelayHistogram } from './event-loop-delay.js';

export class BrokerMetrics {
  readonly registry = new Registry();
  readonly connections = new Gauge({
    name: 'felix_connections',
    help: 'Open sessions by carrier',
    labelNames: ['carrier'],
    registers: [this.registry],
  });
  readonly framesIn = new Counter({
    name: 'felix_frames_in_total',
    help: 'Frames received by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly framesOut = new Counter({
    name: 'felix_frames_out_total',
    help: 'Frames sent by type',
    labelNames: ['type'],
    registers: [this.registry],
  });
  readonly publishes = new Counter({
    name: 'felix_publishes_total',
    help: 'Records accepted for publishing',
    registers: [this.registry],
  });
  readonly deliveries = new Counter({
    name: 'felix_deliveries_total',
    help: 'Records written to subscribers',
    registers: [this.registry],
  });
  readonly drops = new Counter({
    name: 'felix_drops_total',
    help: 'Records dropped by subscriber overflow policy',
    labelNames: ['policy'],
    registers: [this.registry],
  });
  readonly subscriberLag = new Gauge({
    name: 'felix_subscriber_lag_bytes',
    help: 'Bytes queued for subscribers, summed',
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge({
    name: 'felix_subscriptions',
    help: 'Active subscriptions',
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: 'felix_cache_hits_total',
    help: 'Cache reads that found a value',
    registers: [this.registry],
  });
  readonly cacheMisses = new Counter({
    name: 'felix_cache_misses_total',
    help: 'Cache reads that found nothing',
    registers: [this.registry],
  });
  readonly cacheEvictions = new Counter({
    name: 'felix_cache_evictions_total',
    help: 'Cache entries evicted to stay within bytes',
    registers: [this.registry],
  });
  readonly cacheExpirations = new Counter({
    name: 'felix_cache_expirations_total',
    help: 'Cache entries expired by TTL',
    registers: [this.registry],
  });
  readonly decodeErrors = new Counter({
    name: 'felix_decode_errors_total',
    help: 'Frames refused, by wire error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly authRefusals = new Counter({
    name: 'felix_auth_refusals_total',
    help: 'Credentials refused (sessions and admin requests) and sessions ended by expiry, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  readonly forbidden = new Counter({
    name: 'felix_forbidden_total',
    help: 'Operations refused for want of a permission, by action',
    labelNames: ['action'],
    registers: [this.registry],
  });
  readonly publishToDeliver = new Histogram({
    name: 'felix_publish_to_deliver_seconds',
    help: 'Time from a record being accepted to its batch being written to a subscriber',
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1],
    registers: [this.registry],
  });
  // Limits that keep one tenant or peer from hurting the others (service/connection-guard.ts,
  // core/tenant-limits.ts). No metric is labelled by tenant or address: those are unbounded.
  readonly carrierConnections = new Gauge({
    name: 'felix_carrier_connections',
    help: 'Connections open by carrier, from accept to close: TCP connections for TLS (attaches included), QUIC connections, WebTransport sessions',
    labelNames: ['carrier'],
    registers: [this.registry],
  });
  readonly connectionSources = new Gauge({
    name: 'felix_connection_sources',
    help: 'Source addresses with connections counted against maxConnectionsPerAddress',
    registers: [this.registry],
  });
  readonly tenantSessions = new Gauge({
    name: 'felix_tenant_sessions',
    help: 'Authenticated sessions, all tenants together (each tenant is held to maxSessionsPerTenant)',
    registers: [this.registry],
  });
  readonly limitRefusals = new Counter({
    name: 'felix_limit_refusals_total',
    help: 'Connections, sessions, publishes, subscriptions, streams and caches refused by a configured limit, by the setting',
    labelNames: ['limit'],
    registers: [this.registry],
  });
  readonly deadlineTimeouts = new Counter({
    name: 'felix_deadline_timeouts_total',
    help: 'Connections, sessions and streams closed for missing a deadline (handshake, first_frame, auth, stream_first_frame, idle)',
    labelNames: ['carrier', 'deadline'],
    registers: [this.registry],
  });
  readonly publishesRateLimited = new Counter({
    name: 'felix_publishes_rate_limited_total',
    help: 'Records refused by the tenant publish rate limit',
    registers: [this.registry],
  });
  readonly memoryBudget = new Gauge({
    name: 'felix_memory_budget_bytes',
    help: 'The broker-wide memory budget (memoryBudgetBytes)',
    registers: [this.registry],
  });
  readonly memoryPoolCap = new Gauge({
    name: 'felix_memory_pool_cap_bytes',
    help: "Each memory pool's cap within the budget",
    labelNames: ['pool'],
    registers: [this.registry],
  });
  readonly memoryPoolUsed = new Gauge({
    name: 'felix_memory_pool_used_bytes',
    help: 'Bytes each memory pool holds (streams, subscribers, cache, receiving, answers)',
    labelNames: ['pool'],
    registers: [this.registry],
  });
  readonly streamRecordsEvicted = new Counter({
    name: 'felix_stream_records_evicted_total',
    help: 'Records taken from stream logs to make room in the streams memory pool (not trims by a stream own bounds)',
    registers: [this.registry],
  });
  // Durable logs (streams and caches). Per-stream series are kept for the largest streams only
  // (durable/durable-logs.ts, LABELLED_STREAMS): stream names are bounded by the registry, not
  // by a handful, and the totals cover every log.
  readonly storageLogs = new Gauge({
    name: 'felix_storage_logs',
    help: 'Durable logs open, by kind (stream, cache)',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly storageSegments = new Gauge({
    name: 'felix_storage_segments',
    help: 'Segment files of every durable log together',
    registers: [this.registry],
  });
  readonly storageBytes = new Gauge({
    name: 'felix_storage_bytes',
    help: 'Bytes of segment files of every durable log together',
    registers: [this.registry],
  });
  readonly storageStreamBytes = new Gauge({
    name: 'felix_storage_stream_bytes',
    help: 'Bytes of segment files of a durable stream (the 20 largest streams only)',
    labelNames: ['stream'],
    registers: [this.registry],
  });
  readonly storageStreamSegments = new Gauge({
    name: 'felix_storage_stream_segments',
    help: 'Segment files of a durable stream (the 20 largest streams only)',
    labelNames: ['stream'],
    registers: [this.registry],
  });
  readonly storageStreamOldestOffset = new Gauge({
    name: 'felix_storage_stream_oldest_offset',
    help: 'Offset of the oldest record a durable stream keeps on disk, after retention (the 20 largest streams only)',
    labelNames: ['stream'],
    registers: [this.registry],
  });
  readonly storageFsyncSeconds = new Histogram({
    name: 'felix_storage_fsync_seconds',
    help: 'Time each fsync of a durable log took (one serves every append waiting on it with on_commit)',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly storageFsyncFailures = new Counter({
    name: 'felix_storage_fsync_failures_total',
    help: 'Fsyncs of durable logs that failed',
    registers: [this.registry],
  });
  readonly storageWriteRefusals = new Counter({
    name: 'felix_storage_write_refusals_total',
    help: 'Durable publishes and cache writes answered storage_unavailable because their log did not take them (full disk, I/O error), by kind',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly storageBackgroundErrors = new Counter({
    name: 'felix_storage_background_errors_total',
    help: 'Durable log failures no request was waiting for (a periodic fsync, a retention delete, an index write, a cache compaction)',
    registers: [this.registry],
  });
  readonly storageRecoverySeconds = new Gauge({
    name: 'felix_storage_recovery_seconds',
    help: 'How long opening (verifying and recovering) every durable log took at start',
    registers: [this.registry],
  });
  readonly readPauses = new Counter({
    name: 'felix_read_pauses_total',
    help: 'Times a stream stopped reading to push back, by the pool that was full (answers: its session over answersPerSessionBytes or the pool at its cap; receiving: no room for an announced frame)',
    labelNames: ['pool'],
    registers: [this.registry],
  });
  readonly answerCloses = new Counter({
    name: 'felix_answer_closes_total',
    help: 'Sessions closed for leaving their answers unread: over answersPerSessionBytes past answerDrainTimeoutMs without draining at peerMinBytesPerSecond',
    labelNames: ['carrier'],
    registers: [this.registry],
  });
  readonly framesStalled = new Counter({
    name: 'felix_frames_stalled_total',
    help: 'Streams closed for a frame arriving slower than peerMinBytesPerSecond after frameReceiveTimeoutMs, or waiting that long for room in the receiving pool',
    labelNames: ['carrier'],
    registers: [this.registry],
  });
  readonly groups = new Gauge({
    name: 'felix_groups',
    help: 'Consumer groups the broker holds',
    registers: [this.registry],
  });
  readonly groupConsumers = new Gauge({
    name: 'felix_group_consumers',
    help: 'Group consumers joined, over every group',
    registers: [this.registry],
  });
  readonly groupLag = new Gauge({
    name: 'felix_group_lag',
    help: "Records of a group's stream not yet acknowledged: tail minus committed offset (the groups with the most lag, labelled one by one)",
    labelNames: ['tenant', 'namespace', 'stream', 'group'],
    registers: [this.registry],
  });
  readonly groupInFlight = new Gauge({
    name: 'felix_group_in_flight',
    help: 'Records of a group delivered and not yet acknowledged (the groups with the most lag, labelled one by one)',
    labelNames: ['tenant', 'namespace', 'stream', 'group'],
    registers: [this.registry],
  });
  readonly groupRedeliveries = new Counter({
    name: 'felix_group_redeliveries_total',
    help: 'Records a group delivered again (after ack wait, a nack or their consumer ending); groups past the first labelled ones count under group="_other"',
    labelNames: ['tenant', 'namespace', 'stream', 'group'],
    registers: [this.registry],
  });
  readonly groupDeadLetters = new Counter({
    name: 'felix_group_dead_letters_total',
    help: 'Records a group moved to its dead-letter stream after max deliveries; groups past the first labelled ones count under group="_other"',
    labelNames: ['tenant', 'namespace', 'stream', 'group'],
    registers: [this.registry],
  });
  readonly groupRecordsSkipped = new Counter({
    name: 'felix_group_records_skipped_total',
    help: 'Records retention dropped before their group acknowledged them (the cursor moved past them)',
    labelNames: ['tenant', 'namespace', 'stream', 'group'],
    registers: [this.registry],
  });

  readonly eventLoopDelay = new EventLoopDelayHistogram(this.registry);

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'felix_' });
  }

  /** Runs `update` before each scrape, for gauges that are cheaper to sample than to track. */
  onScrape(update: () => void): void {
    const registry = this.registry;
    const metrics = registry.metrics.bind(registry);
    registry.metrics = async () => {
      update();
      return metrics();
    };
  }
}
