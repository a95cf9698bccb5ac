// The durable cache's log on its own: replay in write order, expiry honoured across a reopen,
// compaction once garbage outweighs live entries (and nothing lost by it), and a compaction cut
// short by a crash settled at the next open.
import { cpSync, existsSync, mkdtempSync, readdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CacheOp } from '../src/durable/cache-record.js';
import { decodeCacheOp, encodeCacheOp } from '../src/durable/cache-record.js';
import { DurableCache, type DurableCacheOptions } from '../src/durable/durable-cache.js';

const KEY = { tenant: 't1', namespace: 'default', cache: 'kv' };
const bytes = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

/** A cache's log under a fresh root, with a clock the test moves, replayed into a plain map. */
function harness(options: Partial<DurableCacheOptions> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'felix-durable-cache-'));
  const clock = { now: 1_000_000 };
  const open = async () => {
    const memory = new Map<string, { value: string; expiresAt: number }>();
    const apply = (op: CacheOp) => {
      if (op.op === 'put') memory.set(op.key, { value: str(op.value), expiresAt: op.expiresAt });
      else memory.delete(op.key);
    };
    const cache = await DurableCache.open(
      root,
      KEY,
      { fsync: { mode: 'none' }, now: () => clock.now, ...options },
      apply,
    );
    const put = (key: string, value: string, expiresAt = Number.POSITIVE_INFINITY) =>
      cache.write({ op: 'put', key, value: bytes(value), expiresAt }, () => memory.set(key, { value, expiresAt }));
    const remove = (key: string) => cache.write({ op: 'delete', key }, () => memory.delete(key));
    return { cache, memory, put, remove };
  };
  return { root, clock, open };
}

describe('cache records', () => {
  it('round-trip puts and deletes, keys in UTF-8, no expiry as 0', () => {
    const put: CacheOp = { op: 'put', key: 'ключ', value: bytes('v'), expiresAt: Number.POSITIVE_INFINITY };
    expect(decodeCacheOp(encodeCacheOp(put))).toEqual(put);
    const timed: CacheOp = { op: 'put', key: 'k', value: new Uint8Array(0), expiresAt: 1234.5 };
    expect(decodeCacheOp(encodeCacheOp(timed))).toEqual(timed);
    expect(decodeCacheOp(encodeCacheOp({ op: 'delete', key: 'k' }))).toEqual({ op: 'delete', key: 'k' });
    expect(() => decodeCacheOp(new Uint8Array(5))).toThrow(RangeError);
    const lying = encodeCacheOp({ op: 'delete', key: 'k' });
    lying[12] = 200;
    expect(() => decodeCacheOp(lying)).toThrow(/runs past its end/);
  });
});

describe('DurableCache', () => {
  it('replays what was written in order, without what expired while it was closed', async () => {
    const h = harness();
    let c = await h.open();
    await c.put('a', 'one');
    await c.put('a', 'two');
    await c.put('soon', 'x', h.clock.now + 1000);
    await c.put('later', 'y', h.clock.now + 100_000);
    await c.put('gone', 'z');
    await c.remove('gone');
    // Put, then put again with a short life: the older value must not come back either.
    await c.put('shadow', 'old');
    await c.put('shadow', 'new', h.clock.now + 1000);
    await c.cache.close();

    h.clock.now += 5000;
    c = await h.open();
    expect([...c.memory].map(([k, v]) => [k, v.value]).sort()).toEqual([
      ['a', 'two'],
      ['later', 'y'],
    ]);
    expect(c.memory.get('later')!.expiresAt).toBe(1_000_000 + 100_000);
    await c.cache.close();
  });

  it('compacts once garbage outweighs live entries, and loses nothing by it', async () => {
    const h = harness({ compactMinBytes: 16 * 1024 });
    let c = await h.open();
    for (let round = 0; round < 50; round++)
      for (let k = 0; k < 20; k++) await c.put(`k${k}`, `${round}`.padEnd(100, '.'));
    await c.put('dies', 'x', h.clock.now + 10);
    expect(c.cache.compactions).toBeGreaterThan(0);
    const { bytes } = c.cache.segmentLog.stats();
    // 20 live entries of about 150 bytes each, and at most as much garbage again before the next.
    expect(bytes).toBeLessThan(16 * 1024 + 20 * 150 * 2);
    await c.cache.close();

    h.clock.now += 100;
    c = await h.open();
    expect(c.memory.size).toBe(20);
    for (let k = 0; k < 20; k++) expect(c.memory.get(`k${k}`)!.value).toBe('49'.padEnd(100, '.'));
    await c.cache.close();
  });

  it('settles a compaction a crash cut short, whichever step it reached', async () => {
    const h = harness();
    let c = await h.open();
    await c.put('a', 'kept');
    await c.cache.close();
    const dir = c.cache.dir;

    // Crashed while writing the compacted log: the old one stays, the half-made one goes.
    cpSync(dir, `${dir}.compact`, { recursive: true });
    c = await h.open();
    expect(c.memory.get('a')!.value).toBe('kept');
    expect(existsSync(`${dir}.compact`)).toBe(false);
    await c.cache.close();

    // Crashed between moving the old log aside and moving the compacted one in.
    cpSync(dir, `${dir}.compact`, { recursive: true });
    renameSync(dir, `${dir}.old`);
    c = await h.open();
    expect(c.memory.get('a')!.value).toBe('kept');
    expect(readdirSync(h.root)).toEqual([dir.split('/').pop()]);
    await c.cache.close();
  });

  it('refuses a record that is not a cache operation, naming it', async () => {
    const h = harness();
    const c = await h.open();
    await c.cache.segmentLog.append(bytes('?'));
    await c.cache.close();
    await expect(h.open()).rejects.toThrow(/record 0 in .* is not a cache operation/);
  });
});
