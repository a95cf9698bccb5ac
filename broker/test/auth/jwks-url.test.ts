import { exportJWK, generateKeyPair } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  JwksUrlKeySource,
  type JwksUrlOptions,
  type SigningKey,
  UPSTREAM_JWKS_PATH,
  upstreamJwksUrlTemplate,
} from '../../src/auth/index.js';
import { expectRefusal, NOW_MS, newKey, TestServer } from './fixtures.js';

let k1: SigningKey;
let k2: SigningKey;
let server: TestServer;
let clock: number;
let problems: string[];

beforeAll(async () => {
  k1 = await newKey('k1');
  k2 = await newKey('k2');
});

beforeEach(async () => {
  server = await new TestServer().start();
  clock = NOW_MS;
  problems = [];
});

afterEach(() => server.stop());

function source(overrides: Partial<JwksUrlOptions> = {}): JwksUrlKeySource {
  return new JwksUrlKeySource({
    urlTemplate: upstreamJwksUrlTemplate(server.origin),
    ttlMs: 60_000,
    minRefreshIntervalMs: 5_000,
    now: () => clock,
    onProblem: (message) => problems.push(message),
    ...overrides,
  });
}

const jwksPath = (tenant: string) => UPSTREAM_JWKS_PATH.replace('{tenant}', tenant);

describe('JwksUrlKeySource', () => {
  it("fetches a tenant's keys from upstream's path once and serves them from the cache", async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk, k2.publicJwk] } });
    const keys = source();
    const first = await keys.keyFor('t1', 'k1');
    expect(first.algorithm.name).toBe('Ed25519');
    expect(first.type).toBe('public');
    expect(await keys.keyFor('t1', 'k1')).toBe(first);
    expect((await keys.keyFor('t1', 'k2')).type).toBe('public');
    expect(server.requests).toEqual(['/v1/tenants/t1/.well-known/jwks.json']);
  });

  it('fetches again once the TTL has passed', async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk] } });
    const keys = source();
    await keys.keyFor('t1', 'k1');
    clock += 59_999;
    await keys.keyFor('t1', 'k1');
    expect(server.requests).toHaveLength(1);
    clock += 1;
    await keys.keyFor('t1', 'k1');
    expect(server.requests).toHaveLength(2);
  });

  it('refetches on an unknown kid, finding a rotated-in key', async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk] } });
    const keys = source();
    await keys.keyFor('t1', 'k1');
    server.serveJwks({ t1: { keys: [k1.publicJwk, k2.publicJwk] } });
    clock += 5_000;
    expect((await keys.keyFor('t1', 'k2')).type).toBe('public');
    expect(server.requests).toHaveLength(2);
  });

  it('refetches for unknown kids at most once per interval', async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk] } });
    const keys = source();
    await keys.keyFor('t1', 'k1');
    clock += 5_000;
    await expectRefusal(keys.keyFor('t1', 'nope-0'), 'unknown_key');
    expect(server.requests).toHaveLength(2);
    for (let i = 1; i <= 50; i++) {
      clock += 99;
      await expectRefusal(keys.keyFor('t1', `nope-${i}`), 'unknown_key');
    }
    expect(server.requests).toHaveLength(2);
    clock += 5_000;
    await expectRefusal(keys.keyFor('t1', 'nope-51'), 'unknown_key');
    expect(server.requests).toHaveLength(3);
    // The known key kept working throughout.
    expect((await keys.keyFor('t1', 'k1')).type).toBe('public');
  });

  it('shares one fetch among concurrent lookups', async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk] } });
    const keys = source();
    const found = await Promise.all(Array.from({ length: 10 }, () => keys.keyFor('t1', 'k1')));
    expect(new Set(found).size).toBe(1);
    const unknown = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => keys.keyFor('t2', `k${i}`)));
    expect(unknown.every((result) => result.status === 'rejected')).toBe(true);
    expect(server.requests).toEqual([jwksPath('t1'), jwksPath('t2')]);
  });

  it('keeps tenants apart and URL-encodes tenant ids', async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk] }, 'Grüße ?#%': { keys: [k2.publicJwk] } });
    const keys = source();
    expect((await keys.keyFor('Grüße ?#%', 'k2')).type).toBe('public');
    await expectRefusal(keys.keyFor('Grüße ?#%', 'k1'), 'unknown_key');
    await expectRefusal(keys.keyFor('t1', 'k2'), 'unknown_key');
    expect(server.requests).toContain(`/v1/tenants/${encodeURIComponent('Grüße ?#%')}/.well-known/jwks.json`);
  });

  it('imports only Ed25519 keys', async () => {
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const ec = await generateKeyPair('ES256', { extractable: true });
    server.serveJwks({
      t1: {
        keys: [
          { ...(await exportJWK(rsa.publicKey)), kid: 'rsa' },
          { ...(await exportJWK(ec.publicKey)), kid: 'ec' },
          { kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' },
          { ...k2.publicJwk, crv: 'X25519', kid: 'x25519' },
          { ...k2.publicJwk, kid: 'enc', use: 'enc' },
          { ...k2.publicJwk, kid: 'short', x: 'AAAA' },
          k1.publicJwk,
        ],
      },
    });
    const keys = source();
    expect((await keys.keyFor('t1', 'k1')).type).toBe('public');
    for (const kid of ['rsa', 'ec', 'hmac', 'x25519', 'enc', 'short']) {
      clock += 5_000;
      await expectRefusal(keys.keyFor('t1', kid), 'unknown_key');
    }
    expect(problems.some((p) => p.includes('"rsa"') && p.includes('not OKP/Ed25519'))).toBe(true);
    expect(problems.some((p) => p.includes('"short"') && p.includes('invalid public key'))).toBe(true);
  });

  it('never imports a private key the JWKS publishes by mistake', async () => {
    server.serveJwks({ t1: { keys: [k1.privateJwk] } });
    const key = await source().keyFor('t1', 'k1');
    expect(key.type).toBe('public');
    expect(key.extractable).toBe(false);
  });

  describe('when fetching fails', () => {
    it.each([
      ['HTTP 500', (s: TestServer) => (s.handler = (_q, r) => r.writeHead(500).end()), /HTTP 500/],
      ['HTTP 404 (unknown tenant)', (s: TestServer) => s.serveJwks({}), /HTTP 404/],
      ['a body that is not JSON', (s: TestServer) => (s.handler = (_q, r) => r.end('<html>')), /not JSON/],
      ['JSON without keys', (s: TestServer) => (s.handler = (_q, r) => r.end('{"k":[]}')), /"keys" list/],
      [
        'a body over the cap',
        (s: TestServer) => (s.handler = (_q, r) => r.end(JSON.stringify({ keys: [], pad: 'x'.repeat(300_000) }))),
        /body over 262144 bytes/,
      ],
      [
        'a chunked body over the cap',
        (s: TestServer) =>
          (s.handler = (_q, r) => {
            r.write('{"keys":[],"pad":"');
            for (let i = 0; i < 40; i++) r.write('x'.repeat(10_000));
            r.end('"}');
          }),
        /body over 262144 bytes/,
      ],
      ['a dropped connection', (s: TestServer) => (s.handler = (q) => q.socket.destroy()), /fetch failed/],
    ])('answers keys_unavailable for %s', async (_what, setUp, detail) => {
      setUp(server);
      const error = await expectRefusal(source().keyFor('t1', 'k1'), 'keys_unavailable');
      expect(error.message).toMatch(detail);
      expect(error.message).toContain('"t1"');
      expect(problems).toEqual([error.message]);
    });

    it('answers keys_unavailable when nothing listens', async () => {
      const origin = server.origin;
      await server.stop();
      server = await new TestServer().start();
      const keys = source({ urlTemplate: upstreamJwksUrlTemplate(origin) });
      await expectRefusal(keys.keyFor('t1', 'k1'), 'keys_unavailable');
    });

    it('gives up on a control plane that does not answer within the timeout', async () => {
      server.handler = () => {};
      const error = await expectRefusal(source({ fetchTimeoutMs: 100 }).keyFor('t1', 'k1'), 'keys_unavailable');
      expect(error.message).toContain('no answer within 100 ms');
    });

    it('retries at most once per interval, answering the last error meanwhile', async () => {
      server.handler = (_q, r) => r.writeHead(503).end();
      const keys = source();
      await expectRefusal(keys.keyFor('t1', 'k1'), 'keys_unavailable');
      clock += 4_999;
      await expectRefusal(keys.keyFor('t1', 'k1'), 'keys_unavailable');
      expect(server.requests).toHaveLength(1);
      server.serveJwks({ t1: { keys: [k1.publicJwk] } });
      clock += 1;
      expect((await keys.keyFor('t1', 'k1')).type).toBe('public');
      expect(server.requests).toHaveLength(2);
    });

    it('keeps using the keys it had past their TTL', async () => {
      server.serveJwks({ t1: { keys: [k1.publicJwk] } });
      const keys = source();
      const key = await keys.keyFor('t1', 'k1');
      server.handler = (_q, r) => r.writeHead(502).end();
      clock += 60_000;
      expect(await keys.keyFor('t1', 'k1')).toBe(key);
      expect(problems).toEqual([expect.stringMatching(/HTTP 502/)]);
      await expectRefusal(keys.keyFor('t1', 'k2'), 'unknown_key');
      expect(server.requests).toHaveLength(2);
    });
  });

  it('forgets the least recently used tenant beyond maxTenants', async () => {
    server.serveJwks({ t1: { keys: [k1.publicJwk] }, t2: { keys: [k1.publicJwk] } });
    const keys = source({ maxTenants: 1 });
    await keys.keyFor('t1', 'k1');
    await keys.keyFor('t2', 'k1');
    await keys.keyFor('t1', 'k1');
    expect(server.requests).toEqual([jwksPath('t1'), jwksPath('t2'), jwksPath('t1')]);
  });

  it.each([
    ['no {tenant}', 'http://127.0.0.1/jwks.json'],
    ['not a URL', 'cp/{tenant}/jwks.json'],
    ['not http(s)', 'file:///etc/{tenant}.json'],
  ])('refuses a template with %s', (_what, urlTemplate) => {
    expect(() => new JwksUrlKeySource({ urlTemplate })).toThrow(TypeError);
  });

  it('builds the upstream template from a control-plane URL', () => {
    expect(upstreamJwksUrlTemplate('https://cp.example/')).toBe(
      'https://cp.example/v1/tenants/{tenant}/.well-known/jwks.json',
    );
    expect(new JwksUrlKeySource({ urlTemplate: 'https://cp.example/{tenant}/k?t={tenant}' }).urlFor('a b')).toBe(
      'https://cp.example/a%20b/k?t=a%20b',
    );
  });
});
