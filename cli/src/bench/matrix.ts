// The latency matrix: for every payload size × fanout × batch size, one publisher sends batches
// to a stream that `fanout` subscribers (each its own client connection) read, and every
// delivery's latency is measured from just before its batch was handed to the SDK until the
// subscriber's read loop got it. Publisher and subscribers share this process, so one clock
// times both ends. At most `window` batches are in flight (sent but not yet delivered to every
// subscriber): window 1 measures latency without queueing; a larger one trades it for throughput.
import { randomInt } from 'node:crypto';
import type { FelixClient, Subscription } from '@felix/client';
import { CliFailure } from '../errors.js';
import { type LatencySummary, summarize } from './stats.js';

/** Each payload starts with the cell's tag and its batch index, so foreign records are skipped. */
export const HEADER_BYTES = 8;

export interface CellSpec {
  size: number;
  fanout: number;
  batch: number;
}

export interface CellPlan {
  stream: string;
  /** Measured messages (rounded up to whole batches). */
  messages: number;
  /** Messages sent first and not measured: connections, JIT and buffers warm up. */
  warmup: number;
  window: number;
  ack: boolean;
  /** A cell with no completed batch for this long fails. */
  stallMs: number;
}

export interface CellResult extends CellSpec {
  messages: number;
  deliveries: number;
  /** Microseconds, publish to delivery, over every (message, subscriber) pair. */
  latencyUs: LatencySummary;
  /** Messages published per second while measuring (each delivered to `fanout` subscribers). */
  msgsPerSec: number;
  deliveriesPerSec: number;
  elapsedMs: number;
  gaps: number;
}

export function cellsOf(sizes: number[], fanouts: number[], batches: number[]): CellSpec[] {
  return sizes.flatMap((size) => fanouts.flatMap((fanout) => batches.map((batch) => ({ size, fanout, batch }))));
}

export const describeCell = (c: CellSpec) => `size=${c.size} fanout=${c.fanout} batch=${c.batch}`;

/**
 * Wakes the publisher whenever a batch completes; rejects when none does for `stallMs`, or as
 * soon as a reader or a publish failed.
 */
class Progress {
  completed = 0;
  failure: unknown;
  private waiter: { resolve: () => void; reject: (err: unknown) => void } | undefined;

  complete(): void {
    this.completed++;
    const w = this.waiter;
    this.waiter = undefined;
    w?.resolve();
  }

  fail(err: unknown): void {
    this.failure ??= err;
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(this.failure);
  }

  async until(done: () => boolean, stallMs: number, stalled: () => Error): Promise<void> {
    while (!done()) {
      if (this.failure !== undefined) throw this.failure;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const before = this.completed;
      await new Promise<void>((resolve, reject) => {
        this.waiter = { resolve, reject };
        timer = setTimeout(() => (this.completed === before ? reject(stalled()) : resolve()), stallMs);
      }).finally(() => clearTimeout(timer));
    }
    if (this.failure !== undefined) throw this.failure;
  }
}

export async function runCell(
  publisher: FelixClient,
  subscriberClients: FelixClient[],
  spec: CellSpec,
  plan: CellPlan,
  onMessages: (count: number) => void,
): Promise<CellResult> {
  if (subscriberClients.length < spec.fanout) throw new Error('fewer subscriber clients than the fanout');
  const tag = randomInt(0, 2 ** 32);
  const warmupBatches = Math.ceil(plan.warmup / spec.batch);
  const measuredBatches = Math.max(1, Math.ceil(plan.messages / spec.batch));
  const totalBatches = warmupBatches + measuredBatches;
  const perBatch = spec.batch * spec.fanout;
  const sentAt = new Float64Array(totalBatches);
  const outstanding = new Uint32Array(totalBatches).fill(perBatch);
  const samples = new Float64Array(measuredBatches * perBatch);
  let sampleCount = 0;
  let gaps = 0;
  const progress = new Progress();
  let measureStart = 0;
  let measureEnd = 0;

  const subscriptions: Subscription[] = await Promise.all(
    subscriberClients.slice(0, spec.fanout).map((client) =>
      client.subscribe(plan.stream, {
        start: 'latest',
        onGap: (gap) => {
          gaps += gap.count ?? 1;
        },
      }),
    ),
  );
  const readers = subscriptions.map(async (subscription) => {
    let expected = totalBatches * spec.batch;
    while (expected > 0) {
      const next = await subscription.next();
      if (next.done) return;
      const receivedAt = performance.now();
      const { payload } = next.value;
      if (payload.length < HEADER_BYTES) continue;
      const header = new DataView(payload.buffer, payload.byteOffset, HEADER_BYTES);
      if (header.getUint32(0) !== tag) continue;
      const index = header.getUint32(4);
      if (index >= totalBatches) continue;
      expected--;
      if (index >= warmupBatches) samples[sampleCount++] = (receivedAt - sentAt[index]) * 1000;
      if (--outstanding[index] === 0) {
        if (progress.completed + 1 === totalBatches) measureEnd = receivedAt;
        onMessages(spec.batch);
        progress.complete();
      }
    }
  });
  for (const reader of readers) reader.catch((err: unknown) => progress.fail(err));

  const stalled = () =>
    new CliFailure(
      `bench ${describeCell(spec)}: no batch completed for ${plan.stallMs} ms (${progress.completed} of ${totalBatches} done, ${gaps} records missed)`,
    );
  try {
    for (let index = 0; index < totalBatches; index++) {
      await progress.until(() => index - progress.completed < plan.window, plan.stallMs, stalled);
      const payloads: Uint8Array[] = [];
      for (let i = 0; i < spec.batch; i++) {
        const payload = new Uint8Array(spec.size);
        const header = new DataView(payload.buffer, 0, HEADER_BYTES);
        header.setUint32(0, tag);
        header.setUint32(4, index);
        payloads.push(payload);
      }
      if (index === warmupBatches) {
        // Measure from a quiet start: the warm-up has fully arrived.
        await progress.until(() => progress.completed >= warmupBatches, plan.stallMs, stalled);
        measureStart = performance.now();
      }
      sentAt[index] = performance.now();
      const sent =
        spec.batch === 1
          ? publisher.publish(plan.stream, payloads[0], { ack: plan.ack })
          : publisher.publishBatch(plan.stream, payloads, { ack: plan.ack });
      sent.catch((err: unknown) => progress.fail(err));
    }
    await progress.until(() => progress.completed >= totalBatches, plan.stallMs, stalled);
  } finally {
    await Promise.all(subscriptions.map((s) => s.close()));
  }
  const elapsedMs = measureEnd - measureStart;
  const messages = measuredBatches * spec.batch;
  const latency = summarize(samples.subarray(0, sampleCount));
  // Sub-microsecond digits are timer noise.
  const tenth = (v: number) => Math.round(v * 10) / 10;
  return {
    ...spec,
    messages,
    deliveries: sampleCount,
    latencyUs: {
      samples: latency.samples,
      p50: tenth(latency.p50),
      p99: tenth(latency.p99),
      p999: tenth(latency.p999),
      max: tenth(latency.max),
      mean: tenth(latency.mean),
    },
    msgsPerSec: Math.round((messages / elapsedMs) * 1000),
    deliveriesPerSec: Math.round((sampleCount / elapsedMs) * 1000),
    elapsedMs: tenth(elapsedMs),
    gaps,
  };
}
