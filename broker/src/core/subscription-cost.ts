// What one subscription costs the broker, in one place: the broker's own objects for it, and
// the carrier stream its events go out on, which on every carrier costs ten times as much. Both
// are charged to the memory budget's subscribers pool, so many subscriptions are bounded by the
// budget instead of by the machine. Anything that holds an event stream open per consumer
// (subscriptions, consumer group members) charges it here when it is made and releases it when
// it ends; one that does not fit is refused.
import type { MemoryBudget } from './memory-budget.js';

const KiB = 1024;

/**
 * Memory of one subscription whatever it has queued: the subscription and its queue, its place
 * in the topic and its session's map, and the callbacks between them, as measured by
 * broker/test/measure/memory-overhead.ts. Charged by Topic.add while the subscription is in
 * fanout; the carrier's stream under it is EVENT_STREAM_BYTES.
 */
export const SUBSCRIPTION_OVERHEAD_BYTES = 3072;

/**
 * Resident memory of one idle subscription, whole, per carrier: the broker's VmRSS growth per
 * subscription by broker/test/measure/carrier-streams.ts, which runs the built broker and adds
 * subscriptions a thousand or two at a time (after a warm-up) until VmRSS settles, idle and
 * again once one record has reached each of them (2 cores, Node 20, 2025):
 * - tls: 31.5–35.3 KiB (a TCP connection and its TLS socket per subscription, plus its reader);
 * - quic: 21.3 idle, 26.9–34.2 KiB once a batch has gone out (@matrixai/quic's stream object
 *   and quiche's per-stream state and buffers);
 * - webtransport: 12.3–14.5 KiB (a stream in the WebTransport session).
 * Each rounded up from the highest run, so the budget errs towards refusing early.
 */
const MEASURED_SUBSCRIPTION_BYTES = {
  tls: 36 * KiB,
  quic: 36 * KiB,
  webtransport: 16 * KiB,
} as const;

export type EventStreamCarrier = keyof typeof MEASURED_SUBSCRIPTION_BYTES;

/** What one event stream costs on each carrier: the measured whole less the broker's objects. */
export const EVENT_STREAM_BYTES: Readonly<Record<EventStreamCarrier, number>> = {
  tls: MEASURED_SUBSCRIPTION_BYTES.tls - SUBSCRIPTION_OVERHEAD_BYTES,
  quic: MEASURED_SUBSCRIPTION_BYTES.quic - SUBSCRIPTION_OVERHEAD_BYTES,
  webtransport: MEASURED_SUBSCRIPTION_BYTES.webtransport - SUBSCRIPTION_OVERHEAD_BYTES,
};

/**
 * Share of the subscribers pool that new event streams may not take: room left for the frames
 * queued to the subscriptions there are (and their replay pages), so refusing new ones never
 * starves the existing ones of their queues.
 */
export const QUEUE_RESERVE_SHARE = 0.25;

/** One event stream's cost on `carrier` (the costliest when the carrier is one not measured). */
export function eventStreamBytes(carrier: string): number {
  if (Object.hasOwn(EVENT_STREAM_BYTES, carrier)) return EVENT_STREAM_BYTES[carrier as EventStreamCarrier];
  return Math.max(...Object.values(EVENT_STREAM_BYTES));
}

/** An event stream's charge to the subscribers pool, held until release() (idempotent). */
export interface EventStreamCharge {
  readonly bytes: number;
  release(): void;
}

/**
 * Charges an event stream on `carrier` to `memory`'s subscribers pool, or returns undefined when
 * the pool (or the whole budget) has no room for it beyond the share kept for queued frames:
 * the caller then refuses what would have opened it, with eventStreamRefusal's message.
 */
export function chargeEventStream(memory: MemoryBudget, carrier: string): EventStreamCharge | undefined {
  const bytes = eventStreamBytes(carrier);
  const reserve = Math.floor(memory.cap('subscribers') * QUEUE_RESERVE_SHARE);
  if (memory.room('subscribers') < bytes + reserve) return undefined;
  memory.charge('subscribers', bytes);
  let held = true;
  return {
    bytes,
    release: () => {
      if (!held) return;
      held = false;
      memory.release('subscribers', bytes);
    },
  };
}

/** Why an event stream on `carrier` was refused: for an `overloaded` answer. */
export function eventStreamRefusal(memory: MemoryBudget, carrier: string, what = 'subscription'): string {
  const used = memory.usedBy('subscribers');
  const cap = memory.cap('subscribers');
  return (
    `the broker's memory budget has no room for another ${what}: its subscribers pool holds ${used} of ` +
    `${cap} bytes (a share of FELIX_MEMORY_BUDGET_BYTES, ${memory.totalBytes} bytes), and a ${carrier} event ` +
    `stream takes ${eventStreamBytes(carrier)}; retry once other subscriptions have ended`
  );
}
