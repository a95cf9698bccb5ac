// Test helpers: scratch directories, a file layer that counts calls and injects faults, and a
// seeded random source whose seed failing tests print.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type FileOps, nodeFileOps, type StorageFile } from '../src/index.js';

export function scratchDir(prefix = 'felix-storage-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** For the file calling it at its top: a fresh scratch directory per call, removed after each test. */
export function useScratchDirs(): () => string {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  return () => {
    const s = scratchDir();
    cleanups.push(s.remove);
    return s.dir;
  };
}

export function systemError(code: string, message = code): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** A file operation a fault hook sees, with the path and the file position where it applies. */
export interface FileCall {
  op: 'write' | 'datasync' | 'truncate' | 'open' | 'rename' | 'unlink';
  path: string;
  position?: number;
  length?: number;
}

/**
 * node:fs/promises with hooks: `fault` may throw (or write part of a buffer first, for a write)
 * to simulate a full disk or a failing device; `beforeDatasync` may hold an fsync back; every
 * call is counted, and the largest read buffer is remembered.
 */
export class InstrumentedFileOps implements FileOps {
  fault: ((call: FileCall) => { error: Error; partialBytes?: number } | undefined) | undefined;
  beforeDatasync: ((path: string) => Promise<void>) | undefined;
  readonly calls: Record<FileCall['op'], number> = {
    write: 0,
    datasync: 0,
    truncate: 0,
    open: 0,
    rename: 0,
    unlink: 0,
  };
  /** Completed datasyncs per path. */
  readonly syncedPaths: string[] = [];
  largestReadBuffer = 0;
  largestReadLength = 0;

  constructor(private readonly inner: FileOps = nodeFileOps) {}

  private check(call: FileCall) {
    this.calls[call.op]++;
    return this.fault?.(call);
  }

  async open(path: string, flags: 'r' | 'r+' | 'w'): Promise<StorageFile> {
    const fault = this.check({ op: 'open', path });
    if (fault) throw fault.error;
    const file = await this.inner.open(path, flags);
    return {
      read: async (buffer, offset, length, position) => {
        this.largestReadBuffer = Math.max(this.largestReadBuffer, buffer.length);
        this.largestReadLength = Math.max(this.largestReadLength, length);
        return file.read(buffer, offset, length, position);
      },
      write: async (buffer, offset, length, position) => {
        const f = this.check({ op: 'write', path, position, length });
        if (f) {
          if (f.partialBytes) await file.write(buffer, offset, Math.min(f.partialBytes, length), position);
          throw f.error;
        }
        return file.write(buffer, offset, length, position);
      },
      datasync: async () => {
        await this.beforeDatasync?.(path);
        const f = this.check({ op: 'datasync', path });
        if (f) throw f.error;
        await file.datasync();
        this.syncedPaths.push(path);
      },
      truncate: async (length) => {
        const f = this.check({ op: 'truncate', path, position: length });
        if (f) throw f.error;
        return file.truncate(length);
      },
      size: () => file.size(),
      close: () => file.close(),
    };
  }

  readdir(dir: string) {
    return this.inner.readdir(dir);
  }

  mkdir(dir: string) {
    return this.inner.mkdir(dir);
  }

  async rename(from: string, to: string) {
    const f = this.check({ op: 'rename', path: to });
    if (f) throw f.error;
    return this.inner.rename(from, to);
  }

  async unlink(path: string) {
    const f = this.check({ op: 'unlink', path });
    if (f) throw f.error;
    return this.inner.unlink(path);
  }

  syncDirectory(dir: string) {
    return this.inner.syncDirectory(dir);
  }
}

/** mulberry32: a small seeded generator, so a failing case can be run again from its seed. */
export function seededRandom(seed: number): {
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
} {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)] };
}

export function payloadOf(i: number, length = 16 + (i % 40)): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let j = 0; j < length; j++) bytes[j] = (i * 31 + j * 7) & 0xff;
  return bytes;
}

/** A promise with its resolve exposed. */
export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
