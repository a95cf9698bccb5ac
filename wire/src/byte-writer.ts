// Writes a frame into one exactly-sized buffer: callers measure first, then write.
import { writeHeader } from './header.js';

// Integers are written byte by byte: a DataView per frame was an object more per frame, and for
// a frame small enough for V8 to keep in its heap, asking for its buffer moved it out. Only u64
// needs the DataView, and borrows this one.
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

export class ByteWriter {
  readonly bytes: Uint8Array;
  pos = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  header(flags: number, length: number): void {
    this.pos = writeHeader(this.bytes, 0, flags, length);
  }

  u8(v: number): void {
    this.bytes[this.pos++] = v;
  }

  u16(v: number): void {
    const b = this.bytes;
    const at = this.pos;
    b[at] = v >>> 8;
    b[at + 1] = v;
    this.pos = at + 2;
  }

  u32(v: number): void {
    const b = this.bytes;
    const at = this.pos;
    b[at] = v >>> 24;
    b[at + 1] = v >>> 16;
    b[at + 2] = v >>> 8;
    b[at + 3] = v;
    this.pos = at + 4;
  }

  u64(v: bigint): void {
    scratch.setBigUint64(0, v);
    this.bytes.set(scratchBytes, this.pos);
    this.pos += 8;
  }

  raw(b: Uint8Array): void {
    this.bytes.set(b, this.pos);
    this.pos += b.length;
  }
}
