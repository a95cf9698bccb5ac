// Bounds-checked big-endian reads over a payload view. Every read names its field and the
// absolute frame offset in the error, and byte fields come back as views, never copies.
import { HEADER_SIZE } from './generated/protocol.js';
import { PayloadList } from './payload-list.js';
import { decodeUtf8 } from './utf8.js';
import { WireError } from './wire-error.js';

export class ByteReader {
  // Only u64 reads need a DataView; most frames have none, and creating one costs more than
  // the arithmetic for the narrow integers.
  private view: DataView | undefined;
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  /** Offset in the whole frame, for error messages. */
  frameOffset(): number {
    return HEADER_SIZE + this.pos;
  }

  private need(n: number, field: string): void {
    if (this.bytes.length - this.pos < n) {
      throw new WireError(
        'truncated',
        field,
        this.frameOffset(),
        `needs ${n} bytes, ${this.bytes.length - this.pos} left`,
      );
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos++];
  }

  u16(field: string): number {
    this.need(2, field);
    const b = this.bytes;
    const v = (b[this.pos] << 8) | b[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.bytes;
    const at = this.pos;
    const v = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
    this.pos += 4;
    return v;
  }

  u64(field: string): bigint {
    this.need(8, field);
    this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }

  /** u16 length + UTF-8 text, at most `limit` bytes. */
  str16(field: string, limit: number): string {
    const len = this.u16(field);
    if (len > limit)
      throw new WireError('string_too_long', field, this.frameOffset() - 2, `${len} bytes, limit ${limit}`);
    this.need(len, field);
    const at = this.frameOffset();
    const s = decodeUtf8(this.bytes.subarray(this.pos, this.pos + len), field, at);
    this.pos += len;
    return s;
  }

  /** u32 length + bytes, returned as a view into the payload. */
  bytes32(field: string): Uint8Array {
    const len = this.u32(field);
    this.need(len, field);
    const b = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }

  /**
   * u32 item count, checked against `limit` and against what the remaining bytes could hold
   * (each item is at least `minItemSize` bytes), so a lying count allocates nothing.
   */
  count32(field: string, limit: number, minItemSize: number): number {
    const count = this.u32(field);
    if (count > limit)
      throw new WireError('too_many_items', field, this.frameOffset() - 4, `${count} items, limit ${limit}`);
    if (count * minItemSize > this.bytes.length - this.pos) {
      throw new WireError(
        'truncated',
        field,
        this.frameOffset() - 4,
        `${count} items cannot fit in ${this.bytes.length - this.pos} bytes`,
      );
    }
    return count;
  }

  /**
   * u32 count + that many (u32 length + bytes) items, every length checked against the bytes
   * left, returned as a PayloadList over the payload without a view per item.
   */
  payloadList(field: string, limit: number): PayloadList {
    const count = this.count32(field, limit, 4);
    const b = this.bytes;
    const first = this.pos;
    let at = first;
    for (let i = 0; i < count; i++) {
      if (b.length - at < 4) {
        this.pos = at;
        throw new WireError('truncated', `${field}[${i}]`, this.frameOffset(), `needs 4 bytes, ${b.length - at} left`);
      }
      const len = ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
      if (b.length - at - 4 < len) {
        this.pos = at + 4;
        throw new WireError(
          'truncated',
          `${field}[${i}]`,
          this.frameOffset(),
          `needs ${len} bytes, ${b.length - at - 4} left`,
        );
      }
      at += 4 + len;
    }
    this.pos = at;
    return new PayloadList(b, first, count, at);
  }

  end(layout: string): void {
    if (this.pos !== this.bytes.length) {
      throw new WireError(
        'trailing_bytes',
        layout,
        this.frameOffset(),
        `${this.bytes.length - this.pos} bytes after the last field`,
      );
    }
  }
}
