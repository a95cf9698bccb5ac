// The file operations the engine performs, as a small interface: node:fs/promises by default,
// and a seam through which tests inject faults (a full disk, a failing fsync) or count calls.
import * as fs from 'node:fs/promises';

export interface StorageFile {
  /** Reads up to `length` bytes at `position` into `buffer` at `offset`. */
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** Writes `length` bytes of `buffer` from `offset` at file position `position`. */
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesWritten: number }>;
  /** Flushes the file's data (and the metadata needed to read it back) to stable storage. */
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  size(): Promise<number>;
  close(): Promise<void>;
}

export interface FileOps {
  /** `r`: read only; `r+`: read and write an existing file; `w`: create or empty, then write. */
  open(path: string, flags: 'r' | 'r+' | 'w'): Promise<StorageFile>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes the directory's entries (created, renamed, removed files) durable. */
  syncDirectory(dir: string): Promise<void>;
}

class NodeFile implements StorageFile {
  constructor(private readonly handle: fs.FileHandle) {}

  read(buffer: Uint8Array, offset: number, length: number, position: number) {
    return this.handle.read(buffer, offset, length, position);
  }

  write(buffer: Uint8Array, offset: number, length: number, position: number) {
    return this.handle.write(buffer, offset, length, position);
  }

  datasync() {
    return this.handle.datasync();
  }

  truncate(length: number) {
    return this.handle.truncate(length);
  }

  async size() {
    return (await this.handle.stat()).size;
  }

  close() {
    return this.handle.close();
  }
}

export const nodeFileOps: FileOps = {
  async open(path, flags) {
    return new NodeFile(await fs.open(path, flags));
  },
  readdir: (dir) => fs.readdir(dir),
  async mkdir(dir) {
    await fs.mkdir(dir, { recursive: true });
  },
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  async syncDirectory(dir) {
    // Windows cannot open a directory for syncing; its renames are durable without it.
    if (process.platform === 'win32') return;
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

/** Writes all of `bytes` at `position`, however many calls the system needs. */
export async function writeFully(file: StorageFile, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/**
 * Reads up to `length` bytes at file position `position` into `into` at `at`, however many
 * calls the system needs; returns how many it read, fewer only at the end of the file.
 */
export async function readInto(
  file: StorageFile,
  into: Uint8Array,
  at: number,
  length: number,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(into, at + done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done;
}

/** Reads up to `length` bytes at `position`; fewer only at the end of the file. */
export async function readFully(file: StorageFile, length: number, position: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  const done = await readInto(file, buffer, 0, length, position);
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Reads a whole (small) file, or undefined when it does not exist. */
export async function readWholeFile(ops: FileOps, path: string): Promise<Uint8Array | undefined> {
  let file: StorageFile;
  try {
    file = await ops.open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    return await readFully(file, await file.size(), 0);
  } finally {
    await file.close();
  }
}

/** Replaces `path` with `bytes` atomically: a temporary file, synced, renamed over it. */
export async function writeFileAtomically(ops: FileOps, dir: string, path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.tmp`;
  const file = await ops.open(temporary, 'w');
  try {
    await writeFully(file, bytes, 0);
    await file.datasync();
  } catch (err) {
    await file.close().catch(() => {});
    await ops.unlink(temporary).catch(() => {});
    throw err;
  }
  await file.close();
  await ops.rename(temporary, path);
  await ops.syncDirectory(dir);
}
