// Worker threads for the recovery scan, so a log of many segments is checked on every core: the
// checksums of a 1 GiB log are most of its recovery time, and one thread of them took several
// times as long as reading the bytes. Workers load the built module next to this one; run from
// TypeScript sources (the tests) there is none, and every segment is scanned in the opening
// thread, through the same scanRecords.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ScanJob } from './segment-scan.js';
import type { WorkerReply } from './segment-scan-worker.js';

const WORKER_URL = new URL('./segment-scan-worker.js', import.meta.url);

/** Worker threads a recovery uses by default: one per core beside the opening thread, at most 3. */
export function defaultScanThreads(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}

/** Whether this module runs from its build, where the worker's module is. */
const built = import.meta.url.endsWith('.js');

/**
 * The process's Node options minus export conditions: a process started with the source
 * condition (a test runner, a development run) resolves workspaces to TypeScript, which the
 * worker, running the build, cannot load.
 */
function builtExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--conditions' || arg === '-C') i++;
    else if (!arg.startsWith('--conditions=') && !arg.startsWith('-C=')) out.push(arg);
  }
  return out;
}

interface Pending {
  job: ScanJob;
  resolve(reply: WorkerReply): void;
  reject(err: Error): void;
}

export class ScanPool {
  private readonly idleWorkers: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly busy = new Map<Worker, Pending>();

  private spawned = false;

  private constructor(readonly threads: number) {}

  /** A pool of `threads` workers, or undefined when there would be none to use. */
  static create(threads: number): ScanPool | undefined {
    return threads > 0 && built ? new ScanPool(threads) : undefined;
  }

  /** Whether a scan sent now would start at once (workers not yet started count as idle). */
  get idle(): boolean {
    return !this.spawned || this.idleWorkers.length > 0;
  }

  /** Scans a segment in a worker; the workers start with the first scan, as most logs are small. */
  scan(job: ScanJob): Promise<WorkerReply> {
    if (!this.spawned) {
      this.spawned = true;
      for (let i = 0; i < this.threads; i++) this.idleWorkers.push(this.spawn());
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.next();
    });
  }

  async close(): Promise<void> {
    const workers = [...this.idleWorkers, ...this.busy.keys()];
    this.idleWorkers.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_URL, { execArgv: builtExecArgv() });
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      this.idleWorkers.push(worker);
      pending?.resolve(reply);
      this.next();
    });
    worker.on('error', (err) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      const idleAt = this.idleWorkers.indexOf(worker);
      if (idleAt >= 0) this.idleWorkers.splice(idleAt, 1);
      pending?.reject(err);
      // With no worker left, nothing would ever take what is queued.
      if (this.idleWorkers.length + this.busy.size === 0) for (const queued of this.queue.splice(0)) queued.reject(err);
    });
    return worker;
  }

  private next(): void {
    while (this.idleWorkers.length > 0 && this.queue.length > 0) {
      const worker = this.idleWorkers.pop()!;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage(pending.job);
    }
  }
}
