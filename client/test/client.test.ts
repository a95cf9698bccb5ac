// The SDK against the real broker process, over both carriers: publish (acked, unacked,
// batched), subscribe from every start, the cache with its stream pool, negotiation and typed
// errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type FelixClient, FelixError, SubscribeCursorError } from '../src/index.js';
import {
  brokerSubscriptions,
  CARRIERS,
  eventually,
  startBroker,
  stopBroker,
  type TestBroker,
  take,
  text,
} from './helpers.js';

let broker: TestBroker;

const STREAMS = ['events', 'batch', 'replay', 'short', 'noack', 'legacy', 'leave', 'order', 'large'];

beforeAll(async () => {
  broker = await startBroker({
    streams: Object.fromEntries(
      CARRIERS.flatMap((c) => STREAMS.map((s) => [`${c}-${s}`, s === 'short' ? { maxRecords: 5 } : {}])),
    ),
    caches: ['primary'],
  });
});
afterAll(() => stopBroker(broker));

describe.each(CARRIERS)('client over %s', (carrier) => {
  const s = (name: string) => `${carrier}-${name}`;
  const open = (options: Parameters<typeof connect>[1] = {}) =>
    connect(broker.url(carrier), { ...broker.credentials, ...options });
  let client: FelixClient;
  beforeAll(async () => {
    client = await open();
  });
  afterAll(() => client.close());

  it('negotiates every flag and feature the broker offers', () => {
    expect(client.state).toBe('connected');
    expect(client.capabilities).toEqual({
      carrier,
      flags: 0x3f | 0x4000 | 0x3e00,
      // STREAM_ATTACH only where streams are separate connections.
      features: 0x4 | 0x800 | 0x20000 | 0x40000 | 0x80000 | 0x100000 | (carrier === 'tls' ? 0x10000 : 0),
      legacy: false,
    });
  });

  it('delivers acked publishes, in order, with contiguous offsets, from latest', async () => {
    const sub = await client.subscribe(s('events'));
    const acks = Array.from({ length: 300 }, (_, i) => client.publish(s('events'), `m${i}`));
    await Promise.all(acks);
    const got = await take(sub, 300);
    expect(got.map((d) => text(d.payload))).toEqual(Array.from({ length: 300 }, (_, i) => `m${i}`));
    expect(got.every((d, i) => d.offset === got[0].offset! + i)).toBe(true);
    expect(sub.gaps).toBe(0);
    await sub.close();
  });

  it('settles publishBatch on one acknowledgement and keeps order with single publishes', async () => {
    const sub = await client.subscribe(s('batch'), { start: 'earliest' });
    const done = [
      client.publish(s('batch'), 'a'),
      client.publishBatch(s('batch'), ['b', 'c', new TextEncoder().encode('d')]),
      client.publish(s('batch'), 'e'),
    ];
    await Promise.all(done);
    const got = await take(sub, 5);
    expect(got).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((t, i) => ({
        offset: i,
        epoch: sub.streamEpoch,
        payload: new TextEncoder().encode(t),
      })),
    );
    await sub.close();
  });

  it('coalesces unacked publishes into batches bounded by count, and flush() waits for them', async () => {
    const batched = await open({ batch: { maxMessages: 7, lingerMs: 5 } });
    const sub = await batched.subscribe(s('noack'), { start: 'earliest' });
    const sent = Array.from({ length: 50 }, (_, i) => batched.publish(s('noack'), `n${i}`, { ack: false }));
    await batched.flush();
    await Promise.all(sent);
    const got = await take(sub, 50);
    expect(got.map((d) => text(d.payload))).toEqual(Array.from({ length: 50 }, (_, i) => `n${i}`));
    await batched.close();
  });

  it('replays from earliest and from an offset, then goes on live', async () => {
    await client.publishBatch(s('replay'), ['r0', 'r1', 'r2']);
    const fromStart = await client.subscribe(s('replay'), { start: 'earliest' });
    const fromOne = await client.subscribe(s('replay'), { start: { offset: 1 } });
    expect(fromOne.position).toBe(1);
    await client.publish(s('replay'), 'r3');
    expect((await take(fromStart, 4)).map((d) => [d.offset, text(d.payload)])).toEqual([
      [0, 'r0'],
      [1, 'r1'],
      [2, 'r2'],
      [3, 'r3'],
    ]);
    expect((await take(fromOne, 3)).map((d) => d.offset)).toEqual([1, 2, 3]);
    expect(fromStart.position).toBe(4);
    await fromStart.close();
    await fromOne.close();
  });

  it('rejects offsets outside the retained range with SubscribeCursorError', async () => {
    await client.publishBatch(
      s('short'),
      Array.from({ length: 8 }, (_, i) => `${i}`),
    );
    const tooOld = await client.subscribe(s('short'), { start: { offset: 1 } }).catch((e: unknown) => e);
    expect(tooOld).toBeInstanceOf(SubscribeCursorError);
    expect(tooOld).toMatchObject({ code: 'cursor_out_of_range', reason: 'too_old', requested: 1, available: 3 });
    const inFuture = await client.subscribe(s('short'), { start: { offset: 99 } }).catch((e: unknown) => e);
    expect(inFuture).toMatchObject({ reason: 'in_future', requested: 99, available: 8, retry: 'fatal' });
    // The connection is fine afterwards.
    const ok = await client.subscribe(s('short'), { start: { offset: 3 } });
    expect((await take(ok, 5)).map((d) => d.offset)).toEqual([3, 4, 5, 6, 7]);
    await ok.close();
  });

  it('unsubscribes when the caller leaves the for-await loop', async () => {
    // The earlier tests left their loops too: their subscriptions end at the broker as well.
    await eventually(async () => (await brokerSubscriptions(broker)) === 0, 5000, 'earlier subscriptions ended');
    const before = 0;
    const sub = await client.subscribe(s('leave'));
    expect(await brokerSubscriptions(broker)).toBe(before + 1);
    await client.publishBatch(s('leave'), ['x', 'y', 'z']);
    const seen: string[] = [];
    for await (const d of sub) {
      seen.push(text(d.payload)!);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(['x', 'y']);
    expect(sub.closed).toBe(true);
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    // Closing the event stream (connection on TLS, stream on WebTransport) ends it at the broker.
    await eventually(async () => (await brokerSubscriptions(broker)) === before, 5000, 'subscription ended');
  });

  it('puts, gets and deletes cache entries, with expiry', async () => {
    await client.put('primary', `${carrier}-k`, 'v1');
    expect(text(await client.get('primary', `${carrier}-k`))).toBe('v1');
    expect(await client.get('primary', `${carrier}-missing`)).toBeNull();
    expect(text(await client.delete('primary', `${carrier}-k`))).toBe('v1');
    expect(await client.delete('primary', `${carrier}-k`)).toBeNull();
    expect(await client.get('primary', `${carrier}-k`)).toBeNull();
    await client.put('primary', `${carrier}-ttl`, 'short-lived', { ttlMs: 30 });
    expect(text(await client.get('primary', `${carrier}-ttl`))).toBe('short-lived');
    await eventually(async () => (await client.get('primary', `${carrier}-ttl`)) === null, 5000, 'expiry');
  });

  it('sends cache requests in the binary layouts the broker negotiated', async () => {
    const binaryAnswers = async () => {
      const body = await (await fetch(`http://127.0.0.1:${broker.httpPort}/metrics`)).text();
      const line = body.split('\n').find((l) => l.startsWith('felix_frames_out_total{type="binary_cache_value"}'));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const before = await binaryAnswers();
    await client.put('primary', `${carrier}-bin`, Uint8Array.of(0, 255));
    expect(await client.get('primary', `${carrier}-bin`)).toEqual(Uint8Array.of(0, 255));
    expect(await client.get('primary', `${carrier}-bin-missing`)).toBeNull();
    expect((await binaryAnswers()) - before).toBe(2);
  });

  it('multiplexes many concurrent cache requests over the pool, each answered correctly', async () => {
    const pooled = await open({ cachePoolSize: 3 });
    const keys = Array.from({ length: 500 }, (_, i) => `${carrier}-pool-${i}`);
    await Promise.all(keys.map((k) => pooled.put('primary', k, `value of ${k}`)));
    const values = await Promise.all(keys.map((k) => pooled.get('primary', k)));
    expect(values.map(text)).toEqual(keys.map((k) => `value of ${k}`));
    await pooled.close();
  });

  it('refuses unknown streams and caches with typed errors, and goes on working', async () => {
    const publish = await client.publish('no-such-stream', 'x').catch((e: unknown) => e);
    expect(publish).toBeInstanceOf(FelixError);
    expect(publish).toMatchObject({ code: 'not_found', retry: 'retry_after' });
    const unacked = await client.publish('no-such-stream', 'x', { ack: false }).catch((e: unknown) => e);
    expect(unacked).toMatchObject({ code: 'not_found' });
    const batch = await client.publishBatch('no-such-stream', ['a', 'b']).catch((e: unknown) => e);
    expect(batch).toMatchObject({ code: 'not_found' });
    const sub = await client.subscribe('no-such-stream').catch((e: unknown) => e);
    expect(sub).toMatchObject({ code: 'not_found', retry: 'retry_after' });
    // Caught as they are made: they run at once, and one may fail before an earlier is awaited.
    const refusals = [
      client.get('no-such-cache', 'k'),
      client.put('no-such-cache', 'k', 'v'),
      client.delete('no-such-cache', 'k'),
    ].map((call) => call.catch((e: unknown) => e));
    for (const refusal of await Promise.all(refusals))
      expect(refusal).toMatchObject({ code: 'not_found', retry: 'retry_after' });
    const tooLong = await client.publish('x'.repeat(300), 'v').catch((e: unknown) => e);
    expect(tooLong).toMatchObject({ code: 'string_too_long', retry: 'fatal' });
    await client.publish(s('events'), 'still fine');
    expect(client.state).toBe('connected');
  });

  it('publishes after the first batch to a stream go as binary batches with binary acks', async () => {
    // Indirect but observable: the broker counts frames by type.
    const count = async (type: string) => {
      const body = await (await fetch(`http://127.0.0.1:${broker.httpPort}/metrics`)).text();
      const line = body.split('\n').find((l) => l.startsWith(`felix_frames_out_total{type="${type}"}`));
      return Number(line?.split(' ')[1] ?? 0);
    };
    const fresh = await open();
    const acksBefore = await count('binary_publish_ack');
    await fresh.publish(s('order'), 'first'); // answered with publish_ok (typed-error probe)
    await fresh.publish(s('order'), 'second');
    await fresh.publishBatch(s('order'), ['third', 'fourth']);
    expect((await count('binary_publish_ack')) - acksBefore).toBe(2);
    await fresh.close();
  });

  it('sends a batch whole when only its binary form fits a frame, and refuses one that fits in neither', async () => {
    // The client takes the broker's frame limit to be its own; a small one keeps this quick.
    const fresh = await open({ maxFrameBytes: 1 << 20 });
    // 900 KiB: as JSON (the typed-error form of a stream's first batch) it would pass 1 MiB.
    const chunk = new Uint8Array(300 * 1024).fill(7);
    await fresh.publishBatch(s('large'), [chunk, chunk, chunk]);
    const sub = await fresh.subscribe(s('large'), { start: 'earliest' });
    const got = await take(sub, 3);
    expect(got.every((d) => d.payload.length === chunk.length && d.payload[12345] === 7)).toBe(true);
    const tooBig = await fresh.publish(s('large'), new Uint8Array(2 << 20)).catch((e: unknown) => e);
    expect(tooBig).toMatchObject({ code: 'limit_exceeded', retry: 'fatal' });
    // A cache value travels as raw bytes in the binary layout: 900 KiB fits where its base64
    // would not; one past the limit is refused before it leaves.
    await fresh.put('primary', 'big', new Uint8Array(900 * 1024).fill(3));
    const big = await fresh.get('primary', 'big');
    expect(big?.length === 900 * 1024 && big.every((b) => b === 3)).toBe(true);
    const tooBigValue = await fresh.put('primary', 'big', new Uint8Array(1 << 20)).catch((e: unknown) => e);
    expect(tooBigValue).toMatchObject({ code: 'limit_exceeded', retry: 'fatal' });
    expect(fresh.state).toBe('connected');
    await fresh.publish(s('large'), 'small');
    await sub.close();
    await fresh.close();
  });

  it('speaks to an upstream-era broker with original v1 layouts and JSON acks', async () => {
    const legacy = await open({ negotiate: false });
    expect(legacy.capabilities).toMatchObject({ flags: 0x7, features: 0, legacy: true });
    await legacy.publish(s('legacy'), 'json-acked');
    await legacy.publishBatch(s('legacy'), ['b1', 'b2']);
    if (carrier === 'tls') {
      // Without STREAM_ATTACH a TLS session has only its control connection.
      expect(await legacy.subscribe(s('legacy')).catch((e: unknown) => e)).toMatchObject({ code: 'not_supported' });
      expect(await legacy.get('primary', 'k').catch((e: unknown) => e)).toMatchObject({ code: 'not_supported' });
    } else {
      const sub = await legacy.subscribe(s('legacy'));
      await legacy.publish(s('legacy'), 'live');
      expect(await take(sub, 1)).toEqual([{ offset: undefined, payload: new TextEncoder().encode('live') }]);
      await legacy.put('primary', 'legacy-k', 'v');
      expect(text(await legacy.get('primary', 'legacy-k'))).toBe('v');
      // cache_delete is a negotiated feature.
      expect(await legacy.delete('primary', 'legacy-k').catch((e: unknown) => e)).toMatchObject({
        code: 'not_supported',
      });
    }
    await legacy.close();
  });

  it('fails calls with closed after close(), and ends open subscriptions', async () => {
    const c = await open();
    const sub = await c.subscribe(s('events'));
    const closedEvents: unknown[] = [];
    c.on('close', (e) => closedEvents.push(e));
    await c.close();
    expect(c.state).toBe('closed');
    expect(closedEvents).toEqual([undefined]);
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    expect(await c.publish(s('events'), 'x').catch((e: unknown) => e)).toMatchObject({ code: 'closed' });
    expect(await c.get('primary', 'k').catch((e: unknown) => e)).toMatchObject({ code: 'closed' });
  });
});

describe('connect', () => {
  it('refuses a certificate that does not match the pin, as fatal', async () => {
    const err = await connect(broker.url('tls'), { certSha256: '00'.repeat(32) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'connect_failed', retry: 'fatal' });
  });

  it('reports an unknown tenant as unauthenticated', async () => {
    const err = await connect(broker.url('tls'), { ...broker.credentials, tenant: 'nobody' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unauthenticated', retry: 'fatal' });
  });

  it('fails to connect to a closed port with a retriable connect_failed', async () => {
    const err = await connect('felix+tls://127.0.0.1:1', broker.credentials).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'connect_failed', retry: 'retry' });
  });
});
