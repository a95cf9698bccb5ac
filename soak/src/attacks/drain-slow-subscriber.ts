// Row 8: SIGTERM while a slow subscriber (drop_new) still has acknowledged records on their way.
// The drain flushes what each subscriber is owed until the drain timeout, counting bytes still
// in the carrier; one cut short learns it (subscription_end names where its delivery ends).
import { readFrames, type WireMessage } from '@felix/generated';
import { testClient } from '@felix/testkit';
import type { ByteSource } from '@felix/transport';
import { type Attack, at, check } from '../attack.js';
import { TARGET_STREAM } from '../soak-broker.js';

const DRAIN_TIMEOUT_MS = { short: 3000, long: 5000 };
/** How early an end may come before the drain timeout and still be the timeout's. */
const EARLY_MS = 250;
const RECORD_BYTES = 512;
const PER_BATCH = 64;
/** The subscriber's pause after each chunk it reads: slow, but able to take it all well within the timeout. */
const READ_PAUSE_MS = 20;

async function* slowly(source: ByteSource): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    yield chunk;
    await new Promise((resolve) => setTimeout(resolve, READ_PAUSE_MS));
  }
}

export const drainSlowSubscriber: Attack = {
  name: 'drain-slow-subscriber',
  row: 'SIGTERM with a slow subscriber (drop_new)',
  awaits: 'caps-drain (drain counts carrier bytes; a cut is a gap the subscriber learns)',
  env: (scale) => ({
    FELIX_DRAIN_TIMEOUT_MS: String(at(scale, DRAIN_TIMEOUT_MS.short, DRAIN_TIMEOUT_MS.long)),
    FELIX_OVERFLOW_POLICY: 'drop_new',
  }),
  async run({ endpoint, scale, refusals, stopObserving, stopBroker }) {
    const drainMs = at(scale, DRAIN_TIMEOUT_MS.short, DRAIN_TIMEOUT_MS.long);
    const records = at(scale, 2560, 5120);
    const subscriber = await testClient('tls', endpoint);
    subscriber.send({
      type: 'subscribe',
      tenant_id: 't1',
      namespace: 'default',
      stream: TARGET_STREAM,
      start: 'latest',
    });
    const reply = await subscriber.control.next(10_000);
    if (reply.type !== 'subscribed') throw new Error(`subscribe answered ${reply.type}`);
    const source = await subscriber.session.eventStream(reply.subscription_id);
    const firstOffset = Number(reply.start_offset ?? 0);
    let received = 0;
    let next = firstOffset;
    let gaps = 0;
    let endedAt = Number.NaN;
    const reading = (async () => {
      try {
        for await (const batch of readFrames(slowly(source))) {
          for (const f of batch) {
            if (f.error) throw f.error;
            const m = f.message;
            if (m.type !== 'binary_shared_event_batch') continue;
            const base = m.base_offset === undefined ? next : Number(m.base_offset);
            if (base !== next) gaps++;
            received += m.payloads.length;
            next = base + m.payloads.length;
          }
        }
      } catch {
        // Cut: what arrived is counted below.
      }
      endedAt = performance.now();
    })();
    // Control frames after the subscribe: a drain notice, or the error the session ends with.
    let toldEnd = false;
    const control = (async () => {
      for (;;) {
        let m: WireMessage;
        try {
          m = await subscriber.control.next(60_000);
        } catch {
          return;
        }
        if ((m.type as string) === 'subscription_end') toldEnd = true;
        else refusals.message(m);
      }
    })();

    const publisher = await testClient('tls', endpoint);
    const payloads = Array.from({ length: PER_BATCH }, () => new Uint8Array(RECORD_BYTES).fill(0x62));
    let acknowledged = 0;
    for (let i = 0; i < records / PER_BATCH; i++)
      publisher.send({
        type: 'binary_publish_batch',
        request_id: BigInt(i),
        ack_mode: 'per_batch',
        tenant_id: 't1',
        namespace: 'default',
        stream: TARGET_STREAM,
        payloads,
      });
    for (let i = 0; i < records / PER_BATCH; i++) {
      const ack = await publisher.control.next(10_000);
      if (ack.type === 'binary_publish_ack' && ack.status === 'ok') acknowledged += PER_BATCH;
      else refusals.message(ack);
    }
    publisher.close();

    // /live and the clean pair are judged up to here: the drain takes them down with the rest.
    await stopObserving();
    const signalledAt = performance.now();
    const exitCode = await stopBroker('SIGTERM');
    await reading;
    await control;
    subscriber.close();
    const endedAfterMs = endedAt - signalledAt;
    const missing = acknowledged - received;
    return {
      figures: {
        acknowledged,
        received,
        gaps,
        'stream ended after ms': endedAfterMs.toFixed(0),
        'told where delivery ends': toldEnd ? 'yes' : 'no',
        'exit code': String(exitCode),
      },
      checks: [
        check(
          'the slow subscriber got every acknowledged record, or was told where its delivery ends',
          missing === 0 || toldEnd,
          `${received} of ${acknowledged}${toldEnd ? ', told where delivery ends' : ''}`,
        ),
        check(
          `nothing was cut before the drain timeout (${drainMs} ms)`,
          missing === 0 || endedAfterMs >= drainMs - EARLY_MS,
          missing === 0 ? 'nothing cut' : `${missing} cut after ${endedAfterMs.toFixed(0)} ms`,
        ),
        check('the broker exited cleanly', exitCode === 0, `exit code ${exitCode}`),
      ],
    };
  },
};
