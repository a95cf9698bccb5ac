// Work that would hold the event loop if done all at once, run a slice per turn of the loop.
// A session that subscribes 1,024 times in one read opened 1,024 event streams in one turn,
// and each opening is the carrier's costliest step per subscription (on QUIC a stream with its
// Web streams and events); fifteen such sessions kept health checks and acks waiting for
// seconds. Jobs run in the order queued, at most `slice` per turn, whoever queued them, and
// no more once a turn has spent `budgetMs`: what a job costs varies with the machine and with
// what the carrier is doing, and on a busy 2-core machine 64 openings took 60-80 ms of CPU.

export class TurnQueue {
  private jobs: (() => void)[] = [];
  private head = 0;
  private scheduled = false;

  constructor(
    private readonly slice: number,
    private readonly budgetMs = TURN_BUDGET_MS,
  ) {}

  get length(): number {
    return this.jobs.length - this.head;
  }

  /** Runs `job` in a later turn (after those queued before it); a job that throws is skipped. */
  push(job: () => void): void {
    this.jobs.push(job);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.run();
    });
  }

  private run(): void {
    const end = Math.min(this.jobs.length, this.head + this.slice);
    const until = performance.now() + this.budgetMs;
    while (this.head < end) {
      const job = this.jobs[this.head];
      this.jobs[this.head++] = noop;
      try {
        job();
      } catch {
        // A job owns its failures; one that escapes must not stop the jobs after it.
      }
      if (performance.now() >= until) break;
    }
    if (this.head === this.jobs.length) {
      this.jobs = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.jobs.length) {
      this.jobs = this.jobs.slice(this.head);
      this.head = 0;
    }
    this.schedule();
  }
}

const noop = () => {};

/**
 * CPU one turn of a queue may spend on its jobs (their synchronous part) before the loop gets a
 * turn: small next to /live's 100 ms bound even when a busy machine stretches it several times.
 */
export const TURN_BUDGET_MS = 4;

/** Resolves in a later turn of the loop, once I/O and timers waiting now have had theirs. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
