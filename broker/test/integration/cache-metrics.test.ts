import { encodeFrame } from '@felix/generated';
import { type BrokerProcess, FrameInbox, startBrokerProcess, testClient } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('cache metrics', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls' });
  });
  afterAll(() => broker.stop());

  it('counts hits and misses as of the scrape, and answers pipelined requests in order', async () => {
    const c = await testClient('tls', broker);
    const stream = await c.session.openCacheStream();
    const inbox = new FrameInbox(stream.readable);
    const scope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;
    // One write with three requests: their answers come back in one read's worth, in order.
    const frames = [
      encodeFrame({ type: 'cache_put', ...scope, key: 'a', value: Uint8Array.of(1), request_id: 1, ttl_ms: null }),
      encodeFrame({ type: 'cache_get', ...scope, key: 'a', request_id: 2 }),
      encodeFrame({ type: 'cache_get', ...scope, key: 'missing', request_id: 3 }),
    ];
    stream.writable.write(Uint8Array.from(frames.flatMap((f) => [...f])));
    expect(await inbox.next()).toMatchObject({ type: 'cache_ok', request_id: 1 });
    expect(await inbox.next()).toMatchObject({ type: 'cache_value', request_id: 2, value: Uint8Array.of(1) });
    expect(await inbox.next()).toMatchObject({ type: 'cache_value', request_id: 3, value: null });
    const metrics = await (await fetch(`http://127.0.0.1:${broker.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/^felix_cache_hits_total 1$/m);
    expect(metrics).toMatch(/^felix_cache_misses_total 1$/m);
    c.close();
  });
});
