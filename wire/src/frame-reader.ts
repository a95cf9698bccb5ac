// Turns a byte stream (chunks as they arrive from a socket) into whole frames. A frame that
// arrives inside one chunk is returned as a view of it; only frames split across chunks are
// copied, into a buffer sized from a header that has already passed every check.
import { DEFAULT_MAX_FRAME_PAYLOAD, HEADER_OFFSETS, HEADER_SIZE } from './generated/protocol.js';
import { type FrameHeader, readHeader } from './header.js';
import { WireError } from './wire-error.js';

export interface RawFrame {
  flags: number;
  payload: Uint8Array;
  /** Set only under skipBadFlags: the header's flags were refused, and the payload was skipped. */
  error?: WireError;
}

export interface FrameReaderOptions {
  /** Largest payload accepted; larger declared lengths throw frame_too_large at once. */
  maxPayload?: number;
  /**
   * A header whose only fault is its flags (unknown_flags, invalid_flags) still declares a
   * length the reader can trust, so the frame can be skipped and the stream read on, as
   * upstream's broker does: such a frame comes back with `error` set instead of throwing.
   */
  skipBadFlags?: boolean;
}

/** Header faults that leave the declared length readable, so the frame can be stepped over. */
const FLAG_FAULTS: ReadonlySet<string> = new Set(['unknown_flags', 'invalid_flags']);

export class FrameReader {
  private readonly maxPayload: number;
  private readonly skipBadFlags: boolean;
  private chunks: Uint8Array[] = [];
  private head = 0; // read position inside chunks[0]
  private available = 0;
  private header: (FrameHeader & { error?: WireError }) | undefined;
  private failed: WireError | undefined;

  constructor(options: FrameReaderOptions = {}) {
    this.maxPayload = options.maxPayload ?? DEFAULT_MAX_FRAME_PAYLOAD;
    this.skipBadFlags = options.skipBadFlags ?? false;
  }

  /** Bytes received but not yet returned as frames. */
  get buffered(): number {
    return this.available;
  }

  /**
   * The frame whose header has been read but whose payload has not all arrived: its whole size
   * and how much of it is here (both counting the header). Undefined between frames.
   */
  get unfinished(): { size: number; received: number } | undefined {
    if (!this.header) return undefined;
    const size = HEADER_SIZE + this.header.length;
    return { size, received: Math.min(size, HEADER_SIZE + this.available) };
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
  }

  /**
   * The next whole frame, or undefined until more bytes arrive. Throws WireError on a bad
   * header; the stream cannot be resynchronised after that, so every later call throws too.
   */
  next(): RawFrame | undefined {
    if (this.failed) throw this.failed;
    if (!this.header) {
      if (this.available < HEADER_SIZE) return undefined;
      const head = this.take(HEADER_SIZE);
      try {
        this.header = readHeader(head, 0, this.maxPayload);
      } catch (err) {
        const skipped = err instanceof WireError && this.skippable(head, err);
        if (!skipped) {
          if (err instanceof WireError) this.failed = err;
          throw err;
        }
        this.header = skipped;
      }
    }
    const { flags, length, error } = this.header;
    if (this.available < length) return undefined;
    this.header = undefined;
    return error ? { flags, payload: this.take(length), error } : { flags, payload: this.take(length) };
  }

  /** The header of a frame to step over, when `err` is a flags fault and skipping is on. */
  private skippable(head: Uint8Array, err: WireError): (FrameHeader & { error: WireError }) | undefined {
    if (!this.skipBadFlags || !FLAG_FAULTS.has(err.code)) return undefined;
    const at = HEADER_OFFSETS.length;
    const length = ((head[at] << 24) | (head[at + 1] << 16) | (head[at + 2] << 8) | head[at + 3]) >>> 0;
    // Too large to skip without holding it: the stream is given up, as for any bad header.
    if (length > this.maxPayload) return undefined;
    const flags = (head[HEADER_OFFSETS.flags] << 8) | head[HEADER_OFFSETS.flags + 1];
    return { flags, length, error: err };
  }

  /** Every frame that is complete now. */
  *frames(): Generator<RawFrame> {
    for (let f = this.next(); f; f = this.next()) yield f;
  }

  private take(n: number): Uint8Array {
    const first = this.chunks[0];
    if (n === 0) return new Uint8Array(0);
    if (first.length - this.head >= n) {
      const view = first.subarray(this.head, this.head + n);
      this.advance(n);
      return view;
    }
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0];
      const part = Math.min(n - filled, chunk.length - this.head);
      out.set(chunk.subarray(this.head, this.head + part), filled);
      filled += part;
      this.advance(part);
    }
    return out;
  }

  private advance(n: number): void {
    this.head += n;
    this.available -= n;
    if (this.head === this.chunks[0].length) {
      this.chunks.shift();
      this.head = 0;
    }
  }
}
