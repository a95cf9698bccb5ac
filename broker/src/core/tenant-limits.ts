// What one tenant may hold and use at once, so that it cannot crowd out the others: sessions,
// counted from auth to close, and publish bytes per second.
import type { BrokerConfig } from '../service/config.js';
import { Quota } from './quota.js';
import { KeyedRateLimiter } from './rate-limit.js';

export type TenantLimitSettings = Pick<
  BrokerConfig,
  'maxSessionsPerTenant' | 'tenantPublishBytesPerSecond' | 'tenantPublishBurstBytes'
>;

export class TenantLimits {
  /** Authenticated sessions per tenant. */
  readonly sessions: Quota;
  /** Publish payload bytes per tenant; undefined when publishing is not rate limited. */
  readonly publishBytes: KeyedRateLimiter | undefined;

  constructor(settings: TenantLimitSettings, clock?: () => number) {
    this.sessions = new Quota({ perKey: settings.maxSessionsPerTenant });
    const rate = settings.tenantPublishBytesPerSecond;
    this.publishBytes =
      rate > 0 ? new KeyedRateLimiter(rate, settings.tenantPublishBurstBytes ?? rate, clock) : undefined;
  }
}
