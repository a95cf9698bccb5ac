// Walks the records of one segment file in order through a window of bounded size, so reading
// or verifying a segment of any length holds at most one window (or one record, when a record is
// larger than the window) in memory. Every record is decoded, checksums included, by the codec.
import type { StorageErrorSite } from './errors.js';
import { readInto, type StorageFile } from './file-ops.js';
import { FORMAT, isStorageFormatError, type LogRecord, readRecord, type StorageFormatError } from './format.js';

export type CursorStep =
  | { kind: 'record'; record: LogRecord; position: number; size: number }
  | { kind: 'end' }
  /** The bytes at `position` are not the record expected there. */
  | { kind: 'bad'; error: StorageFormatError; position: number };

/** The largest window a record can need: its header and the largest payload the format allows. */
const LARGEST_RECORD = FORMAT.recordHeaderBytes + FORMAT.maxPayloadBytes;

export class RecordCursor {
  private window = new Uint8Array(0);
  private windowStart = 0;
  private windowLength = 0;
  /** The window's filled part. */
  private view = this.window;
  /** Bytes the next fill reads. */
  private wanted = 0;

  constructor(
    private readonly file: StorageFile,
    /** File position of the next record. */
    public position: number,
    /** File position where the records end (the file's size, or what is visible of it). */
    private end: number,
    /** Offset the next record must carry. */
    public nextOffset: number,
    private readonly windowBytes: number,
    private readonly site: StorageErrorSite,
  ) {}

  /**
   * The next record, the end, or the first bad record. A record's payload is a view into the
   * cursor's window, valid until the next call.
   */
  async next(): Promise<CursorStep> {
    for (;;) {
      const step = this.nextInWindow();
      if (step) return step;
      await this.fill();
    }
  }

  /**
   * What next() returns, when the window already holds it; undefined when the cursor must read
   * first. Lets a caller walk a window's records without a promise per record.
   */
  nextInWindow(): CursorStep | undefined {
    if (this.position >= this.end) return { kind: 'end' };
    const relative = this.position - this.windowStart;
    if (relative < 0 || relative >= this.windowLength) {
      this.wanted = this.windowBytes;
      return undefined;
    }
    try {
      const decoded = readRecord(this.view, relative, this.nextOffset, this.site, this.position);
      const step: CursorStep = { kind: 'record', record: decoded, position: this.position, size: decoded.size };
      this.position += decoded.size;
      this.nextOffset += 1;
      return step;
    } catch (err) {
      if (!isStorageFormatError(err)) throw err;
      // Cut short by the window rather than the file: read further and try again, with a
      // larger window when the record alone fills this one.
      if (err.code !== 'truncated' || this.windowStart + this.windowLength >= this.end)
        return { kind: 'bad', error: err, position: this.position };
      this.wanted = Math.min(
        relative === 0 ? Math.max(this.windowBytes, this.windowLength * 2) : this.windowBytes,
        LARGEST_RECORD,
      );
      return undefined;
    }
  }

  /** Reads the wanted bytes (fewer at the end) from the cursor's position into the window. */
  async fill(): Promise<void> {
    const wanted = Math.min(this.wanted, this.end - this.position);
    if (this.window.length < wanted) this.window = new Uint8Array(wanted);
    const done = await readInto(this.file, this.window, 0, wanted, this.position);
    this.windowStart = this.position;
    this.windowLength = done;
    this.view = this.window.subarray(0, done);
    // The file ends before `end` (something shrank it under us): it ends where it ends, so a
    // record cut short there is reported as truncated instead of being read for ever.
    if (done < wanted) this.end = this.position + done;
  }
}
