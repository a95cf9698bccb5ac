// felix+quic:// URLs: the Node client on the raw QUIC carrier against the real broker.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type FelixClient, FelixError, parseUrl } from '../src/index.js';
import { startBroker, stopBroker, type TestBroker, take, text } from './helpers.js';

let broker: TestBroker;
let client: FelixClient;
const url = () => `felix+quic://127.0.0.1:${broker.ports.quic}`;

beforeAll(async () => {
  broker = await startBroker({ streams: { orders: {} }, caches: ['primary'] }, { FELIX_CARRIERS: 'tls,quic' });
  client = await connect(url(), broker.credentials);
});
afterAll(async () => {
  await client?.close();
  await stopBroker(broker);
});

describe('felix+quic URLs', () => {
  it('parse with the QUIC default port and no path', () => {
    expect(parseUrl('felix+quic://broker.example')).toEqual({
      carrier: 'quic',
      host: 'broker.example',
      port: 5402,
      path: undefined,
    });
    expect(parseUrl('felix+quic://[::1]:7002')).toMatchObject({ carrier: 'quic', host: '::1', port: 7002 });
    expect(() => parseUrl('felix+quic://x/path')).toThrow(/felix\+quic:\/\/ URL has no path/);
  });

  it('connect over QUIC and negotiate', () => {
    expect(client.state).toBe('connected');
    expect(client.capabilities).toMatchObject({ carrier: 'quic', legacy: false });
  });

  it('publish and subscribe: the subscriber gets payloads and contiguous offsets', async () => {
    const sub = await client.subscribe('orders');
    await client.publish('orders', 'first');
    await client.publishBatch('orders', ['second', 'third']);
    const got = await take(sub, 3);
    await sub.close();
    expect(got.map((d) => text(d.payload))).toEqual(['first', 'second', 'third']);
    const first = got[0].offset!;
    expect(got.map((d) => d.offset)).toEqual([first, first + 1, first + 2]);
    // The same records, read back from their offset by a client on another carrier.
    const tls = await connect(broker.url('tls'), broker.credentials);
    try {
      const replay = await tls.subscribe('orders', { start: { offset: first } });
      expect((await take(replay, 3)).map((d) => [d.offset, text(d.payload)])).toEqual(
        got.map((d) => [d.offset, text(d.payload)]),
      );
    } finally {
      await tls.close();
    }
  });

  it('put and get cache values', async () => {
    await client.put('primary', 'quic-key', 'over quic');
    expect(text(await client.get('primary', 'quic-key'))).toBe('over quic');
    expect(await client.get('primary', 'missing')).toBeNull();
    expect(text(await client.delete('primary', 'quic-key'))).toBe('over quic');
  });

  it('refuse a broker whose certificate does not match the pin', async () => {
    const err = await connect(url(), { certSha256: '00'.repeat(32), reconnect: false, connectTimeoutMs: 5_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(FelixError);
    expect((err as FelixError).code).toBe('connect_failed');
    // Named as a pin mismatch, so the client does not retry it.
    expect((err as FelixError).retry).toBe('fatal');
    expect((err as FelixError).message).toMatch(/does not match the pinned/);
  });
});
