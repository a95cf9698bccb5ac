// Auth: admits the session to its tenant once its token verifies for that tenant, or its
// client certificate is mapped to that tenant, and negotiates frame flags and features.
//
// A mapped certificate (config clientCertificates) decides the permissions and needs no token.
// A token given with one must still verify for the tenant, so a client never has a bad
// credential silently ignored, but it adds nothing: the certificate's mapping is what the
// session may do, and the session ends when the first of the two expires. A certificate no
// rule names (yet trusted by the client CA) counts for nothing here: a valid token is needed.
import { type Auth, CLOSE_CODES, encodeFrame, FEATURES, KNOWN_FLAGS_MASK } from '@felix/generated';
import type { ByteSink } from '@felix/transport';
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

function serverFeatures(ctx: SessionContext): number {
  return (
    FEATURES.CACHE_DELETE |
    FEATURES.ERROR_CODES |
    FEATURES.DRAIN_NOTICE |
    FEATURES.STREAM_EPOCHS |
    FEATURES.QUEUES |
    FEATURES.BINARY_CACHE |
    (ctx.session.attachToken ? FEATURES.STREAM_ATTACH : 0)
  );
}

/**
 * Answers the auth that is the first frame of a stream, on that stream: the session's first
 * admits it, a later one (upstream's clients send one on every stream) admits just its stream.
 * False when the auth was refused: for the session's first, the session is closing.
 */
export function authenticateStream(ctx: SessionContext, m: Auth, sink: ByteSink): Promise<boolean> {
  return ctx.inAuthTurn(async () => {
    if (ctx.isClosed) return false;
    if (ctx.tenant === undefined) return authenticate(ctx, m, sink);
    return admitStream(ctx, m, sink);
  });
}

/** Answers the session's first auth; false when the session was refused and is closing. */
async function authenticate(ctx: SessionContext, m: Auth, sink: ByteSink): Promise<boolean> {
  const { state, session } = ctx;
  const tenant = m.tenant_id;
  const offered = serverFeatures(ctx);
  // Taken from the request before it is judged, so a refusal carries a typed code for a peer
  // that offered ERROR_CODES.
  if (m.client_flags !== undefined) {
    ctx.flags = m.client_flags & KNOWN_FLAGS_MASK;
    ctx.features = (m.client_features ?? 0) & offered;
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
    return refuse(ctx, sink, `tenant ${tenant} is not registered`, 'unknown tenant');
  }
  if (state.draining) return refuseDraining(ctx, sink);
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
    return refuse(
      ctx,
      sink,
      `the client certificate is mapped to tenant ${grant.tenant}, not ${tenant}`,
      'tenant mismatch',
    );
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
      return refuse(ctx, sink, refusalText(err, tenant), err.reason);
    }
  }
  // The peer may have gone, or the broker begun draining, while the keys were fetched.
  if (ctx.isClosed) return false;
  if (state.draining) return refuseDraining(ctx, sink);
  // Only a verified session takes one of its tenant's places.
  if (!holdTenantSession(ctx, m, sink)) return false;
  answerAdmitted(ctx, m, sink);
  // Without a mapped certificate, the token verified above.
  ctx.admit(grant && certificate ? certificateAdmission(grant, certificate.notAfter, token) : token!);
  return true;
}

/** ok to an auth without client_flags (an upstream-era client), else auth_ok with what the session negotiated. */
function answerAdmitted(ctx: SessionContext, m: Auth, sink: ByteSink): void {
  if (m.client_flags === undefined) {
    ctx.send(sink, encodeFrame({ type: 'ok' }), 'ok');
    return;
  }
  ctx.send(
    sink,
    encodeFrame({
      type: 'auth_ok',
      server_flags: KNOWN_FLAGS_MASK,
      server_features: serverFeatures(ctx),
      session_token: ctx.features & FEATURES.STREAM_ATTACH ? ctx.session.attachToken : undefined,
    }),
    'auth_ok',
  );
}

/**
 * An auth on a further stream of an admitted session. Its credential is checked as the first
 * one was and must be for the session's tenant (a certificate-mapped session needs no token
 * again); what the first auth negotiated stays the session's. A refusal ends only this stream.
 */
async function admitStream(ctx: SessionContext, m: Auth, sink: ByteSink): Promise<boolean> {
  const { state, session } = ctx;
  const refuseStream = (message: string, reason: string, detail?: string): false => {
    state.audit.authRefused({
      via: 'session',
      tenant: m.tenant_id,
      reason,
      detail,
      carrier: session.carrier,
      remote: session.remoteAddress,
    });
    ctx.send(sink, errorFrame(ctx, 'unauthenticated', message), 'error');
    return false;
  };
  if (m.tenant_id !== ctx.tenant)
    return refuseStream(`this session is for tenant ${ctx.tenant}, not ${m.tenant_id}`, 'tenant_mismatch');
  const certificate = session.peerIdentity;
  const grant = certificate && state.auth.mapCertificate(certificate);
  if (grant === undefined || m.token !== '') {
    try {
      await state.auth.verify(m.token, m.tenant_id);
    } catch (err) {
      if (!isAuthError(err)) throw err;
      return refuseStream(refusalText(err, m.tenant_id), err.reason, err.detail);
    }
  }
  if (ctx.isClosed) return false;
  answerAdmitted(ctx, m, sink);
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

function refuse(ctx: SessionContext, sink: ByteSink, message: string, closeReason: string): false {
  ctx.send(sink, errorFrame(ctx, 'unauthenticated', message), 'error');
  ctx.close(CLOSE_CODES.unauthenticated, closeReason, sink);
  return false;
}

function refuseDraining(ctx: SessionContext, sink: ByteSink): false {
  ctx.send(sink, errorFrame(ctx, 'draining', 'the broker is draining'), 'error');
  ctx.close(CLOSE_CODES.draining, 'draining', sink);
  return false;
}
