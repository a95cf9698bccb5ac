// The crash loop: publishers on several sessions publish to a durable stream with on_commit acks
// while the broker is killed with SIGKILL at a random moment, then restarted on the same data
// directory, again and again. After every restart the stream must hold every record that was
// acknowledged, at contiguous offsets from 0, each once, and everything an earlier restart read
// back must still be there unchanged (what was committed is never rewritten or lost).
//
// FELIX_CRASH_CYCLES sets the number of cycles (default 20), FELIX_CRASH_SEED the random seed
// (printed on failure) to replay a run.
import type { WireMessage } from '@felix/generated';
import { type BrokerProcess, type TestClient, testClient } from '@felix/testkit';
import { afterAll, expect, it } from 'vitest';
import { at, durableSetup, fromBytes, readToTail, text } from './helpers.js';

const CYCLES = Number(process.env.FELIX_CRASH_CYCLES ?? 20);
const SEED = Number(process.env.FELIX_CRASH_SEED ?? Date.now() % 2 ** 31);
const PUBLISHERS = 3;
/** Batches each publisher keeps in flight, so acks and appends overlap the kill. */
const IN_FLIGHT = 4;

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

let broker: BrokerProcess | undefined;
afterAll(async () => {
  await broker?.stop('SIGKILL');
});

/**
 * Publishes acked batches of 1 to 5 records, IN_FLIGHT at a time, until the session dies;
 * every record of a batch acknowledged ok goes into `acked`.
 */
async function publishUntilKilled(
  c: TestClient,
  name: string,
  next: () => number,
  acked: Set<string>,
  sent: { batches: number },
): Promise<void> {
  const waiting = new Map<bigint, string[]>();
  let id = 0n;
  const send = () => {
    const count = 1 + Math.floor(next() * 5);
    const records = Array.from({ length: count }, (_, i) => `${name}-${id}-${i}`);
    id++;
    waiting.set(id, records);
    sent.batches++;
    c.send({
      type: 'binary_publish_batch',
      ...at('log'),
      payloads: records.map(text),
      request_id: id,
      ack_mode: 'per_batch',
    });
  };
  try {
    for (let i = 0; i < IN_FLIGHT; i++) send();
    for (;;) {
      const m: WireMessage = await c.control.next(60_000);
      if (m.type !== 'binary_publish_ack') throw new Error(`unexpected ${m.type}`);
      const records = waiting.get(m.request_id);
      waiting.delete(m.request_id);
      if (m.status === 'ok' && records) for (const r of records) acked.add(r);
      send();
    }
  } catch {
    // The broker was killed: the session is gone.
  }
}

it(`keeps every acknowledged record through ${CYCLES} SIGKILLs, contiguous and never twice`, async () => {
  const next = random(SEED);
  const setup = durableSetup({
    // Small segments, so kills land during rolls and index writes too.
    t1: { default: { streams: { log: { durable: true, fsync: 'on_commit', segmentBytes: 64 * 1024 } } } },
  });
  const acked = new Set<string>();
  let history: string[] = [];
  const sent = { batches: 0 };
  const context = () => `seed ${SEED}, cycle`;

  const verify = async (cycle: number) => {
    const c = await testClient('tls', broker!);
    const { reply, records } = await readToTail(c, 'log');
    c.close();
    expect(reply.type, `${context()} ${cycle}`).toBe('subscribed');
    const texts = records.map((r) => fromBytes(r.payload));
    expect(
      records.every((r, i) => r.offset === i),
      `${context()} ${cycle}: offsets contiguous from 0`,
    ).toBe(true);
    expect(new Set(texts).size, `${context()} ${cycle}: no record twice`).toBe(texts.length);
    expect(texts.slice(0, history.length), `${context()} ${cycle}: what was read before is unchanged`).toEqual(history);
    const present = new Set(texts);
    const lost = [...acked].filter((r) => !present.has(r));
    expect(lost, `${context()} ${cycle}: acknowledged records lost`).toEqual([]);
    history = texts;
  };

  for (let cycle = 0; cycle < CYCLES; cycle++) {
    broker = await setup.start();
    await verify(cycle);
    const clients = await Promise.all(Array.from({ length: PUBLISHERS }, () => testClient('tls', broker!)));
    const publishing = clients.map((c, i) => publishUntilKilled(c, `c${cycle}p${i}`, next, acked, sent));
    // Killed somewhere in the first few hundred milliseconds of publishing: mid-write,
    // mid-fsync, between an fsync and its ack, during a segment roll.
    const delay = 20 + Math.floor(next() * 300);
    await new Promise((resolve) => setTimeout(resolve, delay));
    await broker.stop('SIGKILL');
    await Promise.all(publishing);
    for (const c of clients) c.close();
  }
  broker = await setup.start();
  await verify(CYCLES);
  // Each cycle must have published something for the test to mean anything.
  expect(acked.size).toBeGreaterThan(CYCLES);
  expect(history.length).toBeGreaterThanOrEqual(acked.size);
  console.info(
    `crash loop: ${CYCLES} cycles, seed ${SEED}, ${sent.batches} batches sent, ${acked.size} records acknowledged, ${history.length} in the log`,
  );
}, 600_000);
