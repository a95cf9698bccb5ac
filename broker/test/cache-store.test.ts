import { describe, expect, it } from 'vitest';
import { CacheStore, cacheScopeKey, ENTRY_OVERHEAD_BYTES } from '../src/core/cache-store.js';

const v = (s: string) => new TextEncoder().encode(s);
const k = (key: string) => cacheScopeKey('t1', 'default', 'sessions', key);

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
    const entry = k('a').length * 2 + 100 + ENTRY_OVERHEAD_BYTES;
    const c = new CacheStore({ maxBytes: entry * 3 });
    for (const key of ['a', 'b', 'c']) c.put(k(key), new Uint8Array(100));
    c.get(k('a')); // a is now the most recently used
    c.put(k('d'), new Uint8Array(100));
    expect(c.get(k('b'))).toBeUndefined();
    expect(c.get(k('a'))).toBeDefined();
    expect(c.stats.evictions).toBe(1);
    expect(c.usedBytes).toBeLessThanOrEqual(entry * 3);
  });

  it('refuses a value that could never fit', () => {
    const c = new CacheStore({ maxBytes: 100 });
    expect(c.put(k('big'), new Uint8Array(1000))).toBe(false);
    expect(c.size).toBe(0);
  });
});
