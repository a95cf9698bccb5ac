// The audit trail: one structured log line (field `audit`) for every refused credential, every
// operation refused for want of a permission and every change made through the admin API, plus
// the counters an operator alerts on. Names and reasons only: never a token or key material.
import { type Action, formatResource, type Resource } from '../auth/index.js';
import type { Logger } from './logger.js';
import type { BrokerMetrics } from './metrics.js';

/** Where a request came in. */
export type AuditChannel = 'session' | 'admin';

export interface AuthRefusal {
  via: AuditChannel;
  /** The tenant the credential was presented for. */
  tenant: string;
  /**
   * An AuthFailure, or what refused it before a token was looked at: `unknown_tenant`,
   * `no_token` (admin), `auth_not_first` (a session's first request was not auth).
   */
  reason: string;
  detail?: string;
  carrier?: string;
  /** The peer's address. */
  remote?: string;
}

export interface ForbiddenOperation {
  via: AuditChannel;
  action: Action;
  resource: Resource;
  /** The authenticated tenant. */
  tenant: string;
  subject: string;
  /** `no_permission`, or `other_tenant` when the resource is in a tenant the credential is not for. */
  reason: 'no_permission' | 'other_tenant';
  remote?: string;
}

export interface AdminChange {
  action: Action;
  resource: Resource;
  tenant: string;
  subject: string;
  change: string;
  remote?: string;
}

export class AuditLog {
  constructor(
    private readonly logger: Logger,
    private readonly metrics: BrokerMetrics,
  ) {}

  authRefused(refusal: AuthRefusal): void {
    this.metrics.authRefusals.inc({ reason: refusal.reason });
    this.logger.info({ audit: 'refused', action: 'authenticate', ...refusal }, 'credential refused');
  }

  /** A session whose token ran out, closed. */
  sessionExpired(session: { tenant: string; subject: string; carrier: string; remote: string }): void {
    this.metrics.authRefusals.inc({ reason: 'expired' });
    this.logger.info({ audit: 'expired', via: 'session', ...session, reason: 'expired' }, 'session token expired');
  }

  forbidden(refusal: ForbiddenOperation): void {
    this.metrics.forbidden.inc({ action: refusal.action });
    this.logger.info({ audit: 'refused', ...refusal, resource: formatResource(refusal.resource) }, 'forbidden');
  }

  adminChange(change: AdminChange): void {
    this.logger.info(
      { audit: 'admin', via: 'admin', ...change, resource: formatResource(change.resource) },
      change.change,
    );
  }
}
