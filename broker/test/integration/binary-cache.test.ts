// Binary cache requests against the real broker: answered in binary to a session that
// negotiated BINARY_CACHE, beside JSON ones on the same stream; refused to one that did not;
// malformed ones answered with a typed error naming the field, the offset and the request.
import { encodeFrame, FEATURES, FLAGS, type WireMessage } from '@felix/generated';
import {
  ALL_FEATURES,
  ALL_FLAGS,
  type BrokerProcess,
  FrameInbox,
  startBrokerProcess,
  type TestClient,
  testClient,
} from '@felix/testkit';
import type { BidiStream } from '@felix/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const scope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;
const NO_TTL = 2n ** 64n - 1n;

/** The next message, its value as a Buffer: a frame read whole is a view of a Buffer, one read in parts is not. */
async function next(inbox: FrameInbox): Promise<WireMessage> {
  const m = await inbox.next();
  return m.type === 'binary_cache_value' ? { ...m, value: Buffer.from(m.value) } : m;
}

describe('binary cache layouts', () => {
  let broker: BrokerProcess;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await broker.stop();
  });

  async function cacheStream(features = ALL_FEATURES, flags = ALL_FLAGS) {
    const c = await testClient('tls', broker, { clientFeatures: features, clientFlags: flags });
    clients.push(c);
    const stream = await c.session.openCacheStream();
    return { c, stream, inbox: new FrameInbox(stream.readable) };
  }

  /** Frames written as one chunk, so the broker reads them together and answers in one write. */
  function writeAll(stream: BidiStream, messages: WireMessage[]): void {
    stream.writable.write(Buffer.concat(messages.map((m) => encodeFrame(m))));
  }

  it('is advertised, and answers binary requests in binary and JSON ones in JSON, in order', async () => {
    const { c, stream, inbox } = await cacheStream();
    expect(c.authReply).toMatchObject({ type: 'auth_ok' });
    const reply = c.authReply as Extract<WireMessage, { type: 'auth_ok' }>;
    expect(reply.server_features! & FEATURES.BINARY_CACHE).toBe(FEATURES.BINARY_CACHE);
    const value = Uint8Array.of(0, 1, 2, 255);
    writeAll(stream, [
      { type: 'binary_cache_put', request_id: 1n, ...scope, key: 'b', ttl_ms: NO_TTL, value },
      { type: 'binary_cache_get', request_id: 2n, ...scope, key: 'b' },
      { type: 'cache_get', ...scope, key: 'b', request_id: 3 },
      { type: 'binary_cache_get', request_id: 4n, ...scope, key: 'nothing-here' },
      { type: 'cache_put', ...scope, key: 'j', value: Uint8Array.of(9), request_id: 5, ttl_ms: null },
      { type: 'binary_cache_delete', request_id: 6n, ...scope, key: 'j' },
      { type: 'binary_cache_delete', request_id: 7n, ...scope, key: 'j' },
    ]);
    expect(await next(inbox)).toEqual({ type: 'binary_cache_ok', request_id: 1n });
    expect(await next(inbox)).toEqual({
      type: 'binary_cache_value',
      request_id: 2n,
      status: 'found',
      value: Buffer.from(value),
    });
    expect(await next(inbox)).toMatchObject({ type: 'cache_value', request_id: 3, key: 'b', value });
    expect(await next(inbox)).toEqual({
      type: 'binary_cache_value',
      request_id: 4n,
      status: 'missing',
      value: Buffer.alloc(0),
    });
    expect(await next(inbox)).toEqual({ type: 'cache_ok', request_id: 5 });
    expect(await next(inbox)).toEqual({
      type: 'binary_cache_value',
      request_id: 6n,
      status: 'found',
      value: Buffer.of(9),
    });
    expect(await next(inbox)).toMatchObject({ type: 'binary_cache_value', request_id: 7n, status: 'missing' });
  });

  it('sends a large value whole and unchanged, and an empty one as found', async () => {
    const { stream, inbox } = await cacheStream();
    const large = new Uint8Array(300 * 1024).map((_, i) => (i * 7) % 251);
    writeAll(stream, [
      { type: 'binary_cache_put', request_id: 1n, ...scope, key: 'large', ttl_ms: NO_TTL, value: large },
      { type: 'binary_cache_put', request_id: 2n, ...scope, key: 'empty', ttl_ms: NO_TTL, value: new Uint8Array(0) },
      { type: 'binary_cache_get', request_id: 3n, ...scope, key: 'large' },
      { type: 'binary_cache_get', request_id: 4n, ...scope, key: 'empty' },
      { type: 'binary_cache_get', request_id: 5n, ...scope, key: 'large' },
    ]);
    await inbox.expect('binary_cache_ok');
    await inbox.expect('binary_cache_ok');
    expect(await next(inbox)).toEqual({
      type: 'binary_cache_value',
      request_id: 3n,
      status: 'found',
      value: Buffer.from(large),
    });
    expect(await next(inbox)).toEqual({
      type: 'binary_cache_value',
      request_id: 4n,
      status: 'found',
      value: Buffer.alloc(0),
    });
    expect(await next(inbox)).toEqual({
      type: 'binary_cache_value',
      request_id: 5n,
      status: 'found',
      value: Buffer.from(large),
    });
  });

  it('expires an entry put with a ttl', async () => {
    const { stream, inbox } = await cacheStream();
    writeAll(stream, [
      { type: 'binary_cache_put', request_id: 1n, ...scope, key: 'brief', ttl_ms: 1n, value: Uint8Array.of(1) },
    ]);
    await inbox.expect('binary_cache_ok');
    const deadline = Date.now() + 5000;
    for (let id = 2n; ; id++) {
      writeAll(stream, [{ type: 'binary_cache_get', request_id: id, ...scope, key: 'brief' }]);
      const m = await inbox.expect('binary_cache_value');
      if (m.status === 'missing') break;
      expect(Date.now()).toBeLessThan(deadline);
    }
  });

  it('refuses binary requests from a session that did not negotiate the feature, and goes on', async () => {
    const { stream, inbox } = await cacheStream(ALL_FEATURES & ~FEATURES.BINARY_CACHE);
    writeAll(stream, [
      { type: 'binary_cache_get', request_id: 11n, ...scope, key: 'b' },
      { type: 'cache_get', ...scope, key: 'b', request_id: 12 },
    ]);
    expect(await next(inbox)).toMatchObject({ type: 'error', code: 'invalid_request', request_id: 11 });
    expect(await next(inbox)).toMatchObject({ type: 'cache_value', request_id: 12 });
    // Nor one that offered the feature but not the answers' layouts.
    const noAnswers = await cacheStream(ALL_FEATURES, ALL_FLAGS & ~FLAGS.BINARY_CACHE_VALUE);
    writeAll(noAnswers.stream, [{ type: 'binary_cache_get', request_id: 13n, ...scope, key: 'b' }]);
    expect(await next(noAnswers.inbox)).toMatchObject({ type: 'error', code: 'invalid_request', request_id: 13 });
  });

  it('answers a malformed binary request with a typed error naming its field, offset and id', async () => {
    const { stream, inbox } = await cacheStream();
    const get = encodeFrame({ type: 'binary_cache_get', request_id: 21n, ...scope, key: 'abc' });
    // The key's length (the u16 before its 3 bytes) now claims more bytes than follow: the error
    // names where those bytes would start.
    const lying = get.slice();
    new DataView(lying.buffer).setUint16(lying.length - 5, 200);
    // A get whose tenant breaks the name format.
    const badName = encodeFrame({ type: 'binary_cache_get', request_id: 22n, ...scope, tenant_id: 'x', key: 'k' });
    badName[12 + 8 + 2] = 0x2f; // "/"
    const good = encodeFrame({ type: 'binary_cache_get', request_id: 23n, ...scope, key: 'abc' });
    stream.writable.write(Buffer.concat([lying, badName, good]));
    expect(await next(inbox)).toMatchObject({
      type: 'error',
      code: 'truncated',
      retry: 'fatal',
      request_id: 21,
      detail: { field: 'binary_cache_get.key', offset: lying.length - 3 },
    });
    expect(await next(inbox)).toMatchObject({
      type: 'error',
      code: 'invalid_name',
      request_id: 22,
      detail: { field: 'binary_cache_get.tenant_id', offset: 12 + 8 + 2 },
    });
    expect(await next(inbox)).toMatchObject({ type: 'binary_cache_value', request_id: 23n });
  });
});
