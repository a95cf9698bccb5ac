// A single-consumer async iterable fed by push(). It is local to the QUIC carrier (rather than
// shared) so this carrier does not depend on other carriers' helpers. push() reports whether
// the item was taken, so a producer can refuse what a slow consumer would otherwise pile up.

export class PushQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private head = 0;
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private finished = false;
  private failure: { error: unknown } | undefined;

  constructor(
    /** Items held for a consumer that is not reading; push() refuses beyond this. */
    private readonly capacity: number,
    /** Called for items still held when the consumer stops iterating or the queue is dropped. */
    private readonly discard: (item: T) => void = () => {},
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get ended(): boolean {
    return this.finished;
  }

  /** Hands `item` to the consumer; false (item not taken) when ended or full. */
  push(item: T): boolean {
    if (this.finished) return false;
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve({ value: item, done: false });
      return true;
    }
    if (this.length >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  /** Ends iteration after the held items; with an error, iteration throws it after them. */
  end(error?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    if (error !== undefined) this.failure = { error };
    if (this.waiter) {
      const { resolve, reject } = this.waiter;
      this.waiter = undefined;
      if (this.failure) reject(this.failure.error);
      else resolve({ value: undefined, done: true });
    }
  }

  private take(): T {
    const item = this.items[this.head] as T;
    this.items[this.head] = undefined as T;
    this.head++;
    // Compact occasionally so a long-lived queue does not keep a growing array of holes.
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.length > 0) return Promise.resolve({ value: this.take(), done: false });
    if (this.finished) {
      return this.failure ? Promise.reject(this.failure.error) : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  /** Stops the queue and discards what it still holds. */
  drop(): void {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    this.end();
    for (const item of rest) this.discard(item);
  }

  /**
   * Iterators share the queue, so a consumer may take the first item with one and the rest
   * with another. Leaving a loop early (return) ends the queue: what it still holds is dropped.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: async () => {
        this.drop();
        return { value: undefined, done: true };
      },
    };
  }
}
