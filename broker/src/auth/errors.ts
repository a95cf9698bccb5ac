// The one error a refused credential produces. The reason names what failed so an operator can
// tell an expired token from a misconfigured audience; no detail ever quotes key material or the
// token itself, only public facts such as a key id or a claim name.

/** What made a credential unacceptable. */
export type AuthFailure =
  | 'too_large'
  | 'malformed'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'keys_unavailable'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'tenant_mismatch';

const FAILURE_TEXT: Record<AuthFailure, string> = {
  too_large: 'token too large',
  malformed: 'malformed token',
  algorithm_not_allowed: 'algorithm not allowed',
  unknown_key: 'unknown signing key',
  keys_unavailable: 'signing keys unavailable',
  bad_signature: 'bad signature',
  expired: 'token expired',
  not_yet_valid: 'token not yet valid',
  wrong_issuer: 'wrong issuer',
  wrong_audience: 'wrong audience',
  tenant_mismatch: 'tenant mismatch',
};

/** The words for a failure, e.g. `token expired`. */
export function failureText(reason: AuthFailure): string {
  return FAILURE_TEXT[reason];
}

export class AuthError extends Error {
  /** The wire error code a session answers with (spec error code `unauthenticated`). */
  readonly code = 'unauthenticated' as const;
  constructor(
    readonly reason: AuthFailure,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(`unauthenticated: ${FAILURE_TEXT[reason]}${detail ? ` (${detail})` : ''}`, options);
    this.name = 'AuthError';
  }
}

export function isAuthError(value: unknown): value is AuthError {
  return value instanceof AuthError;
}

/**
 * A value from an unverified token or a remote document, fit for a message: cut short, quoted,
 * and with every control character (DEL and C1 included) escaped so it cannot break a log line.
 */
export function quoteUntrusted(value: string, maxLength = 64): string {
  const short = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  return JSON.stringify(short).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
