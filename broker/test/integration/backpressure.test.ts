// Backpressure against the real broker process: a client that asks for large cache values and
// never reads them, and clients that announce large frames and stall or trickle them. Memory
// for answers and for frames in flight stays within the pools' caps, the offenders are closed
// with limit_exceeded once they fall behind the rate floor, and a clean client beside them is
// answered throughout.
import { CLOSE_CODES, encodeFrame, frameBytes, type WireMessage } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  connectSession,
  FrameInbox,
  metricValue,
  scrapeMetrics,
  startBrokerProcess,
  type TestClient,
  testClient,
  waitForMetric,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MiB = 1024 * 1024;
/** Small enough that the pools are tight; the broker's floor for the setting is 16 MiB. */
const BUDGET = 64 * MiB;
const ANSWERS_CAP = Math.floor(BUDGET * 0.1);
const RECEIVING_CAP = Math.floor(BUDGET * 0.15);
const WINDOW_MS = 400;
const scope = { tenant_id: 't1', namespace: 'default', cache: 'primary' } as const;

/** Scrapes `name{labels}` until `done` resolves, and returns the largest value seen. */
async function peakWhile(broker: BrokerProcess, name: string, labels: Record<string, string>, done: Promise<unknown>) {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  let peak = 0;
  while (!finished) {
    peak = Math.max(peak, metricValue(await scrapeMetrics(broker.httpPort), name, labels) ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return peak;
}

/** Puts and gets small values on a cache stream of its own, checking every answer. */
async function cleanCacheRounds(client: TestClient, rounds: number): Promise<void> {
  const stream = await client.session.openCacheStream();
  const inbox = new FrameInbox(stream.readable);
  for (let i = 1; i <= rounds; i++) {
    const value = new TextEncoder().encode(`value ${i}`);
    stream.writable.write(
      encodeFrame({ type: 'cache_put', ...scope, key: `clean-${i}`, value, request_id: i * 2, ttl_ms: null }),
    );
    stream.writable.write(encodeFrame({ type: 'cache_get', ...scope, key: `clean-${i}`, request_id: i * 2 + 1 }));
    expect(await inbox.next()).toMatchObject({ type: 'cache_ok', request_id: i * 2 });
    expect(await inbox.next()).toMatchObject({ type: 'cache_value', request_id: i * 2 + 1, value });
  }
}

/** The next error frame on the control stream (other frames before it are skipped). */
async function nextError(inbox: FrameInbox, timeoutMs: number): Promise<Extract<WireMessage, { type: 'error' }>> {
  for (;;) {
    const m = await inbox.next(timeoutMs);
    if (m.type === 'error') return m;
  }
}

describe('answers a peer leaves unread', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls,quic,webtransport',
      FELIX_MEMORY_BUDGET_BYTES: String(BUDGET),
      FELIX_ANSWERS_PER_SESSION_BYTES: String(1 * MiB),
      FELIX_ANSWER_DRAIN_TIMEOUT_MS: String(WINDOW_MS),
    });
  });
  afterAll(() => broker.stop());

  it.each(['tls', 'quic', 'webtransport'] as CarrierName[])(
    'holds them to the session bound on %s, closes the session with limitExceeded, and serves a clean client beside it',
    async (carrier) => {
      const value = new Uint8Array(1 * MiB).fill(0x5a);
      const writer = await testClient(carrier, broker);
      const put = await writer.session.openCacheStream();
      const putAnswers = new FrameInbox(put.readable);
      put.writable.write(encodeFrame({ type: 'cache_put', ...scope, key: 'big', value, request_id: 1, ttl_ms: null }));
      expect(await putAnswers.next()).toMatchObject({ type: 'cache_ok', request_id: 1 });
      const closesBefore =
        metricValue(await scrapeMetrics(broker.httpPort), 'felix_answer_closes_total', { carrier }) ?? 0;

      // 100 gets of a 1 MiB value (133 MiB of answers) on a cache stream that is never read.
      const greedy = await testClient(carrier, broker);
      const unread = await greedy.session.openCacheStream();
      for (let i = 0; i < 100; i++)
        unread.writable.write(encodeFrame({ type: 'cache_get', ...scope, key: 'big', request_id: 100 + i }));

      const clean = await testClient(carrier, broker);
      // TLS has no close code: the error frame before the close says why. Multiplexed carriers
      // close with the code and reason, which may overtake the frame.
      const closed =
        carrier === 'tls'
          ? nextError(greedy.control, 20_000).then((error) => ({ code: error.code, reason: error.message }))
          : greedy.session.closed;
      const [peak] = await Promise.all([
        peakWhile(broker, 'felix_memory_pool_used_bytes', { pool: 'answers' }, closed),
        cleanCacheRounds(clean, 50),
      ]);
      const { code, reason } = await closed;
      expect(code).toBe(carrier === 'tls' ? 'limit_exceeded' : CLOSE_CODES.limitExceeded);
      expect(reason).toMatch(/answers left unread/);
      await greedy.control.closed(5000);
      // The session's bound plus the one answer that took it past, far below 133 MiB.
      expect(peak).toBeLessThanOrEqual(Math.min(ANSWERS_CAP, 1 * MiB + 2 * MiB));
      expect(peak).toBeGreaterThanOrEqual(1 * MiB);
      await waitForMetric(broker.httpPort, 'felix_answer_closes_total', { carrier }, (v) => v === closesBefore + 1);
      await waitForMetric(broker.httpPort, 'felix_memory_pool_used_bytes', { pool: 'answers' }, (v) => v === 0);
      // The clean client is still served after the greedy one is gone.
      await cleanCacheRounds(clean, 3);
      for (const c of [writer, clean]) c.close();
    },
    30_000,
  );
});

describe('frames that stall or trickle', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({
      FELIX_CARRIERS: 'tls,quic',
      FELIX_MEMORY_BUDGET_BYTES: String(BUDGET),
      FELIX_FRAME_RECEIVE_TIMEOUT_MS: String(WINDOW_MS),
    });
  });
  afterAll(() => broker.stop());

  it('keeps the receiving pool within its cap, closes each stalled stream with limit_exceeded, and serves a clean client', async () => {
    // Every attacker announces a 4 MiB publish: two fit in the 9.6 MiB pool at a time.
    const announced = 4 * MiB;
    const frame = frameBytes(0, new Uint8Array(announced - 16).fill(0x20));
    const stalling = await Promise.all(Array.from({ length: 6 }, () => testClient('tls', broker)));
    const trickling = await Promise.all(Array.from({ length: 2 }, () => testClient('tls', broker)));
    for (const c of [...stalling, ...trickling]) expect(c.authReply?.type).toBe('auth_ok');
    // One more that never authenticates: its first frame is read by the TLS listener itself.
    const unauthenticated = await connectSession('tls', broker);
    const unauthenticatedInbox = new FrameInbox(unauthenticated.control.readable);

    // Half of each stalled frame at once, then nothing.
    for (const c of stalling) c.sendRaw(frame.subarray(0, announced / 2));
    unauthenticated.control.writable.write(frame.subarray(0, announced / 2));
    // A trickle: one byte at a time, far below the floor's 128 KiB/s.
    let at = 0;
    for (const c of trickling) c.sendRaw(frame.subarray(0, 64));
    const trickle = setInterval(() => {
      at++;
      for (const c of trickling) c.sendRaw(frame.subarray(64 + at - 1, 64 + at));
    }, 20);

    const attackers = [...stalling, ...trickling];
    const closed = Promise.all(attackers.map((c) => nextError(c.control, 20_000)));
    const clean = await testClient('tls', broker);
    try {
      const [peak] = await Promise.all([
        peakWhile(broker, 'felix_memory_pool_used_bytes', { pool: 'receiving' }, closed),
        cleanCacheRounds(clean, 50),
      ]);
      const errors = await closed;
      // Each was cut by the rate floor once let in, or waited a window for room and was refused.
      for (const e of errors) {
        expect(e).toMatchObject({ code: 'limit_exceeded' });
        expect(e.message).toMatch(/arrived too slowly|for room in the receiving pool/);
      }
      for (const c of attackers) await c.control.closed(5000);
      const refused = await unauthenticatedInbox.next(10_000);
      expect(refused).toMatchObject({ type: 'error' });
      expect(refused.type === 'error' && refused.message).toMatch(
        /^limit_exceeded: the first frame arrived too slowly/,
      );
      // What is reserved never passes the cap (small frames of the clean client aside).
      expect(peak).toBeLessThanOrEqual(RECEIVING_CAP + 64 * 1024);
      expect(peak).toBeGreaterThanOrEqual(announced);
      const metrics = await scrapeMetrics(broker.httpPort);
      expect(metricValue(metrics, 'felix_frames_stalled_total', { carrier: 'tls' })).toBe(attackers.length + 1);
      // More frames were announced than fit: some waited unread.
      expect(metricValue(metrics, 'felix_read_pauses_total', { pool: 'receiving' })).toBeGreaterThan(0);
      await waitForMetric(broker.httpPort, 'felix_memory_pool_used_bytes', { pool: 'receiving' }, (v) => v === 0);
      await cleanCacheRounds(clean, 3);
    } finally {
      clearInterval(trickle);
      clean.close();
      unauthenticated.close({ code: 0, reason: 'test done' });
    }
  }, 60_000);

  it.each(['tls', 'quic'] as CarrierName[])(
    'closes only the %s cache stream whose request stalls, and the session goes on',
    async (carrier) => {
      const c = await testClient(carrier, broker);
      const stalledBefore =
        metricValue(await scrapeMetrics(broker.httpPort), 'felix_frames_stalled_total', { carrier }) ?? 0;
      const cache = await c.session.openCacheStream();
      const answers = new FrameInbox(cache.readable);
      const put = encodeFrame({
        type: 'cache_put',
        ...scope,
        key: 'stalled',
        value: new Uint8Array(1 * MiB),
        request_id: 1,
        ttl_ms: null,
      });
      cache.writable.write(put.subarray(0, put.length / 2));
      const error = await nextError(answers, 10_000);
      expect(error).toMatchObject({ code: 'limit_exceeded' });
      expect(error.message).toMatch(/arrived too slowly/);
      await answers.closed(5000);
      await waitForMetric(broker.httpPort, 'felix_frames_stalled_total', { carrier }, (v) => v === stalledBefore + 1);
      // The session is still served, on its control stream and on a new cache stream.
      c.send({
        type: 'publish',
        tenant_id: 't1',
        namespace: 'default',
        stream: 'demo',
        payload: Uint8Array.of(1),
        request_id: 7,
      });
      expect(await c.control.expect('publish_ok')).toEqual({ type: 'publish_ok', request_id: 7 });
      await cleanCacheRounds(c, 2);
      c.close();
    },
    30_000,
  );
});
