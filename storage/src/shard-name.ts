// A shard directory's name read back: `<tenant>_<namespace>_<stream>_<shard>-<hash>`. The name
// renders each component lossily (any character outside A-Z, a-z, 0-9 and "-" becomes "_",
// only 32 characters are kept), so the key is only known for certain when rendering it again
// gives the same hash; otherwise the readable part is all there is.
import { type ShardKey, shardDirectoryName } from '@felix/generated/storage';

export interface ParsedShardName {
  /** `<tenant>_<namespace>_<stream>` as the name renders it. */
  readable: string;
  shard: number;
  /** The 16 hex digits of the key's FNV-1a hash. */
  hash: string;
  /** The exact key, when the name's components are the key's own (the hash confirms it). */
  key?: ShardKey;
}

const SHARD_NAME = /^([A-Za-z0-9_-]+)_(\d{1,10})-([0-9a-f]{16})$/;

/** The parts of a shard directory's name, or undefined for a name the spec's rule cannot make. */
export function parseShardDirectoryName(name: string): ParsedShardName | undefined {
  const match = SHARD_NAME.exec(name);
  if (!match) return undefined;
  const [, readable, digits, hash] = match;
  const shard = Number(digits);
  if (shard > 0xffffffff) return undefined;
  const parsed: ParsedShardName = { readable, shard, hash };
  // A "_" may be a separator or a rendered character: try every way of cutting the readable
  // part into three components and keep the one whose name (hash included) is this name.
  const parts = readable.split('_');
  for (let i = 1; i < parts.length - 1; i++)
    for (let j = i + 1; j < parts.length; j++) {
      const key = {
        tenant: parts.slice(0, i).join('_'),
        namespace: parts.slice(i, j).join('_'),
        stream: parts.slice(j).join('_'),
        shard,
      };
      if (shardDirectoryName(key) === name) return { ...parsed, key };
    }
  return parsed;
}
