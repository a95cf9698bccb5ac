// The auth target's oracles and the target itself: the token oracle agrees with the broker's
// verifier on thousands of forged tokens, the permission oracle says what the grammar grants,
// and a short run against a real broker passes, while the same run with a broken permission
// oracle reports failures (so a broker that granted too much would be caught).
import { compilePermissions, generateSigningKey, isAuthError, StaticKeySource, verifyToken } from '@felix/broker/auth';
import { loadSpec } from '@felix/spec';
import { describe, expect, it, vi } from 'vitest';
import { FailureLog } from '../src/failures.js';
import { SPEC_DIR } from '../src/paths.js';
import { Rng } from '../src/rng.js';
import { b64url, ed25519Key, signEd25519, signHs256, signingInput } from '../src/targets/auth/compact-jws.js';
import { runAuth } from '../src/targets/auth/index.js';
import { expectedOutcome, type Operation } from '../src/targets/auth/operations.js';
import { TokenForge } from '../src/targets/auth/token-forge.js';
import { judgeToken } from '../src/targets/auth/token-judge.js';

const LEEWAY = 30;

async function keys() {
  const trusted = await generateSigningKey('trusted');
  const key = ed25519Key(trusted.privateJwk as Record<string, unknown>);
  const stranger = ed25519Key((await generateSigningKey('stranger')).privateJwk as Record<string, unknown>);
  return { key, stranger, source: await StaticKeySource.fromJwks({ keys: [trusted.publicJwk] }) };
}

describe('the token oracle', () => {
  it('agrees with the broker verifier wherever it decides, over every family of forged token', async () => {
    const { key, stranger, source } = await keys();
    const forge = new TokenForge(key, stranger, new Rng(7), LEEWAY);
    const rng = new Rng(8);
    const disagreements: string[] = [];
    const seen = new Map<string, Set<string>>();
    for (let i = 0; i < 3000; i++) {
      const forged = forge.next();
      const tenant = rng.chance(0.9) ? forged.tid : rng.pick(['t1', 't2']);
      const nowMs = Date.now();
      const judged = judgeToken(forged.token, tenant, key, { nowMs, leewaySec: LEEWAY }, forged);
      const accepted = await verifyToken(forged.token, {
        tenant,
        keys: source,
        clockToleranceSec: LEEWAY,
        now: nowMs,
      }).then(
        () => true,
        (err: unknown) => {
          if (!isAuthError(err)) throw err;
          return false;
        },
      );
      const family = forged.label.split(':')[0];
      if (!seen.has(family)) seen.set(family, new Set());
      if (tenant === forged.tid) seen.get(family)!.add(judged.verdict);
      if (judged.verdict !== 'either' && accepted !== (judged.verdict === 'accept'))
        disagreements.push(`${forged.label}: oracle ${judged.verdict} (${judged.why}), verifier ${accepted}`);
    }
    expect(disagreements).toEqual([]);
    expect([...seen.keys()].sort()).toEqual(
      ['alg', 'base64', 'bytes', 'claims', 'header', 'key', 'kid', 'segments', 'time', 'valid'].sort(),
    );
    // Each family is more than one verdict's worth where it can be: refusals everywhere, acceptances where valid.
    expect(seen.get('valid')).toEqual(new Set(['accept']));
    for (const family of ['alg', 'key', 'kid', 'segments']) expect(seen.get(family)).toContain('refuse');
    for (const family of ['claims', 'time', 'base64']) expect(seen.get(family)?.size).toBeGreaterThan(1);
  });

  it('refuses what it must on hand-made tokens, and leaves the undecided to the broker', async () => {
    const { key } = await keys();
    const clock = { nowMs: Date.now(), leewaySec: LEEWAY };
    const now = Math.floor(clock.nowMs / 1000);
    const claims = (extra: object = {}) =>
      JSON.stringify({
        iss: 'felix-auth',
        aud: 'felix-broker',
        sub: 'p:x',
        tid: 't1',
        iat: now,
        exp: now + 600,
        perms: [],
        ...extra,
      });
    const header = (alg = 'EdDSA') => JSON.stringify({ alg, kid: 'trusted' });
    const signed = (h: string, c: string) => {
      const input = signingInput(h, c);
      return `${input}.${signEd25519(input, key.privateKey)}`;
    };
    const verdict = (token: string, tenant = 't1') => judgeToken(token, tenant, key, clock).verdict;
    const valid = signed(header(), claims());
    expect(verdict(valid)).toBe('accept');
    expect(verdict(valid, 't2')).toBe('refuse');
    expect(verdict(`${signingInput(header('none'), claims())}.`)).toBe('refuse');
    const hsInput = signingInput(header('HS256'), claims());
    expect(verdict(`${hsInput}.${signHs256(hsInput, key.rawPublic)}`)).toBe('refuse');
    expect(verdict(signed(header(), claims({ exp: now - 3600 })))).toBe('refuse');
    expect(verdict(signed(header(), claims({ exp: '9999999999' })))).toBe('refuse');
    expect(verdict(signed(header(), claims({ perms: 'tenant.manage:tenant:t1' })))).toBe('refuse');
    expect(verdict(signed(header(), claims({ nbf: now + 3600 })))).toBe('refuse');
    expect(verdict(signed(header(), claims({ exp: now - LEEWAY })))).toBe('either');
    // The same signature bytes spelled with other trailing bits: some decoders take it.
    const [h, p, s] = valid.split('.');
    const sig = Buffer.from(s, 'base64url');
    expect(b64url(sig)).toBe(s);
    const respelled = `${s.slice(0, -1)}${String.fromCharCode(s.charCodeAt(s.length - 1) ^ 1)}`;
    if (Buffer.from(respelled, 'base64url').equals(sig)) expect(verdict(`${h}.${p}.${respelled}`)).toBe('either');
  });
});

describe('the permission oracle', () => {
  const op = (kind: Operation['kind'], tenant: string, namespace: string, name: string): Operation => ({
    kind,
    action: kind.startsWith('cache_')
      ? kind === 'cache_get'
        ? 'cache.read'
        : 'cache.write'
      : kind === 'subscribe'
        ? 'stream.subscribe'
        : 'stream.publish',
    resource: { kind: kind.startsWith('cache_') ? 'cache' : 'stream', tenant, namespace, name },
    tag: 'x',
  });

  it('allows what a grant covers in the session tenant, refuses the rest, and finds unregistered names', () => {
    const grants = compilePermissions([
      'stream.publish:stream:t1/default/orders',
      'cache.read:cache:t1/default/*',
      'tenant.manage:tenant:t2',
      'stream.subscribe:stream:t1/*/orders',
    ]);
    expect(expectedOutcome(op('publish', 't1', 'default', 'orders'), 't1', grants)).toBe('ok');
    expect(expectedOutcome(op('publish', 't1', 'default', 'audit'), 't1', grants)).toBe('forbidden');
    expect(expectedOutcome(op('cache_get', 't1', 'default', 'ghost'), 't1', grants)).toBe('not_found');
    expect(expectedOutcome(op('cache_put', 't1', 'default', 'primary'), 't1', grants)).toBe('forbidden');
    // A grant in another tenant is worth nothing to a session of t1.
    expect(expectedOutcome(op('publish', 't2', 'default', 'orders'), 't1', grants)).toBe('forbidden');
    expect(expectedOutcome(op('publish', 't2', 'default', 'orders'), 't2', grants)).toBe('ok');
    // A wildcard in the middle is no grant at all.
    expect(expectedOutcome(op('subscribe', 't1', 'other', 'orders'), 't1', grants)).toBe('forbidden');
  });
});

describe('the auth target against a live broker', () => {
  const context = (seed: number) => ({
    spec: loadSpec(SPEC_DIR),
    seed,
    failures: new FailureLog(undefined),
    budgetMs: 7000,
  });

  it('passes a short run: every answer as the oracles say', async () => {
    const ctx = context(1);
    const result = await runAuth(ctx);
    expect(ctx.failures.failures.map((f) => `${f.signature}\n${f.detail}`)).toEqual([]);
    expect(result.failures).toBe(0);
    expect(result.inputs).toBeGreaterThan(20);
    expect(result.notes.join('\n')).toMatch(/[1-9]\d* allowed, [1-9]\d* forbidden/);
  });

  it('reports failures when its permission oracle is broken to grant nothing', async () => {
    const ctx = context(2);
    // The failures it is meant to find would fill the test's output.
    const quiet = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const result = await runAuth(ctx, { grants: () => compilePermissions([]) }).finally(() => quiet.mockRestore());
    expect(result.failures).toBeGreaterThan(0);
    expect(ctx.failures.failures.map((f) => f.signature)).toContainEqual(
      expect.stringMatching(/succeeded beyond the token's permissions$/),
    );
  });
});
