// The record scan of one segment at recovery, as plain data in and out, so that it runs the
// same in the opening thread or in a worker thread (scan-pool.ts): the records after the
// header are walked, the sparse index rebuilt, and the first bad record described.
import type { StorageFile } from './file-ops.js';
import { formatErrorDetail } from './format.js';
import { walkSegment } from './segment-walk.js';
import { SparseIndex, type SparseIndexState } from './sparse-index.js';

export interface ScanJob {
  path: string;
  /** File position of the first record. */
  from: number;
  /** The file's size when it was opened. */
  fileEnd: number;
  firstOffset: number;
  windowBytes: number;
  indexSpacingBytes: number;
}

export interface ScanOutcome {
  /** File position after the last good record. */
  position: number;
  nextOffset: number;
  records: number;
  newestTimestampMicros: number | undefined;
  index: SparseIndexState;
  /** The first bad record: the codec's error, taken apart so it can cross threads. */
  bad?: { code: string; field: string; position: number; detail: string };
  /** A record whose timestamp a JavaScript number cannot hold exactly. */
  unsafeTimestamp?: { micros: number; position: number };
}

export async function scanRecords(file: StorageFile, job: ScanJob): Promise<ScanOutcome> {
  const index = new SparseIndex(job.indexSpacingBytes);
  let records = 0;
  let newestTimestampMicros: number | undefined;
  let unsafeTimestamp: ScanOutcome['unsafeTimestamp'];
  const walked = await walkSegment(
    file,
    job.from,
    job.fileEnd,
    job.firstOffset,
    job.windowBytes,
    (offset, position, size, timestampMicros) => {
      if (unsafeTimestamp) return;
      if (timestampMicros > Number.MAX_SAFE_INTEGER) {
        unsafeTimestamp = { micros: timestampMicros, position };
        return;
      }
      index.observe(offset, position, size);
      newestTimestampMicros = timestampMicros;
      records++;
    },
  );
  const outcome: ScanOutcome = {
    position: walked.position,
    nextOffset: walked.nextOffset,
    records,
    newestTimestampMicros,
    index: index.state(),
    unsafeTimestamp,
  };
  if (walked.bad) {
    const { code, field } = walked.bad;
    outcome.bad = { code, field, position: walked.position, detail: formatErrorDetail(walked.bad) };
  }
  return outcome;
}
