// A stream's retained records: a ring buffer bounded by record count and by bytes, with
// offsets that keep counting as old records are trimmed. Payloads are copied in once per
// appended batch so the log never pins the (much larger) socket buffers they arrived in.
//
// Records live in shared slabs, and per record the ring keeps only numbers (where in which slab)
// — never an object of its own. Every retained record used to be a buffer and a view: objects
// that all survived the young-generation GC, were copied and promoted by it, and made each of
// its stop-the-world pauses (every few hundred ms at 5k msg/s) last milliseconds, which showed
// as the pub→sub latency tail. Views are made on read and die young.

/** Bytes charged per record on top of its payload, for the views and slots that hold it. */
export const RECORD_OVERHEAD_BYTES = 64;

/** Payload bytes per slab; a batch larger than this gets a slab of its own size. */
const SLAB_BYTES = 64 * 1024;
/** Ring slots allocated at first; the ring doubles up to maxRecords as the log fills. */
const INITIAL_SLOTS = 1024;

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
  private slab = new Uint8Array(0);
  private slabUsed = 0;

  constructor(readonly limits: StreamLogLimits) {
    if (limits.maxRecords < 1) throw new RangeError('maxRecords must be at least 1');
    const slots = Math.min(limits.maxRecords, INITIAL_SLOTS);
    this.slabOf = new Array(slots).fill(undefined);
    this.startOf = new Int32Array(slots);
    this.lengthOf = new Int32Array(slots);
  }

  /** Oldest offset still retained (equal to `tail` when the log is empty). */
  get earliest(): number {
    return this.firstOffset;
  }

  /** The offset the next appended record gets. */
  get tail(): number {
    return this.firstOffset + this.count;
  }

  get retainedBytes(): number {
    return this.bytes;
  }

  get retainedRecords(): number {
    return this.count;
  }

  /** Appends payloads in order and returns the offset of the first. */
  append(payloads: Iterable<Uint8Array>): number {
    const base = this.tail;
    let total = 0;
    for (const p of payloads) total += p.length;
    if (this.slab.length - this.slabUsed < total) {
      // A small log gets a small slab: a slab stays allocated while any record in it is retained.
      this.slab = new Uint8Array(Math.max(total, Math.min(SLAB_BYTES, this.limits.maxBytes)));
      this.slabUsed = 0;
    }
    for (const p of payloads) {
      this.slab.set(p, this.slabUsed);
      this.push(this.slabUsed, p.length);
      this.slabUsed += p.length;
    }
    return base;
  }

  private push(start: number, length: number): void {
    if (this.count === this.slabOf.length) {
      if (this.slabOf.length < this.limits.maxRecords) this.grow();
      else this.dropOldest();
    }
    const slot = (this.head + this.count) % this.slabOf.length;
    this.slabOf[slot] = this.slab;
    this.startOf[slot] = start;
    this.lengthOf[slot] = length;
    this.count++;
    this.bytes += length + RECORD_OVERHEAD_BYTES;
    while (this.bytes > this.limits.maxBytes && this.count > 1) this.dropOldest();
  }

  /** Doubles the ring (up to maxRecords), oldest record first in the new one. */
  private grow(): void {
    const size = Math.min(this.limits.maxRecords, this.slabOf.length * 2);
    const slabOf = new Array<Uint8Array | undefined>(size).fill(undefined);
    const startOf = new Int32Array(size);
    const lengthOf = new Int32Array(size);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) % this.slabOf.length;
      slabOf[i] = this.slabOf[from];
      startOf[i] = this.startOf[from];
      lengthOf[i] = this.lengthOf[from];
    }
    this.slabOf = slabOf;
    this.startOf = startOf;
    this.lengthOf = lengthOf;
    this.head = 0;
  }

  private dropOldest(): void {
    this.slabOf[this.head] = undefined; // the slab goes once its last record does
    this.bytes -= this.lengthOf[this.head] + RECORD_OVERHEAD_BYTES;
    this.head = (this.head + 1) % this.slabOf.length;
    this.count--;
    this.firstOffset++;
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
