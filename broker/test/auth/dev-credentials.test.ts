// The embedded default's key, JWKS and dev token in the data directory: made once, reused, and
// the token minted anew when it would not last the day.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEV_TOKEN_TTL_SEC,
  ensureDevCredentials,
  generateSigningKey,
  JwksFileKeySource,
  KeyFileError,
  verifyToken,
} from '../../src/auth/index.js';

const DAY_MS = 86_400_000;
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'felix-dev-credentials-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const file = (name: string) => join(dataDir, 'auth', name);
const mode = (path: string) => statSync(path).mode & 0o777;

describe('ensureDevCredentials', () => {
  it('makes a key (owner only), its JWKS and a 30-day token for t1 that the JWKS verifies', async () => {
    const now = Date.now();
    const made = await ensureDevCredentials(dataDir, now);
    expect(made.made).toEqual({ key: true, token: true });
    expect(made.paths.token).toBe(file('dev-token.jwt'));
    expect(mode(file('signing-key.jwk'))).toBe(0o600);
    expect(mode(file('dev-token.jwt'))).toBe(0o600);
    expect(mode(join(dataDir, 'auth'))).toBe(0o700);
    expect(readFileSync(file('dev-token.jwt'), 'utf8')).toBe(made.token);
    expect(readFileSync(file('jwks.json'), 'utf8')).not.toContain('"d"');

    const keys = new JwksFileKeySource({ path: file('jwks.json') });
    const verified = await verifyToken(made.token, { tenant: 't1', keys, now });
    expect(verified.expiresAt).toBe(made.expiresAt);
    expect(made.expiresAt - now).toBeGreaterThan(DEV_TOKEN_TTL_SEC * 1000 - 1000);
    expect(
      verified.permissions.allows('stream.publish', { kind: 'stream', tenant: 't1', namespace: 'a', name: 'b' }),
    ).toBe(true);
    expect(
      verified.permissions.allows('stream.publish', { kind: 'stream', tenant: 't2', namespace: 'a', name: 'b' }),
    ).toBe(false);
  });

  it('reuses the key and the token at the next start', async () => {
    const first = await ensureDevCredentials(dataDir);
    const key = readFileSync(file('signing-key.jwk'), 'utf8');
    const again = await ensureDevCredentials(dataDir);
    expect(again.made).toEqual({ key: false, token: false });
    expect(again.token).toBe(first.token);
    expect(readFileSync(file('signing-key.jwk'), 'utf8')).toBe(key);
  });

  it('mints a new token with the same key when less than a day is left, or the token does not verify', async () => {
    const first = await ensureDevCredentials(dataDir);
    const later = first.expiresAt - DAY_MS + 1000;
    const renewed = await ensureDevCredentials(dataDir, later);
    expect(renewed.made).toEqual({ key: false, token: true });
    expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
    writeFileSync(file('dev-token.jwt'), 'not a token');
    expect((await ensureDevCredentials(dataDir)).made).toEqual({ key: false, token: true });
  });

  it('keeps keys an operator added to the JWKS, and adds its own back', async () => {
    await ensureDevCredentials(dataDir);
    const extra = await generateSigningKey('operator');
    const own = JSON.parse(readFileSync(file('jwks.json'), 'utf8')).keys;
    writeFileSync(file('jwks.json'), JSON.stringify({ keys: [extra.publicJwk] }));
    await ensureDevCredentials(dataDir);
    const kids = JSON.parse(readFileSync(file('jwks.json'), 'utf8')).keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual(['operator', own[0].kid]);
  });

  it('refuses a signing key file that holds no key', async () => {
    mkdirSync(join(dataDir, 'auth'));
    writeFileSync(file('signing-key.jwk'), '{"kty":"RSA"}');
    await expect(ensureDevCredentials(dataDir)).rejects.toBeInstanceOf(KeyFileError);
  });
});
