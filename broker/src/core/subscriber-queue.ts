// A subscriber's outbound frames, bounded in bytes. When a subscriber cannot keep up, its
// overflow policy decides what is lost — never the publisher's time or other subscribers'.
// Frames are shared between subscribers (encoded once per batch), so only references queue.

export type OverflowPolicy = 'drop_new' | 'drop_old' | 'disconnect';

export interface QueuedFrame {
  bytes: Uint8Array;
  /** Records the frame carries, so drops can be counted in records, not frames. */
  records: number;
  /** performance.now() when the frame's first record was published, for the latency histogram. */
  queuedAt?: number;
}

export type EnqueueResult = 'queued' | 'dropped' | 'overflow_disconnect';

export class SubscriberQueue {
  private frames: QueuedFrame[] = [];
  private head = 0;
  private bytes = 0;
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

  enqueue(frame: QueuedFrame): EnqueueResult {
    const size = frame.bytes.length;
    if (this.bytes + size > this.maxBytes && this.length > 0) {
      if (this.policy === 'disconnect') return 'overflow_disconnect';
      if (this.policy === 'drop_new') {
        this.droppedRecords += frame.records;
        return 'dropped';
      }
      while (this.length > 0 && this.bytes + size > this.maxBytes) {
        const old = this.shift()!;
        this.droppedRecords += old.records;
      }
    }
    this.frames.push(frame);
    this.bytes += size;
    return 'queued';
  }

  shift(): QueuedFrame | undefined {
    if (this.head === this.frames.length) return undefined;
    const frame = this.frames[this.head]!;
    this.frames[this.head++] = undefined as unknown as QueuedFrame;
    this.bytes -= frame.bytes.length;
    // Compact now and then so the array does not grow with everything ever queued.
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
    return frame;
  }

  clear(): void {
    this.frames = [];
    this.head = 0;
    this.bytes = 0;
  }
}
