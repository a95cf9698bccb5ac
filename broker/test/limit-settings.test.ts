import { describe, expect, it } from 'vitest';
import { TenantLimits } from '../src/core/tenant-limits.js';
import { ConfigError, loadConfig } from '../src/service/config.js';

describe('limit settings', () => {
  it('have defaults that limit connections and sessions but not the publish rate', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      handshakeTimeoutMs: 5000,
      authTimeoutMs: 5000,
      maxConnections: 10_000,
      maxConnectionsPerAddress: 1000,
      maxSessionsPerTenant: 5000,
      tenantPublishBytesPerSecond: 0,
    });
    expect(new TenantLimits(config).publishBytes).toBeUndefined();
  });

  it('come from FELIX_* variables, the burst defaulting to one second of the rate', () => {
    const config = loadConfig({
      FELIX_HANDSHAKE_TIMEOUT_MS: '300',
      FELIX_AUTH_TIMEOUT_MS: '400',
      FELIX_MAX_CONNECTIONS: '3',
      FELIX_MAX_CONNECTIONS_PER_ADDRESS: '2',
      FELIX_MAX_SESSIONS_PER_TENANT: '1',
      FELIX_TENANT_PUBLISH_BYTES_PER_SECOND: '2048',
    });
    expect(config).toMatchObject({
      handshakeTimeoutMs: 300,
      authTimeoutMs: 400,
      maxConnections: 3,
      maxConnectionsPerAddress: 2,
      maxSessionsPerTenant: 1,
      tenantPublishBytesPerSecond: 2048,
    });
    expect(new TenantLimits(config).publishBytes).toMatchObject({ perSecond: 2048, burst: 2048 });
    const burst = loadConfig({ FELIX_TENANT_PUBLISH_BYTES_PER_SECOND: '10', FELIX_TENANT_PUBLISH_BURST_BYTES: '50' });
    expect(new TenantLimits(burst).publishBytes).toMatchObject({ perSecond: 10, burst: 50 });
  });

  it.each([
    ['FELIX_MAX_CONNECTIONS', '0', 'must be >= 1'],
    ['FELIX_AUTH_TIMEOUT_MS', '0', 'must be >= 1'],
    ['FELIX_HANDSHAKE_TIMEOUT_MS', '600001', 'must be <= 600000'],
    ['FELIX_TENANT_PUBLISH_BURST_BYTES', '0', 'must be >= 1'],
    ['FELIX_TENANT_PUBLISH_BYTES_PER_SECOND', '-1', 'expected a whole number'],
  ])('refuses %s=%s, naming it', (name, value, allowed) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}.* is invalid: ${allowed}$`));
  });
});
