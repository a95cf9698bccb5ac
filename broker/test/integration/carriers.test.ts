import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFrame } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  collect,
  FrameInbox,
  startBrokerProcess,
  subscribe,
  testClient,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const text = (s: string) => new TextEncoder().encode(s);
let broker: BrokerProcess;

const CONFIG = {
  registry: {
    t1: {
      default: {
        streams: Object.fromEntries(
          ['tls', 'webtransport', 'quic'].flatMap((c) => [
            [`${c}-demo`, {}],
            [`${c}-replay`, {}],
            [`${c}-short`, { maxRecords: 5 }],
          ]),
        ),
        caches: ['primary', 'small'],
      },
    },
  },
  cacheMaxBytes: 4096,
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'felix-config-'));
  const path = join(dir, 'felix.json');
  writeFileSync(path, JSON.stringify(CONFIG));
  broker = await startBrokerProcess({ FELIX_CARRIERS: CARRIERS.join(','), FELIX_CONFIG: path });
});
afterAll(async () => {
  const code = await broker.stop();
  if (code !== 0) console.error(broker.output());
  expect(code).toBe(0);
});

const CARRIERS: CarrierName[] = ['tls', 'webtransport', 'quic'];

describe.each(CARRIERS)('broker over %s', (carrier) => {
  /** Streams are per carrier, so each carrier's tests start from empty logs. */
  const s = (name: string) => `${carrier}-${name}`;
  const client = (auth?: Parameters<typeof testClient>[2]) => testClient(carrier, broker, auth);

  describe('negotiation', () => {
    it('answers auth with client_flags with auth_ok and its capabilities', async () => {
      const c = await client();
      // STREAM_ATTACH (0x10000) only where streams are separate connections.
      const attach = carrier === 'tls';
      expect(c.authReply).toMatchObject({
        type: 'auth_ok',
        // GROUP_DELIVERY_BATCH (0x4000) and QUEUES (0x80000): consumer groups. The binary cache
        // layouts (0x2000 to 0x0200) and BINARY_CACHE (0x100000).
        server_flags: 0x7e3f,
        server_features: 0x4 | 0x800 | 0x20000 | 0x40000 | 0x80000 | 0x100000 | (attach ? 0x10000 : 0),
      });
      expect(typeof (c.authReply as { session_token?: string }).session_token).toBe(attach ? 'string' : 'undefined');
      c.close();
    });

    it('answers an upstream-era auth (no client_flags) with a plain ok', async () => {
      const c = await client({ clientFlags: undefined, clientFeatures: undefined });
      expect(c.authReply).toEqual({ type: 'ok' });
      c.close();
    });

    it('refuses requests before auth with unauthenticated and closes', async () => {
      const c = await client(false);
      c.send({ type: 'subscribe', tenant_id: 't1', namespace: 'default', stream: s('demo') });
      expect(await c.control.expect('error')).toMatchObject({ message: 'subscribe before auth' });
      await c.control.closed();
    });
  });

  describe('pub/sub', () => {
    it('delivers one publisher to three subscribers, in order, with contiguous offsets', async () => {
      const subs = await Promise.all([1, 2, 3].map(() => client()));
      const streams = await Promise.all(subs.map((sub) => subscribe(sub, s('demo'))));
      const pub = await client();
      const total = 1000;
      for (let i = 0; i < total; i += 100) {
        pub.send({
          type: 'binary_publish_batch',
          request_id: BigInt(i),
          ack_mode: 'per_batch',
          tenant_id: 't1',
          namespace: 'default',
          stream: s('demo'),
          payloads: Array.from({ length: 100 }, (_, j) => text(`m${i + j}`)),
        });
      }
      for (let i = 0; i < total; i += 100) {
        expect(await pub.control.expect('binary_publish_ack')).toMatchObject({ status: 'ok', request_id: BigInt(i) });
      }
      for (const { events, reply } of streams) {
        const got = await collect(events!, total);
        expect(got.map((g) => g.text)).toEqual(Array.from({ length: total }, (_, i) => `m${i}`));
        const first = got[0].offset!;
        expect(got.every((g, i) => g.offset === first + i)).toBe(true);
        expect(reply.type).toBe('subscribed');
      }
      for (const c of [...subs, pub]) c.close();
    });

    it('replays from earliest and from an offset, then continues live without a gap', async () => {
      const pub = await client();
      pub.send({
        type: 'publish_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream: s('replay'),
        payloads: ['a', 'b', 'c'].map(text),
        request_id: 1,
      });
      expect(await pub.control.expect('publish_ok')).toEqual({ type: 'publish_ok', request_id: 1 });
      const sub = await client();
      const fromStart = await subscribe(sub, s('replay'), 'earliest');
      expect(fromStart.reply).toMatchObject({ type: 'subscribed', start_offset: 0, live_offset: 3 });
      const fromOne = await subscribe(sub, s('replay'), { offset: 1 });
      expect(fromOne.reply).toMatchObject({ start_offset: 1, live_offset: 3 });
      pub.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: s('replay'),
        payload: text('d'),
        ack: 'none',
      });
      expect(await collect(fromStart.events!, 4)).toEqual(['a', 'b', 'c', 'd'].map((t, i) => ({ text: t, offset: i })));
      expect(await collect(fromOne.events!, 3)).toEqual(['b', 'c', 'd'].map((t, i) => ({ text: t, offset: i + 1 })));
      pub.close();
      sub.close();
    });

    it('answers offsets it cannot serve with both cursor errors', async () => {
      const c = await client();
      c.send({
        type: 'publish_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream: s('short'),
        payloads: Array.from({ length: 8 }, (_, i) => text(`${i}`)),
        request_id: 2,
      });
      await c.control.expect('publish_ok');
      const tooOld = await subscribe(c, s('short'), { offset: 1 });
      const range = { epoch: expect.any(Number), earliest_offset: 3, tail_offset: 8 };
      expect(tooOld.reply).toEqual({
        type: 'subscribe_cursor_error',
        reason: 'too_old',
        requested: 1,
        available: 3,
        ...range,
      });
      const inFuture = await subscribe(c, s('short'), { offset: 99 });
      expect(inFuture.reply).toEqual({
        type: 'subscribe_cursor_error',
        reason: 'in_future',
        requested: 99,
        available: 8,
        ...range,
      });
      c.close();
    });

    it('acknowledges every publish form as the spec pairs them', async () => {
      const c = await client();
      const legacy = await client({ clientFlags: 0x07, clientFeatures: 0 });
      const base = { tenant_id: 't1', namespace: 'default', stream: s('demo') } as const;
      c.send({ type: 'publish', ...base, payload: text('x'), ack: 'none' });
      c.send({ type: 'publish', ...base, payload: text('x') });
      expect(await c.control.next()).toEqual({ type: 'ok' });
      c.send({ type: 'publish', ...base, payload: text('x'), request_id: 5, ack: 'per_message' });
      expect(await c.control.next()).toEqual({ type: 'publish_ok', request_id: 5 });
      c.send({ type: 'binary_publish_batch', ...base, payloads: [text('y')] });
      c.send({ type: 'binary_publish_batch', ...base, request_id: 6n, ack_mode: 'per_batch', payloads: [text('y')] });
      expect(await c.control.next()).toEqual({ type: 'binary_publish_ack', status: 'ok', request_id: 6n, message: '' });
      c.send({
        type: 'binary_publish_batch',
        ...base,
        stream: 'nope',
        request_id: 7n,
        ack_mode: 'per_batch',
        payloads: [text('y')],
      });
      const binaryRefusal = await c.control.next();
      expect(binaryRefusal).toMatchObject({ type: 'binary_publish_ack', status: 'error', request_id: 7n });
      expect((binaryRefusal as { message: string }).message).toMatch(/^not_found: /);
      c.send({ type: 'publish', ...base, stream: 'nope', payload: text('x'), request_id: 8 });
      expect(await c.control.next()).toMatchObject({
        type: 'publish_error',
        code: 'not_found',
        retry: 'retry_after',
        request_id: 8,
      });
      c.send({ type: 'publish', ...base, stream: 'nope', payload: text('x') });
      expect(await c.control.next()).toMatchObject({ type: 'error', code: 'not_found' });
      // A client that did not negotiate BINARY_PUBLISH_ACK gets JSON acks, and no typed error fields.
      legacy.send({
        type: 'binary_publish_batch',
        ...base,
        request_id: 9n,
        ack_mode: 'per_batch',
        payloads: [text('z')],
      });
      expect(await legacy.control.next()).toEqual({ type: 'publish_ok', request_id: 9 });
      legacy.send({ type: 'publish', ...base, stream: 'nope', payload: text('x'), request_id: 10 });
      const refused = await legacy.control.next();
      expect(refused).toMatchObject({ type: 'publish_error', request_id: 10, code: undefined, retry: undefined });
      c.close();
      legacy.close();
    });
  });

  describe('cache', () => {
    it('puts, gets, deletes, expires by TTL and evicts the least recently used', async () => {
      const c = await client();
      const cache = new FrameInbox((await c.session.openCacheStream()).readable);
      const stream = await c.session.openCacheStream();
      const inbox = new FrameInbox(stream.readable);
      const send = (m: Parameters<typeof encodeFrame>[0]) => stream.writable.write(encodeFrame(m));
      const scope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;
      send({ type: 'cache_put', ...scope, key: 'k', value: text('v1'), request_id: 1, ttl_ms: null });
      expect(await inbox.next()).toEqual({ type: 'cache_ok', request_id: 1 });
      send({ type: 'cache_get', ...scope, key: 'k', request_id: 2 });
      expect(await inbox.next()).toMatchObject({ type: 'cache_value', key: 'k', value: text('v1'), request_id: 2 });
      send({ type: 'cache_delete', ...scope, key: 'k', request_id: 3 });
      expect(await inbox.next()).toMatchObject({ type: 'cache_value', value: text('v1'), request_id: 3 });
      send({ type: 'cache_get', ...scope, key: 'k', request_id: 4 });
      expect(await inbox.next()).toMatchObject({ type: 'cache_value', value: null, request_id: 4 });

      send({ type: 'cache_put', ...scope, key: 'ttl', value: text('soon gone'), request_id: 5, ttl_ms: 30 });
      await inbox.expect('cache_ok');
      let value: unknown = 'present';
      for (let i = 0; i < 100 && value !== null; i++) {
        await new Promise((r) => setTimeout(r, 10));
        send({ type: 'cache_get', ...scope, key: 'ttl', request_id: 100 + i });
        value = ((await inbox.next()) as { value: unknown }).value;
      }
      expect(value).toBeNull();

      // 4 KiB of cache: the first of several 1 KiB entries is evicted once it is least recently used.
      for (let i = 0; i < 6; i++) {
        send({
          type: 'cache_put',
          ...scope,
          cache: 'small',
          key: `big${i}`,
          value: new Uint8Array(1000),
          request_id: 200 + i,
          ttl_ms: null,
        });
        await inbox.expect('cache_ok');
      }
      send({ type: 'cache_get', ...scope, cache: 'small', key: 'big0', request_id: 300 });
      expect(await inbox.next()).toMatchObject({ value: null });
      send({ type: 'cache_get', ...scope, cache: 'small', key: 'big5', request_id: 301 });
      expect(((await inbox.next()) as { value: Uint8Array }).value).toHaveLength(1000);
      expect(cache.ended).toBe(false);
      c.close();
    });
  });

  describe('bad input', () => {
    it('answers a malformed request with a typed error naming the field, and keeps the session', async () => {
      const c = await client();
      const body = text(
        '{"type":"publish","tenant_id":"t1","namespace":"default","stream":"demo","payload":"%%","request_id":12}',
      );
      const frame = new Uint8Array(12 + body.length);
      frame.set(encodeFrame({ type: 'ok' }).subarray(0, 8));
      new DataView(frame.buffer).setUint32(8, body.length);
      frame.set(body, 12);
      c.sendRaw(frame);
      expect(await c.control.expect('error')).toMatchObject({
        code: 'invalid_base64',
        retry: 'fatal',
        request_id: 12,
        detail: { field: 'publish.payload', offset: 12 },
      });
      c.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: s('demo'),
        payload: text('ok'),
        request_id: 13,
        ack: 'per_message',
      });
      expect(await c.control.expect('publish_ok')).toEqual({ type: 'publish_ok', request_id: 13 });
      c.close();
    });

    it('answers a bad frame header with an error and closes that connection only', async () => {
      const c = await client();
      const other = await client();
      c.sendRaw(new Uint8Array([0x46, 0x4c, 0x58, 0x32, 0, 1, 0, 0, 0, 0, 0, 0]));
      expect(await c.control.expect('error')).toMatchObject({ code: 'bad_magic' });
      await c.control.closed();
      other.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: s('demo'),
        payload: text('still here'),
        request_id: 1,
      });
      expect(await other.control.expect('publish_ok')).toMatchObject({ request_id: 1 });
      other.close();
    });
  });
});

export { FrameInbox };
