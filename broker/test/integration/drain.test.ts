// SIGTERM with a slow subscriber, against the real broker process: the drain keeps delivering
// until the subscriber has read everything it is owed — counting what sits in the carrier's
// buffers, not only the broker's queue, and ending its event stream in good order before the
// session closes — or the drain timeout passes; either way the subscriber was told first
// (subscription_end) where its delivery ends, so a cut is exact on its side.

import { CLOSE_CODES } from '@felix/generated';
import { type BrokerProcess, FrameInbox, startBrokerProcess, type TestClient, testClient } from '@felix/testkit';
import { describe, expect, it } from 'vitest';

const demo = { tenant_id: 't1', namespace: 'default', stream: 'demo' } as const;
/** 2,048 records of 4 KiB: far more than the 1 MiB a TLS socket buffers before it pushes back. */
const RECORDS = 2048;
const RECORD = new Uint8Array(4096).fill(0x61);

/** Publishes RECORDS records in acked batches; every one is acknowledged before it returns. */
async function publishAll(pub: TestClient): Promise<void> {
  for (let base = 0; base < RECORDS; base += 64) {
    pub.send({ type: 'publish_batch', ...demo, payloads: Array.from({ length: 64 }, () => RECORD), request_id: base });
    expect(await pub.control.next()).toEqual({ type: 'publish_ok', request_id: base });
  }
}

/** A session subscribed to demo from its start whose event stream nobody reads yet. */
async function unreadSubscriber(broker: BrokerProcess) {
  const c = await testClient('tls', broker);
  c.send({ type: 'subscribe', ...demo, start: 'earliest' });
  const { subscription_id } = await c.control.expect('subscribed');
  const events = await c.session.eventStream(subscription_id);
  return { c, subscription_id, events };
}

/** Offsets of every record read from `events` until it ends. */
async function offsetsUntilEnd(events: FrameInbox): Promise<number[]> {
  const offsets: number[] = [];
  for (;;) {
    const m = await events.next(10_000).catch(() => undefined);
    if (!m) return offsets;
    if (m.type !== 'binary_shared_event_batch') continue;
    let offset = Number(m.base_offset);
    for (const _ of m.payloads) offsets.push(offset++);
  }
}

describe('SIGTERM with a slow subscriber', () => {
  it('delivers everything it is owed, counting what the carrier still buffers, before closing', async () => {
    const broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls',
      FELIX_DRAIN_TIMEOUT_MS: '30000',
      // Room for every record, so nothing is dropped before the drain.
      FELIX_SUBSCRIBER_QUEUE_BYTES: String(32 << 20),
    });
    const { c, subscription_id, events } = await unreadSubscriber(broker);
    const pub = await testClient('tls', broker);
    await publishAll(pub);

    const exited = broker.stop('SIGTERM');
    expect(await c.control.expect('subscription_end')).toEqual({
      type: 'subscription_end',
      subscription_id,
      end_offset: RECORDS,
    });
    // Only now does the subscriber read; it still gets every record, those that were still in
    // the socket buffers when the broker's queue had emptied included, and then the stream's end.
    const offsets = await offsetsUntilEnd(new FrameInbox(events));
    expect(offsets).toEqual(Array.from({ length: RECORDS }, (_, i) => i));
    expect(await exited).toBe(0);
    expect(broker.output()).not.toMatch(/cut short/);
    pub.close();
  }, 60_000);

  it('cuts it at the drain timeout, after naming where its delivery would have ended', async () => {
    const DRAIN_MS = 800;
    const broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_DRAIN_TIMEOUT_MS: String(DRAIN_MS) });
    const { c, subscription_id, events } = await unreadSubscriber(broker);
    const pub = await testClient('tls', broker);
    await publishAll(pub);

    const started = Date.now();
    const exited = broker.stop('SIGTERM');
    expect(await c.control.expect('subscription_end')).toMatchObject({ subscription_id, end_offset: RECORDS });
    // The subscriber reads nothing until the broker is gone.
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(DRAIN_MS);
    expect(broker.output()).toMatch(/drain timeout: subscribers cut short/);
    const offsets = await offsetsUntilEnd(new FrameInbox(events));
    // What had reached the kernel arrives, in order from the start; the rest up to end_offset
    // is what the subscriber knows it missed.
    expect(offsets.length).toBeLessThan(RECORDS);
    expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
    pub.close();
  }, 60_000);
});

describe('SIGTERM on the Node host', () => {
  // TLS carries no close code (its sessions end with the connection), so it is not asked here.
  it('closes QUIC and WebTransport sessions with the draining code, after subscription_end', async () => {
    const broker = await startBrokerProcess({ FELIX_CARRIERS: 'quic,webtransport' });
    const clients = await Promise.all(
      (['quic', 'webtransport'] as const).map(async (carrier) => {
        const c = await testClient(carrier, broker);
        c.send({ type: 'subscribe', ...demo, start: 'earliest' });
        await c.control.expect('subscribed');
        return { carrier, c };
      }),
    );
    const exited = broker.stop('SIGTERM');
    for (const { c } of clients) await c.control.expect('subscription_end');
    const closes = await Promise.all(clients.map(async ({ carrier, c }) => ({ carrier, ...(await c.session.closed) })));
    expect(closes).toEqual(
      clients.map(({ carrier }) => ({ carrier, code: CLOSE_CODES.draining, reason: 'broker shutting down' })),
    );
    expect(await exited).toBe(0);
  }, 60_000);
});
