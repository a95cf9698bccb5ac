// The auth deadline: a session that has not authenticated within authTimeoutMs of reaching
// the broker is told so and closed, so unauthenticated sessions cannot pile up.
import { CLOSE_CODES } from '@felix/generated';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';

export function armAuthDeadline(ctx: SessionContext): void {
  const ms = ctx.state.config.authTimeoutMs;
  const timer = setTimeout(() => {
    if (ctx.tenant !== undefined) return;
    ctx.state.metrics.deadlineTimeouts.inc({ carrier: ctx.session.carrier, deadline: 'auth' });
    ctx.send(ctx.control, errorFrame(ctx, 'unauthenticated', `no auth within ${ms} ms`), 'error');
    ctx.close(CLOSE_CODES.unauthenticated, 'no auth in time');
  }, ms);
  const stop = () => clearTimeout(timer);
  void ctx.authenticated.then(stop);
  void ctx.session.closed.then(stop);
}
