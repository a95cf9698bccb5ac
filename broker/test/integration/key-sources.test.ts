// Where the broker's keys come from: a JWKS file or a per-tenant JWKS URL when configured (and
// then no dev key, no dev token, and none on the demo page), its own dev key otherwise, kept
// across restarts; and the settings refused at start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrokerProcess, startBrokerProcess, testClient } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, mintToken, type SigningKey, writeJwksFile } from '../../src/auth/index.js';
import { TestServer } from '../auth/fixtures.js';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

let dir: string;
let key: SigningKey;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'felix-key-sources-'));
  key = await generateSigningKey('operator-key');
  mkdirSync(join(dir, 'demo'));
  writeFileSync(join(dir, 'demo', 'index.html'), '<!doctype html>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tokenFor = (tenant: string, signer: SigningKey = key) =>
  mintToken({
    privateJwk: signer.privateJwk,
    tenant,
    subject: 'p:operator',
    permissions: [`tenant.manage:tenant:${tenant}`],
    ttlSec: 600,
  });

describe('a JWKS file', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    const jwks = join(dir, 'jwks.json');
    await writeJwksFile(jwks, [key.publicJwk]);
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls,webtransport',
      FELIX_AUTH_JWKS_FILE: jwks,
      FELIX_DEMO_DIR: join(dir, 'demo'),
    });
  });
  afterAll(() => broker.stop());

  it('is trusted instead of a dev key, which the broker then neither makes nor names', async () => {
    expect(broker.token).toBeUndefined();
    expect(broker.output()).not.toContain('felix dev token');
    expect(existsSync(join(broker.dataDir, 'auth'))).toBe(false);
    const c = await testClient('tls', broker, { token: await tokenFor('t1') });
    expect(c.authReply).toMatchObject({ type: 'auth_ok' });
    c.close();
    const stranger = await generateSigningKey('stranger');
    const refused = await testClient('tls', broker, { token: await tokenFor('t1', stranger) });
    expect(refused.authReply).toMatchObject({
      code: 'unauthenticated',
      message: 'unknown signing key (kid "stranger")',
    });
  });

  it('gives the demo page no token', async () => {
    const config = await (await fetch(`http://127.0.0.1:${broker.httpPort}/demo/config.json`)).json();
    expect(config).toMatchObject({ port: broker.ports.webtransport });
    expect(config).not.toHaveProperty('token');
  });
});

describe('a JWKS URL', () => {
  let broker: BrokerProcess;
  let jwksServer: TestServer;
  beforeAll(async () => {
    jwksServer = await new TestServer().start();
    jwksServer.serveJwks({ t1: { keys: [key.publicJwk] } });
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls',
      FELIX_AUTH_JWKS_URL: `${jwksServer.origin}/v1/tenants/{tenant}/.well-known/jwks.json`,
    });
  });
  afterAll(async () => {
    await broker.stop();
    await jwksServer.stop();
  });

  it('is asked for the keys of registered tenants only', async () => {
    const unknown = await testClient('tls', broker, { tenant: 'nobody', token: await tokenFor('nobody') });
    expect(unknown.authReply).toMatchObject({ code: 'unauthenticated', message: 'tenant nobody is not registered' });
    expect(jwksServer.requests).toEqual([]);
    const c = await testClient('tls', broker, { token: await tokenFor('t1') });
    expect(c.authReply).toMatchObject({ type: 'auth_ok' });
    expect(jwksServer.requests).toEqual(['/v1/tenants/t1/.well-known/jwks.json']);
    c.close();
  });
});

describe('the dev key', () => {
  it('is kept in the data directory, so a restarted broker takes the token it handed out', async () => {
    const dataDir = join(dir, 'kept');
    const first = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_DATA_DIR: dataDir });
    expect(await first.stop()).toBe(0);
    const second = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_DATA_DIR: dataDir });
    try {
      expect(second.token).toBe(first.token);
      const c = await testClient('tls', second);
      expect(c.authReply).toMatchObject({ type: 'auth_ok' });
      c.close();
    } finally {
      await second.stop();
    }
  });
});

describe('key source settings', () => {
  const start = (env: Record<string, string>) => {
    const run = spawnSync(process.execPath, [MAIN], {
      env: { ...process.env, FELIX_HTTP_BIND: '127.0.0.1:0', FELIX_DATA_DIR: join(dir, 'refused'), ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { code: run.status, stderr: run.stderr.trim() };
  };

  it('refuses a JWKS URL without {tenant}, and a file and a URL together', () => {
    expect(start({ FELIX_AUTH_JWKS_URL: 'https://cp.example/jwks.json' })).toEqual({
      code: 2,
      stderr: 'felix: FELIX_AUTH_JWKS_URL is invalid: JWKS URL template "https://cp.example/jwks.json" has no {tenant}',
    });
    expect(start({ FELIX_AUTH_JWKS_URL: 'https://cp.example/{tenant}', FELIX_AUTH_JWKS_FILE: '/x' })).toEqual({
      code: 2,
      stderr: 'felix: FELIX_AUTH_JWKS_FILE and FELIX_AUTH_JWKS_URL are exclusive: give one key source',
    });
  });

  it('stops at start when the JWKS file cannot be read', () => {
    expect(start({ FELIX_AUTH_JWKS_FILE: join(dir, 'missing.json') })).toEqual({
      code: 2,
      stderr: `felix: authJwksFile (FELIX_AUTH_JWKS_FILE): cannot read JWKS file ${join(dir, 'missing.json')}: ENOENT`,
    });
  });
});
