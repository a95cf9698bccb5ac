import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  generateSigningKey,
  KeyFileError,
  mintToken,
  PermissionSyntaxError,
  publicJwkOf,
  readJwksFile,
  readPrivateJwkFile,
  StaticKeySource,
  verifyToken,
  writeJwksFile,
  writePrivateJwkFile,
} from '../../src/auth/index.js';
import { NOW_MS, NOW_SEC } from './fixtures.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'felix-keys-'));
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('generateSigningKey', () => {
  it('makes an Ed25519 pair labelled for EdDSA signing, kid defaulting to the thumbprint', async () => {
    const { privateJwk, publicJwk } = await generateSigningKey();
    expect(publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(publicJwk.d).toBeUndefined();
    expect(typeof privateJwk.d).toBe('string');
    expect(privateJwk.x).toBe(publicJwk.x);
    expect(publicJwk.kid).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: publicJwk.x! }));
    expect(privateJwk.kid).toBe(publicJwk.kid);
    expect(publicJwkOf(privateJwk)).toEqual(publicJwk);
  });

  it('takes a kid', async () => {
    expect((await generateSigningKey('2030-01')).publicJwk.kid).toBe('2030-01');
  });
});

describe('key files', () => {
  it('writes and reads a JWKS and a private JWK, the private one readable by its owner only', async () => {
    const key = await generateSigningKey('k1');
    const jwksPath = join(dir, 'jwks.json');
    const privatePath = join(dir, 'k1.jwk');
    await writeJwksFile(jwksPath, [key.publicJwk]);
    await writePrivateJwkFile(privatePath, key.privateJwk);
    expect(await readJwksFile(jwksPath)).toEqual({ keys: [key.publicJwk] });
    expect(await readPrivateJwkFile(privatePath)).toEqual(key.privateJwk);
    expect((await stat(privatePath)).mode & 0o777).toBe(0o600);
    expect(await readFile(jwksPath, 'utf8')).not.toContain(key.privateJwk.d);
  });

  it('refuses to publish a private key in a JWKS', async () => {
    const key = await generateSigningKey('k1');
    await expect(writeJwksFile(join(dir, 'jwks.json'), [key.privateJwk])).rejects.toThrow(KeyFileError);
    await expect(stat(join(dir, 'jwks.json'))).rejects.toThrow();
  });

  it.each([
    ['a missing file', null, /cannot be read \(ENOENT\)/],
    ['text that is not JSON', 'nope', /is not JSON/],
    ['an RSA key', JSON.stringify({ kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'AQAB', kid: 'r' }), /not an Ed25519 JWK/],
    ['a public key', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', kid: 'k' }), /holds no private key/],
    ['a key without kid', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA', d: 'AAAA' }), /has no kid/],
  ])('refuses as a private key %s', async (_what, content, problem) => {
    const path = join(dir, 'key.jwk');
    if (content !== null) await writeFile(path, content);
    const error = await readPrivateJwkFile(path).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(KeyFileError);
    expect((error as KeyFileError).message).toMatch(problem);
  });

  it('refuses as a JWKS a document without a keys list', async () => {
    const path = join(dir, 'jwks.json');
    await writeFile(path, '{"keys": [1]}');
    await expect(readJwksFile(path)).rejects.toThrow(/is not a JWKS/);
  });
});

describe('mintToken', () => {
  it("makes a token shaped as upstream's control plane makes them", async () => {
    const key = await generateSigningKey('k1');
    const token = await mintToken({
      privateJwk: key.privateJwk,
      tenant: 't1',
      subject: 'p:dev',
      permissions: ['ns.manage:namespace:t1/*'],
      ttlSec: 3600,
      now: NOW_MS,
      notBeforeSec: 0,
      tokenId: 'j1',
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid: 'k1', typ: 'JWT' });
    expect(decodeJwt(token)).toEqual({
      iss: 'felix-auth',
      aud: 'felix-broker',
      sub: 'p:dev',
      tid: 't1',
      iat: NOW_SEC,
      nbf: NOW_SEC,
      exp: NOW_SEC + 3600,
      jti: 'j1',
      perms: ['ns.manage:namespace:t1/*'],
    });
    const keys = await StaticKeySource.fromJwks({ keys: [key.publicJwk] });
    await expect(verifyToken(token, { tenant: 't1', keys, now: NOW_MS })).resolves.toMatchObject({ tokenId: 'j1' });
  });

  it('refuses a malformed permission rather than minting a token that grants less than asked', async () => {
    const key = await generateSigningKey('k1');
    const mint = mintToken({
      privateJwk: key.privateJwk,
      tenant: 't1',
      subject: 'p:dev',
      permissions: ['tenant.manage:tenant:*'],
      ttlSec: 60,
    });
    await expect(mint).rejects.toBeInstanceOf(PermissionSyntaxError);
  });

  it.each([
    ['a public key', async () => ({ ...(await generateSigningKey('k1')).publicJwk })],
    ['a key without kid', async () => ({ ...(await generateSigningKey('k1')).privateJwk, kid: undefined })],
  ])('refuses to sign with %s', async (_what, makeKey) => {
    const mint = mintToken({ privateJwk: await makeKey(), tenant: 't1', subject: 's', permissions: [], ttlSec: 60 });
    await expect(mint).rejects.toBeInstanceOf(TypeError);
  });

  it('refuses a lifetime that is not positive', async () => {
    const { privateJwk } = await generateSigningKey('k1');
    for (const ttlSec of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      await expect(mintToken({ privateJwk, tenant: 't1', subject: 's', permissions: [], ttlSec })).rejects.toThrow(
        TypeError,
      );
  });
});
