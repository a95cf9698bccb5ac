// A task over a list, run ahead of the one consuming its results in order: at most `limit` at a
// time, started in list order, each result handed out by its index.
export class RunAhead<T, R> {
  private readonly results: Promise<R>[] = [];
  private running = 0;
  private stopped = false;

  constructor(
    private readonly items: readonly T[],
    private readonly limit: number,
    private readonly task: (item: T) => Promise<R>,
  ) {
    this.startMore();
  }

  /** The result for items[i]; the consumer asks in order, so by then it has started. */
  result(i: number): Promise<R> {
    while (this.results.length <= i) this.start(); // only if asked out of order
    return this.results[i];
  }

  /** Starts nothing more, and resolves once whatever started has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.results);
  }

  private startMore(): void {
    while (!this.stopped && this.running < this.limit && this.results.length < this.items.length) this.start();
  }

  private start(): void {
    this.running++;
    const result = this.task(this.items[this.results.length]).finally(() => {
      this.running--;
      this.startMore();
    });
    // A result nobody asks for (after the consumer stopped early) must not fail the process.
    result.catch(() => {});
    this.results.push(result);
  }
}
