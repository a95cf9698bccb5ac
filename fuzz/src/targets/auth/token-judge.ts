// The oracle of auth: whether a Felix token must be accepted for a tenant, worked out from the
// token's text by the rules of the token format (docs-site/operations.md, RFC 7515/7519) with
// node:crypto, independently of the broker's JOSE library. Where the standards leave a choice
// (spellings of base64url other than the canonical one, duplicate members, `crit`, an `iat` in
// the future) or the clock is too close to a boundary to tell, the verdict is "either": the
// broker may decide, and whatever it decides is then checked for consistency.
import { LIMITS } from '@felix/generated';
import type { Ed25519Key } from './compact-jws.js';
import { isCanonicalBase64url, verifiesEd25519 } from './compact-jws.js';

export const ISSUER = 'felix-auth';
export const AUDIENCE = 'felix-broker';

export interface Clock {
  nowMs: number;
  /** The broker's authClockLeewaySeconds. */
  leewaySec: number;
}

export interface Judgement {
  verdict: 'accept' | 'refuse' | 'either';
  /** Why, for a failure report. */
  why: string;
  /** The claims, when the token is one the broker may accept. */
  claims?: Record<string, unknown>;
}

/** Seconds either side of a time boundary within which the broker's clock may read differently. */
const CLOCK_MARGIN_SEC = 3;

const refuse = (why: string): Judgement => ({ verdict: 'refuse', why });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(bytes: Buffer, strictUtf8: boolean): unknown {
  try {
    const text = strictUtf8 ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : bytes.toString('utf8');
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Judges `token` presented for `tenant` to a broker that trusts only `key`. `hint.lenient`
 * marks a token whose text the forger knows to be ambiguous (duplicate JSON members).
 */
export function judgeToken(
  token: string,
  tenant: string,
  key: Ed25519Key,
  clock: Clock,
  hint: { lenient?: boolean } = {},
): Judgement {
  if (Buffer.byteLength(token) > LIMITS.token_max_bytes) return refuse('over token_max_bytes');
  const parts = token.split('.');
  if (parts.length !== 3) return refuse(`${parts.length} segments`);
  const [headerPart, payloadPart, signaturePart] = parts;
  let lenient = hint.lenient ? 'duplicate members' : '';
  if (!parts.every(isCanonicalBase64url)) lenient ||= 'a segment is not canonical base64url';

  const header = parseJson(Buffer.from(headerPart, 'base64url'), false);
  if (!isObject(header)) return refuse('the header is not a JSON object');
  if (header.alg !== 'EdDSA') return refuse(`alg ${JSON.stringify(header.alg)}`);
  if (typeof header.kid !== 'string' || header.kid === '') return refuse('no kid');
  if (header.kid !== key.kid) return refuse('an unknown kid');
  if (header.crit !== undefined) {
    // Only the one extension a JOSE library knows, set to its default, can be understood.
    const onlyB64 = Array.isArray(header.crit) && header.crit.length === 1 && header.crit[0] === 'b64';
    if (!onlyB64 || header.b64 !== true) return refuse('a crit extension not understood');
    lenient ||= 'crit b64';
  }
  if (!verifiesEd25519(`${headerPart}.${payloadPart}`, Buffer.from(signaturePart, 'base64url'), key.publicKey))
    return refuse('the signature does not verify');

  const claims = parseJson(Buffer.from(payloadPart, 'base64url'), true);
  if (!isObject(claims)) return refuse('the payload is not a JSON object in UTF-8');
  if (claims.iss !== ISSUER) return refuse('wrong iss');
  const aud = claims.aud;
  if (!(aud === AUDIENCE || (Array.isArray(aud) && aud.includes(AUDIENCE)))) return refuse('wrong aud');
  for (const claim of ['exp', 'sub', 'tid']) if (!Object.hasOwn(claims, claim)) return refuse(`no ${claim}`);

  const nowSec = Math.floor(clock.nowMs / 1000);
  const { iat, nbf, exp } = claims;
  if (iat !== undefined && typeof iat !== 'number') return refuse('iat is not a number');
  if (typeof iat === 'number' && iat > nowSec + clock.leewaySec + CLOCK_MARGIN_SEC) lenient ||= 'iat in the future';
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') return refuse('nbf is not a number');
    const notBefore = nowSec + clock.leewaySec;
    if (Math.abs(nbf - notBefore) < CLOCK_MARGIN_SEC) lenient ||= 'nbf at the boundary';
    else if (nbf > notBefore) return refuse('not yet valid');
  }
  if (typeof exp !== 'number') return refuse('exp is not a number');
  const expiredAt = nowSec - clock.leewaySec;
  if (Math.abs(exp - expiredAt) < CLOCK_MARGIN_SEC) lenient ||= 'exp at the boundary';
  else if (exp <= expiredAt) return refuse('expired');

  if (typeof claims.sub !== 'string' || claims.sub === '') return refuse('sub is not a non-empty string');
  if (typeof claims.tid !== 'string') return refuse('tid is not a string');
  if (claims.tid !== tenant) return refuse(`tid ${JSON.stringify(claims.tid).slice(0, 40)} is not the tenant`);
  if (claims.jti !== undefined && typeof claims.jti !== 'string') return refuse('jti is not a string');
  if (!Array.isArray(claims.perms)) return refuse('perms is not a list');
  return lenient ? { verdict: 'either', why: lenient, claims } : { verdict: 'accept', why: 'valid', claims };
}

/**
 * When a session authenticated with `claims` stops being served: exp plus the leeway, in
 * milliseconds (Infinity for an exp JSON reads as Infinity).
 */
export function servedUntilMs(claims: Record<string, unknown>, leewaySec: number): number {
  return (claims.exp as number) * 1000 + leewaySec * 1000;
}
