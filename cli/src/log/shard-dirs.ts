// Which shard directories a `felix log` argument names: the directory itself when it is a
// shard's (it holds segment files, or has a shard's name), else each of its subdirectories that
// is one, so a broker's durable directory can be checked as a whole.
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { holdsShardFiles, nodeFileOps, parseShardDirectoryName } from '@felix/storage';
import { UsageError } from '../errors.js';

export interface ShardDirectories {
  /** True when the argument is a shard's own directory. */
  single: boolean;
  /** The shard directories, by name. */
  shards: string[];
}

const isShardDirectory = async (dir: string) =>
  parseShardDirectoryName(basename(dir)) !== undefined || (await holdsShardFiles(nodeFileOps, dir));

export async function shardDirectories(dir: string): Promise<ShardDirectories> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(dir)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${dir}: no such directory`);
    throw err;
  }
  if (!isDirectory) throw new UsageError(`${dir}: not a directory (name a shard's directory or one holding shards)`);
  if (await isShardDirectory(dir)) return { single: true, shards: [dir] };
  const shards: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }))
    if (entry.isDirectory() && (await isShardDirectory(join(dir, entry.name)))) shards.push(join(dir, entry.name));
  if (shards.length === 0)
    throw new UsageError(
      `${dir}: holds no segment files and no shard directories (names like t1_default_orders_0-<hash>)`,
    );
  return { single: false, shards: shards.sort() };
}
