// When each consumer's deliveries run out of ack wait. A consumer's ack wait never changes, so
// its batches fall due in the order they were delivered: a queue per consumer, one entry per
// batch, and the earliest due batch of the group is at the head of one of them. A batch whose
// records were all settled (acknowledged, given back) leaves once it reaches the head, so a
// consumer that acks in order keeps its queue short and the group's timer on a live batch.

/** Records delivered together: one lease for all of them, shared by their offsets. */
export interface LeaseBatch {
  consumer: number;
  base: number;
  count: number;
  /** How many times its records have been delivered, this delivery included. */
  deliveries: number;
  dueAt: number;
  /** Its records still leased (not yet acknowledged, given back or expired). */
  live: number;
}

interface ConsumerQueue {
  entries: LeaseBatch[];
  head: number;
}

export class LeaseDeadlines {
  private readonly queues = new Map<number, ConsumerQueue>();

  add(batch: LeaseBatch): void {
    let q = this.queues.get(batch.consumer);
    if (!q) {
      q = { entries: [], head: 0 };
      this.queues.set(batch.consumer, q);
    }
    q.entries.push(batch);
  }

  /** The earliest time a batch with records still leased falls due; undefined when none does. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const q of this.queues.values()) {
      skipSettled(q);
      const head = q.entries[q.head];
      if (head && (next === undefined || head.dueAt < next)) next = head.dueAt;
    }
    return next;
  }

  /** Takes every batch due by `now` that still has records leased, of every consumer. */
  takeDue(now: number): LeaseBatch[] {
    const due: LeaseBatch[] = [];
    for (const q of this.queues.values()) {
      skipSettled(q);
      while (q.head < q.entries.length && q.entries[q.head].dueAt <= now) {
        const batch = q.entries[q.head++];
        if (batch.live > 0) due.push(batch);
      }
      compact(q);
    }
    return due;
  }

  /** Forgets a consumer's batches (it ended: its records went back at once). */
  forget(consumer: number): void {
    this.queues.delete(consumer);
  }

  clear(): void {
    this.queues.clear();
  }
}

function skipSettled(q: ConsumerQueue): void {
  while (q.head < q.entries.length && q.entries[q.head].live === 0) q.head++;
  compact(q);
}

/** Drops the entries before the head once they are most of the array. */
function compact(q: ConsumerQueue): void {
  if (q.head === q.entries.length) {
    q.entries.length = 0;
    q.head = 0;
  } else if (q.head > 256 && q.head * 2 > q.entries.length) {
    q.entries = q.entries.slice(q.head);
    q.head = 0;
  }
}
