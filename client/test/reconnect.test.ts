// Connection loss and recovery over both carriers: the client's connection is cut by a TCP proxy
// between it and a live broker (which keeps its log), or the broker itself is restarted on the
// same ports. Subscriptions must resume exactly after the last record they delivered.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientEvents, connect, type FelixClient, type Gap } from '../src/index.js';
import {
  CARRIERS,
  type Carrier,
  eventually,
  startBroker,
  stopBroker,
  TcpProxy,
  type TestBroker,
  take,
  text,
} from './helpers.js';

const FAST_RECONNECT = { initialDelayMs: 10, maxDelayMs: 200 };

/** Resolves with the next `event` the client emits. */
function next<K extends keyof ClientEvents>(client: FelixClient, event: K): Promise<ClientEvents[K]> {
  return new Promise((resolve) => {
    const off = client.on(event, (value) => {
      off();
      resolve(value);
    });
  });
}

describe.each(CARRIERS)('connection loss over %s', (carrier: Carrier) => {
  let broker: TestBroker;
  let proxy: TcpProxy;
  let client: FelixClient;
  /** Publishes straight to the broker, unaffected by the proxy. */
  let publisher: FelixClient;

  beforeAll(async () => {
    broker = await startBroker({
      streams: { resume: {}, inflight: {}, retained: { maxRecords: 10 } },
      caches: ['primary'],
    });
    proxy = await new TcpProxy(broker.ports[carrier]).start();
    client = await connect(broker.url(carrier, proxy.port), {
      ...broker.credentials,
      reconnect: FAST_RECONNECT,
    });
    publisher = await connect(broker.url('tls'), broker.credentials);
  });
  // A failed test must not leave the next one behind a stalled or refusing proxy.
  afterEach(() => {
    proxy.stall(false);
    proxy.refuse(false);
  });
  afterAll(async () => {
    await client?.close();
    await publisher?.close();
    await proxy?.close();
    await stopBroker(broker);
  });

  /** Cuts `c` off, runs `whileDown`, lets it back and waits until it is connected again. */
  async function outage(whileDown: () => Promise<void>, c = client): Promise<void> {
    const down = next(c, 'disconnect');
    proxy.refuse(true);
    proxy.cut();
    await down;
    expect(c.state).toBe('reconnecting');
    await whileDown();
    const up = next(c, 'connect');
    proxy.refuse(false);
    await up;
    expect(c.state).toBe('connected');
  }

  it('resumes a subscription after the last delivered offset: nothing lost, nothing twice', async () => {
    const sub = await client.subscribe('resume', { start: 'earliest' });
    await publisher.publishBatch(
      'resume',
      Array.from({ length: 100 }, (_, i) => `r${i}`),
    );
    const before = await take(sub, 100);
    expect(before.map((d) => d.offset)).toEqual(Array.from({ length: 100 }, (_, i) => i));

    await outage(async () => {
      // Published while the client is away; the broker keeps them in the stream's log.
      await publisher.publishBatch(
        'resume',
        Array.from({ length: 100 }, (_, i) => `r${100 + i}`),
      );
    });
    await publisher.publishBatch(
      'resume',
      Array.from({ length: 100 }, (_, i) => `r${200 + i}`),
    );
    const after = await take(sub, 200);
    expect(after.map((d) => d.offset)).toEqual(Array.from({ length: 200 }, (_, i) => 100 + i));
    expect(after.map((d) => text(d.payload))).toEqual(Array.from({ length: 200 }, (_, i) => `r${100 + i}`));
    expect(sub.gaps).toBe(0);
    expect(sub.resets).toBe(0);
    expect(sub.position).toBe(300);
    await sub.close();
  });

  it('fails an acked publish caught in the cut with outcome_unknown, and sends queued ones after', async () => {
    const watcher = await publisher.subscribe('inflight', { start: 'earliest' });
    await client.publish('inflight', 'warm-up');
    expect(text((await take(watcher, 1))[0].payload)).toBe('warm-up');

    // The broker applies the publish, but its acknowledgement never reaches the client.
    proxy.stall(true);
    const lost = client.publish('inflight', 'applied-unacked').catch((e: unknown) => e);
    expect(text((await take(watcher, 1))[0].payload)).toBe('applied-unacked');
    let queued: Promise<void> | undefined;
    let queuedGet: Promise<Uint8Array | null> | undefined;
    await outage(async () => {
      proxy.stall(false);
      expect(await lost).toMatchObject({ code: 'connection_lost', retry: 'outcome_unknown' });
      // Calls made while disconnected wait for the next connection.
      queued = client.publish('inflight', 'sent-after-reconnect');
      queuedGet = client.get('primary', 'missing');
    });
    await queued;
    expect(await queuedGet).toBeNull();
    expect(text((await take(watcher, 1))[0].payload)).toBe('sent-after-reconnect');
    await watcher.close();
  });

  it('repeats an in-flight cache get on the next connection, and fails an in-flight put as outcome_unknown', async () => {
    // One cache stream, opened before the stall, so both requests surely leave.
    const c = await connect(broker.url(carrier, proxy.port), {
      ...broker.credentials,
      reconnect: FAST_RECONNECT,
      cachePoolSize: 1,
    });
    await c.put('primary', 'kept', 'before');
    proxy.stall(true);
    const get = c.get('primary', 'kept');
    const put = c.put('primary', 'kept', 'maybe').catch((e: unknown) => e);
    // Both reach the broker (the put is applied); only the answers are lost.
    await eventually(async () => text(await publisher.get('primary', 'kept')) === 'maybe', 5000, 'put applied');
    await outage(async () => {
      proxy.stall(false);
      expect(await put).toMatchObject({ code: 'connection_lost', retry: 'outcome_unknown' });
    }, c);
    expect(text(await get)).toBe('maybe');
    await c.close();
  });

  it('reports a retention gap when the log moved past the resume offset while away', async () => {
    const gaps: Gap[] = [];
    const sub = await client.subscribe('retained', { start: 'latest', onGap: (g) => gaps.push(g) });
    await publisher.publishBatch(
      'retained',
      Array.from({ length: 5 }, (_, i) => `k${i}`),
    );
    expect((await take(sub, 5)).map((d) => d.offset)).toEqual([0, 1, 2, 3, 4]);
    await outage(async () => {
      // 30 more into a log that keeps 10: offsets 5..24 are gone before the client is back.
      await publisher.publishBatch(
        'retained',
        Array.from({ length: 30 }, (_, i) => `k${5 + i}`),
      );
    });
    const after = await take(sub, 10);
    expect(after.map((d) => d.offset)).toEqual(Array.from({ length: 10 }, (_, i) => 25 + i));
    expect(gaps).toEqual([{ reason: 'retention', from: 5, count: 20 }]);
    expect(sub.gaps).toBe(20);
    await sub.close();
  });

  it('gives up after maxAttempts and closes with the reason', async () => {
    const fragile = await connect(broker.url(carrier, proxy.port), {
      ...broker.credentials,
      reconnect: { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 },
    });
    const sub = await fragile.subscribe('resume');
    const closed = next(fragile, 'close');
    proxy.refuse(true);
    proxy.cut();
    expect(await closed).toMatchObject({ code: 'connect_failed' });
    proxy.refuse(false);
    expect(fragile.state).toBe('closed');
    expect(await sub.next().catch((e: unknown) => e)).toMatchObject({ code: 'connect_failed' });
    // The shared client reconnects on its own.
    await client.publish('resume', 'still here');
  });
});

describe.each(CARRIERS)('broker restart over %s', (carrier: Carrier) => {
  let broker: TestBroker | undefined;
  afterAll(() => stopBroker(broker));

  it('reconnects to the new broker on the same port and resumes from its log', async () => {
    const registry = { streams: { restart: {} } };
    broker = await startBroker(registry);
    const client = await connect(broker.url(carrier), { ...broker.credentials, reconnect: FAST_RECONNECT });
    const gaps: Gap[] = [];
    const sub = await client.subscribe('restart', { start: 'earliest', onGap: (g) => gaps.push(g) });
    await client.publishBatch(
      'restart',
      Array.from({ length: 5 }, (_, i) => `old${i}`),
    );
    expect((await take(sub, 5)).map((d) => d.offset)).toEqual([0, 1, 2, 3, 4]);

    const down = next(client, 'disconnect');
    const old = broker;
    broker = undefined;
    expect(await old.stop('SIGTERM')).toBe(0);
    await down;
    // Published while no broker runs: it waits in the client and goes to the new broker.
    const queued = client.publish('restart', 'new0');
    broker = await startBroker(
      registry,
      { FELIX_TLS_PORT: String(old.ports.tls), FELIX_WEBTRANSPORT_PORT: String(old.ports.webtransport) },
      old.cert,
    );
    await queued;
    await client.publish('restart', 'new1');
    const after = await take(sub, 2);
    // The new broker's log starts over at 0 in a new epoch; the client says so rather than
    // skipping it.
    expect(after.map((d) => [d.offset, text(d.payload)])).toEqual([
      [0, 'new0'],
      [1, 'new1'],
    ]);
    expect(gaps).toEqual([
      {
        reason: 'epoch',
        from: 5,
        count: undefined,
        epoch: { previous: expect.any(Number), current: sub.streamEpoch },
      },
    ]);
    expect(gaps[0].epoch!.previous).not.toBe(sub.streamEpoch);
    expect(sub.resets).toBe(1);
    await client.close();
  });
});
