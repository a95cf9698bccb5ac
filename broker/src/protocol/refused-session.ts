// A session that arrived over a connection limit (ServerSession.refusal): its first frame is
// answered with limit_exceeded and the reason, and it is closed. It never authenticates, so it
// holds nothing but its connection, and that for at most the auth deadline.
import { CLOSE_CODES } from '@felix/generated';
import type { ServerSession } from '@felix/transport';
import type { BrokerState } from '../core/broker-state.js';
import { framesWithin } from './first-frame-deadline.js';
import { SessionContext } from './session/context.js';
import { refuseOverLimit } from './session/over-limit.js';

export async function serveRefusedSession(state: BrokerState, session: ServerSession, refusal: string): Promise<void> {
  const ctx = new SessionContext(state, session);
  const ms = state.config.authTimeoutMs;
  // Its first frame is charged like any other, and a stalled one only ends it sooner.
  const receiving = ctx.frameReceipt(() => ctx.close(CLOSE_CODES.limitExceeded, 'limit_exceeded'));
  const frames = framesWithin(
    session.control,
    { maxPayload: state.config.maxFrameBytes, receiving },
    {
      ms,
      resetCode: CLOSE_CODES.limitExceeded,
      expired: () => state.metrics.deadlineTimeouts.inc({ carrier: session.carrier, deadline: 'auth' }),
    },
  );
  try {
    for await (const batch of frames) {
      const first = batch[0]?.message;
      return refuseOverLimit(ctx, first?.type === 'auth' ? first : undefined, refusal);
    }
  } catch {
    // A first frame with a bad header: it is closed all the same.
  }
  ctx.close(CLOSE_CODES.limitExceeded, 'limit_exceeded');
}
