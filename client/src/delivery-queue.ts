// The records a subscription (or a group consumer) received and its reader has not read yet,
// with the signals that let the read loop pause while the reader is behind.
import type { FelixError } from './errors.js';
import { type Deferred, deferred } from './util.js';

/** One delivered record. */
export interface Delivery {
  /** Its offset in the stream; undefined only from an upstream-era broker, which sends none. */
  offset: number | undefined;
  /**
   * The epoch of the stream's log that `offset` counts in: keep it with the offset to resume
   * from there later. Undefined from a broker without stream epochs.
   */
  epoch?: number;
  /** The record's bytes (a view of the received frame: copy it to keep it past the next read). */
  payload: Uint8Array;
}

export class DeliveryQueue<T extends { payload: Uint8Array } = Delivery> {
  private items: T[] = [];
  private head = 0;
  /** Payload bytes held. */
  private bytes = 0;
  private reader: Deferred<IteratorResult<T>> | undefined;
  private room: Deferred<void> | undefined;

  constructor(private readonly limitBytes: number) {}

  get full(): boolean {
    return this.bytes >= this.limitBytes;
  }

  /** Hands the record to a reader waiting for one, or holds it. */
  push(item: T): void {
    if (this.reader) {
      const r = this.reader;
      this.reader = undefined;
      r.resolve({ value: item, done: false });
      return;
    }
    this.items.push(item);
    this.bytes += item.payload.length;
  }

  /** The oldest record held, left in place. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** The oldest record held, if any. */
  take(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head]!;
    this.items[this.head++] = undefined as unknown as T;
    this.bytes -= item.payload.length;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    // The read loop goes on once half the limit is free, not at every record taken.
    if (this.room && this.bytes < this.limitBytes / 2) this.wakeWriter();
    return item;
  }

  /** The next record pushed; one reader at a time. */
  waitForItem(): Promise<IteratorResult<T>> {
    if (this.reader) return Promise.reject(new Error('a subscription is read by one loop at a time'));
    this.reader = deferred();
    return this.reader.promise;
  }

  /** Resolves once the reader has made room, or wakeWriter() is called. */
  waitForRoom(): Promise<void> {
    this.room ??= deferred<void>();
    return this.room.promise;
  }

  /** Lets a read loop parked on waitForRoom() go on, room or not. */
  wakeWriter(): void {
    const room = this.room;
    this.room = undefined;
    room?.resolve();
  }

  /** Drops every record held. */
  clear(): void {
    this.items = [];
    this.head = 0;
    this.bytes = 0;
  }

  /** Ends a reader waiting for a record: iteration is done, or throws `failure`. */
  endReader(failure: FelixError | undefined): void {
    const r = this.reader;
    this.reader = undefined;
    if (!r) return;
    if (failure) r.reject(failure);
    else r.resolve({ value: undefined, done: true });
  }
}
