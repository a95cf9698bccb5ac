// A durable stream keeps its epoch (the id of this incarnation of its log, see
// core/stream-epoch.ts) in a small file beside its segments, made once when the log is first
// opened. Its offsets then mean the same records across restarts, so the epoch must too. A log
// that an explicit repair cut lost records whose offsets new records will take again: it gets a
// new epoch, so a client holding one of the old offsets is told rather than silently skipped.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isStreamEpoch, newStreamEpoch } from '../core/stream-epoch.js';
import { writeFileAtomic } from './atomic-file.js';

export const EPOCH_FILE = 'epoch';

async function readEpoch(path: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const value = /^\d{1,16}\n?$/.test(text) ? Number(text.trim()) : Number.NaN;
  // A garbled file cannot name the log's incarnation: a new epoch is the safe reading.
  return isStreamEpoch(value) ? value : undefined;
}

/** The epoch kept in `dir`, made (or made anew, when `renew`) and written when there is none. */
export async function durableEpoch(dir: string, renew: boolean): Promise<number> {
  const path = join(dir, EPOCH_FILE);
  const kept = renew ? undefined : await readEpoch(path);
  if (kept !== undefined) return kept;
  const epoch = newStreamEpoch();
  await writeFileAtomic(path, `${epoch}\n`);
  return epoch;
}
