// Durable streams and caches across broker restarts on one data directory: records and offsets
// kept, subscribers caught up from disk joining the live tail with no gap and no duplicate,
// registrations made by the admin request kept, cache entries kept with their expiry, a cursor
// behind retention refused as too old, and damage recovery may not repair refusing the start.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type BrokerProcess, brokerCommand, FrameInbox, metricValue, scrapeMetrics, testClient } from '@felix/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { adminPut, at, cacheStream, durableSetup, fromBytes, publishBatch, readToTail, text } from './helpers.js';

const cacheAt = (cache: string) => ({ tenant_id: 't1', namespace: 'default', cache }) as const;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

let broker: BrokerProcess | undefined;
afterEach(async () => {
  await broker?.stop();
  broker = undefined;
});

/** Stops the broker in good order (SIGTERM) and checks it exited 0. */
async function stop(): Promise<void> {
  const code = await broker!.stop();
  if (code !== 0) console.error(broker!.output());
  expect(code).toBe(0);
  broker = undefined;
}

describe('durable streams across restarts', () => {
  it('keep their records and offsets, and a subscriber behind the tail catches up with no gap or duplicate', async () => {
    const setup = durableSetup({
      t1: { default: { streams: { orders: { durable: true, fsync: 'on_commit' }, plain: {} } } },
    });
    broker = await setup.start();
    let c = await testClient('tls', broker);
    for (let batch = 0; batch < 10; batch++) {
      const payloads = range(batch * 50, batch * 50 + 50).map((i) => text(`r${i}`));
      expect(await publishBatch(c, 'orders', payloads, BigInt(batch + 1))).toMatchObject({
        type: 'binary_publish_ack',
        status: 'ok',
      });
    }
    c.send({ type: 'subscribe', ...at('orders'), start: 'latest' });
    const { epoch } = await c.control.expect('subscribed');
    expect(epoch).toBeGreaterThan(0);
    c.close();
    await stop();

    broker = await setup.start();
    const metrics = await scrapeMetrics(broker.httpPort);
    expect(metricValue(metrics, 'felix_storage_logs', { kind: 'stream' })).toBe(1);
    expect(metricValue(metrics, 'felix_storage_recovery_seconds')).toBeGreaterThan(0);
    expect(metricValue(metrics, 'felix_storage_stream_oldest_offset', { stream: 't1/default/orders' })).toBe(0);
    c = await testClient('tls', broker);
    const all = await readToTail(c, 'orders');
    // The same incarnation of the log: offsets read before the restart still mean these records.
    expect(all.reply).toMatchObject({ type: 'subscribed', start_offset: 0, live_offset: 500, epoch });
    expect(all.records.map((r) => r.offset)).toEqual(range(0, 500));
    expect(all.records.map((r) => fromBytes(r.payload))).toEqual(range(0, 500).map((i) => `r${i}`));

    // A subscriber at 250 while another session publishes 300 more: it reads the old ones from
    // disk and the new ones from wherever they are when it gets there, each exactly once.
    const publisher = await testClient('tls', broker);
    const reader = await testClient('tls', broker);
    reader.send({ type: 'subscribe', ...at('orders'), start: { offset: 250 } });
    const subscribed = await reader.control.expect('subscribed');
    const events = await reader.session.eventStream(subscribed.subscription_id);
    const inbox = new FrameInbox(events);
    await inbox.expect('event_stream_hello');
    const publishing = (async () => {
      for (let batch = 0; batch < 30; batch++) {
        const payloads = range(500 + batch * 10, 510 + batch * 10).map((i) => text(`r${i}`));
        const ack = await publishBatch(publisher, 'orders', payloads, BigInt(100 + batch));
        expect(ack).toMatchObject({ status: 'ok' });
      }
    })();
    const seen: { offset: number; text: string }[] = [];
    while (seen.length < 550) {
      const m = await inbox.next(30_000);
      if (m.type !== 'binary_shared_event_batch') throw new Error(`unexpected ${m.type}`);
      let i = 0;
      for (const p of m.payloads) seen.push({ offset: Number(m.base_offset) + i++, text: fromBytes(p) });
    }
    await publishing;
    expect(seen.map((s) => s.offset)).toEqual(range(250, 800));
    expect(seen.map((s) => s.text)).toEqual(range(250, 800).map((i) => `r${i}`));
    c.close();
    publisher.close();
    reader.close();
  });

  it('keep the streams and caches the admin request registered, durable or not', async () => {
    const setup = durableSetup({ t1: { default: { streams: {} } } });
    broker = await setup.start();
    expect(await adminPut(broker, 'streams/events', { durable: true, fsync: 'on_commit' })).toEqual({
      status: 201,
      body: 'registered durable stream "events" in tenant "t1", namespace "default"\n',
    });
    expect((await adminPut(broker, 'streams/scratch')).status).toBe(201);
    expect((await adminPut(broker, 'caches/kv', { durable: true })).status).toBe(201);
    // The same again is fine; the other durability, or a setting a memory stream cannot have, is not.
    expect((await adminPut(broker, 'streams/events', { durable: true })).status).toBe(201);
    expect(await adminPut(broker, 'streams/events')).toEqual({
      status: 409,
      body: 'stream events is registered durable\n',
    });
    expect(await adminPut(broker, 'streams/other', { fsync: 'none' })).toEqual({
      status: 400,
      body: 'fsync applies only to a durable stream ("durable": true)\n',
    });
    expect((await adminPut(broker, 'streams/other', { durable: 'yes' })).status).toBe(400);
    expect(existsSync(join(setup.dataDir, 'registry.json'))).toBe(true);

    let c = await testClient('tls', broker);
    expect(await publishBatch(c, 'events', [text('kept')], 1n)).toMatchObject({ status: 'ok' });
    c.close();
    await stop();

    broker = await setup.start();
    c = await testClient('tls', broker);
    // Before, a restart forgot these and a publisher got not_found.
    expect(await publishBatch(c, 'scratch', [text('x')], 2n)).toMatchObject({ status: 'ok' });
    const events = await readToTail(c, 'events');
    expect(events.records.map((r) => fromBytes(r.payload))).toEqual(['kept']);
    const cache = await cacheStream(c);
    expect(
      await cache({ type: 'cache_put', ...cacheAt('kv'), key: 'k', value: text('v'), ttl_ms: null, request_id: 1 }),
    ).toEqual({ type: 'cache_ok', request_id: 1 });
    c.close();
    await stop();

    broker = await setup.start();
    c = await testClient('tls', broker);
    const again = await cacheStream(c);
    expect(await again({ type: 'cache_get', ...cacheAt('kv'), key: 'k', request_id: 2 })).toMatchObject({
      type: 'cache_value',
      value: text('v'),
    });
    c.close();
  });

  it('refuse a cursor behind retention as too old, and serve from the oldest record kept', async () => {
    const setup = durableSetup({
      t1: { default: { streams: { short: { durable: true, segmentBytes: 4096, retentionBytes: 8192 } } } },
    });
    broker = await setup.start();
    const c = await testClient('tls', broker);
    for (let batch = 0; batch < 10; batch++) {
      const payloads = range(batch * 20, batch * 20 + 20).map((i) => text(`${i}`.padStart(100, '.')));
      expect(await publishBatch(c, 'short', payloads, BigInt(batch + 1))).toMatchObject({ status: 'ok' });
    }
    c.send({ type: 'subscribe', ...at('short'), start: { offset: 0 } });
    const refused = await c.control.expect('subscribe_cursor_error');
    expect(refused).toMatchObject({ reason: 'too_old', requested: 0 });
    expect(refused.available).toBeGreaterThan(0);
    const kept = await readToTail(c, 'short', 'earliest');
    expect(kept.records[0].offset).toBe(refused.available);
    expect(kept.records.map((r) => r.offset)).toEqual(range(Number(refused.available), 200));
    const metrics = await scrapeMetrics(broker.httpPort);
    expect(metricValue(metrics, 'felix_storage_stream_oldest_offset', { stream: 't1/default/short' })).toBe(
      refused.available,
    );
    c.close();
  });
});

describe('durable caches across restarts', () => {
  it('keep their entries as last written, and entries that expired stay dead', async () => {
    const setup = durableSetup({
      t1: { default: { streams: {}, caches: [{ name: 'sessions', durable: true }, 'plain'] } },
    });
    broker = await setup.start();
    let c = await testClient('tls', broker);
    let cache = await cacheStream(c);
    const put = (key: string, value: string, ttl_ms: number | null, request_id: number) =>
      cache({ type: 'cache_put', ...cacheAt('sessions'), key, value: text(value), ttl_ms, request_id });
    expect(await put('a', 'one', null, 1)).toEqual({ type: 'cache_ok', request_id: 1 });
    expect(await put('a', 'two', null, 2)).toEqual({ type: 'cache_ok', request_id: 2 });
    expect(await put('long', 'lives', 3_600_000, 3)).toEqual({ type: 'cache_ok', request_id: 3 });
    expect(await put('brief', 'dies', 1, 4)).toEqual({ type: 'cache_ok', request_id: 4 });
    expect(await put('gone', 'deleted', null, 5)).toEqual({ type: 'cache_ok', request_id: 5 });
    expect(await cache({ type: 'cache_delete', ...cacheAt('sessions'), key: 'gone', request_id: 6 })).toMatchObject({
      type: 'cache_value',
      value: text('deleted'),
    });
    expect(
      await cache({
        type: 'cache_put',
        ...cacheAt('plain'),
        key: 'a',
        value: text('memory'),
        ttl_ms: null,
        request_id: 7,
      }),
    ).toEqual({ type: 'cache_ok', request_id: 7 });
    c.close();
    await stop();

    for (const round of [1, 2]) {
      broker = await setup.start();
      c = await testClient('tls', broker);
      cache = await cacheStream(c);
      const get = async (name: string, key: string) => {
        const answer = await cache({ type: 'cache_get', ...cacheAt(name), key, request_id: 100 + round });
        if (answer.type !== 'cache_value') throw new Error(`unexpected ${answer.type}`);
        return answer.value === null ? null : fromBytes(answer.value);
      };
      expect(await get('sessions', 'a')).toBe('two');
      expect(await get('sessions', 'long')).toBe('lives');
      expect(await get('sessions', 'brief')).toBeNull();
      expect(await get('sessions', 'gone')).toBeNull();
      // An ephemeral cache forgets, as before.
      expect(await get('plain', 'a')).toBeNull();
      c.close();
      await stop();
    }
  });
});

describe('recovery at start', () => {
  /** Runs the broker to its end (it should refuse to start); its exit code and stderr. */
  function startRefused(env: Record<string, string>) {
    const { command, args } = brokerCommand();
    const run = spawnSync(command, args, {
      env: {
        ...process.env,
        FELIX_HOST: '127.0.0.1',
        FELIX_TLS_PORT: '0',
        FELIX_HTTP_BIND: '127.0.0.1:0',
        FELIX_LOG_LEVEL: 'warn',
        ...env,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: run.status, stderr: run.stderr.trim() };
  }

  it('refuses damage other than a torn tail naming shard, segment and byte, and repairs only when told', async () => {
    const setup = durableSetup({
      t1: { default: { streams: { orders: { durable: true, fsync: 'on_commit', segmentBytes: 4096 } } } },
    });
    broker = await setup.start();
    let c = await testClient('tls', broker);
    for (let batch = 0; batch < 10; batch++) {
      const payloads = range(batch * 20, batch * 20 + 20).map((i) => text(`${i}`.padStart(100, '.')));
      expect(await publishBatch(c, 'orders', payloads, BigInt(batch + 1))).toMatchObject({ status: 'ok' });
    }
    c.send({ type: 'subscribe', ...at('orders'), start: 'latest' });
    const before = await c.control.expect('subscribed');
    c.close();
    await stop();

    // A bit flipped inside a record's payload in the oldest segment: not an unfinished write.
    const root = join(setup.dataDir, 'streams');
    const [shard] = readdirSync(root);
    const segment = join(root, shard, '00000000000000000000.log');
    const epochBefore = readFileSync(join(root, shard, 'epoch'), 'utf8');
    const position = 1000;
    const fd = openSync(segment, 'r+');
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, position);
    byte[0] ^= 0x10;
    writeSync(fd, byte, 0, 1, position);
    closeSync(fd);

    const refused = startRefused(setup.env);
    expect(refused.code).toBe(3);
    const lines = refused.stderr.split('\n').filter((l) => l.startsWith('felix: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('durable stream t1/default/orders cannot be opened');
    expect(lines[0]).toContain(`shard ${shard}, segment 0, ${segment}, byte `);
    expect(lines[0]).toContain('FELIX_DURABLE_REPAIR=true');
    // Nothing was changed by the refusal.
    expect(readFileSync(segment)[position]).toBe(byte[0]);

    broker = await setup.start({ FELIX_DURABLE_REPAIR: 'true' });
    c = await testClient('tls', broker);
    const kept = await readToTail(c, 'orders');
    // Cut at the damaged record: what came before it is whole and in order.
    expect(kept.records.length).toBeGreaterThan(0);
    expect(kept.records.length).toBeLessThan(200);
    expect(kept.records.map((r) => r.offset)).toEqual(range(0, kept.records.length));
    expect(kept.records.map((r) => fromBytes(r.payload))).toEqual(
      range(0, kept.records.length).map((i) => `${i}`.padStart(100, '.')),
    );
    // Offsets after the cut will be taken again by new records: the log is a new incarnation.
    // The epoch kept beside the segments is the one subscribers are told, before and after.
    expect(epochBefore).toBe(`${before.epoch}\n`);
    const after = (kept.reply as { epoch: number }).epoch;
    expect(after).not.toBe(before.epoch);
    expect(readFileSync(join(root, shard, 'epoch'), 'utf8')).toBe(`${after}\n`);
    c.close();
  });
});
