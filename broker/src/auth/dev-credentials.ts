// The embedded default's credentials: with no key source configured, the broker signs its own
// tokens with a key kept in its data directory, so `npm start` needs nothing set up and still
// checks every request. The file names are read by the CLI as well (it finds the dev token
// there), so they are a contract: change them on both sides or not at all.
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { isAuthError } from './errors.js';
import {
  KeyFileError,
  readJwksFile,
  readPrivateJwkFile,
  writeJwksFile,
  writePrivateJwkFile,
  writeSecretFile,
} from './key-files.js';
import { StaticKeySource } from './keys.js';
import { generateSigningKey, mintToken, publicJwkOf } from './mint.js';
import { verifyToken } from './verify.js';

/** The directory under the data directory that holds them. */
export const DEV_AUTH_DIR = 'auth';
export const DEV_SIGNING_KEY_FILE = 'signing-key.jwk';
export const DEV_JWKS_FILE = 'jwks.json';
export const DEV_TOKEN_FILE = 'dev-token.jwt';
/** The tenant of the embedded default's registry, which the dev token manages. */
export const DEV_TENANT = 't1';
export const DEV_SUBJECT = 'felix-dev';
export const DEV_PERMISSIONS: readonly string[] = [`tenant.manage:tenant:${DEV_TENANT}`];
export const DEV_TOKEN_TTL_SEC = 30 * 86_400;
/** A dev token with less left than this is minted anew at start. */
export const DEV_TOKEN_RENEW_BEFORE_MS = 86_400_000;

export interface DevCredentialPaths {
  dir: string;
  signingKey: string;
  jwks: string;
  token: string;
}

export function devCredentialPaths(dataDir: string): DevCredentialPaths {
  const dir = join(dataDir, DEV_AUTH_DIR);
  return {
    dir,
    signingKey: join(dir, DEV_SIGNING_KEY_FILE),
    jwks: join(dir, DEV_JWKS_FILE),
    token: join(dir, DEV_TOKEN_FILE),
  };
}

export interface DevCredentials {
  paths: DevCredentialPaths;
  /** The dev token as written to `paths.token`. */
  token: string;
  /** When it expires, in milliseconds since the epoch. */
  expiresAt: number;
  /** What this start had to make: nothing when everything was there and still good. */
  made: { key: boolean; token: boolean };
}

/**
 * Makes the signing key, its JWKS and a dev token in `${dataDir}/auth/` where they are missing,
 * reusing what is there; the token is minted anew when it no longer verifies or has less than
 * a day left. Throws KeyFileError for a signing key file that exists but is no key.
 */
export async function ensureDevCredentials(dataDir: string, now = Date.now()): Promise<DevCredentials> {
  const paths = devCredentialPaths(dataDir);
  await mkdir(paths.dir, { recursive: true, mode: 0o700 });
  const key = await signingKey(paths.signingKey);
  const publicJwk = publicJwkOf(key.privateJwk);
  await trustInJwks(paths.jwks, publicJwk);
  const kept = await usableToken(paths.token, publicJwk, now);
  if (kept !== undefined) return { paths, ...kept, made: { key: key.made, token: false } };
  const token = await mintToken({
    privateJwk: key.privateJwk,
    tenant: DEV_TENANT,
    subject: DEV_SUBJECT,
    permissions: DEV_PERMISSIONS,
    ttlSec: DEV_TOKEN_TTL_SEC,
    now,
  });
  await writeSecretFile(paths.token, token);
  const expiresAt = (Math.floor(now / 1000) + DEV_TOKEN_TTL_SEC) * 1000;
  return { paths, token, expiresAt, made: { key: key.made, token: true } };
}

async function signingKey(path: string): Promise<{ privateJwk: JWK; made: boolean }> {
  if (await exists(path)) return { privateJwk: await readPrivateJwkFile(path), made: false };
  const { privateJwk } = await generateSigningKey();
  await writePrivateJwkFile(path, privateJwk);
  return { privateJwk, made: true };
}

/** Puts the key in the JWKS unless it is there, keeping any other keys an operator added. */
async function trustInJwks(path: string, publicJwk: JWK): Promise<void> {
  let keys: JWK[] = [];
  try {
    keys = (await readJwksFile(path)).keys;
  } catch (err) {
    if (!(err instanceof KeyFileError)) throw err;
  }
  if (keys.some((k) => k.kid === publicJwk.kid && k.x === publicJwk.x)) return;
  await writeJwksFile(path, [...keys.filter((k) => k.kid !== publicJwk.kid), publicJwk]);
}

/** The token in `path` when it verifies with `publicJwk` and has long enough left. */
async function usableToken(
  path: string,
  publicJwk: JWK,
  now: number,
): Promise<{ token: string; expiresAt: number } | undefined> {
  let token: string;
  try {
    token = (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
  try {
    const keys = await StaticKeySource.fromJwks({ keys: [publicJwk] });
    const verified = await verifyToken(token, { tenant: DEV_TENANT, keys, clockToleranceSec: 0, now });
    if (verified.expiresAt - now < DEV_TOKEN_RENEW_BEFORE_MS) return undefined;
    return { token, expiresAt: verified.expiresAt };
  } catch (err) {
    if (isAuthError(err)) return undefined;
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
