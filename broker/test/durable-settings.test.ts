// The durable settings: FELIX_DURABLE_* read and checked, per-stream overrides only on durable
// streams, caches by name or as {name, durable}, and the storage options they make.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { durableLogOptions, durableStreamsRoot } from '../src/durable/log-settings.js';
import { ConfigError, loadConfig } from '../src/service/config.js';

function withFile(config: unknown): Record<string, string> {
  const path = join(mkdtempSync(join(tmpdir(), 'felix-durable-config-')), 'felix.json');
  writeFileSync(path, JSON.stringify(config));
  return { FELIX_CONFIG: path };
}

describe('durable settings', () => {
  it('default to periodic fsync under <dataDir>/streams, keeping everything', () => {
    const config = loadConfig({ FELIX_DATA_DIR: '/var/felix' });
    expect(durableStreamsRoot(config)).toBe('/var/felix/streams');
    expect(durableLogOptions(config)).toEqual({
      fsync: { mode: 'periodic', intervalMs: 250 },
      segmentBytes: 256 * 1024 * 1024,
      indexSpacingBytes: 4096,
      retention: {},
      repair: false,
    });
  });

  it('come from FELIX_DURABLE_*, and a stream entry overrides them for itself', () => {
    const config = loadConfig({
      FELIX_DURABLE_DIR: '/disk/logs',
      FELIX_DURABLE_FSYNC: 'on_commit',
      FELIX_DURABLE_FSYNC_INTERVAL_MS: '50',
      FELIX_DURABLE_SEGMENT_BYTES: '1048576',
      FELIX_DURABLE_INDEX_SPACING_BYTES: '8192',
      FELIX_DURABLE_RETENTION_BYTES: '1073741824',
      FELIX_DURABLE_RETENTION_AGE_MS: '3600000',
      FELIX_DURABLE_REPAIR: 'true',
    });
    expect(durableStreamsRoot(config)).toBe('/disk/logs');
    expect(durableLogOptions(config)).toEqual({
      fsync: { mode: 'on_commit' },
      segmentBytes: 1048576,
      indexSpacingBytes: 8192,
      retention: { maxBytes: 1073741824, maxAgeMs: 3600000 },
      repair: true,
    });
    expect(durableLogOptions(config, { fsync: 'periodic', retentionBytes: 0, segmentBytes: 4096 })).toMatchObject({
      fsync: { mode: 'periodic', intervalMs: 50 },
      segmentBytes: 4096,
      retention: { maxAgeMs: 3600000 },
    });
  });

  it('refuse a bad fsync mode naming the variable', () => {
    expect(() => loadConfig({ FELIX_DURABLE_FSYNC: 'always' })).toThrow(
      new ConfigError('FELIX_DURABLE_FSYNC is invalid: allowed: none, periodic, on_commit'),
    );
  });

  it('take durable streams and caches in the registry, and durable settings only on durable streams', () => {
    const config = loadConfig(
      withFile({
        registry: {
          t1: {
            default: {
              streams: { orders: { durable: true, fsync: 'on_commit', retentionAgeMs: 1000 } },
              caches: ['plain', { name: 'kept', durable: true }],
            },
          },
        },
      }),
    );
    expect(config.registry.t1.default.caches).toEqual(['plain', { name: 'kept', durable: true }]);
    expect(() =>
      loadConfig(withFile({ registry: { t1: { default: { streams: { orders: { fsync: 'none' } } } } } })),
    ).toThrow(/stream "orders" .* is invalid: fsync applies only to a durable stream \(durable: true\)/);
    expect(() =>
      loadConfig(withFile({ registry: { t1: { default: { caches: ['kv', { name: 'kv', durable: true }] } } } })),
    ).toThrow(/cache "kv" .* is listed twice/);
  });
});
