// When each consumer's deliveries run out of ack wait. A consumer's ack wait never changes, so
// its batches fall due in the order they were delivered: a queue per consumer, one entry per
// batch, and the earliest due batch of the group is at the head of one of them. An entry whose
// records were acknowledged meanwhile is only found stale when it falls due.

export interface DueBatch {
  consumer: number;
  base: number;
  count: number;
  dueAt: number;
}

export class LeaseDeadlines {
  private readonly queues = new Map<number, { entries: DueBatch[]; head: number }>();

  add(batch: DueBatch): void {
    let q = this.queues.get(batch.consumer);
    if (!q) {
      q = { entries: [], head: 0 };
      this.queues.set(batch.consumer, q);
    }
    q.entries.push(batch);
  }

  /** The earliest time some batch falls due; undefined when none is outstanding. */
  get nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const q of this.queues.values()) {
      const head = q.entries[q.head];
      if (head && (next === undefined || head.dueAt < next)) next = head.dueAt;
    }
    return next;
  }

  /** Takes every batch due by `now`, of every consumer. */
  takeDue(now: number): DueBatch[] {
    const due: DueBatch[] = [];
    for (const q of this.queues.values()) {
      while (q.head < q.entries.length && q.entries[q.head].dueAt <= now) due.push(q.entries[q.head++]);
      if (q.head > 256 && q.head * 2 > q.entries.length) {
        q.entries = q.entries.slice(q.head);
        q.head = 0;
      }
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
