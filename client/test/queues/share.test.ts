// A consumer group shares one stream among its consumers: with nobody failing, every record is
// handed to exactly one consumer and acknowledged exactly once, and each consumer sees its
// records in stream order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type FelixClient } from '../../src/index.js';
import { startBroker, stopBroker, type TestBroker } from '../helpers.js';

const RECORDS = 10_000;
let broker: TestBroker;
let publisher: FelixClient;

beforeAll(async () => {
  broker = await startBroker({ streams: { share2: { maxRecords: 2 * RECORDS }, share8: { maxRecords: 2 * RECORDS } } });
  publisher = await connect(broker.url('tls'), broker.credentials);
});
afterAll(async () => {
  await publisher?.close();
  await stopBroker(broker);
});

describe('a consumer group', () => {
  it.each([2, 8])('shares %i consumers 10,000 records, each acknowledged exactly once', async (n) => {
    const stream = `share${n}`;
    const clients = await Promise.all(Array.from({ length: n }, () => connect(broker.url('tls'), broker.credentials)));
    const consumers = await Promise.all(
      clients.map((c) => c.consume(stream, { group: 'workers', start: 'earliest', maxInFlight: 64 })),
    );
    const seen: number[][] = consumers.map(() => []);
    let acked = 0;
    let allAcked!: () => void;
    const done = new Promise<void>((resolve) => (allAcked = resolve));
    const loops = consumers.map(async (consumer, i) => {
      for await (const m of consumer) {
        seen[i].push(m.offset);
        expect(m.deliveryCount).toBe(1);
        expect(new TextDecoder().decode(m.payload)).toBe(`job ${m.offset}`);
        await m.ack();
        if (++acked === RECORDS) allAcked();
      }
    });
    for (let from = 0; from < RECORDS; from += 500)
      await publisher.publishBatch(
        stream,
        Array.from({ length: 500 }, (_, i) => `job ${from + i}`),
      );
    await done;
    await Promise.all(consumers.map((c) => c.close()));
    await Promise.all(loops);
    await Promise.all(clients.map((c) => c.close()));

    const all = seen.flat().sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: RECORDS }, (_, i) => i));
    for (const offsets of seen) {
      expect(offsets.length).toBeGreaterThan(0);
      for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThan(offsets[i - 1]);
    }
  });
});
