// A subscriber that stops reading while a burst is published: the broker's per-subscriber
// bound (FELIX_SUBSCRIBER_QUEUE_BYTES) drops for it, or on WebTransport the client's own buffer
// does; either way every missing record is accounted for as a gap, what arrives is in order,
// and the rest of the slow client's session keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Delivery, type FelixClient, type Gap } from '../src/index.js';
import { CARRIERS, type Carrier, startBroker, stopBroker, type TestBroker, text } from './helpers.js';

let broker: TestBroker;

beforeAll(async () => {
  broker = await startBroker(
    { streams: { 'tls-burst': {}, 'webtransport-burst': {} }, caches: ['primary'] },
    { FELIX_SUBSCRIBER_QUEUE_BYTES: String(64 * 1024), FELIX_OVERFLOW_POLICY: 'drop_new' },
  );
});
afterAll(() => stopBroker(broker));

describe.each(CARRIERS)('a slow subscriber over %s', (carrier: Carrier) => {
  let slow: FelixClient;
  let publisher: FelixClient;
  beforeAll(async () => {
    slow = await connect(broker.url(carrier), {
      ...broker.credentials,
      subscriptionBufferBytes: 32 * 1024,
    });
    publisher = await connect(broker.url('tls'), broker.credentials);
  });
  afterAll(async () => {
    await slow.close();
    await publisher.close();
  });

  it('sees every missing record as a gap and everything else in order', async () => {
    const stream = `${carrier}-burst`;
    const gaps: Gap[] = [];
    const sub = await slow.subscribe(stream, { onGap: (g) => gaps.push(g) });
    const first = sub.position!;
    const record = new Uint8Array(4096);
    const total = 2000;
    for (let i = 0; i < total; i += 50) {
      await publisher.publishBatch(
        stream,
        Array.from({ length: 50 }, () => record),
      );
    }
    // The slow client's session is not held up by the stream it does not read.
    await slow.put('primary', `${carrier}-alive`, 'yes');
    expect(text(await slow.get('primary', `${carrier}-alive`))).toBe('yes');

    // Now read; a marker published until one arrives shows where the burst ends.
    const got: Delivery[] = [];
    const marker = setInterval(() => void publisher.publish(stream, 'marker').catch(() => {}), 50);
    try {
      for await (const d of sub) {
        got.push(d);
        if (d.payload.length !== record.length) break;
      }
    } finally {
      clearInterval(marker);
    }
    const last = got[got.length - 1].offset!;
    const offsets = got.map((d) => d.offset!);
    expect(offsets.every((o, i) => i === 0 || o > offsets[i - 1])).toBe(true);
    expect(sub.gaps).toBeGreaterThan(0);
    expect(gaps.reduce((n, g) => n + g.count!, 0)).toBe(sub.gaps);
    // Every offset from the start to the marker was either delivered or reported missing.
    expect(got.length + sub.gaps).toBe(last - first + 1);
    for (const g of gaps) expect(offsets).not.toContain(g.from);
    // Over TLS the unread connection pushes back and the broker drops; over WebTransport the
    // client keeps reading (a paused stream would stall its whole session) and drops itself,
    // besides what the broker drops when the burst outruns the carrier.
    const reasons = new Set(gaps.map((g) => g.reason));
    if (carrier === 'tls') expect([...reasons]).toEqual(['dropped']);
    else expect(reasons.has('overflow') && [...reasons].every((r) => r === 'overflow' || r === 'dropped')).toBe(true);
  });
});
