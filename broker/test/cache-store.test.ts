import { describe, expect, it } from 'vitest';
import { CacheStore, cacheEntryBytes, cacheScopeKey, ENTRY_OVERHEAD_BYTES } from '../src/core/cache-store.js';
import { MemoryBudget } from '../src/core/memory-budget.js';

const v = (s: string) => new TextEncoder().encode(s);
const k = (key: string) => cacheScopeKey('t1', 'default', 'sessions', key);
const shares = { streams: 0, subscribers: 0, cache: 0, receiving: 0, answers: 0 };

describe('CacheStore', () => {
  it('stores, reads and deletes, counting hits and misses', () => {
    const c = new CacheStore({ maxBytes: 1 << 20 });
    c.put(k('a'), v('1'));
    expect(c.get(k('a'))).toEqual(v('1'));
    expect(c.get(k('b'))).toBeUndefined();
    expect(c.delete(k('a'))).toEqual(v('1'));
    expect(c.delete(k('a'))).toBeUndefined();
    expect(c.stats).toMatchObject({ hits: 1, misses: 1 });
    expect(c.usedBytes).toBe(0);
  });

  it('keeps scopes apart', () => {
    const c = new CacheStore({ maxBytes: 1 << 20 });
    c.put(cacheScopeKey('t1', 'n', 'c', 'k'), v('a'));
    expect(c.get(cacheScopeKey('t2', 'n', 'c', 'k'))).toBeUndefined();
    expect(c.get(cacheScopeKey('t1', 'n', 'c2', 'k'))).toBeUndefined();
  });

  it('expires lazily on read and by sweep', () => {
    let now = 1000;
    const c = new CacheStore({ maxBytes: 1 << 20, now: () => now });
    c.put(k('short'), v('x'), 50);
    c.put(k('other'), v('y'), 50);
    c.put(k('forever'), v('z'), null);
    now = 1049;
    expect(c.get(k('short'))).toEqual(v('x'));
    now = 1050;
    expect(c.get(k('short'))).toBeUndefined();
    expect(c.sweep()).toBe(1);
    expect(c.stats.expirations).toBe(2);
    expect(c.get(k('forever'))).toEqual(v('z'));
  });

  it('evicts the least recently used entries to stay within its bytes', () => {
    const entry = cacheEntryBytes(k('a'), 100);
    const c = new CacheStore({ maxBytes: entry * 3 });
    for (const key of ['a', 'b', 'c']) c.put(k(key), new Uint8Array(100));
    c.get(k('a')); // a is now the most recently used
    c.put(k('d'), new Uint8Array(100));
    expect(c.get(k('b'))).toBeUndefined();
    expect(c.get(k('a'))).toBeDefined();
    expect(c.stats.evictions).toBe(1);
    expect(c.usedBytes).toBeLessThanOrEqual(entry * 3);
  });

  it('evicts in least-recently-used order across reads, overwrites, deletes and a clear', () => {
    // Room for exactly three entries: each put past them evicts one, and which one says
    // whether eviction still finds the oldest after the map has changed under it.
    const entry = cacheEntryBytes(k('a'), 1);
    const c = new CacheStore({ maxBytes: 3 * entry });
    const keys = () => ['a', 'b', 'c', 'd', 'e', 'f', 'g'].filter((x) => c.get(k(x)) !== undefined);
    for (const x of ['a', 'b', 'c']) c.put(k(x), v(x));
    c.put(k('d'), v('d')); // evicts a
    c.get(k('b')); // b is now the newest: c, d, b
    c.put(k('e'), v('e')); // evicts c
    c.put(k('d'), v('D')); // an overwrite moves d last: b, e, d
    c.delete(k('b'));
    c.put(k('f'), v('f')); // fills the hole b left: e, d, f
    c.put(k('g'), v('g')); // evicts e
    expect(c.stats.evictions).toBe(3);
    // keys() reads each, so the order changes as it goes; check membership only.
    expect(keys()).toEqual(['d', 'f', 'g']);
    c.clear();
    for (const x of ['a', 'b', 'c', 'd']) c.put(k(x), v(x)); // evicts a, after the clear
    expect(c.get(k('a'))).toBeUndefined();
    expect(['b', 'c', 'd'].every((x) => c.get(k(x)) !== undefined)).toBe(true);
    expect(c.stats.evictions).toBe(4);
  });

  it('refuses a value that could never fit', () => {
    const c = new CacheStore({ maxBytes: 100 });
    expect(c.put(k('big'), new Uint8Array(1000))).toBe('too_large');
    expect(c.size).toBe(0);
  });

  it('charges each entry its key, value and measured overhead', () => {
    expect(cacheEntryBytes(k('a'), 8)).toBe(k('a').length + 8 + ENTRY_OVERHEAD_BYTES);
    // A key with a character beyond Latin-1 is stored two bytes per character.
    expect(cacheEntryBytes(k('€'), 8)).toBe(k('€').length * 2 + 8 + ENTRY_OVERHEAD_BYTES);
    // A value past V8's in-heap size gets an allocation of its own, which costs more.
    expect(cacheEntryBytes(k('a'), 1000)).toBeGreaterThan(k('a').length + 1000 + ENTRY_OVERHEAD_BYTES);
  });

  it('evicts the least recently used entries when the cache pool is full, within its own cap', () => {
    const entry = cacheEntryBytes(k('a'), 100);
    // The pool holds three entries; the cache's own bound would hold a hundred.
    const memory = new MemoryBudget(entry * 3 + 1, { ...shares, cache: 1 });
    const c = new CacheStore({ maxBytes: entry * 100, memory });
    for (const key of ['a', 'b', 'c']) expect(c.put(k(key), new Uint8Array(100))).toBe('stored');
    expect(memory.usedBy('cache')).toBe(entry * 3);
    c.get(k('a'));
    expect(c.put(k('d'), new Uint8Array(100))).toBe('stored');
    expect(c.get(k('b'))).toBeUndefined();
    expect(c.get(k('a'))).toBeDefined();
    expect(c.stats.evictions).toBe(1);
    expect(memory.usedBy('cache')).toBe(entry * 3);
    expect(c.usedBytes).toBe(entry * 3);
  });

  it('makes room when other pools hold the budget, and refuses only what cannot fit at all', () => {
    const entry = cacheEntryBytes(k('a'), 100);
    const memory = new MemoryBudget(entry * 4, { ...shares, cache: 1, streams: 1 });
    const c = new CacheStore({ maxBytes: entry * 100, memory });
    for (const key of ['a', 'b', 'c']) c.put(k(key), new Uint8Array(100));
    memory.charge('streams', entry * 2);
    expect(c.put(k('d'), new Uint8Array(100))).toBe('stored');
    expect(c.size).toBe(2);
    expect(memory.usedBytes).toBe(entry * 4);
    // Past the pool's cap it can never fit; with the whole budget held elsewhere it cannot now.
    expect(c.put(k('huge'), new Uint8Array(entry * 5))).toBe('too_large');
    memory.charge('streams', entry * 2);
    expect(c.put(k('e'), new Uint8Array(100))).toBe('no_memory');
    expect(c.size).toBe(0);
    expect(memory.usedBy('cache')).toBe(0);
  });

  it('gives back every charge on overwrite, delete, expiry, sweep and clear', () => {
    let now = 0;
    const memory = new MemoryBudget(1 << 20, { ...shares, cache: 1 });
    const c = new CacheStore({ maxBytes: 1 << 20, memory, now: () => now });
    c.put(k('a'), v('1'));
    c.put(k('a'), v('22'));
    expect(memory.usedBy('cache')).toBe(cacheEntryBytes(k('a'), 2));
    c.delete(k('a'));
    expect(memory.usedBy('cache')).toBe(0);
    c.put(k('read'), v('x'), 10);
    c.put(k('swept'), v('x'), 10);
    c.put(k('kept'), v('x'));
    now = 10;
    expect(c.get(k('read'))).toBeUndefined();
    c.sweep();
    expect(memory.usedBy('cache')).toBe(c.usedBytes);
    c.clear();
    expect(c.size).toBe(0);
    expect(memory.usedBy('cache')).toBe(0);
  });

  it('keeps a copy of the value, not a view of the buffer it was decoded from', () => {
    const chunk = Buffer.alloc(64 * 1024, 1);
    const c = new CacheStore({ maxBytes: 1 << 20 });
    c.put(k('a'), chunk.subarray(10, 14));
    chunk.fill(2);
    const stored = c.get(k('a'))!;
    expect([...stored]).toEqual([1, 1, 1, 1]);
    expect(stored.buffer).not.toBe(chunk.buffer);
  });
});
