// Bookkeeping of the queue workload, the same for every system: each record carries its publish
// time and a sequence number; an acknowledgement the server confirmed is matched to its record
// once (a second one for the same record is a duplicate, counted but not measured again), and
// the publisher is told how far ahead of the acknowledgements it may run.

/** Bytes at the start of a record that the ledger writes: publish time (hrtime, ns) and sequence. */
export const STAMP_BYTES = 12;

export class AckLedger {
  /** Records stamped so far. */
  published = 0;
  /** Records acknowledged at least once. */
  acked = 0;
  /** Acknowledgements of a record acknowledged before. */
  duplicates = 0;
  private seen = new Uint8Array(1 << 16);
  private samples: number[] | undefined;

  /** `window`: records published and not yet acknowledged, at most. */
  constructor(readonly window: number) {}

  /** How many more records may be published now. */
  credit(): number {
    return Math.max(0, this.window - (this.published - this.acked));
  }

  /** Fills in a record's stamp: publish time `now` and the next sequence number. */
  stamp(payload: Uint8Array, now: bigint): void {
    if (payload.length < STAMP_BYTES) throw new RangeError(`a record needs ${STAMP_BYTES} bytes for its stamp`);
    const view = new DataView(payload.buffer, payload.byteOffset, STAMP_BYTES);
    view.setBigUint64(0, now);
    view.setUint32(8, this.published++);
  }

  /** The server confirmed an acknowledgement of `payload` at `now`. */
  ack(payload: Uint8Array, now: bigint): void {
    const view = new DataView(payload.buffer, payload.byteOffset, STAMP_BYTES);
    const seq = view.getUint32(8);
    if (seq >= this.published) throw new Error(`acknowledged record ${seq} was never published`);
    if (seq >= this.seen.length * 8) {
      const grown = new Uint8Array(Math.max(this.seen.length * 2, (seq >> 3) + 1));
      grown.set(this.seen);
      this.seen = grown;
    }
    const bit = 1 << (seq & 7);
    if (this.seen[seq >> 3] & bit) {
      this.duplicates++;
      return;
    }
    this.seen[seq >> 3] |= bit;
    this.acked++;
    this.samples?.push(Number(now - view.getBigUint64(0)) / 1000);
  }

  /** Starts recording publish→ack latency, µs, of every record first acknowledged from now on. */
  measure(): void {
    this.samples = [];
  }

  /** Stops recording and hands over what was recorded. */
  stopMeasuring(): number[] {
    const samples = this.samples ?? [];
    this.samples = undefined;
    return samples;
  }

  /** Every published record acknowledged. */
  get drained(): boolean {
    return this.acked === this.published;
  }
}
