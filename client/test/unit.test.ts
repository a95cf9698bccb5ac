// Parts that need no broker: URLs, options, backoff, error mapping, and the control-stream
// correlation rules against a scripted upstream-era broker behind the Dialer seam.
import { decodePayload, encodeFrame, FrameReader, type WireMessage } from '@felix/generated';
import { AsyncQueue, type BidiStream, type ClientSession } from '@felix/transport';
import { describe, expect, it } from 'vitest';
import { fromBinaryAck, fromErrorMessage, retryClassOf } from '../src/errors.js';
import { connect, type Dialer, FelixError, type Gap, parseUrl, SubscribeCursorError } from '../src/index.js';
import { backoffDelay, DEFAULT_RECONNECT, resolveOptions } from '../src/options.js';

describe('parseUrl', () => {
  it('reads both schemes with their default ports', () => {
    expect(parseUrl('felix+tls://broker.example')).toEqual({
      carrier: 'tls',
      host: 'broker.example',
      port: 5400,
      path: undefined,
    });
    expect(parseUrl('felix+wt://127.0.0.1')).toMatchObject({ carrier: 'webtransport', port: 5401 });
    expect(parseUrl('felix+wt://[::1]:7000/custom')).toEqual({
      carrier: 'webtransport',
      host: '::1',
      port: 7000,
      path: '/custom',
    });
  });

  it('refuses other schemes, missing hosts and paths on TLS', () => {
    expect(() => parseUrl('https://x')).toThrow(/felix\+tls/);
    expect(() => parseUrl('not a url')).toThrow(/not a URL/);
    expect(() => parseUrl('felix+tls://x:1/path')).toThrow(/no path/);
  });
});

describe('options', () => {
  it('fills defaults and validates numbers', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({ tenant: 't1', namespace: 'default', token: '', cachePoolSize: 4, negotiate: true });
    expect(o.batch).toEqual({ maxMessages: 512, maxBytes: 256 * 1024, lingerMs: 0 });
    expect(resolveOptions({ batch: { maxMessages: 1e9 } }).batch.maxMessages).toBe(65536);
    expect(() => resolveOptions({ cachePoolSize: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ requestTimeoutMs: -1 })).toThrow(RangeError);
    expect(resolveOptions({ reconnect: false }).reconnect).toBe(false);
  });

  it('backs off exponentially up to the cap, with jitter inside the band', () => {
    const r = { ...DEFAULT_RECONNECT, initialDelayMs: 100, maxDelayMs: 1000, jitter: 0.5 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(r, a, () => 0))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(r, 2, () => 1)).toBe(200);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(r, 3);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
  });
});

describe('errors', () => {
  it('keeps wire codes and follows the spec retry classes; unknown ones read as fatal', () => {
    expect(retryClassOf('not_found')).toBe('retry_after');
    expect(retryClassOf('draining')).toBe('retry');
    expect(retryClassOf('internal')).toBe('outcome_unknown');
    expect(retryClassOf('from_the_future')).toBe('fatal');
    expect(retryClassOf('constructor')).toBe('fatal');
    expect(retryClassOf('from_the_future', 'retry')).toBe('retry');
    expect(retryClassOf('not_found', 'something_new')).toBe('fatal');
    const e = fromErrorMessage({
      message: 'bad',
      code: 'overloaded',
      retry: 'retry_after',
      request_id: 7,
      detail: { retry_after_ms: 250 },
    });
    expect(e).toBeInstanceOf(FelixError);
    expect(e).toMatchObject({ code: 'overloaded', retry: 'retry_after', requestId: 7, detail: { retryAfterMs: 250 } });
    expect(fromErrorMessage({ message: 'old broker' })).toMatchObject({ code: 'unknown', retry: 'fatal' });
  });

  it('reads a code at the front of a binary ack message, else publish_refused', () => {
    expect(fromBinaryAck('truncated: payload at offset 9', 3, 'publish')).toMatchObject({
      code: 'truncated',
      retry: 'fatal',
      requestId: 3,
    });
    expect(fromBinaryAck('not_found: stream x', 3, 'publish')).toMatchObject({
      code: 'not_found',
      retry: 'retry_after',
    });
    expect(fromBinaryAck('stream x is not registered', 3, 'publish')).toMatchObject({ code: 'publish_refused' });
  });
});

/**
 * A scripted broker on an in-memory session: `answer` sees each frame the client sends and
 * returns the frames to send back (in order, as a real broker answers).
 */
function scriptedBroker(answer: (m: WireMessage) => (WireMessage | Uint8Array)[], cacheStreams = false): Dialer {
  /** An in-memory request stream whose requests `answer` answers. */
  const requestStream = (): BidiStream => {
    const toClient = new AsyncQueue<Uint8Array>();
    const reader = new FrameReader();
    return {
      readable: toClient,
      writable: {
        write(chunk) {
          reader.push(chunk);
          for (let f = reader.next(); f; f = reader.next()) {
            for (const reply of answer(decodePayload(f.flags, f.payload)))
              toClient.push(reply instanceof Uint8Array ? reply : encodeFrame(reply));
          }
          return true;
        },
        drained: async () => {},
        bufferedBytes: 0,
        end: async () => toClient.end(),
        reset: () => toClient.end(),
      },
    };
  };
  return async (): Promise<ClientSession> => {
    const control = requestStream();
    let close!: (info: { code: number; reason: string }) => void;
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      close = resolve;
    });
    const refuse = () => Promise.reject(new Error('no other streams here'));
    return {
      carrier: 'scripted',
      needsAttachToken: false,
      control,
      openCacheStream: cacheStreams ? async () => requestStream() : refuse,
      eventStream: refuse,
      setAttachToken: () => {},
      close: (info) => {
        void control.writable.end();
        close(info);
      },
      closed,
    };
  };
}

describe('control-stream correlation with an upstream-era broker', () => {
  it('takes a plain ok to auth as original v1, sends JSON publishes and matches in-order answers', async () => {
    const seen: WireMessage[] = [];
    const dial = scriptedBroker((m) => {
      seen.push(m);
      if (m.type === 'auth') return [{ type: 'ok' }];
      // Upstream answers an acknowledged JSON publish with a bare ok, and a refused subscribe
      // with an error carrying neither code nor request id.
      if (m.type === 'publish_batch')
        return m.stream === 'missing' ? [{ type: 'error', message: 'no such stream' }] : [{ type: 'ok' }];
      if (m.type === 'subscribe') return [{ type: 'error', message: 'no such stream' }];
      return [];
    });
    const client = await connect('felix+tls://scripted', {}, dial);
    expect(client.capabilities).toMatchObject({ flags: 0x7, features: 0, legacy: true });
    // It offered everything; the broker, predating negotiation, ignored the offer.
    expect(seen[0]).toEqual({
      type: 'auth',
      tenant_id: 't1',
      token: '',
      client_flags: 0x7e3f,
      client_features: 0x1f0804,
    });
    await Promise.all([client.publish('s', 'a'), client.publish('other', 'b')]);
    expect(seen.slice(1).map((m) => m.type)).toEqual(['publish_batch', 'publish_batch']);
    const refused = await client.publish('missing', 'c').catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'unknown',
      retry: 'fatal',
      message: expect.stringContaining('no such stream'),
    });
    expect(await client.subscribe('s').catch((e: unknown) => e)).toMatchObject({ code: 'unknown' });
    // Without STREAM_ATTACH or CACHE_DELETE nothing else is asked of this broker.
    expect(await client.delete('c', 'k').catch((e: unknown) => e)).toMatchObject({ code: 'not_supported' });
    await client.close();
  });

  it('does not take a draining notice for the answer to a waiting subscribe', async () => {
    let subscribes = 0;
    const dial = scriptedBroker((m) => {
      if (m.type === 'auth') return [{ type: 'auth_ok', server_flags: 0x3f, server_features: 0x804 }];
      if (m.type === 'subscribe') {
        subscribes++;
        return [
          { type: 'error', message: 'the broker is draining', code: 'draining', retry: 'retry' },
          { type: 'subscribe_cursor_error', reason: 'in_future', requested: 5, available: 0 },
        ];
      }
      return [];
    });
    const client = await connect('felix+wt://scripted', {}, dial);
    const errors: FelixError[] = [];
    client.on('error', (e) => errors.push(e));
    const err = await client.subscribe('s', { start: { offset: 5 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'cursor_out_of_range', reason: 'in_future', available: 0 });
    expect(errors.map((e) => e.code)).toEqual(['draining']);
    expect(subscribes).toBe(1);
    await client.close();
  });

  it('takes an idle close for news about the session, not an answer or an error', async () => {
    const dial = scriptedBroker((m) => {
      if (m.type === 'auth') return [{ type: 'auth_ok', server_flags: 0x3f, server_features: 0x20804 }];
      if (m.type === 'subscribe')
        return [
          { type: 'error', message: 'no subscription and no frame for 1000 ms', code: 'idle', retry: 'retry' },
          { type: 'subscribe_cursor_error', reason: 'in_future', requested: 5, available: 0 },
        ];
      return [];
    });
    const client = await connect('felix+wt://scripted', {}, dial);
    const errors: FelixError[] = [];
    client.on('error', (e) => errors.push(e));
    const err = await client.subscribe('s', { start: { offset: 5 } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'cursor_out_of_range', reason: 'in_future' });
    expect(errors).toEqual([]);
    expect(client.capabilities?.features).toBe(0x20804);
    await client.close();
  });
});

describe('stream epochs on subscribe', () => {
  /** A broker that negotiates `features`, answers subscribe with `reply` and records what it got. */
  function epochBroker(features: number, reply: WireMessage) {
    const subscribes: WireMessage[] = [];
    const dial = scriptedBroker((m) => {
      if (m.type === 'auth') return [{ type: 'auth_ok', server_flags: 0x3f, server_features: features }];
      if (m.type === 'subscribe') {
        subscribes.push(m);
        return [reply];
      }
      return [];
    });
    return { dial, subscribes };
  }
  const mismatch: WireMessage = {
    type: 'subscribe_cursor_error',
    reason: 'epoch_mismatch',
    requested: 300,
    available: 0,
    epoch: 9,
    earliest_offset: 0,
    tail_offset: 300,
  };

  it('sends the epoch of a start offset and, asked to fail, rejects with a typed epoch_mismatch', async () => {
    const { dial, subscribes } = epochBroker(0x40804, mismatch);
    const client = await connect('felix+wt://scripted', {}, dial);
    const err = await client
      .subscribe('s', { start: { offset: 300, epoch: 3 }, onEpochChange: 'fail' })
      .catch((e: unknown) => e);
    expect(subscribes[0]).toMatchObject({ start: { offset: 300 }, epoch: 3, on_epoch_mismatch: 'refuse' });
    expect(err).toBeInstanceOf(SubscribeCursorError);
    expect(err).toMatchObject({
      code: 'epoch_mismatch',
      retry: 'fatal',
      reason: 'epoch_mismatch',
      requested: 300,
      available: 0,
      requestedEpoch: 3,
      epoch: 9,
    });
    await client.close();
  });

  it('asks a broker to restart from earliest by default, and restarts itself if it refuses', async () => {
    const { dial, subscribes } = epochBroker(0x40804, mismatch);
    const client = await connect('felix+wt://scripted', {}, dial);
    const gaps: Gap[] = [];
    // This script refuses every subscribe the same way, earliest too: the client gives up after
    // its bounded retries rather than asking forever.
    const err = await client
      .subscribe('s', { start: { offset: 300, epoch: 3 }, onGap: (g) => gaps.push(g) })
      .catch((e: unknown) => e);
    expect(subscribes[0]).toMatchObject({ epoch: 3, on_epoch_mismatch: 'earliest' });
    expect(gaps[0]).toEqual({ reason: 'epoch', from: 300, count: undefined, epoch: { previous: 3, current: 9 } });
    expect(subscribes[1]).toMatchObject({ start: 'earliest' });
    expect(err).toMatchObject({ code: 'cursor_out_of_range', retry: 'retry_after' });
    expect(subscribes).toHaveLength(9);
    await client.close();
  });

  it('sends a broker without STREAM_EPOCHS the subscribe it sent before', async () => {
    const { dial, subscribes } = epochBroker(0x804, { type: 'error', message: 'no such stream' });
    const client = await connect('felix+wt://scripted', {}, dial);
    await client.subscribe('s', { start: { offset: 300, epoch: 3 } }).catch(() => {});
    expect(new TextDecoder().decode(encodeFrame(subscribes[0]).subarray(12))).toBe(
      '{"type":"subscribe","tenant_id":"t1","namespace":"default","stream":"s","start":{"offset":300}}',
    );
    await client.close();
  });
});

describe('cache requests', () => {
  /** A broker that negotiates `flags` and `features`, records each cache request and finds every key but "bad". */
  function cacheBroker(flags: number, features: number) {
    const requests: WireMessage[] = [];
    const dial = scriptedBroker((m) => {
      if (m.type === 'auth') return [{ type: 'auth_ok', server_flags: flags, server_features: features }];
      requests.push(m);
      if (m.type === 'binary_cache_get' && m.key === 'bad') {
        // A value answer whose status byte (after the 12-byte header and the request_id) is no status.
        const answer = encodeFrame({
          type: 'binary_cache_value',
          request_id: m.request_id,
          status: 'missing',
          value: new Uint8Array(0),
        });
        answer[20] = 7;
        return [answer];
      }
      switch (m.type) {
        case 'cache_get':
          return [{ ...m, type: 'cache_value', value: Uint8Array.of(7) }];
        case 'cache_put':
          return [{ type: 'cache_ok', request_id: m.request_id ?? 0 }];
        case 'binary_cache_get':
          return [{ type: 'binary_cache_value', request_id: m.request_id, status: 'found', value: Uint8Array.of(8) }];
        case 'binary_cache_delete':
          return [
            { type: 'binary_cache_value', request_id: m.request_id, status: 'missing', value: new Uint8Array(0) },
          ];
        case 'binary_cache_put':
          return [{ type: 'binary_cache_ok', request_id: m.request_id }];
        default:
          return [{ type: 'error', message: `unexpected ${m.type}` }];
      }
    }, true);
    return { dial, requests };
  }
  const BINARY_CACHE_FLAGS = 0x3e00;
  const BINARY_CACHE = 0x100000;

  it('sends JSON to a broker that does not offer BINARY_CACHE', async () => {
    const { dial, requests } = cacheBroker(0x403f, 0x80804);
    const client = await connect('felix+wt://scripted', {}, dial);
    expect(await client.get('c', 'k')).toEqual(Uint8Array.of(7));
    await client.put('c', 'k', 'v', { ttlMs: 5 });
    expect(requests.map((m) => m.type)).toEqual(['cache_get', 'cache_put']);
    expect(requests[1]).toMatchObject({ key: 'k', ttl_ms: 5 });
    await client.close();
  });

  it('sends JSON when the broker offers the feature without all five layouts', async () => {
    const { dial, requests } = cacheBroker(0x403f | (BINARY_CACHE_FLAGS & ~0x0200), 0x80804 | BINARY_CACHE);
    const client = await connect('felix+wt://scripted', {}, dial);
    await client.get('c', 'k');
    expect(requests.map((m) => m.type)).toEqual(['cache_get']);
    await client.close();
  });

  it('sends binary layouts to a broker that offers them, a put without ttl as u64 max', async () => {
    const { dial, requests } = cacheBroker(0x403f | BINARY_CACHE_FLAGS, 0x80804 | BINARY_CACHE);
    const client = await connect('felix+wt://scripted', {}, dial);
    expect(await client.get('c', 'k')).toEqual(Uint8Array.of(8));
    await client.put('c', 'k', 'forever');
    await client.put('c', 'k', 'brief', { ttlMs: 5 });
    expect(await client.delete('c', 'k')).toBeNull();
    expect(requests.map((m) => m.type)).toEqual([
      'binary_cache_get',
      'binary_cache_put',
      'binary_cache_put',
      'binary_cache_delete',
    ]);
    expect(requests[1]).toMatchObject({ key: 'k', ttl_ms: 2n ** 64n - 1n, value: new TextEncoder().encode('forever') });
    expect(requests[2]).toMatchObject({ ttl_ms: 5n });
    await client.close();
  });

  it('fails the request a malformed binary answer names, saying which field and offset, and goes on', async () => {
    const { dial } = cacheBroker(0x403f | BINARY_CACHE_FLAGS, 0x80804 | BINARY_CACHE);
    const client = await connect('felix+wt://scripted', {}, dial);
    const err = await client.get('c', 'bad').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FelixError);
    expect(err).toMatchObject({ code: 'protocol_error', retry: 'fatal' });
    expect((err as Error).message).toMatch(/binary_cache_value\.status at offset 20/);
    expect(await client.get('c', 'k')).toEqual(Uint8Array.of(8));
    await client.close();
  });
});
