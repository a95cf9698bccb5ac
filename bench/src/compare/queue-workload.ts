// The queue workload, identical for every system: a publisher keeps the group's stream fed,
// never more than the case's window ahead of the acknowledgements, while the group's consumers
// acknowledge every record they are handed. It measures records acknowledged per second and,
// per record, publish→ack latency: from the publish call to the server's confirmation of the
// consumer's ack reaching the consumer, both read in this process.
import { AckLedger } from './queue-ledger.js';
import {
  QUEUE_ACK_WAIT_MS,
  QUEUE_CONSUMERS,
  QUEUE_GROUP,
  QUEUE_PAYLOAD_BYTES,
  type QueueCase,
  queueWindow,
} from './queue-plan.js';
import { connectQueue, type Target } from './targets/index.js';
import { sleep, until } from './time.js';
import { type AckedRateResult, serverWindow, type Timing } from './workloads.js';

export interface QueueResult extends AckedRateResult {
  /** Acknowledgements of records acknowledged before (a redelivery), over the whole run. */
  duplicates: number;
}

export async function queueConsume(target: Target, c: QueueCase, stream: string, timing: Timing): Promise<QueueResult> {
  const ledger = new AckLedger(queueWindow(c));
  const conn = await connectQueue(target.spec, {
    stream,
    group: QUEUE_GROUP,
    consumers: QUEUE_CONSUMERS,
    maxInFlight: c.inFlight,
    ackWaitMs: QUEUE_ACK_WAIT_MS,
  });
  try {
    let failure: unknown;
    let stopped = false;
    let scheduled = false;
    const pump = () => {
      scheduled = false;
      if (stopped) return;
      for (let n = ledger.credit(); n > 0; n--) {
        // A record of its own each time: a client may still hold the last one, unsent.
        const payload = new Uint8Array(QUEUE_PAYLOAD_BYTES).fill(0x71);
        ledger.stamp(payload, process.hrtime.bigint());
        conn.publish(payload);
      }
    };
    const schedule = () => {
      if (!scheduled && !stopped) {
        scheduled = true;
        setImmediate(pump);
      }
    };
    await conn.consume(
      (payload) => {
        ledger.ack(payload, process.hrtime.bigint());
        schedule();
      },
      (err) => {
        failure ??= err;
      },
    );
    schedule();
    await sleep(timing.warmupSeconds * 1000);
    const window = await serverWindow(target);
    const before = ledger.acked;
    ledger.measure();
    await sleep(timing.seconds * 1000);
    const samplesUs = ledger.stopMeasuring();
    const count = ledger.acked - before;
    const used = await window();
    stopped = true;
    if (failure) throw failure;
    if (count === 0) throw new Error(`queue (${target.name}): nothing acknowledged in ${timing.seconds} s`);
    // Every record published must come back acknowledged: one that does not was lost.
    await until(() => ledger.drained || failure !== undefined, 15_000, 'queue drain').catch(() => {});
    if (failure) throw failure;
    if (!ledger.drained)
      throw new Error(
        `queue (${target.name}): ${ledger.published - ledger.acked} of ${ledger.published} records never acknowledged`,
      );
    return { perSec: count / (used.wallUs / 1e6), count, cpu: used, samplesUs, duplicates: ledger.duplicates };
  } finally {
    await conn.close().catch(() => {});
  }
}
