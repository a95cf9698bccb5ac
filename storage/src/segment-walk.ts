// Checks every record of a segment file front to back, for recovery. The bytes come through a
// window of bounded size, and the next window's read is in flight while the records of this one
// are checked, so the disk (or the page-cache copy, on the thread pool) and the checksums run at
// the same time. Records are checked by the codec's walker, which allocates nothing per record.
import { readInto, type StorageFile } from './file-ops.js';
import { FORMAT, isStorageFormatError, type StorageFormatError, walkRecords } from './format.js';

/** Called for each good record, in order; `position` is the record's file position. */
export type WalkedRecord = (offset: number, position: number, size: number, timestampMicros: number) => void;

export interface SegmentWalk {
  /** File position after the last good record. */
  position: number;
  /** Offset the next record would carry. */
  nextOffset: number;
  /** The first bad record, when there is one; its position is `position`. */
  bad?: StorageFormatError;
}

/**
 * Bytes kept free in front of each read-ahead (at most a quarter of the window), where the
 * unchecked tail of the previous window (a record cut by the window's end) is copied so it joins
 * the bytes read behind it. A longer tail is read again, in a window large enough for it.
 */
const MAX_CARRY_BYTES = 64 * 1024;

export async function walkSegment(
  file: StorageFile,
  /** File position of the first record. */
  from: number,
  /** File position where the records end (the file's size). */
  fileEnd: number,
  firstOffset: number,
  windowBytes: number,
  onRecord: WalkedRecord,
): Promise<SegmentWalk> {
  let end = fileEnd;
  let nextOffset = firstOffset;
  let position = from;
  if (position >= end) return { position, nextOffset };

  const carry = Math.min(MAX_CARRY_BYTES, windowBytes >> 2);
  const aheadBytes = windowBytes - carry;
  let spare = new Uint8Array(windowBytes);
  let current = new Uint8Array(windowBytes);
  let window = current.subarray(0, 0);
  let windowStart = position;
  let readEnd = position;
  let ahead: Promise<number> | undefined;

  const readAhead = () => {
    ahead = readEnd < end ? readInto(file, spare, carry, Math.min(aheadBytes, end - readEnd), readEnd) : undefined;
  };
  /** A window starting at `position` of `length` bytes, read now (nothing in flight). */
  const readWindow = async (length: number) => {
    if (ahead) await ahead.catch(() => 0);
    if (current.length < length) current = new Uint8Array(length);
    const got = await readInto(file, current, 0, length, position);
    if (got < length) end = position + got; // the file shrank under us: it ends where it ends
    window = current.subarray(0, got);
    windowStart = position;
    readEnd = position + got;
    readAhead();
  };

  await readWindow(Math.min(windowBytes, end - position));
  for (;;) {
    let stop: number;
    try {
      stop = walkRecords(window, 0, end - windowStart, nextOffset, (at, size, offset, timestampMicros) => {
        onRecord(offset, windowStart + at, size, timestampMicros);
        nextOffset = offset + 1;
      });
    } catch (err) {
      if (!isStorageFormatError(err) || err.position === undefined) throw err;
      return { position: windowStart + err.position, nextOffset, bad: err };
    }
    position = windowStart + stop;
    if (position >= end) return { position: end, nextOffset };
    const carried = window.length - stop;
    if (ahead && carried <= carry) {
      // The tail joins the bytes read ahead: copy it in front of them and swap the buffers.
      const got = await ahead;
      const next = spare;
      next.set(window.subarray(stop), carry - carried);
      if (got < Math.min(aheadBytes, end - readEnd)) end = readEnd + got;
      window = next.subarray(carry - carried, carry + got);
      windowStart = position;
      readEnd += got;
      spare = current;
      current = next;
      readAhead();
    } else {
      // One record is longer than what the window holds of it: read a window twice as large.
      const length = Math.min(
        end - position,
        Math.max(windowBytes, 2 * carried),
        FORMAT.recordHeaderBytes + FORMAT.maxPayloadBytes,
      );
      if (length <= carried && position + carried < end)
        throw new Error(`walkSegment: no progress at byte ${position} with a ${length}-byte window`);
      await readWindow(length);
    }
  }
}
