// A stream's answers to its publishes, sent in the order the publishes came on it. An in-memory
// publish is answered at once; a durable one only once its log has it, which may be after later
// publishes to in-memory streams were decided: those answers wait their turn, so a peer that
// counts acks in order (upstream's do) never sees a later publish acknowledged before an
// earlier one. The bytes of durable publishes still waiting for their log are bounded per
// session, across its streams, and charged to the receiving pool: past the bound the session's
// streams stop reading.
import type { MemoryBudget } from '../../core/memory-budget.js';

/** A frame and its type, as SessionContext.send takes them; undefined when nothing is owed. */
export type Answer = { frame: Uint8Array; type: string } | undefined;

interface Slot {
  answer: Answer;
  decided: boolean;
}

/** Payload bytes of durable publishes one session may have waiting for their logs. */
export const DURABLE_PENDING_PER_SESSION_BYTES = 8 * 1024 * 1024;

/** Bytes of durable publishes waiting for their logs, over all of one session's streams. */
export class PendingPublishes {
  bytes = 0;
  /** Publishes still undecided, for drain: an append that commits must not lose its ack. */
  count = 0;
  private roomWaiters: (() => void)[] = [];

  constructor(
    private readonly memory?: MemoryBudget,
    private readonly boundBytes = DURABLE_PENDING_PER_SESSION_BYTES,
  ) {}

  add(bytes: number): void {
    this.bytes += bytes;
    this.count++;
    this.memory?.charge('receiving', bytes);
  }

  remove(bytes: number): void {
    this.bytes -= bytes;
    this.count--;
    this.memory?.release('receiving', bytes);
    if (!this.mustWait) this.wake();
  }

  /** Whether the session's streams should stop reading until earlier durable publishes are decided. */
  get mustWait(): boolean {
    return this.bytes >= this.boundBytes;
  }

  /** Resolves once `mustWait` is false. */
  room(): Promise<void> {
    if (!this.mustWait) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}

export class PublishAcks {
  private readonly slots: Slot[] = [];
  private readonly pending: PendingPublishes;
  private settledWaiters: (() => void)[] = [];

  /**
   * `pending` is the session's account when given (one per stream shares it); otherwise this
   * keeps its own, charged to `memory` against `boundBytes`. `afterLater` runs once answers
   * decided later have been sent, so a sink that holds writes can pass them on.
   */
  constructor(
    private readonly send: (frame: Uint8Array, type: string) => void,
    memory?: MemoryBudget,
    boundBytes = DURABLE_PENDING_PER_SESSION_BYTES,
    options: { pending?: PendingPublishes; afterLater?: () => void } = {},
  ) {
    this.pending = options.pending ?? new PendingPublishes(memory, boundBytes);
    this.afterLater = options.afterLater;
  }

  private readonly afterLater: (() => void) | undefined;

  /** An answer decided now: sent at once unless earlier ones still wait. */
  now(answer: Answer): void {
    if (this.slots.length === 0) {
      if (answer) this.send(answer.frame, answer.type);
      return;
    }
    this.slots.push({ answer, decided: true });
  }

  /**
   * An answer `decision` settles on, sent after every earlier one; `bytes` of payload are held
   * meanwhile. `decision` must not reject: it resolves to the answer, error answers included.
   */
  later(decision: Promise<Answer>, bytes: number): void {
    const slot: Slot = { answer: undefined, decided: false };
    this.slots.push(slot);
    this.pending.add(bytes);
    void decision.then((answer) => {
      slot.answer = answer;
      slot.decided = true;
      this.flush();
      this.afterLater?.();
      this.pending.remove(bytes);
      if (this.slots.length === 0) this.wakeSettled();
    });
  }

  /** Whether the reader should stop until earlier durable publishes are decided. */
  get mustWait(): boolean {
    return this.pending.mustWait;
  }

  /** Resolves once `mustWait` is false. */
  room(): Promise<void> {
    return this.pending.room();
  }

  /** Whether some answer is still undecided (a durable publish waiting for its log). */
  get waiting(): boolean {
    return this.slots.length > 0;
  }

  /** Bytes of durable publishes waiting for their logs. */
  get waitingBytes(): number {
    return this.pending.bytes;
  }

  /** Resolves once every answer owed has been sent (a stream the peer finished ends after it). */
  settled(): Promise<void> {
    if (this.slots.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private flush(): void {
    while (this.slots.length > 0 && this.slots[0].decided) {
      const { answer } = this.slots.shift()!;
      if (answer) this.send(answer.frame, answer.type);
    }
  }

  private wakeSettled(): void {
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const wake of waiters) wake();
  }
}
