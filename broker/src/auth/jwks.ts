// Turning a JWKS document into verification keys. Only Ed25519 public keys survive: every other
// key type is dropped here, so no later step can be talked into verifying with an RSA, EC or
// HMAC key whatever a token's header claims.
import { type CryptoKey, importJWK, type JWK } from 'jose';
import { AuthError, quoteUntrusted } from './errors.js';

export interface JwksDocument {
  keys: JWK[];
}

export interface ImportedJwks {
  /** Ed25519 public keys by `kid`. */
  keys: ReadonlyMap<string, CryptoKey>;
  /** Why each other entry was skipped, for the operator's log (kids and key types only). */
  ignored: string[];
}

const ACCEPTED_ALGORITHMS = new Set(['EdDSA', 'Ed25519']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(jwk: Record<string, unknown>, index: number): string {
  const kid = typeof jwk.kid === 'string' ? quoteUntrusted(jwk.kid) : `#${index}`;
  return `key ${kid}`;
}

function refusal(jwk: Record<string, unknown>): string | undefined {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519')
    return `is ${String(jwk.kty).slice(0, 16)}/${String(jwk.crv).slice(0, 16)}, not OKP/Ed25519`;
  if (typeof jwk.kid !== 'string' || jwk.kid === '') return 'has no kid';
  if (typeof jwk.x !== 'string') return 'has no public key';
  if (jwk.alg !== undefined && !ACCEPTED_ALGORITHMS.has(jwk.alg as string)) return 'is for another algorithm';
  if (jwk.use !== undefined && jwk.use !== 'sig') return 'is not a signing key';
  if (jwk.key_ops !== undefined && !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')))
    return 'is not for verifying';
  return undefined;
}

/**
 * Imports the Ed25519 keys of a parsed JWKS document. Throws AuthError `keys_unavailable` when the
 * document itself is not a JWKS; single unusable keys are skipped and listed in `ignored`.
 */
export async function importJwks(document: unknown): Promise<ImportedJwks> {
  if (!isObject(document) || !Array.isArray(document.keys))
    throw new AuthError('keys_unavailable', 'the JWKS is not an object with a "keys" list');
  const keys = new Map<string, CryptoKey>();
  const ignored: string[] = [];
  for (const [index, jwk] of document.keys.entries()) {
    if (!isObject(jwk)) {
      ignored.push(`key #${index} is not an object`);
      continue;
    }
    const problem = refusal(jwk);
    if (problem !== undefined) {
      ignored.push(`${describe(jwk, index)} ${problem}`);
      continue;
    }
    const kid = jwk.kid as string;
    if (keys.has(kid)) {
      ignored.push(`${describe(jwk, index)} repeats an earlier kid`);
      continue;
    }
    try {
      // Only the public members: a private `d` published by mistake is never imported.
      const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: jwk.x as string }, 'EdDSA', { extractable: false });
      keys.set(kid, key as CryptoKey);
    } catch {
      ignored.push(`${describe(jwk, index)} has an invalid public key`);
    }
  }
  return { keys, ignored };
}

/** Parses JWKS text (a file or an HTTP body) and imports it; see importJwks. */
export async function importJwksText(text: string): Promise<ImportedJwks> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new AuthError('keys_unavailable', 'the JWKS is not JSON');
  }
  return importJwks(document);
}
