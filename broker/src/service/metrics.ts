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
    help: 'Connections, sessions and publishes refused by a configured limit, by the setting',
    labelNames: ['limit'],
    registers: [this.registry],
  });
  readonly deadlineTimeouts = new Counter({
    name: 'felix_deadline_timeouts_total',
    help: 'Connections, sessions and streams closed for missing a deadline (handshake, first_frame, auth, stream_first_frame)',
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
