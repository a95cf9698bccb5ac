// A stream's retained records: a ring buffer bounded by record count and by bytes, with
// offsets that keep counting as old records are trimmed. Payloads are copied in once per
// appended batch so the log never pins the (much larger) socket buffers they arrived in.
//
// Records live in shared slabs, and per record the ring keeps only numbers (where in which slab)
// — never an object of its own. Every retained record used to be a buffer and a view: objects
// that all survived the young-generation GC, were copied and promoted by it, and made each of
// its stop-the-world pauses (every few hundred ms at 5k msg/s) last milliseconds, which showed
// as the pub→sub latency tail. Views are made on read and die young.
//
// What the log really holds (its slabs as allocated, its ring's slots, a fixed part for the log
// and its topic) is charged to the broker's stream retention, which may take records back from
// the largest logs when the streams pool is full (see stream-retention.ts).
import { isStreamEpoch, newStreamEpoch } from './stream-epoch.js';
import type { StreamRetention } from './stream-retention.js';

/** Counted per record against the stream's own maxBytes, on top of its payload. */
export const RECORD_OVERHEAD_BYTES = 64;

/**
 * Memory of one stream whatever it holds: the log, its ring's array objects, its registry entry
 * and the topic that fans it out, as measured by broker/test/measure/memory-overhead.ts.
 */
export const STREAM_OVERHEAD_BYTES = 2304;
/** One ring slot: the slab reference (8 bytes on 64-bit Node) and two 32-bit numbers. */
export const SLOT_BYTES = 16;

/** Payload bytes per slab once a log is busy; a batch larger than this gets a slab of its own size. */
const SLAB_BYTES = 64 * 1024;
/**
 * The first slab; each next one doubles up to SLAB_BYTES. A stream that holds a few small
 * records costs little, while a busy one soon allocates full slabs.
 */
const FIRST_SLAB_BYTES = 512;
/** Ring slots allocated at first; the ring doubles up to maxRecords as the log fills. */
const INITIAL_SLOTS = 16;

const NO_SLAB = new Uint8Array(0);

export interface StreamLogLimits {
  maxRecords: number;
  maxBytes: number;
}

export interface ReadResult {
  /** Offset of payloads[0]; when records were trimmed this is after the requested offset. */
  baseOffset: number;
  payloads: Uint8Array[];
}

export class StreamLog {
  // Slot i holds a record as slabOf[i].subarray(startOf[i], startOf[i] + lengthOf[i]).
  private slabOf: (Uint8Array | undefined)[];
  private startOf: Int32Array;
  private lengthOf: Int32Array;
  private head = 0; // slot of the oldest record
  private count = 0;
  private bytes = 0;
  private firstOffset = 0;
  // The slab being filled. Records use slabs in order, so those in one slab are contiguous.
  private slab = NO_SLAB;
  private slabUsed = 0;
  private nextSlabBytes = FIRST_SLAB_BYTES;
  private charged = 0;
  private slabsCharged = 0;
  private closed = false;

  constructor(
    readonly limits: StreamLogLimits,
    private readonly retention?: StreamRetention,
    /**
     * The incarnation of the log its offsets count in. This log forgets everything when the
     * broker stops, so each one is new; a log that keeps its records passes the epoch they
     * were written in.
     */
    readonly epoch: number = newStreamEpoch(),
  ) {
    if (limits.maxRecords < 1) throw new RangeError('maxRecords must be at least 1');
    if (!isStreamEpoch(epoch)) throw new RangeError(`a stream epoch is 1 to 2^53-1, not ${epoch}`);
    const slots = Math.min(limits.maxRecords, INITIAL_SLOTS);
    this.slabOf = new Array(slots).fill(undefined);
    this.startOf = new Int32Array(slots);
    this.lengthOf = new Int32Array(slots);
    retention?.add(this);
    this.take(STREAM_OVERHEAD_BYTES + slots * SLOT_BYTES);
  }

  /** Oldest offset still retained (equal to `tail` when the log is empty). */
  get earliest(): number {
    return this.firstOffset;
  }

  /** The offset the next appended record gets. */
  get tail(): number {
    return this.firstOffset + this.count;
  }

  /** Payload plus per-record overhead, as the stream's own maxBytes counts it. */
  get retainedBytes(): number {
    return this.bytes;
  }

  get retainedRecords(): number {
    return this.count;
  }

  /** Memory charged for this log: its slabs, ring and fixed part. */
  get memoryBytes(): number {
    return this.charged;
  }

  /** The part of `memoryBytes` that evicting records can give back. */
  get slabBytes(): number {
    return this.slabsCharged;
  }

  /**
   * Makes an empty log count on from `offset` (a durable stream's log on disk goes on there).
   * Throws once the log holds a record: its offsets are taken.
   */
  startAt(offset: number): void {
    if (this.count > 0) throw new Error('the stream log holds records already');
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`a stream offset is not ${offset}`);
    this.firstOffset = offset;
  }

  /** Appends payloads in order and returns the offset of the first. */
  append(payloads: Iterable<Uint8Array>): number {
    if (this.closed) throw new Error('the stream log is closed');
    let total = 0;
    let records = 0;
    for (const p of payloads) {
      total += p.length;
      records++;
    }
    // Room first, then records: making room may evict from this log too, which must never
    // touch the slab the batch is being written to.
    this.reserveSlots(records);
    if (this.slab.length - this.slabUsed < total) this.newSlab(total);
    const base = this.tail;
    for (const p of payloads) {
      this.slab.set(p, this.slabUsed);
      this.push(this.slabUsed, p.length);
      this.slabUsed += p.length;
    }
    return base;
  }

  /**
   * Drops every record in the oldest slab still held (retiring the slab being filled when it
   * is that one) and gives the slab back. Returns the bytes given back: 0 only when the log
   * holds no slab.
   */
  evictOldestSlab(): number {
    const before = this.slabsCharged;
    while (this.slabsCharged === before && this.slabsCharged > 0) {
      if (this.count === 0) {
        this.retireSlab();
        break;
      }
      const slab = this.slabOf[this.head];
      while (this.count > 0 && this.slabOf[this.head] === slab) this.dropOldest();
      if (slab === this.slab) this.retireSlab();
    }
    return before - this.slabsCharged;
  }

  /** Drops everything and gives all its memory back (the stream is gone or the broker stops). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.slabOf = [];
    this.startOf = new Int32Array(0);
    this.lengthOf = new Int32Array(0);
    this.firstOffset += this.count;
    this.head = 0;
    this.count = 0;
    this.bytes = 0;
    this.slab = NO_SLAB;
    this.slabUsed = 0;
    this.retention?.give(this.charged);
    this.retention?.remove(this);
    this.charged = 0;
    this.slabsCharged = 0;
  }

  private take(bytes: number): void {
    this.charged += bytes;
    this.retention?.take(bytes);
  }

  private give(bytes: number): void {
    this.charged -= bytes;
    this.retention?.give(bytes);
  }

  private newSlab(total: number): void {
    this.retireSlab();
    const size = Math.max(total, Math.min(this.nextSlabBytes, this.limits.maxBytes));
    this.nextSlabBytes = Math.min(SLAB_BYTES, this.nextSlabBytes * 2);
    this.slabsCharged += size;
    this.take(size);
    this.slab = new Uint8Array(size);
  }

  /** Stops filling the current slab; gives it back unless a retained record is in it. */
  private retireSlab(): void {
    const slab = this.slab;
    this.slab = NO_SLAB;
    this.slabUsed = 0;
    const newest = this.count > 0 ? this.slabOf[(this.head + this.count - 1) % this.slabOf.length] : undefined;
    if (slab !== newest) this.giveSlab(slab);
  }

  private giveSlab(slab: Uint8Array): void {
    if (slab.length === 0) return;
    this.slabsCharged -= slab.length;
    this.give(slab.length);
  }

  /** Grows the ring so `more` records fit, up to maxRecords (beyond it the oldest are dropped). */
  private reserveSlots(more: number): void {
    const want = Math.min(this.limits.maxRecords, this.count + more);
    if (want <= this.slabOf.length) return;
    let size = this.slabOf.length;
    while (size < want) size *= 2;
    this.grow(Math.min(this.limits.maxRecords, size));
  }

  private push(start: number, length: number): void {
    if (this.count === this.slabOf.length) this.dropOldest();
    const slot = (this.head + this.count) % this.slabOf.length;
    this.slabOf[slot] = this.slab;
    this.startOf[slot] = start;
    this.lengthOf[slot] = length;
    this.count++;
    this.bytes += length + RECORD_OVERHEAD_BYTES;
    while (this.bytes > this.limits.maxBytes && this.count > 1) this.dropOldest();
  }

  /** Resizes the ring to `size` slots, oldest record first in the new one. */
  private grow(size: number): void {
    const before = this.slabOf.length;
    const slabOf = new Array<Uint8Array | undefined>(size).fill(undefined);
    const startOf = new Int32Array(size);
    const lengthOf = new Int32Array(size);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % before;
      slabOf[i] = this.slabOf[from];
      startOf[i] = this.startOf[from];
      lengthOf[i] = this.lengthOf[from];
    }
    this.slabOf = slabOf;
    this.startOf = startOf;
    this.lengthOf = lengthOf;
    this.head = 0;
    this.take((size - before) * SLOT_BYTES);
  }

  private dropOldest(): void {
    const slab = this.slabOf[this.head]!;
    this.slabOf[this.head] = undefined;
    this.bytes -= this.lengthOf[this.head] + RECORD_OVERHEAD_BYTES;
    this.head = (this.head + 1) % this.slabOf.length;
    this.count--;
    this.firstOffset++;
    // The slab's memory goes with its last record, unless it is still being filled.
    if (slab !== this.slab && (this.count === 0 || this.slabOf[this.head] !== slab)) this.giveSlab(slab);
  }

  /** Up to `maxRecords` records from `from` (clamped to what is retained), at most `maxBytes` of payload. */
  read(from: number, maxRecords: number, maxBytes = Number.POSITIVE_INFINITY): ReadResult {
    const start = Math.max(from, this.firstOffset);
    const payloads: Uint8Array[] = [];
    let bytes = 0;
    for (let offset = start; offset < this.tail && payloads.length < maxRecords; offset++) {
      const slot = (this.head + (offset - this.firstOffset)) % this.slabOf.length;
      const length = this.lengthOf[slot];
      if (payloads.length > 0 && bytes + length > maxBytes) break;
      const at = this.startOf[slot];
      payloads.push(this.slabOf[slot]!.subarray(at, at + length));
      bytes += length;
    }
    return { baseOffset: start, payloads };
  }
}
