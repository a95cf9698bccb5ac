// How a durable stream's or cache's segment log is opened: the broker's durable* settings with
// what the registry entry sets for itself on top, in the storage engine's terms.
import { join } from 'node:path';
import type { FsyncPolicy, LogOptions, RetentionPolicy } from '@felix/storage';
import type { BrokerConfig, DurableOverrides } from '../service/config.js';

export type DurableLogOptions = Omit<LogOptions, 'dir' | 'shard' | 'observer'>;

export function durableLogOptions(config: BrokerConfig, overrides: DurableOverrides = {}): DurableLogOptions {
  const mode = overrides.fsync ?? config.durableFsync;
  const fsync: FsyncPolicy =
    mode === 'periodic' ? { mode, intervalMs: overrides.fsyncIntervalMs ?? config.durableFsyncIntervalMs } : { mode };
  const maxBytes = overrides.retentionBytes ?? config.durableRetentionBytes;
  const maxAgeMs = overrides.retentionAgeMs ?? config.durableRetentionAgeMs;
  // 0 is "no limit" in the settings; the engine takes an absent bound for that.
  const retention: RetentionPolicy = {
    ...(maxBytes > 0 && { maxBytes }),
    ...(maxAgeMs > 0 && { maxAgeMs }),
  };
  return {
    fsync,
    segmentBytes: overrides.segmentBytes ?? config.durableSegmentBytes,
    indexSpacingBytes: config.durableIndexSpacingBytes,
    retention,
    repair: config.durableRepair,
  };
}

/** Where durable streams' shard directories go. */
export function durableStreamsRoot(config: Pick<BrokerConfig, 'durableDir' | 'dataDir'>): string {
  return config.durableDir ?? join(config.dataDir, 'streams');
}

/** Where durable caches' logs go. */
export function durableCachesRoot(config: Pick<BrokerConfig, 'dataDir'>): string {
  return join(config.dataDir, 'caches');
}
