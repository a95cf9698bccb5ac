// The tenant publish rate: every publish spends its payload bytes from its tenant's token
// bucket before anything of it is appended; one that does not fit is refused whole.
import { PayloadList, type Payloads } from '@felix/generated';
import type { SessionContext } from './context.js';
import { RequestError } from './refusals.js';

/**
 * Spends `payloads`' bytes from the tenant's budget, or throws a refusal: `overloaded` (retry
 * after the time the message names) when the bucket is short for now, `limit_exceeded` when
 * the publish is larger than the whole burst and so could never fit.
 */
export function chargePublish(
  ctx: SessionContext,
  tenant: string,
  payloads: Payloads,
  requestId?: number | bigint,
): void {
  const limiter = ctx.state.tenantLimits.publishBytes;
  if (limiter === undefined) return;
  const bytes = payloadBytes(payloads);
  const decision = limiter.take(tenant, bytes);
  if (decision.taken) return;
  const { metrics } = ctx.state;
  metrics.limitRefusals.inc({ limit: 'tenantPublishBytesPerSecond' });
  metrics.publishesRateLimited.inc(payloads.length);
  if (decision.retryAfterMs === Number.POSITIVE_INFINITY)
    throw new RequestError(
      'limit_exceeded',
      `a publish of ${bytes} bytes is larger than tenant ${tenant}'s whole publish burst of ${limiter.burst} bytes (tenantPublishBurstBytes)`,
      requestId,
    );
  throw new RequestError(
    'overloaded',
    `tenant ${tenant} is over its publish rate of ${limiter.perSecond} bytes/s (tenantPublishBytesPerSecond); retry in ${decision.retryAfterMs} ms`,
    requestId,
  );
}

/** Total payload bytes of a publish. */
export function payloadBytes(payloads: Payloads): number {
  // A decoded binary batch knows its size without a view per payload.
  if (payloads instanceof PayloadList) return payloads.payloadBytes;
  let bytes = 0;
  for (const p of payloads) bytes += p.byteLength;
  return bytes;
}
