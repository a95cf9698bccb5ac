// The payloads of a decoded batch, kept as the frame's own bytes. Decoding checks every length
// prefix once but builds no per-payload objects: a payload becomes a view only when it is read,
// which keeps a 64-payload batch's decode to one pass over 64 length fields.

export class PayloadList implements Iterable<Uint8Array> {
  private starts: Uint32Array | undefined;

  /**
   * @param bytes the buffer holding the items
   * @param first offset in `bytes` of the first item's u32 length prefix
   * @param length number of items, already checked to lie within `bytes`
   */
  constructor(
    readonly bytes: Uint8Array,
    private readonly first: number,
    readonly length: number,
    /** Offset just past the last item. */
    readonly end: number,
  ) {}

  private static readLength(b: Uint8Array, at: number): number {
    return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
  }

  [Symbol.iterator](): Iterator<Uint8Array> {
    return new PayloadIterator(this.bytes, this.first, this.length);
  }

  /** Item i (negative counts from the end), or undefined. Random access builds an index once. */
  at(i: number): Uint8Array | undefined {
    if (i < 0) i += this.length;
    if (i < 0 || i >= this.length) return undefined;
    if (!this.starts) {
      const starts = new Uint32Array(this.length);
      let at = this.first;
      for (let k = 0; k < this.length; k++) {
        starts[k] = at;
        at += 4 + PayloadList.readLength(this.bytes, at);
      }
      this.starts = starts;
    }
    const at = this.starts[i];
    return this.bytes.subarray(at + 4, at + 4 + PayloadList.readLength(this.bytes, at));
  }

  map<T>(fn: (item: Uint8Array, index: number) => T): T[] {
    const out = new Array<T>(this.length);
    let i = 0;
    for (const item of this) out[i] = fn(item, i++);
    return out;
  }

  toArray(): Uint8Array[] {
    return [...this];
  }

  /** The items with their length prefixes, exactly as on the wire (for re-encoding without a copy per item). */
  get encoded(): Uint8Array {
    return this.bytes.subarray(this.first, this.end);
  }

  /** Sum of the items' sizes. */
  get payloadBytes(): number {
    return this.end - this.first - 4 * this.length;
  }
}

/**
 * Walks a list's items. A plain iterator, not a generator: a generator's object and its
 * suspended frame were garbage on every batch published, and the result objects of an inlined
 * next() are ones the optimiser can leave unallocated.
 */
class PayloadIterator implements Iterator<Uint8Array> {
  private i = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private at: number,
    private readonly length: number,
  ) {}

  next(): IteratorResult<Uint8Array> {
    if (this.i >= this.length) return { done: true, value: undefined };
    const b = this.bytes;
    const at = this.at;
    const len = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
    this.at = at + 4 + len;
    this.i++;
    return { done: false, value: b.subarray(at + 4, at + 4 + len) };
  }
}

/** Either a decoded PayloadList or plain arrays an application builds. */
export type Payloads = PayloadList | readonly Uint8Array[];
