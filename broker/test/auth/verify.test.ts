import { createHmac } from 'node:crypto';
import { LIMITS } from '@felix/generated';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JwksUrlKeySource,
  type KeySource,
  mintToken,
  type SigningKey,
  StaticKeySource,
  upstreamJwksUrlTemplate,
  type VerifyOptions,
  verifyToken,
} from '../../src/auth/index.js';
import {
  base64url,
  claims,
  expectRefusal,
  NOW_MS,
  NOW_SEC,
  newKey,
  sign,
  TestServer,
  unsignedToken,
} from './fixtures.js';

let key: SigningKey;
let keys: StaticKeySource;
let secrets: string[];

/** A key source that records what it was asked, to show refused tokens cost no key lookup. */
class RecordingKeySource implements KeySource {
  readonly asked: string[] = [];
  constructor(private readonly inner: KeySource) {}
  keyFor(tenant: string, kid: string) {
    this.asked.push(`${tenant}/${kid}`);
    return this.inner.keyFor(tenant, kid);
  }
}

function options(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return { tenant: 't1', keys, clockToleranceSec: 30, now: NOW_MS, ...overrides };
}

beforeAll(async () => {
  key = await newKey('k1');
  keys = await StaticKeySource.fromJwks({ keys: [key.publicJwk] });
  secrets = [key.privateJwk.d as string, key.publicJwk.x as string];
});

describe('verifyToken accepts', () => {
  it('a valid token and returns who, for which tenant, until when, with what permissions', async () => {
    const token = await sign(key, claims({ jti: 'token-1' }));
    const verified = await verifyToken(token, options());
    expect(verified).toMatchObject({
      subject: 'p:alice',
      tenant: 't1',
      expiresAt: (NOW_SEC + 900) * 1000,
      issuedAt: NOW_MS,
      tokenId: 'token-1',
      keyId: 'k1',
    });
    const orders = { kind: 'stream', tenant: 't1', namespace: 'default', name: 'orders' } as const;
    expect(verified.permissions.allows('stream.publish', orders)).toBe(true);
    expect(verified.permissions.allows('stream.subscribe', orders)).toBe(false);
  });

  it('a token minted by mintToken, the dev and CLI path', async () => {
    const token = await mintToken({
      privateJwk: key.privateJwk,
      tenant: 't1',
      subject: 'dev',
      permissions: ['tenant.manage:tenant:t1'],
      ttlSec: 60,
      now: NOW_MS,
    });
    const verified = await verifyToken(token, options());
    expect(verified.subject).toBe('dev');
    expect(verified.expiresAt).toBe(NOW_MS + 60_000);
    expect(verified.permissions.allows('tenant.manage', { kind: 'tenant', tenant: 't1' })).toBe(true);
  });

  it('a token whose malformed perms are ignored, the rest granting', async () => {
    const token = await sign(key, claims({ perms: ['tenant.manage:tenant:*', 'cache.read:cache:t1/a/b'] }));
    const { permissions } = await verifyToken(token, options());
    expect(permissions.accepted).toEqual(['cache.read:cache:t1/a/b']);
    expect(permissions.rejected.map((r) => r.permission)).toEqual(['tenant.manage:tenant:*']);
  });

  it('an audience list that includes felix-broker, and an nbf in the past', async () => {
    const token = await sign(key, claims({ aud: ['other', 'felix-broker'], nbf: NOW_SEC - 5 }));
    await expect(verifyToken(token, options())).resolves.toMatchObject({ subject: 'p:alice' });
  });

  it('a token just within token_max_bytes', async () => {
    const padded = (length: number) => sign(key, claims({ pad: 'x'.repeat(length) }));
    // Each 4 base64url characters of payload carry 3 bytes of padding text.
    let length = Math.floor(((LIMITS.token_max_bytes - (await padded(0)).length) * 3) / 4);
    while ((await padded(length + 1)).length <= LIMITS.token_max_bytes) length++;
    const token = await padded(length);
    expect(token.length).toBeGreaterThan(LIMITS.token_max_bytes - 3);
    expect(token.length).toBeLessThanOrEqual(LIMITS.token_max_bytes);
    await expect(verifyToken(token, options())).resolves.toBeDefined();
  });
});

describe('verifyToken refuses', () => {
  it('an expired token', async () => {
    const token = await sign(key, claims({ exp: NOW_SEC - 60 }));
    await expectRefusal(verifyToken(token, options()), 'expired', secrets);
  });

  it('a token not yet valid', async () => {
    const token = await sign(key, claims({ nbf: NOW_SEC + 120 }));
    await expectRefusal(verifyToken(token, options()), 'not_yet_valid', secrets);
  });

  it('a token for another audience', async () => {
    await expectRefusal(
      verifyToken(await sign(key, claims({ aud: 'felix-controlplane' })), options()),
      'wrong_audience',
    );
  });

  it('a token from another issuer', async () => {
    await expectRefusal(
      verifyToken(await sign(key, claims({ iss: 'https://idp.example' })), options()),
      'wrong_issuer',
    );
  });

  it('a token for another tenant, even one whose perms name this tenant', async () => {
    const token = await sign(key, claims({ tid: 't2', perms: ['tenant.manage:tenant:t1'] }));
    const error = await expectRefusal(verifyToken(token, options()), 'tenant_mismatch');
    expect(error.message).toBe('unauthenticated: tenant mismatch (token for "t2")');
  });

  it('a token signed by a key the source does not hold', async () => {
    const stranger = await newKey('k-stranger');
    const error = await expectRefusal(verifyToken(await sign(stranger, claims()), options()), 'unknown_key', [
      stranger.privateJwk.d as string,
    ]);
    expect(error.message).toContain('"k-stranger"');
  });

  it('a token signed by another key under a known kid', async () => {
    const impostor = await newKey('k1');
    await expectRefusal(verifyToken(await sign(impostor, claims()), options()), 'bad_signature', secrets);
  });

  it('a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(key, claims())).split('.');
    const payload = base64url(JSON.stringify(claims({ perms: ['tenant.manage:tenant:t1'] })));
    await expectRefusal(verifyToken(`${header}.${payload}.${signature}`, options()), 'bad_signature', secrets);
  });

  it('a token whose signature was changed', async () => {
    const token = await sign(key, claims());
    const [header, payload, signature] = token.split('.') as [string, string, string];
    // A middle character: the last one carries padding bits that may not change the bytes.
    const i = 20;
    const flipped = `${signature.slice(0, i)}${signature[i] === 'A' ? 'B' : 'A'}${signature.slice(i + 1)}`;
    await expectRefusal(verifyToken(`${header}.${payload}.${flipped}`, options()), 'bad_signature', secrets);
    await expectRefusal(verifyToken(`${header}.${payload}.`, options()), 'bad_signature', secrets);
  });

  it('an unsigned token (alg none), without looking up a key', async () => {
    const recording = new RecordingKeySource(keys);
    const token = unsignedToken({ alg: 'none', kid: 'k1', typ: 'JWT' }, claims());
    await expectRefusal(verifyToken(token, options({ keys: recording })), 'algorithm_not_allowed');
    await expectRefusal(verifyToken(unsignedToken({ kid: 'k1' }, claims()), options()), 'algorithm_not_allowed');
    expect(recording.asked).toEqual([]);
  });

  it('an HS256 token keyed with the Ed25519 public key bytes (key confusion)', async () => {
    const recording = new RecordingKeySource(keys);
    const header = base64url(JSON.stringify({ alg: 'HS256', kid: 'k1', typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims()));
    for (const secret of [
      Buffer.from(key.publicJwk.x as string, 'base64url'),
      Buffer.from(key.publicJwk.x as string),
    ]) {
      const mac = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      await expectRefusal(
        verifyToken(`${header}.${payload}.${mac}`, options({ keys: recording })),
        'algorithm_not_allowed',
      );
    }
    expect(recording.asked).toEqual([]);
  });

  it('RS256 and ES256 tokens, even when the JWKS holds their keys', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const ec = await generateKeyPair('ES256', { extractable: true });
    const jwks = {
      keys: [
        key.publicJwk,
        { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256', use: 'sig' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256', use: 'sig' },
      ] as JWK[],
    };
    const mixed = await StaticKeySource.fromJwks(jwks);
    const rs256 = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: 'rsa' }).sign(rsa.privateKey);
    const es256 = await new SignJWT(claims()).setProtectedHeader({ alg: 'ES256', kid: 'ec' }).sign(ec.privateKey);
    await expectRefusal(verifyToken(rs256, options({ keys: mixed })), 'algorithm_not_allowed');
    await expectRefusal(verifyToken(es256, options({ keys: mixed })), 'algorithm_not_allowed');
    // Claiming EdDSA does not reach the RSA or EC key either: they were never imported.
    const [, payload, signature] = rs256.split('.');
    const relabelled = `${base64url(JSON.stringify({ alg: 'EdDSA', kid: 'rsa' }))}.${payload}.${signature}`;
    await expectRefusal(verifyToken(relabelled, options({ keys: mixed })), 'unknown_key');
    await expect(verifyToken(await sign(key, claims()), options({ keys: mixed }))).resolves.toBeDefined();
  });

  it('a token over token_max_bytes before reading it', async () => {
    const recording = new RecordingKeySource(keys);
    const big = await sign(key, claims({ pad: 'x'.repeat(LIMITS.token_max_bytes) }));
    const error = await expectRefusal(verifyToken(big, options({ keys: recording })), 'too_large');
    expect(error.message).toContain('8192');
    await expectRefusal(verifyToken('a'.repeat(LIMITS.token_max_bytes + 1), options()), 'too_large');
    // Counted in UTF-8 bytes, not characters.
    await expectRefusal(verifyToken('€'.repeat(3000), options()), 'too_large');
    await expectRefusal(verifyToken(await sign(key, claims()), options({ maxBytes: 100 })), 'too_large');
    expect(recording.asked).toEqual([]);
  });

  it.each([
    ['not a JWS', 'not-a-token'],
    ['four parts', 'a.b.c.d'],
    ['an empty string', ''],
    ['an unreadable header', 'e30x.e30.sig'],
  ])('a malformed token: %s', async (_what, token) => {
    await expectRefusal(verifyToken(token, options()), 'malformed');
  });

  it('a token that is not a string', async () => {
    await expectRefusal(verifyToken(42 as unknown as string, options()), 'malformed');
  });

  it('a token without kid', async () => {
    const token = await sign(key, claims(), { kid: undefined });
    await expectRefusal(verifyToken(token, options()), 'malformed');
  });

  it.each([
    ['without exp', { exp: undefined }, 'no exp claim'],
    ['without tid', { tid: undefined }, 'no tid claim'],
    ['without sub', { sub: undefined }, 'no sub claim'],
    ['with a numeric tid', { tid: 1 }, 'tid is not a string'],
    ['with an empty sub', { sub: '' }, 'sub is not a non-empty string'],
    ['with a string exp', { exp: String(NOW_SEC + 900) }, 'invalid exp claim'],
    ['with perms not a list', { perms: 'tenant.manage:tenant:t1' }, 'perms is not a list'],
    ['without perms', { perms: undefined }, 'perms is not a list'],
    ['with a numeric jti', { jti: 7 }, 'jti is not a string'],
  ])('a token %s', async (_what, overrides, detail) => {
    const token = await sign(key, claims(overrides));
    const error = await expectRefusal(verifyToken(token, options()), 'malformed');
    expect(error.message).toContain(detail);
  });

  it('a token whose header names an unknown critical extension', async () => {
    const privateKey = await importJWK(key.privateJwk, 'EdDSA');
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1', crit: ['x-unknown'], 'x-unknown': true })
      .sign(privateKey, { crit: { 'x-unknown': true } });
    await expectRefusal(verifyToken(token, options()), 'malformed');
  });
});

describe('clock leeway', () => {
  it('accepts within the tolerance and refuses beyond it', async () => {
    const expiredLately = await sign(key, claims({ exp: NOW_SEC - 20 }));
    await expect(verifyToken(expiredLately, options({ clockToleranceSec: 30 }))).resolves.toBeDefined();
    await expectRefusal(verifyToken(expiredLately, options({ clockToleranceSec: 10 })), 'expired');
    const early = await sign(key, claims({ nbf: NOW_SEC + 20 }));
    await expect(verifyToken(early, options({ clockToleranceSec: 30 }))).resolves.toBeDefined();
    await expectRefusal(verifyToken(early, options({ clockToleranceSec: 10 })), 'not_yet_valid');
  });

  it('refuses a token at its exp second without tolerance, and uses the real clock by default', async () => {
    await expectRefusal(
      verifyToken(await sign(key, claims({ exp: NOW_SEC })), options({ clockToleranceSec: 0 })),
      'expired',
    );
    // NOW_MS is in 2030; with the real clock this token is not yet valid.
    const future = await sign(key, claims({ nbf: NOW_SEC, exp: NOW_SEC + 60 }));
    await expectRefusal(verifyToken(future, { tenant: 't1', keys }), 'not_yet_valid');
  });
});

describe('unknown kid against a JWKS URL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await new TestServer().start();
  });
  afterAll(() => server.stop());

  it('refetches the JWKS exactly once, then answers unknown_key', async () => {
    server.serveJwks({ t1: { keys: [key.publicJwk] } });
    server.requests.length = 0;
    let clock = NOW_MS;
    const source = new JwksUrlKeySource({
      urlTemplate: upstreamJwksUrlTemplate(server.origin),
      minRefreshIntervalMs: 10_000,
      now: () => clock,
    });
    await verifyToken(await sign(key, claims()), options({ keys: source }));
    expect(server.requests).toHaveLength(1);
    // Keys fetched a moment ago are current: an unknown kid right after is refused without a fetch.
    const stranger = await newKey('k-new');
    await expectRefusal(verifyToken(await sign(stranger, claims()), options({ keys: source })), 'unknown_key');
    expect(server.requests).toHaveLength(1);
    clock += 10_000;
    await expectRefusal(verifyToken(await sign(stranger, claims()), options({ keys: source })), 'unknown_key');
    expect(server.requests).toHaveLength(2);
    // A flood of further unknown kids within the refresh interval fetches nothing more.
    for (let i = 0; i < 20; i++) {
      const forged = await sign(stranger, claims(), { kid: `forged-${i}` });
      await expectRefusal(verifyToken(forged, options({ keys: source })), 'unknown_key');
    }
    expect(server.requests).toHaveLength(2);
  });
});
