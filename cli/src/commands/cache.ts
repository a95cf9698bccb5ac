// felix cache get|put|del <cache> <key>: one request each. A get that finds nothing exits with
// EXIT_MISS so a script can tell "absent" from "failed".
import { readFileSync } from 'node:fs';
import { type ConnectionFlags, openClient } from '../connection.js';
import { decodeArgument, type Encoding, encodeForOutput } from '../encoding.js';
import { EXIT_MISS } from '../errors.js';

export interface CacheFlags extends ConnectionFlags {
  encoding: Encoding;
}

export interface PutFlags extends CacheFlags {
  ttl?: number;
}

/** Exit code of the command; output goes to stdout (the value) and stderr (what happened). */
export async function cacheGet(cache: string, key: string, flags: CacheFlags): Promise<number> {
  const client = await openClient(flags);
  try {
    const value = await client.get(cache, key);
    if (value === null) {
      process.stderr.write(`miss: ${key} is not in ${flags.namespace}/${cache}\n`);
      return EXIT_MISS;
    }
    process.stdout.write(`${encodeForOutput(value, flags.encoding)}\n`);
    return 0;
  } finally {
    await client.close();
  }
}

export async function cachePut(
  cache: string,
  key: string,
  value: string | undefined,
  flags: PutFlags,
): Promise<number> {
  // Without a value argument the value is all of stdin, as it is (a file, a pipe).
  const bytes =
    value === undefined
      ? flags.encoding === 'utf8'
        ? new Uint8Array(readFileSync(0))
        : decodeArgument(readFileSync(0, 'utf8').trim(), flags.encoding)
      : decodeArgument(value, flags.encoding);
  const client = await openClient(flags);
  try {
    await client.put(cache, key, bytes, flags.ttl === undefined ? {} : { ttlMs: flags.ttl });
    return 0;
  } finally {
    await client.close();
  }
}

export async function cacheDelete(cache: string, key: string, flags: CacheFlags): Promise<number> {
  const client = await openClient(flags);
  try {
    const held = await client.delete(cache, key);
    process.stderr.write(held === null ? `${key} was not set\n` : `deleted ${key}\n`);
    return 0;
  } finally {
    await client.close();
  }
}
