// Making Felix keys and tokens: the dev default's in-memory key and `felix token mint`. Tokens
// come out exactly as upstream's control plane shapes them, so either side can verify the other's.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { FELIX_AUDIENCE, FELIX_ISSUER, TOKEN_ALGORITHM } from './claims.js';
import { parsePermission } from './permission-grammar.js';

export interface SigningKey {
  /** Ed25519 private JWK with `kid`, `alg` EdDSA and `use` sig. Keep it secret. */
  privateJwk: JWK;
  /** The matching public JWK, for a JWKS. */
  publicJwk: JWK;
}

/** A new Ed25519 key pair; the kid defaults to the key's RFC 7638 thumbprint. */
export async function generateSigningKey(kid?: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  const publicPart = await exportJWK(publicKey);
  const id = kid ?? (await calculateJwkThumbprint(publicPart));
  const labels = { kid: id, alg: TOKEN_ALGORITHM, use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...labels },
    publicJwk: { ...publicPart, ...labels },
  };
}

/** The public half of a private JWK, for a JWKS. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const { d: _secret, ...publicJwk } = privateJwk;
  return publicJwk;
}

export interface MintOptions {
  /** Private Ed25519 JWK with a `kid`. */
  privateJwk: JWK;
  /** `tid`. */
  tenant: string;
  /** `sub`. */
  subject: string;
  /** `perms`; each must follow the permission grammar (PermissionSyntaxError otherwise). */
  permissions: readonly string[];
  /** Lifetime in seconds from `now`. */
  ttlSec: number;
  /** Milliseconds since the epoch (default Date.now()). */
  now?: number;
  /** Seconds after `now` before the token becomes valid; sets `nbf` when given. */
  notBeforeSec?: number;
  /** `jti`. */
  tokenId?: string;
}

/** Signs a Felix token; throws TypeError for a bad key or option, PermissionSyntaxError for a bad permission. */
export async function mintToken(options: MintOptions): Promise<string> {
  const { privateJwk, tenant, subject, permissions, ttlSec } = options;
  if (typeof privateJwk.kid !== 'string' || privateJwk.kid === '') throw new TypeError('the signing key has no kid');
  if (privateJwk.kty !== 'OKP' || privateJwk.crv !== 'Ed25519' || typeof privateJwk.d !== 'string')
    throw new TypeError('the signing key is not a private Ed25519 JWK');
  if (tenant === '' || subject === '') throw new TypeError('tenant and subject must not be empty');
  if (!Number.isFinite(ttlSec) || ttlSec <= 0) throw new TypeError('ttlSec must be a positive number');
  for (const permission of permissions) parsePermission(permission);
  const key = await importJWK(privateJwk, TOKEN_ALGORITHM);
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const jwt = new SignJWT({ tid: tenant, perms: [...permissions] })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(FELIX_ISSUER)
    .setAudience(FELIX_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.ceil(ttlSec));
  if (options.notBeforeSec !== undefined) jwt.setNotBefore(issuedAt + Math.ceil(options.notBeforeSec));
  if (options.tokenId !== undefined) jwt.setJti(options.tokenId);
  return jwt.sign(key);
}
