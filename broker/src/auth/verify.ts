// Checking a Felix token: size, then the header (alg must be EdDSA and a kid present) before any
// key is looked up, so tokens with other algorithms never cost a key fetch; then signature and
// claims with jose, and last the claims jose does not know (tid, perms).
import { LIMITS } from '@felix/generated';
import { type CryptoKey, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import { FELIX_AUDIENCE, FELIX_ISSUER, TOKEN_ALGORITHM } from './claims.js';
import { AuthError, quoteUntrusted } from './errors.js';
import type { KeySource } from './keys.js';
import { compilePermissions, type PermissionSet } from './permissions.js';

export interface VerifyOptions {
  /** The tenant the session authenticates for; the token's `tid` must name it. */
  tenant: string;
  keys: KeySource;
  /** Leeway for `exp` and `nbf`, in seconds (default 30). */
  clockToleranceSec?: number;
  /** The current time in milliseconds since the epoch (default Date.now()). */
  now?: number;
  /** Largest token in UTF-8 bytes (default LIMITS.token_max_bytes). */
  maxBytes?: number;
}

export interface VerifiedToken {
  /** `sub`: upstream's principal id. */
  subject: string;
  /** `tid`, equal to the tenant asked for. */
  tenant: string;
  /** `exp` in milliseconds since the epoch. */
  expiresAt: number;
  /** `iat` in milliseconds since the epoch, when present. */
  issuedAt: number | undefined;
  /** `jti`, when present. */
  tokenId: string | undefined;
  /** The header's `kid`. */
  keyId: string;
  permissions: PermissionSet;
}

export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;

/** Verifies a Felix token for `options.tenant`; throws AuthError (code `unauthenticated`) naming what failed. */
export async function verifyToken(token: string, options: VerifyOptions): Promise<VerifiedToken> {
  const maxBytes = options.maxBytes ?? LIMITS.token_max_bytes;
  if (typeof token !== 'string') throw new AuthError('malformed', 'not a string');
  if (token.length > maxBytes || Buffer.byteLength(token, 'utf8') > maxBytes)
    throw new AuthError('too_large', `over ${maxBytes} bytes`);
  const kid = checkHeader(token);
  const key = await options.keys.keyFor(options.tenant, kid);
  const payload = await verifySignedClaims(token, key, options);
  return acceptClaims(payload, kid, options.tenant);
}

function checkHeader(token: string): string {
  if (token.split('.').length !== 3) throw new AuthError('malformed', 'not a compact JWS');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new AuthError('malformed', 'unreadable header');
  }
  if (header.alg !== TOKEN_ALGORITHM)
    throw new AuthError(
      'algorithm_not_allowed',
      typeof header.alg === 'string' ? `alg ${quoteUntrusted(header.alg, 16)}` : 'no alg',
    );
  if (typeof header.kid !== 'string' || header.kid === '') throw new AuthError('malformed', 'no kid in the header');
  return header.kid;
}

async function verifySignedClaims(token: string, key: CryptoKey, options: VerifyOptions): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [TOKEN_ALGORITHM],
      issuer: FELIX_ISSUER,
      audience: FELIX_AUDIENCE,
      clockTolerance: options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC,
      currentDate: options.now === undefined ? undefined : new Date(options.now),
      requiredClaims: ['exp', 'sub', 'tid'],
    });
    return payload;
  } catch (err) {
    throw joseFailure(err);
  }
}

function joseFailure(err: unknown): AuthError {
  const because = { cause: err };
  if (err instanceof errors.JWTExpired) return new AuthError('expired', undefined, because);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return new AuthError('malformed', `no ${err.claim} claim`, because);
    if (err.reason === 'check_failed') {
      if (err.claim === 'nbf') return new AuthError('not_yet_valid', undefined, because);
      if (err.claim === 'iss') return new AuthError('wrong_issuer', undefined, because);
      if (err.claim === 'aud') return new AuthError('wrong_audience', undefined, because);
    }
    return new AuthError('malformed', `invalid ${err.claim} claim`, because);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return new AuthError('bad_signature', undefined, because);
  if (err instanceof errors.JOSEAlgNotAllowed) return new AuthError('algorithm_not_allowed', undefined, because);
  if (err instanceof errors.JOSEError) return new AuthError('malformed', undefined, because);
  return new AuthError('malformed', 'unexpected verification failure', because);
}

function acceptClaims(payload: JWTPayload, kid: string, tenant: string): VerifiedToken {
  const { sub, tid, exp, iat, jti, perms } = payload;
  if (typeof sub !== 'string' || sub === '') throw new AuthError('malformed', 'sub is not a non-empty string');
  if (typeof tid !== 'string') throw new AuthError('malformed', 'tid is not a string');
  if (tid !== tenant) throw new AuthError('tenant_mismatch', `token for ${quoteUntrusted(tid)}`);
  if (jti !== undefined && typeof jti !== 'string') throw new AuthError('malformed', 'jti is not a string');
  if (!Array.isArray(perms)) throw new AuthError('malformed', 'perms is not a list');
  return {
    subject: sub,
    tenant: tid,
    // jose has checked exp (required) and iat (when present) are numbers.
    expiresAt: (exp as number) * 1000,
    issuedAt: iat === undefined ? undefined : iat * 1000,
    tokenId: jti,
    keyId: kid,
    permissions: compilePermissions(perms),
  };
}
