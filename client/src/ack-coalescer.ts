// Acks and nacks of one consumer, gathered over one turn of the event loop and sent as few
// frames as can carry them: one group_ack, and one group_nack per delay, each with its offsets
// merged into inclusive ranges. Every caller's promise settles with the frame that carried its
// offset, so it resolves only once the broker confirmed that frame (group_acked).
import { LIMITS } from '@felix/generated';
import { type Deferred, deferred } from './util.js';

/** What one frame settles: ack, or nack with a delay before the records come back. */
export type Settlement = { kind: 'ack' } | { kind: 'nack'; delayMs: number };

/** One group_ack or group_nack to send. */
export interface SettleFrame {
  kind: 'ack' | 'nack';
  /** Inclusive offset ranges as pairs: first, last, first, last, … ascending and disjoint. */
  ranges: number[];
  /** For a nack: how long the broker holds the records back. */
  delayMs?: number;
}

/** Sends one frame; resolves once the broker confirmed it. */
export type SendSettle = (frame: SettleFrame) => Promise<void>;

/** Runs `flush` once the current turn of the event loop is over. */
export type Scheduler = (flush: () => void) => void;

const host = globalThis as {
  process?: { nextTick?: (f: () => void) => void };
  setImmediate?: (f: () => void) => unknown;
};

/**
 * After the current turn: a for-await loop over records already received runs in one turn (its
 * steps are promise jobs, all run before the tick queue is), so the acks it issues go out
 * together. A tick (Node, Deno) rather than setImmediate: the acks leave before the event loop
 * polls again, without waiting behind other I/O. setImmediate or a timer elsewhere.
 */
export const nextTurn: Scheduler = (flush) => {
  if (host.process?.nextTick) host.process.nextTick(flush);
  else if (host.setImmediate) host.setImmediate(flush);
  else setTimeout(flush, 0);
};

/** Sorted, de-duplicated offsets as inclusive ranges: [3, 4, 5, 9] → [3, 5, 9, 9]. */
export function offsetRanges(offsets: Iterable<number>): number[] {
  const list = Array.isArray(offsets) ? (offsets as number[]) : [...offsets];
  // Records are mostly acked in the order they came: ascending offsets need no sorting.
  let ascending = true;
  for (let i = 1; i < list.length && ascending; i++) ascending = list[i - 1] < list[i];
  const sorted = ascending ? list : [...new Set(list)].sort((a, b) => a - b);
  const ranges: number[] = [];
  for (const offset of sorted) {
    const last = ranges.length - 1;
    if (last > 0 && ranges[last] === offset - 1) ranges[last] = offset;
    else ranges.push(offset, offset);
  }
  return ranges;
}

/** Ranges cut into pieces a frame may carry (a ranges list holds at most `maxItems` numbers). */
export function splitRanges(ranges: readonly number[], maxItems: number = LIMITS.batch_max_items): number[][] {
  const perFrame = Math.max(2, maxItems - (maxItems % 2));
  const pieces: number[][] = [];
  for (let i = 0; i < ranges.length; i += perFrame) pieces.push(ranges.slice(i, i + perFrame));
  return pieces;
}

/** Offsets waiting for one frame, with the one promise their callers wait on. */
interface Pending {
  settlement: Settlement;
  offsets: number[];
  done: Deferred<void>;
}

const keyOf = (s: Settlement) => (s.kind === 'ack' ? 'ack' : `nack:${s.delayMs}`);

export class AckCoalescer {
  private pending = new Map<string, Pending>();
  private scheduled = false;
  private failure: Error | undefined;

  constructor(
    private readonly send: SendSettle,
    private readonly schedule: Scheduler = nextTurn,
  ) {}

  /** Settles `offset` with the next frame of its kind; resolves when the broker confirmed it. */
  add(offset: number, settlement: Settlement): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const key = keyOf(settlement);
    let p = this.pending.get(key);
    if (!p) {
      p = { settlement, offsets: [], done: deferred<void>() };
      this.pending.set(key, p);
    }
    p.offsets.push(offset);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(this.flushNow);
    }
    // Every caller of one frame gets the same promise: it settles as that frame does.
    return p.done.promise;
  }

  /** Whether anything waits to be sent. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  private readonly flushNow = () => this.flush();

  /** Sends what is gathered now. */
  flush(): void {
    this.scheduled = false;
    const all = [...this.pending.values()];
    this.pending = new Map();
    for (const p of all) this.sendOne(p);
  }

  private sendOne(p: Pending): void {
    const { settlement } = p;
    const frames = splitRanges(offsetRanges(p.offsets)).map(
      (ranges) =>
        // A send that throws fails its callers like one that rejects.
        new Promise<void>((resolve) =>
          resolve(
            this.send({
              kind: settlement.kind,
              ranges,
              ...(settlement.kind === 'nack' && settlement.delayMs > 0 && { delayMs: settlement.delayMs }),
            }),
          ),
        ),
    );
    // Callers are not told which piece held their offset: each waits for all of them.
    const sent = frames.length === 1 ? frames[0]! : Promise.all(frames).then(() => undefined);
    sent.then(p.done.resolve, p.done.reject);
  }

  /** Refuses what waits unsent, and everything added from now on, with `error`. */
  fail(error: Error): void {
    this.failure = error;
    const all = [...this.pending.values()];
    this.pending = new Map();
    for (const p of all) p.done.reject(error);
  }
}
