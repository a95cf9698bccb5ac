// A session's answers to its publishes, sent in the order the publishes came. An in-memory
// publish is answered at once; a durable one only once its log has it, which may be after later
// publishes to in-memory streams were decided: those answers wait their turn, so a peer that
// counts acks in order (upstream's do) never sees a later publish acknowledged before an
// earlier one. The bytes of durable publishes still waiting for their log are bounded per
// session and charged to the receiving pool: past the bound the control stream stops reading.
import type { MemoryBudget } from '../../core/memory-budget.js';

/** A frame and its type, as SessionContext.send takes them; undefined when nothing is owed. */
export type Answer = { frame: Uint8Array; type: string } | undefined;

interface Slot {
  answer: Answer;
  decided: boolean;
}

/** Payload bytes of durable publishes one session may have waiting for their logs. */
export const DURABLE_PENDING_PER_SESSION_BYTES = 8 * 1024 * 1024;

export class PublishAcks {
  private readonly slots: Slot[] = [];
  private pendingBytes = 0;
  private roomWaiters: (() => void)[] = [];

  constructor(
    private readonly send: (frame: Uint8Array, type: string) => void,
    private readonly memory?: MemoryBudget,
    private readonly boundBytes = DURABLE_PENDING_PER_SESSION_BYTES,
  ) {}

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
    this.pendingBytes += bytes;
    this.memory?.charge('receiving', bytes);
    void decision.then((answer) => {
      slot.answer = answer;
      slot.decided = true;
      this.pendingBytes -= bytes;
      this.memory?.release('receiving', bytes);
      this.flush();
      if (!this.mustWait) this.wakeWaiters();
    });
  }

  /** Whether the control stream should stop reading until earlier durable publishes are decided. */
  get mustWait(): boolean {
    return this.pendingBytes >= this.boundBytes;
  }

  /** Resolves once `mustWait` is false. */
  room(): Promise<void> {
    if (!this.mustWait) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Whether some answer is still undecided (a durable publish waiting for its log). */
  get waiting(): boolean {
    return this.slots.length > 0;
  }

  /** Bytes of durable publishes waiting for their logs. */
  get waitingBytes(): number {
    return this.pendingBytes;
  }

  private flush(): void {
    while (this.slots.length > 0 && this.slots[0].decided) {
      const { answer } = this.slots.shift()!;
      if (answer) this.send(answer.frame, answer.type);
    }
  }

  private wakeWaiters(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}
