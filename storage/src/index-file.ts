// Index files on disk. They only ever speed up a seek and are never trusted: at open each one is
// checked against the index rebuilt from its segment's verified records and rewritten when it
// differs; while appending, entries go to the active segment's index as they are made, and a
// failed index write only makes the file stale (rewritten whole at seal or close).
import { ioError, type StorageError } from './errors.js';
import { type FileOps, readWholeFile, type StorageFile, writeFileAtomically, writeFully } from './file-ops.js';
import {
  FORMAT,
  type FormatErrorCode,
  type IndexPoint,
  indexEntryBytes,
  indexEntryPosition,
  indexFileBytes,
  indexHeaderBytes,
  isStorageFormatError,
  readIndexFile,
} from './format.js';

/** Why an index file was rewritten at open. */
export type IndexRebuildReason =
  | 'missing'
  /** Readable, but its entries are not the ones the segment's records call for. */
  | 'stale'
  /** A torn last entry (a crash while appending it). */
  | 'torn'
  /** The format's error: the file does not decode. */
  | FormatErrorCode;

/**
 * Compares the index file at `path` with the entries rebuilt from its segment and rewrites it
 * when they differ. Returns why it was rewritten, or undefined when it was right.
 */
export async function reconcileIndexFile(
  ops: FileOps,
  dir: string,
  path: string,
  baseOffset: number,
  rebuilt: readonly IndexPoint[],
): Promise<IndexRebuildReason | undefined> {
  const expected = indexFileBytes(baseOffset, rebuilt);
  const reason = indexRebuildReason(await readWholeFile(ops, path), baseOffset, expected);
  if (reason === undefined) return undefined;
  await writeFileAtomically(ops, dir, path, expected);
  return reason;
}

/**
 * Why an index file's bytes (`actual`, undefined when there is no file) must be rewritten as
 * `expected`, the index rebuilt from its segment; undefined when they are already that.
 */
export function indexRebuildReason(
  actual: Uint8Array | undefined,
  baseOffset: number,
  expected: Uint8Array,
): IndexRebuildReason | undefined {
  if (actual && Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected)) return undefined;
  if (!actual) return 'missing';
  try {
    return readIndexFile(actual, baseOffset).tornBytes > 0 ? 'torn' : 'stale';
  } catch (err) {
    if (!isStorageFormatError(err)) throw err;
    return err.code;
  }
}

/**
 * Entries an index file writer holds before writing them. An entry comes every few records (4 KiB
 * of them by default), and a write of its own each time cost as much as the records' write; the
 * file may lag its segment, as a crash may leave it anyway: recovery rebuilds it.
 */
const BUFFERED_ENTRIES = 256;

/** Appends the active segment's index entries to its index file, a few hundred at a time. */
export class IndexFileWriter {
  private stale = false;
  /** Entries made but not yet written. */
  private buffered: IndexPoint[] = [];

  private constructor(
    private readonly ops: FileOps,
    private readonly dir: string,
    private readonly path: string,
    private readonly baseOffset: number,
    private file: StorageFile | undefined,
    /** Entries the file holds. */
    private entries: number,
    private readonly reportError: (err: StorageError) => void,
  ) {}

  /** Writes a fresh index file (header only) for a new segment. */
  static async create(
    ops: FileOps,
    dir: string,
    path: string,
    baseOffset: number,
    reportError: (err: StorageError) => void,
  ): Promise<IndexFileWriter> {
    const writer = new IndexFileWriter(ops, dir, path, baseOffset, undefined, 0, reportError);
    try {
      writer.file = await ops.open(path, 'w');
      await writeFully(writer.file, indexHeaderBytes(baseOffset), 0);
    } catch (err) {
      writer.fail(err);
    }
    return writer;
  }

  /** Continues an index file that holds `entries` entries (checked at open). */
  static async open(
    ops: FileOps,
    dir: string,
    path: string,
    baseOffset: number,
    entries: number,
    reportError: (err: StorageError) => void,
  ): Promise<IndexFileWriter> {
    const writer = new IndexFileWriter(ops, dir, path, baseOffset, undefined, entries, reportError);
    try {
      writer.file = await ops.open(path, 'r+');
    } catch (err) {
      writer.fail(err);
    }
    return writer;
  }

  async append(added: readonly IndexPoint[]): Promise<void> {
    if (added.length === 0 || this.stale || !this.file) return;
    for (const entry of added) this.buffered.push(entry);
    if (this.buffered.length >= BUFFERED_ENTRIES) await this.flush();
  }

  /** Writes the buffered entries. */
  async flush(): Promise<void> {
    if (this.buffered.length === 0 || this.stale || !this.file) return;
    const added = this.buffered;
    this.buffered = [];
    const bytes = new Uint8Array(added.length * FORMAT.indexEntryBytes);
    added.forEach((entry, i) => {
      bytes.set(indexEntryBytes(entry), i * FORMAT.indexEntryBytes);
    });
    try {
      await writeFully(this.file, bytes, indexEntryPosition(this.entries));
      this.entries += added.length;
    } catch (err) {
      this.fail(err);
    }
  }

  /** Drops entries past the first `entries` (their records were undone). */
  async truncate(entries: number): Promise<void> {
    if (entries >= this.entries) {
      this.buffered.length = Math.min(this.buffered.length, entries - this.entries);
      return;
    }
    this.buffered = [];
    if (this.stale || !this.file) return;
    try {
      await this.file.truncate(indexEntryPosition(entries));
      this.entries = entries;
    } catch (err) {
      this.fail(err);
    }
  }

  /** Closes the file, rewriting it from `entries` first if a write failed on the way. */
  async close(entries: readonly IndexPoint[]): Promise<void> {
    await this.flush();
    await this.file?.close().catch(() => {});
    this.file = undefined;
    if (!this.stale) return;
    try {
      await writeFileAtomically(this.ops, this.dir, this.path, indexFileBytes(this.baseOffset, entries));
    } catch (err) {
      // Still stale on disk: the next open rebuilds it from the segment.
      this.reportError(ioError('write_index', err, { path: this.path }));
    }
  }

  private fail(err: unknown): void {
    this.stale = true;
    this.reportError(ioError('write_index', err, { path: this.path }));
  }
}
