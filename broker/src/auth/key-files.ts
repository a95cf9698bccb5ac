// Signing keys on disk: the public JWKS the broker trusts and the private JWK a minter signs
// with. Writes go to a temporary file renamed into place, so a broker watching the JWKS never
// reads half of one; private keys are created readable by their owner only.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import type { JwksDocument } from './jwks.js';

export class KeyFileError extends Error {
  readonly code = 'invalid_key_file' as const;
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`key file ${path}: ${problem}`, options);
    this.name = 'KeyFileError';
  }
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { mode, flag: 'wx' });
    // The mode given to writeFile is masked by the umask; the key's must not be.
    await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new KeyFileError(path, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new KeyFileError(path, 'is not JSON', { cause: err });
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Writes a JWKS of public keys; throws KeyFileError if any of them holds private material. */
export async function writeJwksFile(path: string, publicKeys: readonly JWK[]): Promise<void> {
  if (publicKeys.some((jwk) => jwk.d !== undefined))
    throw new KeyFileError(path, 'would publish a private key; pass the public JWKs only');
  const document: JwksDocument = { keys: [...publicKeys] };
  await writeAtomically(path, `${JSON.stringify(document, null, 2)}\n`, 0o644);
}

/** Reads a JWKS document as it is (the broker's key sources decide which keys they trust). */
export async function readJwksFile(path: string): Promise<JwksDocument> {
  const document = await readJson(path);
  if (!isObject(document) || !Array.isArray(document.keys) || !document.keys.every(isObject))
    throw new KeyFileError(path, 'is not a JWKS: an object with a "keys" list of objects');
  return document as unknown as JwksDocument;
}

/** Writes a private JWK, mode 0600. */
export async function writePrivateJwkFile(path: string, privateKey: JWK): Promise<void> {
  await writeAtomically(path, `${JSON.stringify(privateKey, null, 2)}\n`, 0o600);
}

/** Writes a secret other than a key (a token), mode 0600. */
export async function writeSecretFile(path: string, text: string): Promise<void> {
  await writeAtomically(path, text, 0o600);
}

/** Reads a private Ed25519 JWK with a kid; throws KeyFileError for anything else. */
export async function readPrivateJwkFile(path: string): Promise<JWK> {
  const jwk = await readJson(path);
  if (!isObject(jwk) || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519')
    throw new KeyFileError(path, 'is not an Ed25519 JWK (kty OKP, crv Ed25519)');
  if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string') throw new KeyFileError(path, 'holds no private key');
  if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new KeyFileError(path, 'has no kid');
  return jwk as JWK;
}
