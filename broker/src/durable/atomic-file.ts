// Small files that must be whole or absent after a crash (the persisted registry, a stream's
// epoch): written beside their place, fsynced, renamed over it, and the rename made durable by
// fsyncing the directory. A crash leaves the old file or the new one, never half of either.
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Makes the directory's entries (files created, renamed, removed) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for syncing; its renames are durable without it.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces `path` with `data` atomically; callers writing the same path must not overlap. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dir);
}

/** Renames `from` to `to` (a file or a directory) and makes the rename durable. */
export async function renameDurably(from: string, to: string): Promise<void> {
  await rename(from, to);
  await syncDirectory(dirname(to));
}
