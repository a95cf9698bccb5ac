// JSON frames with byte fields as large as the frame limit allows, against the real broker:
// each is answered, its value comes back intact, and the connection goes on serving requests.
import { encodeFrame, HEADER_SIZE } from '@felix/generated';
import { type BrokerProcess, collect, FrameInbox, startBrokerProcess, subscribe, testClient } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const cacheScope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;
const demo = { tenant_id: 't1', namespace: 'default', stream: 'demo' } as const;
/** Generous for a 16 MiB frame through TLS on a busy shared machine; a hang is what fails. */
const LARGE_FRAME_MS = 30_000;

/** Bytes that differ from one position to the next, so a shifted or truncated copy is caught. */
function patterned(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + (i >>> 11)) & 0xff;
  return out;
}

/**
 * The largest value the broker stores under `key`: the one whose cache_value answer (with the
 * longest request_id a JSON request carries) still fits under `limit`.
 */
function largestCacheValue(limit: number, key: string): number {
  const overhead = encodeFrame({
    type: 'cache_value',
    ...cacheScope,
    key,
    value: new Uint8Array(0),
    request_id: 2n ** 64n - 1n,
  }).length;
  const base64Room = limit - (overhead - HEADER_SIZE);
  return Math.floor(base64Room / 4) * 3;
}

describe('JSON frames up to the frame limit', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls',
      FELIX_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
      // Room for one 4 MiB record in the subscriber's queue, so delivery is what is tested.
      FELIX_SUBSCRIBER_QUEUE_BYTES: String(16 * 1024 * 1024),
    });
  });
  afterAll(() => broker.stop());

  it('answers a cache_put at the frame limit and returns the value intact', async () => {
    const c = await testClient('tls', broker);
    const stream = await c.session.openCacheStream();
    const inbox = new FrameInbox(stream.readable);
    const value = patterned(largestCacheValue(MAX_FRAME_BYTES, 'big'));
    const put = encodeFrame({ type: 'cache_put', ...cacheScope, key: 'big', value, request_id: 1, ttl_ms: null });
    expect(put.length - HEADER_SIZE).toBeGreaterThan(MAX_FRAME_BYTES - 64);
    expect(put.length - HEADER_SIZE).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    stream.writable.write(put);
    expect(await inbox.next(LARGE_FRAME_MS)).toEqual({ type: 'cache_ok', request_id: 1 });

    const longestId = 2n ** 64n - 1n;
    stream.writable.write(encodeFrame({ type: 'cache_get', ...cacheScope, key: 'big', request_id: longestId }));
    const got = await inbox.expect('cache_value', LARGE_FRAME_MS);
    expect(got.request_id).toBe(longestId);
    expect(got.value?.length).toBe(value.length);
    expect(Buffer.compare(got.value!, value)).toBe(0);

    // A put that fits (no request_id) of a value whose answer would not is refused at the
    // put, rather than stored and then answered with a frame over the limit.
    const tooLarge = encodeFrame({
      type: 'cache_put',
      ...cacheScope,
      key: 'big',
      value: patterned(value.length + 3),
      ttl_ms: null,
    });
    expect(tooLarge.length - HEADER_SIZE).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    stream.writable.write(tooLarge);
    expect(await inbox.next(LARGE_FRAME_MS)).toMatchObject({ type: 'error', code: 'limit_exceeded' });

    // The same stream still reads and answers small requests.
    stream.writable.write(
      encodeFrame({
        type: 'cache_put',
        ...cacheScope,
        key: 'small',
        value: Uint8Array.of(7),
        request_id: 3,
        ttl_ms: null,
      }),
    );
    expect(await inbox.next()).toEqual({ type: 'cache_ok', request_id: 3 });
    stream.writable.write(encodeFrame({ type: 'cache_get', ...cacheScope, key: 'small', request_id: 4 }));
    expect(await inbox.next()).toMatchObject({ type: 'cache_value', request_id: 4, value: Uint8Array.of(7) });
    c.close();
  });

  it('acknowledges a 4 MiB JSON publish, delivers it, and the connection goes on', async () => {
    const subscriber = await testClient('tls', broker);
    const { events } = await subscribe(subscriber, 'demo');
    const publisher = await testClient('tls', broker);
    // 4 MiB of payload is 5.3 MiB of base64, past where the base64 regex overflowed the stack.
    const payload = patterned(4 * 1024 * 1024);
    const frame = encodeFrame({ type: 'publish', ...demo, payload, request_id: 1 });
    publisher.sendRaw(frame);
    expect(await publisher.control.next(LARGE_FRAME_MS)).toEqual({ type: 'publish_ok', request_id: 1 });

    const delivered = await events!.next(LARGE_FRAME_MS);
    expect(delivered.type).toBe('binary_shared_event_batch');
    if (delivered.type !== 'binary_shared_event_batch') return;
    expect(delivered.payloads.length).toBe(1);
    expect(Buffer.compare(delivered.payloads.at(0)!, payload)).toBe(0);

    publisher.send({ type: 'publish', ...demo, payload: new TextEncoder().encode('after'), request_id: 2 });
    expect(await publisher.control.next()).toEqual({ type: 'publish_ok', request_id: 2 });
    expect((await collect(events!, 1)).map((r) => r.text)).toEqual(['after']);
    publisher.close();
    subscriber.close();
  });
});
