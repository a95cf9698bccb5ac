// The idle deadline against the real broker process: an authenticated session that holds no
// subscription and sends nothing is told `idle` and closed with close code idle, on every
// carrier; frames keep a session open, and a subscribed session is never closed for idleness.
import { CLOSE_CODES } from '@felix/generated';
import {
  type BrokerProcess,
  type CarrierName,
  startBrokerProcess,
  type TestClient,
  testClient,
  waitForMetric,
} from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CARRIERS: CarrierName[] = ['tls', 'webtransport', 'quic'];
const IDLE_MS = 400;
/** Far above the deadline on a busy machine. */
const WELL_WITHIN_MS = 8000;
const text = (s: string) => new TextEncoder().encode(s);
const demo = { tenant_id: 't1', namespace: 'default', stream: 'demo' } as const;

/** Waits for the idle answer and the close on `c`; resolves with how long since `since`. */
async function closedForIdleness(c: TestClient, carrier: CarrierName, since: number): Promise<number> {
  const error = await c.control.expect('error', WELL_WITHIN_MS);
  expect(error).toMatchObject({ code: 'idle', retry: 'retry' });
  expect(error.message).toBe(
    `no subscription and no frame for ${IDLE_MS} ms (sessionIdleTimeoutMs, FELIX_SESSION_IDLE_TIMEOUT_MS)`,
  );
  await c.control.closed(WELL_WITHIN_MS);
  if (carrier !== 'tls') expect((await c.session.closed).code).toBe(CLOSE_CODES.idle);
  return Date.now() - since;
}

describe('the idle deadline', () => {
  let broker: BrokerProcess;
  beforeAll(async () => {
    broker = await startBrokerProcess({
      FELIX_CARRIERS: CARRIERS.join(','),
      FELIX_SESSION_IDLE_TIMEOUT_MS: String(IDLE_MS),
    });
  });
  afterAll(() => broker.stop());

  it.each(CARRIERS)('closes a %s session with no subscription that sends nothing', async (carrier) => {
    const started = Date.now();
    const c = await testClient(carrier, broker);
    expect(c.authReply?.type).toBe('auth_ok');
    expect(await closedForIdleness(c, carrier, started)).toBeGreaterThanOrEqual(IDLE_MS - 50);
    await waitForMetric(broker.httpPort, 'felix_deadline_timeouts_total', { carrier, deadline: 'idle' }, (v) => v >= 1);
  });

  it.each(CARRIERS)(
    'keeps a %s session that sends frames or holds a subscription, and closes it once it does neither',
    async (carrier) => {
      const publisher = await testClient(carrier, broker);
      const subscriber = await testClient(carrier, broker);
      subscriber.send({ type: 'subscribe', ...demo });
      const reply = await subscriber.control.expect('subscribed');
      const source = await subscriber.session.eventStream(reply.subscription_id);
      const events = source[Symbol.asyncIterator]();
      // Publishing every third of the deadline keeps the publisher's session open.
      let n = 0;
      const beat = setInterval(() => {
        n++;
        publisher.send({ type: 'publish', ...demo, payload: text(`beat ${n}`), request_id: n });
      }, IDLE_MS / 3);
      try {
        // Two idle sessions closed one after the other span more than twice the deadline.
        for (let round = 0; round < 2; round++) {
          const started = Date.now();
          await closedForIdleness(await testClient(carrier, broker), carrier, started);
        }
        expect(publisher.control.ended).toBe(false);
        expect(subscriber.control.ended).toBe(false);
        // Both still work: the publisher's beats reach the subscriber (after its hello).
        expect((await events.next()).done).toBe(false);
        expect((await events.next()).done).toBe(false);
      } finally {
        clearInterval(beat);
      }
      publisher.close();
      // A raw QUIC event sink has no `closed` signal, so the broker never learns that its
      // reader stopped and the subscription lasts as long as the session: nothing to test there.
      if (carrier === 'quic') return subscriber.close();
      // The subscriber stops reading its subscription, as the SDK does to end one; without
      // it, the session is idle like any other.
      void events.return?.();
      (source as { socket?: { destroy(): void } }).socket?.destroy();
      await waitForMetric(broker.httpPort, 'felix_subscriptions', {}, (v) => v === 0);
      await closedForIdleness(subscriber, carrier, Date.now());
    },
  );
});
