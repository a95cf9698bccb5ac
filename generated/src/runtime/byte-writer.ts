// generated — do not edit; edit spec/ and run `npm run generate`
// source: codegen/runtime/byte-writer.ts
// Writes a frame into one exactly-sized buffer: callers measure first, then write.
import { HEADER_SIZE, MAGIC, WIRE_VERSION } from '../constants.js';

export class ByteWriter {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  pos = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  header(flags: number, length: number): void {
    this.view.setUint32(0, MAGIC);
    this.view.setUint16(4, WIRE_VERSION);
    this.view.setUint16(6, flags);
    this.view.setUint32(8, length);
    this.pos = HEADER_SIZE;
  }

  u8(v: number): void {
    this.view.setUint8(this.pos, v);
    this.pos += 1;
  }

  u16(v: number): void {
    this.view.setUint16(this.pos, v);
    this.pos += 2;
  }

  u32(v: number): void {
    this.view.setUint32(this.pos, v);
    this.pos += 4;
  }

  u64(v: bigint): void {
    this.view.setBigUint64(this.pos, v);
    this.pos += 8;
  }

  raw(b: Uint8Array): void {
    this.bytes.set(b, this.pos);
    this.pos += b.length;
  }
}
