// Who may do what (issue 14), against the real broker on every carrier: tokens minted with the
// broker's own dev key for each case, every operation tried on its own stream or cache, on one
// in another namespace and on one in another tenant, with an exact grant, a wildcard grant and
// no grant for it; bad tokens refused at auth; a session ended when its token expires; and the
// admin API. Refusals must carry their code, and nothing refused may have happened.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, type WireMessage } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  collect,
  FrameInbox,
  startBrokerProcess,
  testClient,
} from '@felix/testkit';
import { importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FELIX_AUDIENCE,
  FELIX_ISSUER,
  generateSigningKey,
  mintToken,
  publicJwkOf,
  readPrivateJwkFile,
} from '../../src/auth/index.js';
import { base64url, unsignedToken } from '../auth/fixtures.js';

const CARRIERS: CarrierName[] = ['tls', 'webtransport', 'quic'];
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** Every scope holds a stream and a cache called "own", so targets differ only in namespace or tenant. */
const SCOPE = { streams: { own: {} }, caches: ['own'] };
const CONFIG = {
  registry: { t1: { default: SCOPE, other: SCOPE }, t2: { default: SCOPE } },
};

let broker: BrokerProcess;
let configDir: string;
let signingKey: JWK;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'felix-authz-'));
  const path = join(configDir, 'felix.json');
  writeFileSync(path, JSON.stringify(CONFIG));
  broker = await startBrokerProcess({
    FELIX_CARRIERS: CARRIERS.join(','),
    FELIX_CONFIG: path,
    // Expiry is checked to the second; the audit lines are info.
    FELIX_AUTH_CLOCK_LEEWAY_SECONDS: '0',
    FELIX_LOG_LEVEL: 'info',
  });
  signingKey = await readPrivateJwkFile(join(broker.dataDir, 'auth', 'signing-key.jwk'));
});

afterAll(async () => {
  const code = await broker.stop();
  rmSync(configDir, { recursive: true, force: true });
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

/** Every token this file makes, so the log can be checked for leaking any of them. */
const tokensMade: string[] = [];

async function token(permissions: string[], options: { tenant?: string; ttlSec?: number; now?: number } = {}) {
  const minted = await mintToken({
    privateJwk: signingKey,
    tenant: options.tenant ?? 't1',
    subject: `p:test-${tokensMade.length}`,
    permissions,
    ttlSec: options.ttlSec ?? 600,
    now: options.now,
  });
  tokensMade.push(minted);
  return minted;
}

/** A token with any claims and header, signed with the broker's key. */
async function signed(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const key = await importJWK(signingKey, 'EdDSA');
  const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid, ...header }).sign(key);
  tokensMade.push(jwt);
  return jwt;
}

function validClaims(overrides: JWTPayload = {}): JWTPayload {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: FELIX_ISSUER,
    aud: FELIX_AUDIENCE,
    sub: 'p:crafted',
    tid: 't1',
    iat: now,
    exp: now + 600,
    perms: ['tenant.manage:tenant:t1'],
    ...overrides,
  };
}

type Operation =
  | 'publish'
  | 'publish_batch'
  | 'binary_publish_batch'
  | 'subscribe'
  | 'cache_get'
  | 'cache_put'
  | 'cache_delete';
const OPERATIONS: Operation[] = [
  'publish',
  'publish_batch',
  'binary_publish_batch',
  'subscribe',
  'cache_get',
  'cache_put',
  'cache_delete',
];
const ACTION: Record<Operation, string> = {
  publish: 'stream.publish',
  publish_batch: 'stream.publish',
  binary_publish_batch: 'stream.publish',
  subscribe: 'stream.subscribe',
  cache_get: 'cache.read',
  cache_put: 'cache.write',
  cache_delete: 'cache.write',
};
const STREAM_OR_CACHE_ACTIONS = ['stream.publish', 'stream.subscribe', 'cache.read', 'cache.write'];
const kindOf = (action: string) => action.split('.')[0];

type Target = 'own' | 'other namespace' | 'other tenant';
const TARGETS: Target[] = ['own', 'other namespace', 'other tenant'];
const WHERE: Record<Target, { tenant_id: string; namespace: string }> = {
  own: { tenant_id: 't1', namespace: 'default' },
  'other namespace': { tenant_id: 't1', namespace: 'other' },
  'other tenant': { tenant_id: 't2', namespace: 'default' },
};

type Grant = 'exact' | 'wildcard' | 'none';
const GRANTS: Grant[] = ['exact', 'wildcard', 'none'];

/**
 * The permissions of each grant for `action` on t1/default/own. "none" holds every other
 * stream and cache action there, so it also shows one action never stands in for another.
 */
function permissionsFor(action: string, grant: Grant): string[] {
  const on = (a: string, name = 'own') => `${a}:${kindOf(a)}:t1/default/${name}`;
  if (grant === 'exact') return [on(action)];
  if (grant === 'wildcard') return [on(action, '*')];
  return STREAM_OR_CACHE_ACTIONS.filter((a) => a !== action).map((a) => on(a));
}

/** A session of `carrier` authenticated with `tokenText`, with a cache stream; fails unless auth succeeds. */
async function session(carrier: CarrierName, tokenText: string, tenant = 't1') {
  const client = await testClient(carrier, broker, { token: tokenText, tenant });
  expect(client.authReply).toMatchObject({ type: 'auth_ok' });
  const cacheStream = await client.session.openCacheStream();
  return {
    client,
    cache: new FrameInbox(cacheStream.readable),
    sendCache: (m: WireMessage) => cacheStream.writable.write(encodeFrame(m)),
  };
}

type Session = Awaited<ReturnType<typeof session>>;

interface Outcome {
  /** 'ok', or the refusal's code. */
  result: string;
  message?: string;
}

/** Tries `operation` on `target`'s "own" stream or cache and reads its answer. */
async function attempt(s: Session, operation: Operation, target: Target, id: number): Promise<Outcome> {
  const where = WHERE[target];
  const stream = { ...where, stream: 'own' };
  const cache = { ...where, cache: 'own', key: 'k' };
  const { client } = s;
  const publishOutcome = async (): Promise<Outcome> => {
    const m = await client.control.next();
    if (m.type === 'publish_ok') return { result: 'ok' };
    if (m.type === 'publish_error' && m.request_id === id) return { result: m.code ?? '?', message: m.message };
    throw new Error(`unexpected answer ${m.type}`);
  };
  const cacheOutcome = async (): Promise<Outcome> => {
    const m = await s.cache.next();
    if ((m.type === 'cache_ok' || m.type === 'cache_value') && m.request_id === id) return { result: 'ok' };
    if (m.type === 'error' && m.request_id === id) return { result: m.code ?? '?', message: m.message };
    throw new Error(`unexpected answer ${JSON.stringify(m)}`);
  };
  switch (operation) {
    case 'publish':
      client.send({ type: 'publish', ...stream, payload: text(`by ${id}`), request_id: id });
      return publishOutcome();
    case 'publish_batch':
      client.send({ type: 'publish_batch', ...stream, payloads: [text(`by ${id}`)], request_id: id });
      return publishOutcome();
    case 'binary_publish_batch': {
      client.send({
        type: 'binary_publish_batch',
        ...stream,
        payloads: [text(`by ${id}`)],
        request_id: BigInt(id),
        ack_mode: 'per_batch',
      });
      const m = await client.control.expect('binary_publish_ack');
      expect(m.request_id).toBe(BigInt(id));
      // The binary ack has no code field: the code leads its message.
      return m.status === 'ok' ? { result: 'ok' } : { result: m.message.split(':')[0], message: m.message };
    }
    case 'subscribe': {
      client.send({ type: 'subscribe', ...stream });
      const m = await client.control.next();
      if (m.type === 'subscribed') return { result: 'ok' };
      if (m.type === 'error') return { result: m.code ?? '?', message: m.message };
      throw new Error(`unexpected answer ${m.type}`);
    }
    case 'cache_get':
      s.sendCache({ type: 'cache_get', ...cache, request_id: id });
      return cacheOutcome();
    case 'cache_put':
      s.sendCache({ type: 'cache_put', ...cache, value: text(`by ${id}`), ttl_ms: null, request_id: id });
      return cacheOutcome();
    case 'cache_delete':
      s.sendCache({ type: 'cache_delete', ...cache, request_id: id });
      return cacheOutcome();
  }
}

/** What the other scopes held before the matrix ran; afterwards they must hold exactly that. */
const SEEDED = 'seeded by an administrator';

describe('permissions per operation', () => {
  let t1Admin: Session;
  let t2Admin: Session;
  beforeAll(async () => {
    // Sessions of each tenant's administrator: the seed before, the check after.
    t1Admin = await session('tls', await token(['tenant.manage:tenant:t1']));
    t2Admin = await session('tls', await token(['tenant.manage:tenant:t2'], { tenant: 't2' }), 't2');
    for (const [admin, target] of [
      [t1Admin, 'other namespace'],
      [t2Admin, 'other tenant'],
    ] as const) {
      admin.sendCache({
        type: 'cache_put',
        ...WHERE[target],
        cache: 'own',
        key: 'k',
        value: text(SEEDED),
        ttl_ms: null,
        request_id: 1,
      });
      await admin.cache.expect('cache_ok');
    }
  });
  afterAll(() => {
    t1Admin?.client.close();
    t2Admin?.client.close();
  });

  describe.each(CARRIERS)('over %s', (carrier) => {
    it.each(OPERATIONS)('%s succeeds only on its own resource, with an exact or wildcard grant', async (operation) => {
      const action = ACTION[operation];
      const table: Record<string, string> = {};
      const expected: Record<string, string> = {};
      let id = 1;
      for (const grant of GRANTS) {
        const s = await session(carrier, await token(permissionsFor(action, grant)));
        for (const target of TARGETS) {
          const outcome = await attempt(s, operation, target, id++);
          table[`${grant} grant, ${target}`] = outcome.result;
          const allowed = target === 'own' && grant !== 'none';
          expected[`${grant} grant, ${target}`] = allowed ? 'ok' : 'forbidden';
          // Refused on its own stream, which stays open for the next request.
          if (outcome.result === 'forbidden') {
            expect(outcome.message).toContain(`forbidden: ${action} on ${kindOf(action)}:${WHERE[target].tenant_id}/`);
          }
        }
        // Each refusal left its stream open: the same request is answered as before.
        expect((await attempt(s, operation, 'own', id++)).result).toBe(table[`${grant} grant, own`]);
        s.client.close();
      }
      expect(table).toEqual(expected);
    });
  });

  it('left nothing behind where a request was refused', async () => {
    for (const [admin, target] of [
      [t1Admin, 'other namespace'],
      [t2Admin, 'other tenant'],
    ] as const) {
      // Not one refused publish landed: the first record of the stream is this one.
      const first = `first for ${target}`;
      admin.client.send({ type: 'publish', ...WHERE[target], stream: 'own', payload: text(first), request_id: 2 });
      await admin.client.control.expect('publish_ok');
      admin.client.send({ type: 'subscribe', ...WHERE[target], stream: 'own', start: 'earliest' });
      const reply = await admin.client.control.expect('subscribed');
      const records = new FrameInbox(await admin.client.session.eventStream(reply.subscription_id));
      await records.expect('event_stream_hello');
      expect(await collect(records, 1)).toEqual([{ offset: 0, text: first }]);
      // No refused put, delete or get touched the cache entry.
      admin.sendCache({ type: 'cache_get', ...WHERE[target], cache: 'own', key: 'k', request_id: 3 });
      const value = await admin.cache.expect('cache_value');
      expect(decode(value.value!)).toBe(SEEDED);
    }
  });
});

describe('tokens refused at auth', () => {
  let clean: Awaited<ReturnType<typeof testClient>>;
  beforeAll(async () => {
    clean = await testClient('tls', broker);
    expect(clean.authReply).toMatchObject({ type: 'auth_ok' });
  });
  afterAll(() => clean?.close());

  const variants: [string, () => Promise<string>, RegExp][] = [
    [
      'expired',
      () => token(['tenant.manage:tenant:t1'], { now: Date.now() - 3_600_000, ttlSec: 60 }),
      /^token expired$/,
    ],
    [
      'not yet valid',
      () => signed(validClaims({ nbf: Math.floor(Date.now() / 1000) + 3600 })),
      /^token not yet valid$/,
    ],
    ['for another audience', () => signed(validClaims({ aud: 'someone-else' })), /^wrong audience$/],
    ['from another issuer', () => signed(validClaims({ iss: 'someone-else' })), /^wrong issuer$/],
    [
      'for another tenant',
      () => token(['tenant.manage:tenant:t2'], { tenant: 't2' }),
      /^token for "t2" does not match tenant t1$/,
    ],
    [
      'signed by an unknown key',
      async () => {
        const stranger = await generateSigningKey('stranger');
        return mintToken({
          privateJwk: stranger.privateJwk,
          tenant: 't1',
          subject: 'p:stranger',
          permissions: ['tenant.manage:tenant:t1'],
          ttlSec: 600,
        });
      },
      /^unknown signing key \(kid "stranger"\)$/,
    ],
    [
      'with a tampered payload',
      async () => {
        const [header, , signature] = (await token(['stream.subscribe:stream:t1/default/own'])).split('.');
        const widened = base64url(JSON.stringify(validClaims({ perms: ['tenant.manage:tenant:t1'] })));
        return `${header}.${widened}.${signature}`;
      },
      /^bad signature$/,
    ],
    [
      'with a tampered signature',
      async () => {
        const [header, payload, signature] = (await token(['tenant.manage:tenant:t1'])).split('.');
        // A middle character: the last carries padding bits that may not change the bytes.
        const flipped = `${signature.slice(0, 20)}${signature[20] === 'A' ? 'B' : 'A'}${signature.slice(21)}`;
        return `${header}.${payload}.${flipped}`;
      },
      /^bad signature$/,
    ],
    [
      'unsigned (alg none)',
      async () => unsignedToken({ alg: 'none', kid: signingKey.kid, typ: 'JWT' }, validClaims()),
      /^algorithm not allowed \(alg "none"\)$/,
    ],
    [
      'HS256 keyed with the public key bytes',
      async () => {
        const header = base64url(JSON.stringify({ alg: 'HS256', kid: signingKey.kid, typ: 'JWT' }));
        const payload = base64url(JSON.stringify(validClaims()));
        const secret = Buffer.from(publicJwkOf(signingKey).x as string, 'base64url');
        return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
      },
      /^algorithm not allowed \(alg "HS256"\)$/,
    ],
    ['empty', async () => '', /^malformed token/],
  ];

  describe.each(CARRIERS)('over %s', (carrier) => {
    it.each(variants)('refuses a token %s with unauthenticated and closes the session', async (_, make, reason) => {
      const refused = await testClient(carrier, broker, { token: await make() });
      expect(refused.authReply).toMatchObject({ type: 'error', code: 'unauthenticated' });
      expect((refused.authReply as { message: string }).message).toMatch(reason);
      await refused.control.closed();
      // A clean session beside it goes on.
      clean.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: 'own',
        payload: text('x'),
        request_id: 1,
      });
      expect(await clean.control.next()).toEqual({ type: 'publish_ok', request_id: 1 });
    });

    it('refuses a token over the wire limit before it reaches the broker, and closes the session', async () => {
      // Hand-built: the codec will not encode a token over token_max_bytes.
      const refused = await testClient(carrier, broker, false);
      const body = text(JSON.stringify({ type: 'auth', tenant_id: 't1', token: 'e'.repeat(9000), client_flags: 0x3f }));
      const frame = new Uint8Array(12 + body.length);
      frame.set(encodeFrame({ type: 'ok' }).subarray(0, 8));
      new DataView(frame.buffer).setUint32(8, body.length);
      frame.set(body, 12);
      refused.sendRaw(frame);
      expect(await refused.control.expect('error')).toMatchObject({
        message: expect.stringMatching(/^string_too_long: /),
      });
      await refused.control.closed();
    });
  });

  it('refuses an unknown tenant before looking at the token', async () => {
    const refused = await testClient('tls', broker, { tenant: 'nobody', token: 'not even a token' });
    expect(refused.authReply).toMatchObject({
      type: 'error',
      code: 'unauthenticated',
      message: 'tenant nobody is not registered',
    });
    await refused.control.closed();
  });
});

describe('a session whose token expires', () => {
  it.each(CARRIERS)('is told unauthenticated and closed (%s)', async (carrier) => {
    const clean = await testClient(carrier, broker);
    // Two seconds at most: exp is whole seconds, minted from this second.
    const expiring = await testClient(carrier, broker, {
      token: await token(['tenant.manage:tenant:t1'], { ttlSec: 2 }),
    });
    expect(expiring.authReply).toMatchObject({ type: 'auth_ok' });
    expiring.send({
      type: 'publish',
      tenant_id: 't1',
      namespace: 'default',
      stream: 'own',
      payload: text('in time'),
      request_id: 1,
    });
    expect(await expiring.control.next()).toEqual({ type: 'publish_ok', request_id: 1 });
    expect(await expiring.control.next(5_000)).toMatchObject({
      type: 'error',
      code: 'unauthenticated',
      message: 'token expired',
    });
    await expiring.control.closed(5_000);
    clean.send({
      type: 'publish',
      tenant_id: 't1',
      namespace: 'default',
      stream: 'own',
      payload: text('x'),
      request_id: 2,
    });
    expect(await clean.control.next()).toEqual({ type: 'publish_ok', request_id: 2 });
    clean.close();
  });
});

describe('admin API', () => {
  const url = (path: string) => `http://127.0.0.1:${broker.httpPort}/admin/tenants/${path}`;
  const put = async (path: string, bearer?: string) => {
    const res = await fetch(url(path), {
      method: 'PUT',
      headers: bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
    });
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body: await res.text() };
  };

  it('answers a request without a token with 401 and a Bearer challenge', async () => {
    expect(await put('t1/namespaces/default/streams/a')).toEqual({
      status: 401,
      challenge: 'Bearer realm="felix"',
      body: 'unauthenticated: no credential: send Authorization: Bearer <token>\n',
    });
  });

  it('answers a bad token with 401 naming the reason', async () => {
    const expired = await token(['tenant.manage:tenant:t1'], { now: Date.now() - 3_600_000, ttlSec: 60 });
    expect(await put('t1/namespaces/default/streams/a', expired)).toEqual({
      status: 401,
      challenge: 'Bearer realm="felix", error="invalid_token"',
      body: 'unauthenticated: token expired\n',
    });
    const otherTenant = await token(['tenant.manage:tenant:t2'], { tenant: 't2' });
    expect((await put('t1/namespaces/default/streams/a', otherTenant)).body).toBe(
      'unauthenticated: tenant mismatch (token for "t2" in a request for tenant t1)\n',
    );
    expect((await put('t1/namespaces/default/streams/a', 'e'.repeat(9000))).body).toMatch(
      /^unauthenticated: token too large/,
    );
  });

  it('answers a token without the permission with 403', async () => {
    const publisher = await token(['stream.publish:stream:t1/default/*', 'cache.manage:cache:t1/default/a']);
    expect(await put('t1/namespaces/default/streams/a', publisher)).toEqual({
      status: 403,
      challenge: null,
      body: 'forbidden: stream.manage on stream:t1/default/a\n',
    });
    const elsewhere = await token(['ns.manage:namespace:t1/other']);
    expect((await put('t1/namespaces/default/caches/a', elsewhere)).status).toBe(403);
  });

  it('registers with the right token: 201', async () => {
    const streams = await token(['stream.manage:stream:t1/default/a']);
    expect(await put('t1/namespaces/default/streams/a', streams)).toMatchObject({ status: 201 });
    const namespace = await token(['ns.manage:namespace:t1/fresh']);
    expect(await put('t1/namespaces/fresh/caches/c', namespace)).toMatchObject({ status: 201 });
    // A new tenant, by a token of that tenant.
    const t3 = await token(['tenant.manage:tenant:t3'], { tenant: 't3' });
    expect(await put('t3/namespaces/default/streams/s', t3)).toMatchObject({ status: 201 });
    expect((await put('t1/namespaces/default/streams/b', broker.token)).status).toBe(201);
  });
});

describe('the audit trail', () => {
  it('counts refusals and forbidden operations, and logs each with who and why, never a token', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${broker.httpPort}/metrics`)).text();
    const count = (line: string) =>
      Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(metrics)?.[1]);
    // 7 operations × 3 carriers, each refused for 7 of its 9 grant and target pairs…
    expect(count('felix_forbidden_total{action="stream.publish"}')).toBeGreaterThanOrEqual(3 * 3 * 7);
    expect(count('felix_forbidden_total{action="stream.manage"}')).toBe(1);
    expect(count('felix_auth_refusals_total{reason="expired"}')).toBeGreaterThanOrEqual(3 + 3 + 1);
    expect(count('felix_auth_refusals_total{reason="bad_signature"}')).toBe(6);
    expect(count('felix_auth_refusals_total{reason="unknown_tenant"}')).toBe(1);
    expect(count('felix_auth_refusals_total{reason="no_token"}')).toBe(1);

    const output = broker.output();
    const audit = output
      .split('\n')
      .filter((line) => line.includes('"audit"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit).toContainEqual(
      expect.objectContaining({
        audit: 'refused',
        via: 'session',
        action: 'stream.publish',
        resource: 'stream:t2/default/own',
        tenant: 't1',
        subject: expect.stringMatching(/^p:test-/),
        reason: 'other_tenant',
        remote: expect.stringContaining('127.0.0.1'),
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ audit: 'refused', action: 'authenticate', tenant: 't1', reason: 'wrong_audience' }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ audit: 'expired', tenant: 't1', reason: 'expired' }));
    expect(audit).toContainEqual(
      expect.objectContaining({
        audit: 'admin',
        action: 'stream.manage',
        resource: 'stream:t1/default/a',
        subject: expect.stringMatching(/^p:test-/),
      }),
    );
    for (const made of [...tokensMade, broker.token!]) expect(output).not.toContain(made.split('.')[2]);
  });

  it('keeps the dev key readable by its owner only', () => {
    expect(statSync(join(broker.dataDir, 'auth', 'signing-key.jwk')).mode & 0o777).toBe(0o600);
    expect(statSync(join(broker.dataDir, 'auth', 'dev-token.jwt')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(broker.dataDir, 'auth', 'dev-token.jwt'), 'utf8')).toBe(broker.token);
  });
});
