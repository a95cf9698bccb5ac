// Refusing a session for a configured limit: its auth (or whatever it sent first) is answered
// with limit_exceeded naming the limit, and the session closes with the matching close code.
import { type Auth, CLOSE_CODES, FEATURES } from '@felix/generated';
import type { ByteSink } from '@felix/transport';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';

export function refuseOverLimit(
  ctx: SessionContext,
  auth: Auth | undefined,
  message: string,
  sink: ByteSink = ctx.control,
): void {
  // The session goes no further than this answer, so only the typed-error feature the peer
  // asked for is taken from its auth: it decides whether the code travels as a field.
  if (auth?.client_flags !== undefined) ctx.features = (auth.client_features ?? 0) & FEATURES.ERROR_CODES;
  ctx.send(sink, errorFrame(ctx, 'limit_exceeded', message), 'error');
  ctx.close(CLOSE_CODES.limitExceeded, 'limit_exceeded', sink);
}
