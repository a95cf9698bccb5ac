// The session model upstream's clients use (gabloe/felix docs/protocol.md): auth first on every
// bidirectional stream, then any request on it; broker-opened event streams per subscription; a
// client's FIN ends only that direction; a frame with an unknown flag bit costs that frame, not
// the stream. These tests drive the broker exactly that way, with no SDK in between.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame, frameBytes, type WireMessage } from '@felix/generated';
import {
  ALL_FEATURES,
  ALL_FLAGS,
  type BrokerProcess,
  type CarrierName,
  collect,
  connectSession,
  FrameInbox,
  startBrokerProcess,
} from '@felix/testkit';
import type { BidiStream, ClientSession } from '@felix/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const text = (s: string) => new TextEncoder().encode(s);
let broker: BrokerProcess;

const CARRIERS: CarrierName[] = ['quic', 'webtransport', 'tls'];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'felix-session-model-'));
  const path = join(dir, 'felix.json');
  const streams = Object.fromEntries(CARRIERS.flatMap((c) => [`${c}-a`, `${c}-b`, `${c}-fin`].map((s) => [s, {}])));
  writeFileSync(path, JSON.stringify({ registry: { t1: { default: { streams, caches: ['primary'] } } } }));
  broker = await startBrokerProcess({ FELIX_CARRIERS: CARRIERS.join(','), FELIX_CONFIG: path });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

/** One bidirectional stream as an upstream client holds it: frames out, an inbox of answers. */
interface Lane {
  stream: BidiStream;
  inbox: FrameInbox;
  send(m: WireMessage): void;
}

function lane(stream: BidiStream): Lane {
  return { stream, inbox: new FrameInbox(stream.readable), send: (m) => stream.writable.write(encodeFrame(m)) };
}

/** Legacy auth (no client_flags) is answered ok; a negotiating one auth_ok. */
function auth(l: Lane, negotiate: boolean, token = broker.token ?? ''): void {
  l.send(
    negotiate
      ? { type: 'auth', tenant_id: 't1', token, client_flags: ALL_FLAGS, client_features: ALL_FEATURES }
      : { type: 'auth', tenant_id: 't1', token },
  );
}

/** Opens another bidirectional stream; on TLS that is an attached connection. */
async function open(session: ClientSession, tokenFrom?: WireMessage): Promise<Lane> {
  if (tokenFrom?.type === 'auth_ok' && tokenFrom.session_token) session.setAttachToken(tokenFrom.session_token);
  return lane(await session.openCacheStream());
}

const cacheScope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;

describe.each(CARRIERS)('upstream session model over %s', (carrier) => {
  const s = (name: string) => `${carrier}-${name}`;
  // TLS carries one stream per connection: a later one needs the session_token of a negotiated auth.
  const negotiate = carrier === 'tls';
  const okType = negotiate ? 'auth_ok' : 'ok';

  async function session(): Promise<{ session: ClientSession; first: Lane; authReply: WireMessage }> {
    const sess = await connectSession(carrier, broker);
    const first = lane(sess.control);
    auth(first, negotiate);
    const authReply = await first.inbox.expect(okType);
    return { session: sess, first, authReply };
  }

  it('takes auth on each of several streams, and cache requests on every one of them', async () => {
    const { session: sess, first, authReply } = await session();
    const lanes = [first];
    for (let i = 0; i < 3; i++) {
      const l = await open(sess, authReply);
      auth(l, negotiate);
      await l.inbox.expect(okType);
      lanes.push(l);
    }
    // The first stream takes cache requests too; each answer comes back on its own stream.
    lanes[0].send({ type: 'cache_put', ...cacheScope, key: `${carrier}-k`, value: text('v1'), ttl_ms: null });
    await lanes[0].inbox.expect('ok');
    for (const [i, l] of lanes.entries()) {
      l.send({ type: 'cache_get', ...cacheScope, key: `${carrier}-k`, request_id: i + 1 });
      const value = await l.inbox.expect('cache_value');
      expect(value.request_id).toBe(i + 1);
      expect(new TextDecoder().decode(value.value ?? new Uint8Array())).toBe('v1');
    }
    // A second auth on an authenticated stream is refused, and the stream goes on.
    auth(lanes[2], negotiate);
    expect(await lanes[2].inbox.expect('error')).toMatchObject({ message: 'this stream is already authenticated' });
    lanes[2].send({ type: 'cache_get', ...cacheScope, key: `${carrier}-k`, request_id: 9 });
    expect(await lanes[2].inbox.expect('cache_value')).toMatchObject({ request_id: 9 });
    sess.close({ code: 0, reason: 'test done' });
  });

  it('publishes on two streams, each acknowledged on its own, and delivers both to a subscriber', async () => {
    const { session: sess, first, authReply } = await session();
    const pubs = [await open(sess, authReply), await open(sess, authReply)];
    for (const p of pubs) {
      auth(p, negotiate);
      await p.inbox.expect(okType);
    }
    first.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: s('a') });
    const subscribed = await first.inbox.expect('subscribed');
    const events = new FrameInbox(await sess.eventStream(subscribed.subscription_id));
    await events.expect('event_stream_hello');
    const base = { tenant_id: 't1', namespace: 'default', stream: s('a') } as const;
    pubs[0].send({ type: 'publish', ...base, payload: text('from-0'), request_id: 1, ack: 'per_message' });
    expect(await pubs[0].inbox.next()).toEqual({ type: 'publish_ok', request_id: 1 });
    pubs[1].send({ type: 'publish_batch', ...base, payloads: [text('from-1')], request_id: 2, ack: 'per_batch' });
    expect(await pubs[1].inbox.next()).toEqual({ type: 'publish_ok', request_id: 2 });
    const got = [];
    while (got.length < 2) {
      const m = await events.next();
      if (m.type === 'event') got.push(new TextDecoder().decode(m.payload));
      else if (m.type === 'event_batch') for (const p of m.payloads) got.push(new TextDecoder().decode(p));
      else if (m.type === 'binary_shared_event_batch' || m.type === 'binary_event_batch')
        for (const p of m.payloads) got.push(new TextDecoder().decode(p));
      else throw new Error(`unexpected ${m.type}`);
    }
    expect(got).toEqual(['from-0', 'from-1']);
    sess.close({ code: 0, reason: 'test done' });
  });

  it('answers an unknown flag bit with an error and keeps the stream', async () => {
    const { session: sess, first } = await session();
    first.stream.writable.write(frameBytes(0x8000, text('{"type":"cache_get"}')));
    const refusal = await first.inbox.expect('error');
    expect(refusal.message).toMatch(/unknown_flags/);
    first.send({ type: 'cache_get', ...cacheScope, key: 'nothing', request_id: 3 });
    expect(await first.inbox.expect('cache_value')).toMatchObject({ request_id: 3, value: null });
    sess.close({ code: 0, reason: 'test done' });
  });

  it('refuses a later stream whose auth fails, and only that stream', async () => {
    const { session: sess, first, authReply } = await session();
    const bad = await open(sess, authReply);
    auth(bad, negotiate, 'not-a-token');
    await bad.inbox.expect('error');
    await bad.inbox.closed();
    first.send({ type: 'cache_get', ...cacheScope, key: 'nothing', request_id: 4 });
    expect(await first.inbox.expect('cache_value')).toMatchObject({ request_id: 4 });
    sess.close({ code: 0, reason: 'test done' });
  });

  it.skipIf(carrier === 'tls')(
    'keeps a subscription whose stream the client finished right after subscribe',
    async () => {
      const { session: sess, first, authReply } = await session();
      const sub = await open(sess, authReply);
      auth(sub, negotiate);
      sub.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: s('fin') });
      await sub.stream.writable.end();
      await sub.inbox.expect(okType);
      const subscribed = await sub.inbox.expect('subscribed');
      // The broker finishes its side once nothing more is owed on the stream.
      await sub.inbox.closed();
      expect(sub.inbox.error).toBeUndefined();
      const events = new FrameInbox(await sess.eventStream(subscribed.subscription_id));
      await events.expect('event_stream_hello');
      // The first stream finished too: the session still serves.
      await first.stream.writable.end();
      await first.inbox.closed();
      const pub = await open(sess, authReply);
      auth(pub, negotiate);
      await pub.inbox.expect(okType);
      pub.send({
        type: 'binary_publish_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream: s('fin'),
        payloads: [text('after-fin')],
      });
      expect((await collect(events, 1)).map((r) => r.text)).toEqual(['after-fin']);
      sess.close({ code: 0, reason: 'test done' });
    },
  );

  it('still serves our own mapping: later streams without auth join the admitted session', async () => {
    const { session: sess, authReply } = await session();
    const plain = await open(sess, authReply);
    plain.send({ type: 'cache_get', ...cacheScope, key: 'nothing', request_id: 5 });
    expect(await plain.inbox.expect('cache_value')).toMatchObject({ request_id: 5 });
    // ... and now take any request, not only cache ones.
    plain.send({
      type: 'publish',
      tenant_id: 't1',
      namespace: 'default',
      stream: s('b'),
      payload: text('x'),
      request_id: 6,
      ack: 'per_message',
    });
    expect(await plain.inbox.next()).toEqual({ type: 'publish_ok', request_id: 6 });
    sess.close({ code: 0, reason: 'test done' });
  });
});
