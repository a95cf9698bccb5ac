// A stream's retained records: a ring buffer bounded by record count and by bytes, with
// offsets that keep counting as old records are trimmed. Payloads are copied in once per
// appended batch so the log never pins the (much larger) socket buffers they arrived in.

/** Bytes charged per record on top of its payload, for the views and slots that hold it. */
export const RECORD_OVERHEAD_BYTES = 64;

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
  private readonly slots: (Uint8Array | undefined)[];
  private head = 0; // slot of the oldest record
  private count = 0;
  private bytes = 0;
  private firstOffset = 0;

  constructor(readonly limits: StreamLogLimits) {
    if (limits.maxRecords < 1) throw new RangeError('maxRecords must be at least 1');
    this.slots = new Array(limits.maxRecords);
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
    const block = new Uint8Array(total);
    let at = 0;
    for (const p of payloads) {
      block.set(p, at);
      const view = block.subarray(at, at + p.length);
      at += p.length;
      this.push(view);
    }
    return base;
  }

  private push(record: Uint8Array): void {
    if (this.count === this.slots.length) this.dropOldest();
    this.slots[(this.head + this.count) % this.slots.length] = record;
    this.count++;
    this.bytes += record.length + RECORD_OVERHEAD_BYTES;
    while (this.bytes > this.limits.maxBytes && this.count > 1) this.dropOldest();
  }

  private dropOldest(): void {
    const record = this.slots[this.head]!;
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.slots.length;
    this.count--;
    this.firstOffset++;
    this.bytes -= record.length + RECORD_OVERHEAD_BYTES;
  }

  /** Up to `maxRecords` records from `from` (clamped to what is retained), at most `maxBytes` of payload. */
  read(from: number, maxRecords: number, maxBytes = Number.POSITIVE_INFINITY): ReadResult {
    const start = Math.max(from, this.firstOffset);
    const payloads: Uint8Array[] = [];
    let bytes = 0;
    for (let offset = start; offset < this.tail && payloads.length < maxRecords; offset++) {
      const record = this.slots[(this.head + (offset - this.firstOffset)) % this.slots.length]!;
      if (payloads.length > 0 && bytes + record.length > maxBytes) break;
      payloads.push(record);
      bytes += record.length;
    }
    return { baseOffset: start, payloads };
  }
}
