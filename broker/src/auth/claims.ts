// The fixed parts of a Felix token, as upstream's control plane mints them (docs/auth.md).

/** `iss` of every Felix token. */
export const FELIX_ISSUER = 'felix-auth';
/** `aud` of every Felix token. */
export const FELIX_AUDIENCE = 'felix-broker';
/** The only signature algorithm accepted or produced: Ed25519 under its JOSE name. */
export const TOKEN_ALGORITHM = 'EdDSA';

/** The claims a Felix token carries; `perms` holds `action:resource` strings. */
export interface FelixClaims {
  iss: typeof FELIX_ISSUER;
  aud: typeof FELIX_AUDIENCE;
  sub: string;
  tid: string;
  exp: number;
  iat: number;
  nbf?: number;
  jti?: string;
  perms: string[];
}
