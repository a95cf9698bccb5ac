// The queue rows: 1 KiB records consumed by one group of 4 consumers, each acknowledging every
// record it is handed; which sizes of in-flight window run, and which of them --quick keeps.
// Only data and pure functions, so the report and the tests read the same plan main.ts runs.

export const QUEUE_CONSUMERS = 4;
export const QUEUE_PAYLOAD_BYTES = 1024;
/** Records a consumer holds unacknowledged at most: a pipelined consumer, or one record at a time. */
export const QUEUE_IN_FLIGHT = [64, 1] as const;
export type QueueInFlight = (typeof QUEUE_IN_FLIGHT)[number];
export type QueueWorkloadId = `queue${QueueInFlight}`;
/**
 * Long enough that nothing is delivered twice in a healthy run: a redelivery would be the
 * server's choice, not the workload's.
 */
export const QUEUE_ACK_WAIT_MS = 30_000;
/** The Felix carriers the queue rows run on (the SDK dials each; WebTransport adds no insight here). */
export const QUEUE_CARRIERS = ['tls', 'quic'] as const;

export interface QueueCase {
  inFlight: QueueInFlight;
  workload: QueueWorkloadId;
}

export const queueWorkloadId = (inFlight: QueueInFlight): QueueWorkloadId => `queue${inFlight}`;

/** Both windows; the quick run (CI's smoke test) only the pipelined one, which the goals read. */
export function queueCases(quick: boolean): QueueCase[] {
  return QUEUE_IN_FLIGHT.filter((n) => !quick || n === 64).map((inFlight) => ({
    inFlight,
    workload: queueWorkloadId(inFlight),
  }));
}

/**
 * Records published and not yet acknowledged, at most: twice what the consumers may hold, so a
 * backlog is always waiting for them (the stream stays fed) while none of the systems queues
 * without bound. Publish→ack latency is then mostly this backlog's wait, the same for all.
 */
export const queueWindow = (c: Pick<QueueCase, 'inFlight'>) => 2 * QUEUE_CONSUMERS * c.inFlight;

export function queueTitle(c: Pick<QueueCase, 'inFlight'>): string {
  return `queue, 1 KiB, ${QUEUE_CONSUMERS} consumers in a group, ${c.inFlight} in flight each, acked`;
}

/** A stream (and group) of its own per case, target and round: no run sees another's records. */
export const queueStream = (c: Pick<QueueCase, 'workload'>, target: string, round: number) =>
  `${c.workload}-${target}-r${round}`;

export const QUEUE_GROUP = 'g';

/** Which of the run's targets the queue rows measure: Felix on QUEUE_CARRIERS, NATS and Redis. */
export function queueTargetNames(targets: readonly string[]): string[] {
  return targets.filter(
    (t) =>
      QUEUE_CARRIERS.some((c) => t === `felix-${c}`) ||
      t === 'nats' ||
      t === 'nats-tls' ||
      t === 'redis' ||
      t === 'redis-tls',
  );
}
