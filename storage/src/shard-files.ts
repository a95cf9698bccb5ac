// What a shard's directory holds, read without changing it: the segments by number, which of
// them have an index file, and the leftovers an open would delete. Recovery lists a shard
// through this too, and then deletes the leftovers.
import { ioError } from './errors.js';
import type { FileOps } from './file-ops.js';
import { parseFileName } from './format.js';

export interface ShardListing {
  /** Segment numbers, ascending (never the order the directory lists them in). */
  segments: number[];
  /** Segment numbers that have an index file. */
  indexed: Set<number>;
  /** Files an open deletes: temporary files of unfinished atomic writes, indexes without a segment. */
  leftovers: string[];
}

export async function listShardFiles(ops: FileOps, dir: string, shard: string): Promise<ShardListing> {
  let names: string[];
  try {
    names = await ops.readdir(dir);
  } catch (err) {
    throw ioError('list', err, { shard, path: dir });
  }
  const segments = new Set<number>();
  const indexes = new Map<number, string>();
  const leftovers: string[] = [];
  for (const name of names) {
    const parsed = parseFileName(name);
    if (parsed?.kind === 'segment') segments.add(parsed.id);
    else if (parsed?.kind === 'index') indexes.set(parsed.id, name);
    else if (name.endsWith('.tmp') && parseFileName(name.slice(0, -'.tmp'.length))) leftovers.push(name);
  }
  const indexed = new Set<number>();
  for (const [id, name] of indexes) {
    if (segments.has(id)) indexed.add(id);
    else leftovers.push(name);
  }
  return { segments: [...segments].sort((a, b) => a - b), indexed, leftovers: leftovers.sort() };
}

/** Whether `dir` holds any file of a shard (a segment, an index or a leftover of one). */
export async function holdsShardFiles(ops: FileOps, dir: string): Promise<boolean> {
  const names = await ops.readdir(dir);
  return names.some((n) => parseFileName(n.endsWith('.tmp') ? n.slice(0, -'.tmp'.length) : n) !== undefined);
}
