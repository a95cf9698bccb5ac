// Records of a group waiting to be delivered again: those whose hold-back (a nack's delay) is
// over wait in offset order, so the group hands them out in runs of consecutive offsets (one
// batch each); those still held back wait in a heap by the time they become due.

export interface Waiting {
  offset: number;
  /** How many times it has been delivered so far. */
  deliveries: number;
}

/** A run of consecutive ready offsets that have been delivered equally often. */
export interface ReadyRun {
  base: number;
  count: number;
  deliveries: number;
}

interface Delayed extends Waiting {
  dueAt: number;
}

export class RedeliveryQueue {
  /** Ready offsets → deliveries so far. */
  private readonly ready = new Map<number, number>();
  /** The ready offsets ascending from `head`; entries no longer in `ready` are skipped. */
  private order: number[] = [];
  private head = 0;
  private sorted = true;
  /** Held back until dueAt: a binary min-heap by dueAt. */
  private readonly delayed: Delayed[] = [];

  /** Records waiting, ready or held back. */
  get size(): number {
    return this.ready.size + this.delayed.length;
  }

  get readyCount(): number {
    return this.ready.size;
  }

  /** Queues `offset` for delivery at `dueAt` (at once when it is not after `now`). */
  add(offset: number, deliveries: number, dueAt: number, now: number): void {
    if (dueAt <= now) this.makeReady(offset, deliveries);
    else this.pushDelayed({ offset, deliveries, dueAt });
  }

  /** When the earliest held-back record becomes due; undefined when none is held back. */
  get nextDueAt(): number | undefined {
    return this.delayed[0]?.dueAt;
  }

  /** Makes every held-back record due by `now` ready. */
  promote(now: number): void {
    while (this.delayed.length > 0 && this.delayed[0].dueAt <= now) {
      const d = this.popDelayed();
      this.makeReady(d.offset, d.deliveries);
    }
  }

  /**
   * Takes the lowest run of ready offsets delivered equally often, at most `max` long, out of
   * the queue; undefined when nothing is ready.
   */
  takeRun(max: number): ReadyRun | undefined {
    this.settle();
    while (this.head < this.order.length && !this.ready.has(this.order[this.head])) this.head++;
    if (this.head >= this.order.length) return undefined;
    const base = this.order[this.head];
    const deliveries = this.ready.get(base)!;
    let count = 0;
    while (count < max && this.ready.get(base + count) === deliveries) {
      this.ready.delete(base + count);
      count++;
    }
    return { base, count, deliveries };
  }

  /** Puts back a run taken by takeRun that could not be delivered (its tail, from `from`). */
  putBack(run: ReadyRun, from: number): void {
    for (let o = from; o < run.base + run.count; o++) this.makeReady(o, run.deliveries);
  }

  /** Drops every waiting record below `offset`; returns how many there were. */
  dropBelow(offset: number): number {
    let dropped = 0;
    for (const o of this.ready.keys()) {
      if (o >= offset) continue;
      this.ready.delete(o);
      dropped++;
    }
    const kept = this.delayed.filter((d) => d.offset >= offset);
    if (kept.length !== this.delayed.length) {
      dropped += this.delayed.length - kept.length;
      this.delayed.length = 0;
      for (const d of kept) this.pushDelayed(d);
    }
    return dropped;
  }

  clear(): void {
    this.ready.clear();
    this.order = [];
    this.head = 0;
    this.sorted = true;
    this.delayed.length = 0;
  }

  private makeReady(offset: number, deliveries: number): void {
    if (!this.ready.has(offset)) {
      if (this.order.length > this.head && offset < this.order[this.order.length - 1]) this.sorted = false;
      this.order.push(offset);
    }
    this.ready.set(offset, deliveries);
  }

  /** Sorts the order once records arrived out of it, and forgets what was taken. */
  private settle(): void {
    if (this.sorted && this.head < 1024) return;
    const live = this.order.slice(this.head).filter((o) => this.ready.has(o));
    if (!this.sorted) live.sort((a, b) => a - b);
    // A record made ready twice while waiting appears once in `ready` but may be twice here.
    this.order = live.filter((o, i) => i === 0 || live[i - 1] !== o);
    this.head = 0;
    this.sorted = true;
  }

  private pushDelayed(d: Delayed): void {
    const heap = this.delayed;
    heap.push(d);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].dueAt <= heap[i].dueAt) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  private popDelayed(): Delayed {
    const heap = this.delayed;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let least = i;
        if (l < heap.length && heap[l].dueAt < heap[least].dueAt) least = l;
        if (r < heap.length && heap[r].dueAt < heap[least].dueAt) least = r;
        if (least === i) break;
        [heap[least], heap[i]] = [heap[i], heap[least]];
        i = least;
      }
    }
    return top;
  }
}
