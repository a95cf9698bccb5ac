// Replay of a durable log several times larger than the broker's whole memory budget: 256 MiB
// of records under FELIX_MEMORY_BUDGET_BYTES of 64 MiB (FELIX_REPLAY_LOG_MIB sets the log's size,
// 1024 for the 1 GiB run). A subscriber from the earliest offset gets every record, in order,
// once, while the broker's resident memory stays far below the log's size: replay reads the log
// in bounded pages and holds one at a time.
import { readFileSync } from 'node:fs';
import { type BrokerProcess, type TestClient, testClient } from '@felix/testkit';
import { afterAll, expect, it } from 'vitest';
import { at, durableSetup, readToTail } from './helpers.js';

const LOG_MIB = Number(process.env.FELIX_REPLAY_LOG_MIB ?? 256);
const BUDGET_BYTES = 64 * 1024 * 1024;
const RECORD_BYTES = 4096;
const RECORDS = (LOG_MIB * 1024 * 1024) / RECORD_BYTES;
const BATCH_RECORDS = 256;
const IN_FLIGHT = 4;

let broker: BrokerProcess | undefined;
afterAll(async () => {
  await broker?.stop();
});

/** The broker's resident set size in bytes, from /proc. */
function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return kib ? Number(kib[1]) * 1024 : 0;
}

/** A record whose first bytes name its number, so order and identity can be checked. */
function record(i: number): Uint8Array {
  const bytes = new Uint8Array(RECORD_BYTES);
  bytes.set(new TextEncoder().encode(`${i}`.padStart(10, '0')));
  bytes[RECORD_BYTES - 1] = i & 0xff;
  return bytes;
}

/** Publishes RECORDS records in acked batches, IN_FLIGHT at a time. */
async function publishAll(c: TestClient): Promise<void> {
  let sent = 0;
  let acked = 0;
  const send = () => {
    const payloads = Array.from({ length: BATCH_RECORDS }, (_, i) => record(sent + i));
    sent += BATCH_RECORDS;
    c.send({
      type: 'binary_publish_batch',
      ...at('big'),
      payloads,
      request_id: BigInt(sent),
      ack_mode: 'per_batch',
    });
  };
  for (let i = 0; i < IN_FLIGHT && sent < RECORDS; i++) send();
  while (acked < RECORDS) {
    const m = await c.control.next(60_000);
    if (m.type !== 'binary_publish_ack' || m.status !== 'ok') throw new Error(`unexpected ${JSON.stringify(m)}`);
    acked += BATCH_RECORDS;
    if (sent < RECORDS) send();
  }
}

it(`replays a ${LOG_MIB} MiB durable log under a 64 MiB memory budget, every record in order`, async () => {
  const setup = durableSetup({
    t1: { default: { streams: { big: { durable: true, fsync: 'none', segmentBytes: 32 * 1024 * 1024 } } } },
  });
  broker = await setup.start({ FELIX_MEMORY_BUDGET_BYTES: String(BUDGET_BYTES) });
  const publisher = await testClient('tls', broker);
  await publishAll(publisher);
  publisher.close();

  const pid = broker.proc.pid!;
  const before = residentBytes(pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid));
  }, 20);
  const reader = await testClient('tls', broker);
  let expected = 0;
  let misplaced = 0;
  const started = performance.now();
  try {
    const { reply } = await readToTail(reader, 'big', 'earliest', false, (batch) => {
      for (const r of batch) {
        const number = Number(new TextDecoder().decode(r.payload.subarray(0, 10)));
        if (r.offset !== expected || number !== expected || r.payload.length !== RECORD_BYTES) misplaced++;
        expected++;
      }
    });
    expect(reply).toMatchObject({ type: 'subscribed', start_offset: 0, live_offset: RECORDS });
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  reader.close();
  expect(expected).toBe(RECORDS);
  expect(misplaced).toBe(0);
  console.info(
    `large replay: ${LOG_MIB} MiB in ${seconds.toFixed(1)} s, broker RSS ${(before / 2 ** 20).toFixed(0)} MiB before, peak ${(peak / 2 ** 20).toFixed(0)} MiB during, under a ${BUDGET_BYTES / 2 ** 20} MiB budget`,
  );
  // Replay adds next to nothing to what publishing left resident (one page per subscriber),
  // however large the log; and all of it stays within the budget plus what any Node process
  // carries (runtime, code, TLS, the allocator's slack), below the log's size.
  expect(peak - before).toBeLessThan(32 * 1024 * 1024);
  expect(peak).toBeLessThan(BUDGET_BYTES + 160 * 1024 * 1024);
}, 600_000);
