// The per-tenant session cap, checked when auth would admit a session: the session holds one
// of its tenant's places until it closes.
import type { Auth } from '@felix/generated';
import type { ByteSink } from '@felix/transport';
import { isLease } from '../../core/quota.js';
import type { SessionContext } from './context.js';
import { refuseOverLimit } from './over-limit.js';

/** Takes a place for the session; false when the tenant has none left (answered, closing). */
export function holdTenantSession(ctx: SessionContext, m: Auth, sink: ByteSink): boolean {
  const { tenantLimits, metrics, config } = ctx.state;
  const grant = tenantLimits.sessions.acquire(m.tenant_id);
  if (isLease(grant)) {
    metrics.tenantSessions.inc();
    void ctx.session.closed.then(() => {
      grant.release();
      metrics.tenantSessions.dec();
    });
    return true;
  }
  metrics.limitRefusals.inc({ limit: 'maxSessionsPerTenant' });
  refuseOverLimit(
    ctx,
    m,
    `tenant ${m.tenant_id} has ${config.maxSessionsPerTenant} sessions open, its limit (maxSessionsPerTenant, FELIX_MAX_SESSIONS_PER_TENANT)`,
    sink,
  );
  return false;
}
