// Compact JWS made by hand with node:crypto rather than a JOSE library, so the fuzzer can sign
// exactly the bytes it chose (odd headers, raw claim text, other algorithms) and the broker's
// library is checked against code that shares nothing with it.
import { createHmac, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

export const b64url = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64url');

/**
 * Whether `part` is the one spelling of its bytes that RFC 7515 allows: the URL-safe alphabet,
 * no padding, and zero bits after the last byte. Other spellings some decoders still accept.
 */
export function isCanonicalBase64url(part: string): boolean {
  return /^[A-Za-z0-9_-]*$/.test(part) && b64url(Buffer.from(part, 'base64url')) === part;
}

/** An Ed25519 key pair as the fuzzer signs and checks with it. */
export interface Ed25519Key {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key's raw bytes (the JWK's `x`), what an HS256 confusion attack keys with. */
  rawPublic: Buffer;
  /** The public JWK, for headers that embed a key. */
  publicJwk: Record<string, unknown>;
}

/** The key of a private Ed25519 JWK (with its kid). */
export function ed25519Key(privateJwk: Record<string, unknown>): Ed25519Key {
  const privateKey = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return {
    kid: String(privateJwk.kid),
    privateKey,
    publicKey,
    rawPublic: Buffer.from(String(publicJwk.x), 'base64url'),
    publicJwk,
  };
}

/** `header.payload` of the given JSON texts, base64url-encoded. */
export const signingInput = (headerJson: string, payloadJson: string): string =>
  `${b64url(headerJson)}.${b64url(payloadJson)}`;

export function signEd25519(input: string, key: KeyObject): string {
  return b64url(sign(null, Buffer.from(input), key));
}

export function signHs256(input: string, secret: Uint8Array | string): string {
  return createHmac('sha256', secret).update(input).digest('base64url');
}

export function verifiesEd25519(input: string, signature: Uint8Array, key: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(input), key, signature);
  } catch {
    return false;
  }
}
