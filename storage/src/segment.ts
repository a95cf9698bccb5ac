// A segment as the engine tracks it in memory, and the file operations on whole segments:
// creating one (its header durable before any record can land in it), truncating and deleting.
import { join } from 'node:path';
import { ioError } from './errors.js';
import { type FileOps, type StorageFile, writeFileAtomically } from './file-ops.js';
import { FORMAT, indexName, segmentHeaderBytes, segmentName } from './format.js';
import { SparseIndex } from './sparse-index.js';

export interface Segment {
  /** The number in its file names. */
  id: number;
  baseOffset: number;
  createdAtMicros: number;
  path: string;
  indexPath: string;
  /** Bytes of the file that hold committed records, the header included: what readers may read. */
  size: number;
  /** Offset the next record of this segment would carry (baseOffset when it is empty). */
  nextOffset: number;
  /** Timestamp of its newest record, for retention by age. */
  newestTimestampMicros: number | undefined;
  index: SparseIndex;
}

export function segmentPaths(dir: string, id: number): { path: string; indexPath: string } {
  return { path: join(dir, segmentName(id)), indexPath: join(dir, indexName(id)) };
}

export function hasRecords(segment: Segment): boolean {
  return segment.nextOffset > segment.baseOffset;
}

/**
 * Creates segment `id` starting at `baseOffset` and opens it for appending. The header goes
 * through a temporary file, synced and renamed, so a crash leaves either no segment or one whose
 * header is whole: header damage is therefore never a torn write, as the format's rules assume.
 */
export async function createSegment(
  ops: FileOps,
  dir: string,
  id: number,
  baseOffset: number,
  createdAtMicros: number,
  indexSpacingBytes: number,
  shard: string,
): Promise<{ segment: Segment; file: StorageFile }> {
  const { path, indexPath } = segmentPaths(dir, id);
  try {
    await writeFileAtomically(ops, dir, path, segmentHeaderBytes(baseOffset, createdAtMicros));
  } catch (err) {
    throw ioError('create_segment', err, { shard, segment: id, path, position: 0 });
  }
  let file: StorageFile;
  try {
    file = await ops.open(path, 'r+');
  } catch (err) {
    throw ioError('open', err, { shard, segment: id, path });
  }
  return {
    segment: {
      id,
      baseOffset,
      createdAtMicros,
      path,
      indexPath,
      size: FORMAT.segmentHeaderBytes,
      nextOffset: baseOffset,
      newestTimestampMicros: undefined,
      index: new SparseIndex(indexSpacingBytes),
    },
    file,
  };
}

/** Cuts a segment file at `length` and makes the cut durable. */
export async function truncateSegmentFile(ops: FileOps, path: string, length: number): Promise<void> {
  const file = await ops.open(path, 'r+');
  try {
    await file.truncate(length);
    await file.datasync();
  } finally {
    await file.close();
  }
}

/** Deletes a segment's index, then its data: a crash between leaves a segment whose index is rebuilt. */
export async function deleteSegmentFiles(ops: FileOps, paths: { path: string; indexPath: string }): Promise<void> {
  await ops.unlink(paths.indexPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await ops.unlink(paths.path);
}
