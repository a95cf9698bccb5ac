// Mutual TLS (issue 14 point 6) against the real broker: with FELIX_TLS_CLIENT_CA every carrier
// requires a client certificate from that CA, a certificate named in clientCertificates
// authenticates for its tenant with its own permissions and no token, and any other trusted
// certificate still needs a valid token. Bad settings stop the broker with exit 2 and one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFrame } from '@felix/generated';
import { type BrokerProcess, type CarrierName, FrameInbox, startBrokerProcess, testClient } from '@felix/testkit';
import { type CertificatePair, createCertificateAuthority, issueCertificate } from '@felix/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// WebTransport serves too, but the Node WebTransport client cannot present a certificate.
const CARRIERS: CarrierName[] = ['tls', 'quic'];
const text = (s: string) => new TextEncoder().encode(s);

const CONFIG = {
  registry: {
    t1: { default: { streams: { orders: {}, audit: {} }, caches: ['primary'] } },
    t2: { default: { streams: { orders: {} } } },
  },
  clientCertificates: [
    { commonName: 'orders-service', tenant: 't1', permissions: ['stream.publish:stream:t1/default/orders'] },
    { uri: 'spiffe://example.test/auditor', tenant: 't1', permissions: ['stream.publish:stream:t1/default/audit'] },
  ],
};

let dir: string;
let broker: BrokerProcess;
const certs: Record<'orders' | 'auditor' | 'visitor' | 'stranger', CertificatePair> = {} as never;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'felix-mtls-'));
  const ca = await createCertificateAuthority({ commonName: 'felix clients' });
  certs.orders = await issueCertificate(ca, { commonName: 'orders-service' });
  certs.auditor = await issueCertificate(ca, { uris: ['spiffe://example.test/auditor'] });
  certs.visitor = await issueCertificate(ca, { commonName: 'visitor' });
  certs.stranger = await issueCertificate(await createCertificateAuthority({ commonName: 'elsewhere' }), {
    commonName: 'orders-service',
  });
  writeFileSync(join(dir, 'clients-ca.pem'), ca.cert);
  writeFileSync(join(dir, 'felix.json'), JSON.stringify(CONFIG));
  broker = await startBrokerProcess({
    FELIX_CARRIERS: 'tls,webtransport,quic',
    FELIX_CONFIG: join(dir, 'felix.json'),
    FELIX_TLS_CLIENT_CA: join(dir, 'clients-ca.pem'),
    FELIX_LOG_LEVEL: 'info',
  });
});

afterAll(async () => {
  const code = await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) console.error(broker?.output());
  expect(code).toBe(0);
});

/** A session presenting `cert` that has sent auth with `token` (default none) for `tenant`. */
function session(carrier: CarrierName, cert: CertificatePair | undefined, token = '', tenant = 't1') {
  return testClient(carrier, { ...broker, token, clientCertificate: cert }, { tenant });
}

/** Publishes to t1/default/`stream` and gives 'ok' or the refusal's code. */
async function publish(client: Awaited<ReturnType<typeof session>>, stream: string, id: number) {
  client.send({
    type: 'publish',
    tenant_id: 't1',
    namespace: 'default',
    stream,
    payload: text(`m${id}`),
    request_id: id,
  });
  const m = await client.control.next();
  if (m.type === 'publish_ok') return 'ok';
  if (m.type === 'publish_error' && m.request_id === id) return m.code;
  throw new Error(`unexpected answer ${m.type}`);
}

describe.each(CARRIERS)('client certificates over %s', (carrier) => {
  it('refuses the handshake without a certificate, and with one from another CA', async () => {
    // The dev token is valid: only the missing or untrusted certificate can stop these.
    await expect(session(carrier, undefined, broker.token)).rejects.toThrow();
    await expect(session(carrier, certs.stranger, broker.token)).rejects.toThrow();
  });

  it('admits a mapped certificate without a token, with its permissions and no more', async () => {
    const client = await session(carrier, certs.orders);
    expect(client.authReply).toMatchObject({ type: 'auth_ok' });
    expect(await publish(client, 'orders', 1)).toBe('ok');
    expect(await publish(client, 'audit', 2)).toBe('forbidden');
    // A cache stream (on TLS a connection of its own, attached with the same certificate) works.
    const cache = await client.session.openCacheStream();
    const answers = new FrameInbox(cache.readable);
    cache.writable.write(
      encodeFrame({
        type: 'cache_get',
        tenant_id: 't1',
        namespace: 'default',
        cache: 'primary',
        key: 'k',
        request_id: 3,
      }),
    );
    expect(await answers.next()).toMatchObject({ type: 'error', code: 'forbidden', request_id: 3 });
    client.close();
  });

  it('matches a URI subject alternative name', async () => {
    const client = await session(carrier, certs.auditor);
    expect(client.authReply).toMatchObject({ type: 'auth_ok' });
    expect(await publish(client, 'audit', 1)).toBe('ok');
    expect(await publish(client, 'orders', 2)).toBe('forbidden');
    client.close();
  });

  it('refuses a mapped certificate for another tenant as unauthenticated', async () => {
    const client = await session(carrier, certs.orders, '', 't2');
    expect(client.authReply).toMatchObject({
      type: 'error',
      code: 'unauthenticated',
      message: 'the client certificate is mapped to tenant t1, not t2',
    });
    await client.control.closed();
  });

  it('lets the certificate decide when a token comes too, which must still verify', async () => {
    const bad = await session(carrier, certs.orders, 'not-a-token');
    expect(bad.authReply).toMatchObject({ type: 'error', code: 'unauthenticated' });
    // The dev token may do anything in t1; the certificate's mapping is what counts.
    const client = await session(carrier, certs.orders, broker.token);
    expect(client.authReply).toMatchObject({ type: 'auth_ok' });
    expect(await publish(client, 'orders', 1)).toBe('ok');
    expect(await publish(client, 'audit', 2)).toBe('forbidden');
    client.close();
  });

  it('asks an unmapped trusted certificate for a valid token', async () => {
    const without = await session(carrier, certs.visitor);
    expect(without.authReply).toMatchObject({ type: 'error', code: 'unauthenticated' });
    const client = await session(carrier, certs.visitor, broker.token);
    expect(client.authReply).toMatchObject({ type: 'auth_ok' });
    expect(await publish(client, 'audit', 1)).toBe('ok');
    client.close();
  });
});

describe('the audit trail', () => {
  it('names a certificate refused for its tenant, and never the certificate itself', () => {
    expect(broker.output()).toContain('"reason":"certificate_tenant_mismatch"');
    expect(broker.output()).toContain('"detail":"cert:CN=orders-service"');
    expect(broker.output()).not.toContain('BEGIN CERTIFICATE');
  });
});

// The built broker (the test run's global setup builds it), as `npm start` runs it.
const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

describe('settings that stop the broker', () => {
  function start(config: object | undefined, env: Record<string, string> = {}) {
    const at = mkdtempSync(join(tmpdir(), 'felix-mtls-config-'));
    try {
      const extra: Record<string, string> = {};
      if (config !== undefined) {
        writeFileSync(join(at, 'felix.json'), JSON.stringify(config));
        extra.FELIX_CONFIG = join(at, 'felix.json');
      }
      const run = spawnSync(process.execPath, [MAIN], {
        env: {
          ...process.env,
          FELIX_HTTP_BIND: '127.0.0.1:0',
          FELIX_TLS_PORT: '0',
          FELIX_WEBTRANSPORT_PORT: '0',
          FELIX_QUIC_PORT: '0',
          FELIX_DATA_DIR: join(at, 'data'),
          ...extra,
          ...env,
        },
        encoding: 'utf8',
        timeout: 20_000,
      });
      return { code: run.status, stderr: run.stderr.trim() };
    } finally {
      rmSync(at, { recursive: true, force: true });
    }
  }
  const rule = { commonName: 'a', tenant: 't1', permissions: ['stream.publish:stream:t1/default/orders'] };
  const caFile = () => join(dir, 'clients-ca.pem');

  it('refuses clientCertificates without a client CA', () => {
    expect(start({ clientCertificates: [rule] })).toEqual({
      code: 2,
      stderr:
        'felix: config clientCertificates needs tlsClientCa (FELIX_TLS_CLIENT_CA): without it no client certificate is asked for',
    });
  });

  it.each([
    [
      'two names',
      { ...rule, dns: 'a.example' },
      'config clientCertificates (/clientCertificates/0) is invalid: give exactly one of commonName, dns, uri (it has 2)',
    ],
    [
      'another tenant',
      { ...rule, permissions: ['stream.publish:stream:t2/default/orders'] },
      'config clientCertificates (/clientCertificates/0) is invalid: permission "stream.publish:stream:t2/default/orders" is outside tenant "t1", the rule\'s',
    ],
    [
      'a typo',
      { ...rule, permissions: ['stream.publsh:stream:t1/default/orders'] },
      'config clientCertificates (/clientCertificates/0) is invalid: permission "stream.publsh:stream:t1/default/orders"',
    ],
  ])('refuses a rule with %s', (_, bad, message) => {
    const r = start({ clientCertificates: [bad] }, { FELIX_TLS_CLIENT_CA: caFile() });
    expect(r.code).toBe(2);
    expect(r.stderr.startsWith(`felix: ${message}`)).toBe(true);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  it('refuses a certificate mapped twice', () => {
    const r = start({ clientCertificates: [rule, rule] }, { FELIX_TLS_CLIENT_CA: caFile() });
    expect(r).toEqual({
      code: 2,
      stderr:
        'felix: config clientCertificates (/clientCertificates/1) is invalid: CN=a is already mapped by rule 0, which always wins',
    });
  });

  it('refuses a client CA file it cannot read or that holds no certificate', () => {
    const missing = join(dir, 'missing.pem');
    expect(start(undefined, { FELIX_TLS_CLIENT_CA: missing })).toEqual({
      code: 2,
      stderr: `felix: tlsClientCa (FELIX_TLS_CLIENT_CA): cannot read ${missing}: ENOENT`,
    });
    const empty = join(dir, 'empty.pem');
    writeFileSync(empty, 'no certificate here\n');
    expect(start(undefined, { FELIX_TLS_CLIENT_CA: empty })).toEqual({
      code: 2,
      stderr: `felix: tlsClientCa (FELIX_TLS_CLIENT_CA): ${empty} holds no PEM certificate`,
    });
  });
});
