// Caps on what sessions and admins can make the broker hold — streams and caches (auto-created
// or registered by the admin request) and subscriptions per session — against the real broker
// process: a request past a cap is answered limit_exceeded naming the setting and its
// environment variable (with its request_id where it has one), and the session goes on.
import { encodeFrame } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  FrameInbox,
  metricValue,
  scrapeMetrics,
  startBrokerProcess,
  subscribe,
  type TestClient,
  testClient,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const text = (s: string) => new TextEncoder().encode(s);
const where = (stream: string) => ({ tenant_id: 't1', namespace: 'default', stream }) as const;
const cacheAt = (cache: string) => ({ tenant_id: 't1', namespace: 'default', cache }) as const;
const STREAMS_NAMED = /^the broker holds 3 streams, its limit \(maxStreams, FELIX_MAX_STREAMS\)$/;
const CACHES_NAMED = /^the broker holds 2 caches, its limit \(maxCaches, FELIX_MAX_CACHES\)$/;

/** A PUT of an admin path as the dev token's holder: status, content type and body. */
async function adminPut(broker: BrokerProcess, path: string) {
  const res = await fetch(`http://127.0.0.1:${broker.httpPort}/admin/tenants/t1/namespaces/default/${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${broker.token}` },
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

async function refusals(broker: BrokerProcess, limit: string): Promise<number> {
  return metricValue(await scrapeMetrics(broker.httpPort), 'felix_limit_refusals_total', { limit }) ?? 0;
}

/** Publishes with an ack and returns the answer. */
async function publish(c: TestClient, stream: string, request_id: number) {
  c.send({ type: 'publish', ...where(stream), payload: text('x'), request_id });
  return c.control.next();
}

describe('registry caps with auto-create on', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    // The default registry holds stream demo and cache primary: one more cache and two more
    // streams fit.
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls,quic',
      FELIX_AUTO_CREATE: 'true',
      FELIX_MAX_STREAMS: '3',
      FELIX_MAX_CACHES: '2',
    });
  });
  afterAll(() => broker.stop());

  it.each(['tls', 'quic'] as CarrierName[])(
    'answers every way of making a stream past maxStreams over %s, and the session goes on',
    async (carrier) => {
      const c = await testClient(carrier, broker);
      expect(c.authReply?.type).toBe('auth_ok');
      // The first run fills the registry; the second finds it full already.
      for (const [i, stream] of ['s1', 's2'].entries()) {
        expect(await publish(c, stream, i + 1)).toEqual({ type: 'publish_ok', request_id: i + 1 });
      }
      const before = await refusals(broker, 'maxStreams');

      const refused = await publish(c, `${carrier}-new`, 10);
      expect(refused).toMatchObject({ type: 'publish_error', request_id: 10, code: 'limit_exceeded', retry: 'fatal' });
      expect((refused as { message: string }).message).toMatch(STREAMS_NAMED);

      c.send({
        type: 'binary_publish_batch',
        ...where(`${carrier}-binary`),
        request_id: 11n,
        ack_mode: 'per_batch',
        payloads: [text('x')],
      });
      const ack = await c.control.expect('binary_publish_ack');
      expect(ack).toMatchObject({ status: 'error', request_id: 11n });
      expect(ack.message).toMatch(/^limit_exceeded: the broker holds 3 streams, its limit \(maxStreams/);

      // Without a request_id the answer is a plain error frame.
      c.send({ type: 'publish', ...where(`${carrier}-unacked`), payload: text('x') });
      expect(await c.control.next()).toMatchObject({
        type: 'error',
        code: 'limit_exceeded',
        message: expect.stringMatching(STREAMS_NAMED),
      });

      c.send({ type: 'subscribe', ...where(`${carrier}-sub`) });
      expect(await c.control.next()).toMatchObject({
        type: 'error',
        code: 'limit_exceeded',
        message: expect.stringMatching(STREAMS_NAMED),
      });

      // Nothing refused was made, and the session still publishes where it may.
      expect(await publish(c, `${carrier}-new`, 12)).toMatchObject({ type: 'publish_error', code: 'limit_exceeded' });
      expect(await publish(c, 's1', 13)).toEqual({ type: 'publish_ok', request_id: 13 });
      expect(await refusals(broker, 'maxStreams')).toBe(before + 5);
      c.close();
    },
  );

  it('answers a cache past maxCaches with limit_exceeded carrying the request_id', async () => {
    const c = await testClient('tls', broker);
    const cache = await c.session.openCacheStream();
    const answers = new FrameInbox(cache.readable);
    const put = (name: string, request_id: number) =>
      cache.writable.write(
        encodeFrame({ type: 'cache_put', ...cacheAt(name), key: 'k', value: text('v'), ttl_ms: null, request_id }),
      );
    put('c2', 1);
    expect(await answers.next()).toEqual({ type: 'cache_ok', request_id: 1 });
    put('c3', 2);
    const refused = await answers.next();
    expect(refused).toMatchObject({ type: 'error', code: 'limit_exceeded', request_id: 2 });
    expect((refused as { message: string }).message).toMatch(CACHES_NAMED);
    // The cache stream goes on.
    put('primary', 3);
    expect(await answers.next()).toEqual({ type: 'cache_ok', request_id: 3 });
    expect(await refusals(broker, 'maxCaches')).toBe(1);
    c.close();
  });

  it('answers the admin request past a cap with 409 and a JSON error naming the limit', async () => {
    const stream = await adminPut(broker, 'streams/by-admin');
    expect(stream).toMatchObject({ status: 409, type: 'application/json' });
    expect(JSON.parse(stream.body)).toEqual({
      code: 'limit_exceeded',
      limit: 'maxStreams',
      message: expect.stringMatching(STREAMS_NAMED),
    });
    const cache = await adminPut(broker, 'caches/by-admin');
    expect(cache).toMatchObject({ status: 409, type: 'application/json' });
    expect(JSON.parse(cache.body)).toMatchObject({ code: 'limit_exceeded', limit: 'maxCaches' });
    // A name already held is no new entry: registering it again still succeeds.
    expect((await adminPut(broker, 'streams/demo')).status).toBe(201);
  });
});

describe('the maxSubscriptionsPerSession cap', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({ FELIX_CARRIERS: 'webtransport', FELIX_MAX_SUBSCRIPTIONS_PER_SESSION: '2' });
  });
  afterAll(() => broker.stop());

  it('refuses the subscription past it with limit_exceeded naming the setting; the others keep delivering', async () => {
    const c = await testClient('webtransport', broker);
    const first = await subscribe(c, 'demo');
    const second = await subscribe(c, 'demo');
    expect([first.reply.type, second.reply.type]).toEqual(['subscribed', 'subscribed']);
    c.send({ type: 'subscribe', ...where('demo') });
    const refused = await c.control.next();
    expect(refused).toMatchObject({ type: 'error', code: 'limit_exceeded', retry: 'fatal' });
    expect((refused as { message: string }).message).toBe(
      'the session holds 2 subscriptions, its limit (maxSubscriptionsPerSession, FELIX_MAX_SUBSCRIPTIONS_PER_SESSION)',
    );
    expect(await publish(c, 'demo', 1)).toEqual({ type: 'publish_ok', request_id: 1 });
    for (const { events } of [first, second]) {
      const batch = await events!.expect('binary_shared_event_batch');
      expect(batch.payloads.map((p) => new TextDecoder().decode(p))).toEqual(['x']);
    }
    expect(await refusals(broker, 'maxSubscriptionsPerSession')).toBe(1);
    c.close();
  });
});
