// The idle deadline: an authenticated session that holds no subscription and sends no frame for
// sessionIdleTimeoutMs is told so and closed, so connections a client forgot do not keep their
// place (and their tenant's) for ever. A session with a subscription is waiting for deliveries,
// which is not idleness, so it is never closed for it.
import { CLOSE_CODES } from '@felix/generated';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';

export function armIdleDeadline(ctx: SessionContext, subscribed: () => boolean): void {
  const ms = ctx.state.config.sessionIdleTimeoutMs;
  if (ms === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const arm = (delay: number) => {
    timer = setTimeout(check, delay);
    timer.unref();
  };
  const check = () => {
    if (ctx.isClosed) return;
    // Time spent subscribed counts as activity: the quiet starts when the last subscription ends.
    if (subscribed()) ctx.heard();
    const quietFor = performance.now() - ctx.lastHeardAt;
    if (quietFor < ms) return arm(ms - quietFor);
    ctx.state.metrics.deadlineTimeouts.inc({ carrier: ctx.session.carrier, deadline: 'idle' });
    const message = `no subscription and no frame for ${ms} ms (sessionIdleTimeoutMs, FELIX_SESSION_IDLE_TIMEOUT_MS)`;
    ctx.send(ctx.control, errorFrame(ctx, 'idle', message), 'error');
    ctx.close(CLOSE_CODES.idle, 'idle');
  };
  // The auth deadline looks after a session until it is admitted.
  void ctx.authenticated.then(() => {
    if (!ctx.isClosed) arm(ms);
  });
  void ctx.session.closed.then(() => clearTimeout(timer));
}
