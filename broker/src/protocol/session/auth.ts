// Auth: admits the session to its tenant once its token verifies for that tenant, or its
// client certificate is mapped to that tenant, and negotiates frame flags and features.
//
// A mapped certificate (config clientCertificates) decides the permissions and needs no token.
// A token given with one must still verify for the tenant, so a client never has a bad
// credential silently ignored, but it adds nothing: the certificate's mapping is what the
// session may do, and the session ends when the first of the two expires. A certificate no
// rule names (yet trusted by the client CA) counts for nothing here: a valid token is needed.
import { type Auth, CLOSE_CODES, encodeFrame, FEATURES, KNOWN_FLAGS_MASK } from '@felix/generated';
import {
  type AuthError,
  type CertificateGrant,
  failureText,
  isAuthError,
  type VerifiedToken,
} from '../../auth/index.js';
import { errorFrame } from '../replies.js';
import type { Admission, SessionContext } from './context.js';
import { holdTenantSession } from './tenant-sessions.js';

/** Answers an auth request; false when the session was refused and is closing. */
export async function authenticate(ctx: SessionContext, m: Auth): Promise<boolean> {
  const { state, session } = ctx;
  const tenant = m.tenant_id;
  const serverFeatures =
    FEATURES.CACHE_DELETE |
    FEATURES.ERROR_CODES |
    FEATURES.DRAIN_NOTICE |
    FEATURES.STREAM_EPOCHS |
    (session.attachToken ? FEATURES.STREAM_ATTACH : 0);
  // Taken from the request before it is judged, so a refusal carries a typed code for a peer
  // that offered ERROR_CODES.
  if (m.client_flags !== undefined) {
    ctx.flags = m.client_flags & KNOWN_FLAGS_MASK;
    ctx.features = (m.client_features ?? 0) & serverFeatures;
  }
  // Before the token is looked at, so a made-up tenant never costs a key fetch.
  if (!state.registry.options.autoCreate && !state.registry.hasTenant(tenant)) {
    state.audit.authRefused({
      via: 'session',
      tenant,
      reason: 'unknown_tenant',
      carrier: session.carrier,
      remote: session.remoteAddress,
    });
    return refuse(ctx, `tenant ${tenant} is not registered`, 'unknown tenant');
  }
  if (state.draining) return refuseDraining(ctx);
  const certificate = session.peerIdentity;
  const grant = certificate && state.auth.mapCertificate(certificate);
  if (grant !== undefined && grant.tenant !== tenant) {
    state.audit.authRefused({
      via: 'session',
      tenant,
      reason: 'certificate_tenant_mismatch',
      detail: grant.subject,
      carrier: session.carrier,
      remote: session.remoteAddress,
    });
    return refuse(ctx, `the client certificate is mapped to tenant ${grant.tenant}, not ${tenant}`, 'tenant mismatch');
  }
  let token: VerifiedToken | undefined;
  if (grant === undefined || m.token !== '') {
    try {
      token = await state.auth.verify(m.token, tenant);
    } catch (err) {
      if (!isAuthError(err)) throw err;
      state.audit.authRefused({
        via: 'session',
        tenant,
        reason: err.reason,
        detail: err.detail,
        carrier: session.carrier,
        remote: session.remoteAddress,
      });
      return refuse(ctx, refusalText(err, tenant), err.reason);
    }
  }
  // The peer may have gone, or the broker begun draining, while the keys were fetched.
  if (ctx.isClosed) return false;
  if (state.draining) return refuseDraining(ctx);
  // Only a verified session takes one of its tenant's places.
  if (!holdTenantSession(ctx, m)) return false;
  if (m.client_flags === undefined) {
    // An upstream-era client: it gets a plain ok and only original v1 layouts.
    ctx.send(ctx.control, encodeFrame({ type: 'ok' }), 'ok');
  } else {
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
  // Without a mapped certificate, the token verified above.
  ctx.admit(grant && certificate ? certificateAdmission(grant, certificate.notAfter, token) : token!);
  return true;
}

function certificateAdmission(grant: CertificateGrant, notAfter: number, token: VerifiedToken | undefined): Admission {
  return {
    tenant: grant.tenant,
    subject: grant.subject,
    permissions: grant.permissions,
    expiresAt: Math.min(notAfter, token?.expiresAt ?? Number.POSITIVE_INFINITY),
  };
}

/**
 * What the peer is told: the failure, with its detail (kids and claim names, values from the
 * token quoted) except for unavailable keys, whose detail names the operator's files or URLs.
 */
function refusalText(err: AuthError, tenant: string): string {
  if (err.reason === 'tenant_mismatch')
    return `${err.detail ?? 'token for another tenant'} does not match tenant ${tenant}`;
  const detail = err.detail !== undefined && err.reason !== 'keys_unavailable' ? ` (${err.detail})` : '';
  return `${failureText(err.reason)}${detail}`;
}

function refuse(ctx: SessionContext, message: string, closeReason: string): false {
  ctx.send(ctx.control, errorFrame(ctx, 'unauthenticated', message), 'error');
  ctx.close(CLOSE_CODES.unauthenticated, closeReason);
  return false;
}

function refuseDraining(ctx: SessionContext): false {
  ctx.send(ctx.control, errorFrame(ctx, 'draining', 'the broker is draining'), 'error');
  ctx.close(CLOSE_CODES.draining, 'draining');
  return false;
}
