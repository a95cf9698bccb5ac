// Mutual TLS on every carrier: a listener given clientCa completes no handshake without a
// certificate chained to it, and tells the session whose certificate it verified.
import { connect as http2Connect } from 'node:http2';
import { encodeFrame } from '@felix/generated';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificatePair,
  type ClientSession,
  clientSessionOver,
  connectQuic,
  connectTls,
  connectWebTransport,
  createCertificateAuthority,
  createSelfSigned,
  issueCertificate,
  listenQuic,
  listenTls,
  listenWebTransport,
  type MultiplexedListener,
  type ServerSession,
  type SessionListener,
  sessionListenerOver,
} from '../src/index.js';

let broker: CertificatePair;
let ca: CertificatePair;
let client: CertificatePair;
let sibling: CertificatePair;
let stranger: CertificatePair;

beforeAll(async () => {
  broker = await createSelfSigned({ ca: true });
  ca = await createCertificateAuthority({ commonName: 'felix-clients' });
  client = await issueCertificate(ca, {
    commonName: 'orders-service',
    dns: ['orders.internal'],
    uris: ['spiffe://example.test/orders'],
  });
  sibling = await issueCertificate(ca, { commonName: 'billing-service' });
  stranger = await issueCertificate(await createCertificateAuthority({ commonName: 'other-ca' }), {
    commonName: 'orders-service',
  });
});

const hello = encodeFrame({ type: 'ok' });

/** The next session `listener` yields, once the client's first frame has started it. */
async function nextSession(listener: SessionListener): Promise<ServerSession> {
  const it = listener.sessions[Symbol.asyncIterator]();
  const { value, done } = await it.next();
  if (done) throw new Error('listener ended');
  return value;
}

/** Settles with the failure of `connecting` or of the first round trip over the session it opens. */
async function refused(connecting: Promise<ClientSession>): Promise<unknown> {
  let session: ClientSession;
  try {
    session = await connecting;
  } catch (err) {
    return err;
  }
  // In TLS 1.3 the client finishes its handshake before the server has judged its certificate,
  // so a refusal can show as the connection closing right after.
  session.control.writable.write(hello);
  const reading = session.control.readable[Symbol.asyncIterator]();
  try {
    const { done } = await reading.next();
    if (!done) throw new Error('the listener answered a client it should have refused');
  } catch (err) {
    return err;
  }
  return 'closed';
}

function expectIdentity(session: ServerSession) {
  expect(session.peerIdentity).toMatchObject({
    subject: 'CN=orders-service',
    commonName: 'orders-service',
    sans: ['DNS:orders.internal', 'URI:spiffe://example.test/orders'],
  });
  expect(session.peerIdentity?.sha256).toMatch(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
  expect(session.peerIdentity?.notAfter).toBeGreaterThan(Date.now());
}

describe('TLS carrier with a client CA', () => {
  let listener: SessionListener;
  const dial = (pair?: CertificatePair) =>
    connectTls({
      host: '127.0.0.1',
      port: listener.port,
      ca: broker.cert,
      serverName: 'localhost',
      clientCert: pair?.cert,
      clientKey: pair?.key,
    });

  beforeAll(async () => {
    listener = await listenTls({ host: '127.0.0.1', port: 0, ...broker, clientCa: ca.cert });
  });
  afterAll(() => listener.close());

  it('refuses a client without a certificate and one from another CA', async () => {
    expect(await refused(dial())).toBeTruthy();
    expect(await refused(dial(stranger))).toBeTruthy();
  });

  it('names the verified certificate on the session, also for streams attached later', async () => {
    const accepted = nextSession(listener);
    const session = await dial(client);
    session.control.writable.write(hello);
    const server = await accepted;
    expectIdentity(server);
    // The attach connection resumes the first one's TLS session; its certificate still counts.
    session.setAttachToken(server.attachToken!);
    const cache = await session.openCacheStream();
    cache.writable.write(hello);
    const attached = await server.cacheStreams[Symbol.asyncIterator]().next();
    expect(attached.done).toBe(false);
    session.close({ code: 0, reason: 'done' });
    await server.closed;
  });

  it('refuses a stream_attach made with another certificate, even one the CA signed', async () => {
    const accepted = nextSession(listener);
    const session = await dial(client);
    session.control.writable.write(hello);
    const server = await accepted;
    const other = await dial(sibling);
    other.setAttachToken(server.attachToken!);
    const cache = await other.openCacheStream();
    const reply = await cache.readable[Symbol.asyncIterator]().next();
    expect(new TextDecoder().decode(reply.value)).toContain('client certificate differs');
    other.close({ code: 0, reason: 'done' });
    session.close({ code: 0, reason: 'done' });
    await server.closed;
  });

  it('leaves peerIdentity undefined on a listener without a client CA', async () => {
    const plain = await listenTls({ host: '127.0.0.1', port: 0, ...broker });
    try {
      const accepted = nextSession(plain);
      const session = await connectTls({
        host: '127.0.0.1',
        port: plain.port,
        ca: broker.cert,
        serverName: 'localhost',
        clientCert: client.cert,
        clientKey: client.key,
      });
      session.control.writable.write(hello);
      expect((await accepted).peerIdentity).toBeUndefined();
      session.close({ code: 0, reason: 'done' });
    } finally {
      await plain.close();
    }
  });

  it('takes a client certificate only with its key', async () => {
    await expect(connectTls({ host: '127.0.0.1', port: listener.port, clientCert: client.cert })).rejects.toThrow(
      'clientCert and clientKey must be given together',
    );
  });
});

describe('QUIC carrier with a client CA', () => {
  let quic: MultiplexedListener;
  let listener: SessionListener;
  const dial = async (pair?: CertificatePair) =>
    clientSessionOver(
      await connectQuic({
        host: '127.0.0.1',
        port: listener.port,
        ca: broker.cert,
        serverName: 'localhost',
        clientCert: pair?.cert,
        clientKey: pair?.key,
        connectTimeoutMs: 5_000,
      }),
    );

  beforeAll(async () => {
    quic = await listenQuic({ host: '127.0.0.1', port: 0, ...broker, clientCa: ca.cert });
    listener = sessionListenerOver(quic);
  });
  afterAll(() => listener.close());

  it('refuses a client without a certificate and one from another CA', async () => {
    expect(await refused(dial())).toBeTruthy();
    expect(await refused(dial(stranger))).toBeTruthy();
  });

  it('names the verified certificate on the session', async () => {
    const accepted = nextSession(listener);
    const session = await dial(client);
    session.control.writable.write(hello);
    const server = await accepted;
    expectIdentity(server);
    session.close({ code: 0, reason: 'done' });
    await server.closed;
  });
});

describe('WebTransport (HTTP/2) with a client CA', () => {
  let listener: SessionListener;

  beforeAll(async () => {
    listener = sessionListenerOver(
      await listenWebTransport({ host: '127.0.0.1', port: 0, ...broker, clientCa: ca.cert, http3: 'auto' }),
    );
  });
  afterAll(() => listener.close());

  /**
   * The HTTP/2 status the server answers a GET with (it takes only CONNECT), or how the
   * connection failed: an alert for a missing certificate, a bare close for an untrusted one.
   */
  function get(pair?: CertificatePair): Promise<number | Error | 'closed'> {
    return new Promise((resolve) => {
      const session = http2Connect(`https://localhost:${listener.port}`, {
        ca: broker.cert,
        cert: pair?.cert,
        key: pair?.key,
      });
      session.on('error', (err) => resolve(err));
      session.on('close', () => resolve('closed'));
      const request = session.request({ ':path': '/felix' });
      request.on('error', (err) => resolve(err));
      request.on('response', (headers) => {
        resolve(Number(headers[':status']));
        session.close();
      });
      request.end();
    });
  }

  it('completes the handshake only for a certificate from the client CA', async () => {
    expect(await get(client)).toBe(406);
    expect(await get()).toMatchObject({ code: 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' });
    expect(await get(stranger)).toBe('closed');
  });

  // Its HTTP/2 connection is made inside the library, with no way to hand it a certificate.
  it('says the Node WebTransport client cannot present a certificate', async () => {
    await expect(
      connectWebTransport({ host: '127.0.0.1', port: listener.port, clientCert: client.cert, clientKey: client.key }),
    ).rejects.toThrow('cannot present a client certificate');
  });
});
