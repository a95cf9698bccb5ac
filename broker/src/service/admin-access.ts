// Who may use the admin API: a bearer token for the tenant in the request's path, granting the
// manage action on what the request changes. Refusals are 401 (no or bad token, with
// WWW-Authenticate), 403 (a good token without the permission) or 503 (no keys to check it
// with), each audited.
import {
  type Action,
  failureText,
  forbiddenMessage,
  isAuthError,
  type Resource,
  type VerifiedToken,
} from '../auth/index.js';
import type { AuditLog } from './audit.js';

export interface AdminAccess {
  /** Verifies `token` for `tenant`; throws AuthError. */
  verify(token: string, tenant: string): Promise<VerifiedToken>;
  audit: AuditLog;
}

export type AdminDecision =
  | { allowed: true; subject: string }
  | { allowed: false; status: 401 | 403 | 503; headers: Record<string, string>; message: string };

const BEARER = /^Bearer +([^\s]+) *$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
}

/** Decides whether the request's credential allows `action` on `resource` (in the path's tenant). */
export async function authorizeAdmin(
  request: { authorization: string | undefined; remote: string | undefined },
  action: Action,
  resource: Resource,
  access: AdminAccess,
): Promise<AdminDecision> {
  const { tenant } = resource;
  const { authorization, remote } = request;
  const token = bearerToken(authorization);
  if (token === undefined) {
    access.audit.authRefused({ via: 'admin', tenant, reason: 'no_token', remote });
    return unauthenticated(
      authorization === undefined ? 'no credential: send Authorization: Bearer <token>' : 'not a Bearer credential',
      'Bearer realm="felix"',
    );
  }
  let verified: VerifiedToken;
  try {
    verified = await access.verify(token, tenant);
  } catch (err) {
    if (!isAuthError(err)) throw err;
    access.audit.authRefused({ via: 'admin', tenant, reason: err.reason, detail: err.detail, remote });
    // Not the client's fault: the keys to check any token with could not be had.
    if (err.reason === 'keys_unavailable')
      return { allowed: false, status: 503, headers: {}, message: `unavailable: ${failureText(err.reason)}` };
    const detail =
      err.reason === 'tenant_mismatch'
        ? ` (${err.detail} in a request for tenant ${tenant})`
        : err.detail !== undefined
          ? ` (${err.detail})`
          : '';
    return unauthenticated(`${failureText(err.reason)}${detail}`, 'Bearer realm="felix", error="invalid_token"');
  }
  if (verified.permissions.allows(action, resource)) return { allowed: true, subject: verified.subject };
  access.audit.forbidden({
    via: 'admin',
    action,
    resource,
    tenant,
    subject: verified.subject,
    reason: 'no_permission',
    remote,
  });
  return { allowed: false, status: 403, headers: {}, message: forbiddenMessage(action, resource) };
}

function unauthenticated(why: string, challenge: string): AdminDecision {
  return {
    allowed: false,
    status: 401,
    headers: { 'www-authenticate': challenge },
    message: `unauthenticated: ${why}`,
  };
}
