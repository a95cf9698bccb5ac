// The SDK presenting a client certificate to a broker that requires one (FELIX_TLS_CLIENT_CA)
// and maps it to permissions, so it connects with no token.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { type CertificatePair, createCertificateAuthority, issueCertificate } from '@felix/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../src/index.js';

let dir: string;
let broker: BrokerProcess;
let mapped: CertificatePair;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'felix-client-mtls-'));
  const ca = await createCertificateAuthority();
  mapped = await issueCertificate(ca, { commonName: 'orders-service' });
  writeFileSync(join(dir, 'ca.pem'), ca.cert);
  writeFileSync(
    join(dir, 'felix.json'),
    JSON.stringify({
      registry: { t1: { default: { streams: { orders: {}, audit: {} } } } },
      clientCertificates: [
        { commonName: 'orders-service', tenant: 't1', permissions: ['stream.publish:stream:t1/default/orders'] },
      ],
    }),
  );
  broker = await startBrokerProcess({
    FELIX_CARRIERS: 'tls,webtransport,quic',
    FELIX_CONFIG: join(dir, 'felix.json'),
    FELIX_TLS_CLIENT_CA: join(dir, 'ca.pem'),
  });
});

afterAll(async () => {
  await broker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a client certificate', () => {
  it.each(['tls', 'quic'] as const)('authenticates over %s with the permissions it is mapped to', async (carrier) => {
    const client = await connect(`felix+${carrier}://127.0.0.1:${broker.ports[carrier]}`, {
      certSha256: broker.fingerprint,
      clientCert: mapped.cert,
      clientKey: mapped.key,
    });
    try {
      await client.publish('orders', 'hello');
      await expect(client.publish('audit', 'hello')).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await client.close();
    }
  });

  it('is needed: without one the connection fails', async () => {
    const err = await connect(`felix+tls://127.0.0.1:${broker.ports.tls}`, {
      certSha256: broker.fingerprint,
      token: broker.token,
      reconnect: false,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'connect_failed' });
  });

  it('is refused as fatal over WebTransport, whose Node client cannot present one', async () => {
    const err = await connect(`felix+wt://127.0.0.1:${broker.ports.webtransport}`, {
      certSha256: broker.fingerprint,
      clientCert: mapped.cert,
      clientKey: mapped.key,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not_supported', retry: 'fatal' });
  });

  it('comes with its key', async () => {
    await expect(connect('felix+tls://127.0.0.1:1', { clientCert: mapped.cert })).rejects.toThrow(
      'clientCert and clientKey must be given together',
    );
  });
});
