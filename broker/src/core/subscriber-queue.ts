// A subscriber's outbound frames, bounded in bytes. When a subscriber cannot keep up, its
// overflow policy decides what is lost — never the publisher's time or other subscribers'.
// Frames are shared between subscribers (encoded once per batch), so only references queue.
//
// Attached to the memory budget, queued frames are charged to its subscribers pool: a frame
// once while any queue holds it (it is one allocation however many queues refer to it), and
// each reference for its slot. When the pool has no room the overflow policy applies exactly
// as when the queue's own bound is hit.
import type { MemoryBudget } from './memory-budget.js';

export type OverflowPolicy = 'drop_new' | 'drop_old' | 'disconnect';

export interface QueuedFrame {
  bytes: Uint8Array;
  /** Records the frame carries, so drops can be counted in records, not frames. */
  records: number;
  /** performance.now() when the frame's first record was published, for the latency histogram. */
  queuedAt?: number;
  /** Attached queues holding the frame; it is charged while this is above 0. */
  holders?: number;
}

/**
 * Charged once per queued frame on top of its bytes: the frame object, its array and its
 * buffer's allocation, as measured by broker/test/measure/memory-overhead.ts.
 */
export const FRAME_OVERHEAD_BYTES = 576;
/** Charged per queue holding a frame: the reference in the queue's array. */
export const QUEUE_SLOT_BYTES = 8;

export type EnqueueResult = 'queued' | 'dropped' | 'overflow_disconnect';

export class SubscriberQueue {
  private frames: QueuedFrame[] = [];
  private head = 0;
  private bytes = 0;
  private memory: MemoryBudget | undefined;
  /** Records lost to the overflow policy so far. */
  droppedRecords = 0;

  constructor(
    readonly maxBytes: number,
    readonly policy: OverflowPolicy,
  ) {}

  get queuedBytes(): number {
    return this.bytes;
  }

  get length(): number {
    return this.frames.length - this.head;
  }

  /** Charges what this queue holds, from now on, to `memory`'s subscribers pool. */
  attach(memory: MemoryBudget): void {
    if (this.memory) return;
    this.memory = memory;
    for (let i = this.head; i < this.frames.length; i++) this.hold(this.frames[i]!);
  }

  /** Empties the queue and stops charging it. */
  detach(): void {
    this.clear();
    this.memory = undefined;
  }

  enqueue(frame: QueuedFrame): EnqueueResult {
    // An empty queue always takes one frame, so a subscriber that keeps up never loses records
    // to others' backlog filling the pool; what it can cost beyond the pool is one frame each.
    if (this.length > 0 && !this.fits(frame)) {
      if (this.policy === 'disconnect') return 'overflow_disconnect';
      if (this.policy === 'drop_new') {
        this.droppedRecords += frame.records;
        return 'dropped';
      }
      while (this.length > 0 && !this.fits(frame)) {
        const old = this.shift()!;
        this.droppedRecords += old.records;
      }
    }
    this.frames.push(frame);
    this.bytes += frame.bytes.length;
    this.hold(frame);
    return 'queued';
  }

  shift(): QueuedFrame | undefined {
    if (this.head === this.frames.length) return undefined;
    const frame = this.frames[this.head]!;
    this.frames[this.head++] = undefined as unknown as QueuedFrame;
    this.bytes -= frame.bytes.length;
    this.letGo(frame);
    // Compact now and then so the array does not grow with everything ever queued.
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return frame;
  }

  clear(): void {
    for (let i = this.head; i < this.frames.length; i++) this.letGo(this.frames[i]!);
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
  }

  private fits(frame: QueuedFrame): boolean {
    if (this.bytes + frame.bytes.length > this.maxBytes) return false;
    return !this.memory || this.memory.room('subscribers') >= this.chargeFor(frame);
  }

  private chargeFor(frame: QueuedFrame): number {
    return QUEUE_SLOT_BYTES + (frame.holders ? 0 : frame.bytes.length + FRAME_OVERHEAD_BYTES);
  }

  private hold(frame: QueuedFrame): void {
    if (!this.memory) return;
    this.memory.charge('subscribers', this.chargeFor(frame));
    frame.holders = (frame.holders ?? 0) + 1;
  }

  private letGo(frame: QueuedFrame): void {
    if (!this.memory) return;
    const holders = (frame.holders ?? 1) - 1;
    frame.holders = holders;
    this.memory.release(
      'subscribers',
      QUEUE_SLOT_BYTES + (holders === 0 ? frame.bytes.length + FRAME_OVERHEAD_BYTES : 0),
    );
  }
}
