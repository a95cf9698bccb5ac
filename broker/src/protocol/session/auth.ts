// Auth: admits the session to its tenant and negotiates frame flags and features with the peer.
import { type Auth, CLOSE_CODES, encodeFrame, FEATURES, KNOWN_FLAGS_MASK } from '@felix/generated';
import { errorFrame } from '../replies.js';
import type { SessionContext } from './context.js';
import { holdTenantSession } from './tenant-sessions.js';

/** Answers an auth request; false when the session was refused and is closing. */
export function authenticate(ctx: SessionContext, m: Auth): boolean {
  const { state, session } = ctx;
  const tenant = m.tenant_id;
  if (!state.registry.options.autoCreate && !state.registry.hasTenant(tenant)) {
    ctx.send(ctx.control, errorFrame(ctx, 'unauthenticated', `tenant ${tenant} is not registered`), 'error');
    ctx.close(CLOSE_CODES.unauthenticated, 'unknown tenant');
    return false;
  }
  if (state.draining) {
    ctx.send(ctx.control, errorFrame(ctx, 'draining', 'the broker is draining'), 'error');
    ctx.close(CLOSE_CODES.draining, 'draining');
    return false;
  }
  if (!holdTenantSession(ctx, m)) return false;
  const serverFeatures =
    FEATURES.CACHE_DELETE | FEATURES.ERROR_CODES | (session.attachToken ? FEATURES.STREAM_ATTACH : 0);
  if (m.client_flags === undefined) {
    // An upstream-era client: it gets a plain ok and only original v1 layouts.
    ctx.send(ctx.control, encodeFrame({ type: 'ok' }), 'ok');
  } else {
    ctx.flags = m.client_flags & KNOWN_FLAGS_MASK;
    ctx.features = (m.client_features ?? 0) & serverFeatures;
    ctx.send(
      ctx.control,
      encodeFrame({
        type: 'auth_ok',
        server_flags: KNOWN_FLAGS_MASK,
        server_features: serverFeatures,
        session_token: ctx.features & FEATURES.STREAM_ATTACH ? session.attachToken : undefined,
      }),
      'auth_ok',
    );
  }
  ctx.admit(tenant);
  return true;
}
