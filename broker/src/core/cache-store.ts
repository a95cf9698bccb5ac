// The TTL cache: entries scoped by (tenant, namespace, cache, key), bounded in bytes with
// least-recently-used eviction, expiring lazily on access and by a periodic sweep. Entries are
// charged at their real size to the memory budget's cache pool as well, when one is given: when
// the pool has no room the least recently used entries go first, as when the cache's own bound
// (cacheMaxBytes) is reached.
import type { MemoryBudget } from './memory-budget.js';

export interface CacheStats {
  hits: number;
  misses: number;
  evictions: number;
  expirations: number;
}

export interface CacheStoreOptions {
  maxBytes: number;
  /** Clock in milliseconds; injectable so expiry can be tested without waiting. */
  now?: () => number;
  /** The broker's memory budget; entries are charged to its cache pool. */
  memory?: MemoryBudget;
}

interface Entry {
  value: Uint8Array;
  expiresAt: number; // Infinity when the entry has no TTL
  bytes: number;
}

/**
 * Charged per entry on top of its key's characters and its value's bytes: the map slot, the
 * entry, the value's array object and the key string's header, as measured by
 * broker/test/measure/memory-overhead.ts (RSS per entry minus key and value; 64-bit Node 20).
 */
export const ENTRY_OVERHEAD_BYTES = 576;
/** Values up to this many bytes live inside V8's heap; larger ones get an allocation of their own. */
const IN_HEAP_VALUE_BYTES = 64;
/** What a value's own allocation costs beyond its bytes (allocator header, backing store record). */
export const OUT_OF_HEAP_VALUE_OVERHEAD_BYTES = 128;

// Keys are one byte per character unless one character needs two.
const TWO_BYTE = /[\u0100-\uffff]/;

/** What an entry under `scopeKey` holding `valueBytes` really costs. */
export function cacheEntryBytes(scopeKey: string, valueBytes: number): number {
  const keyBytes = TWO_BYTE.test(scopeKey) ? scopeKey.length * 2 : scopeKey.length;
  const valueOverhead = valueBytes > IN_HEAP_VALUE_BYTES ? OUT_OF_HEAP_VALUE_OVERHEAD_BYTES : 0;
  return keyBytes + valueBytes + valueOverhead + ENTRY_OVERHEAD_BYTES;
}

export function cacheScopeKey(tenant: string, namespace: string, cache: string, key: string): string {
  // Only names the registry holds get here, and it refuses any name with a control character:
  // no name holds a NUL, so the first three NULs end the names and the rest (which may hold
  // NULs) is the key. The joined string never collides.
  return `${tenant}\u0000${namespace}\u0000${cache}\u0000${key}`;
}

/**
 * What became of a put: stored; refused because the entry is larger than the cache could ever
 * hold; or refused because other pools hold the whole memory budget just now (worth a retry).
 */
export type CachePutResult = 'stored' | 'too_large' | 'no_memory';

export class CacheStore {
  // A Map iterates in insertion order; re-inserting on access keeps the oldest first (LRU).
  private readonly entries = new Map<string, Entry>();
  /**
   * Where eviction reads the oldest key. A Map leaves a hole for each entry deleted until it
   * next rehashes, and a fresh iterator walks every hole before the first live entry: evicting
   * from the front with a new iterator each time cost the length of that run of holes per
   * eviction — measured, 600,000 puts into a full cache held the event loop for up to 455 ms
   * per 512 puts. This iterator stays past the holes it has walked: a Map's iterator sees
   * entries deleted and added after it was made, so what it yields next is always the oldest.
   */
  private oldestKeys: Iterator<string> = this.entries.keys();
  private bytes = 0;
  private readonly now: () => number;
  private readonly memory: MemoryBudget | undefined;
  readonly stats: CacheStats = { hits: 0, misses: 0, evictions: 0, expirations: 0 };

  constructor(private readonly options: CacheStoreOptions) {
    this.now = options.now ?? Date.now;
    this.memory = options.memory;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** Stores a copy of `value`; `ttlMs` null or undefined keeps it until evicted. Returns false if it cannot fit. */
  put(scopeKey: string, value: Uint8Array, ttlMs?: number | null): CachePutResult {
    return this.putUntil(scopeKey, value, this.expiryOf(ttlMs));
  }

  /** When an entry put now with `ttlMs` expires (Infinity for none), in the cache's clock. */
  expiryOf(ttlMs?: number | null): number {
    return ttlMs === null || ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs;
  }

  /** Whether an entry of this size could ever be stored (put would answer `too_large` otherwise). */
  fits(scopeKey: string, valueBytes: number): boolean {
    const bytes = cacheEntryBytes(scopeKey, valueBytes);
    return bytes <= this.options.maxBytes && (!this.memory || bytes <= this.memory.cap('cache'));
  }

  /**
   * Stores a copy of `value` until `expiresAt` (milliseconds in the cache's clock; Infinity for
   * never): a durable cache's entries come back from its log with the expiry they were given.
   */
  putUntil(scopeKey: string, value: Uint8Array, expiresAt: number): CachePutResult {
    const bytes = cacheEntryBytes(scopeKey, value.length);
    const memory = this.memory;
    if (bytes > this.options.maxBytes || (memory && bytes > memory.cap('cache'))) return 'too_large';
    this.remove(scopeKey);
    while (this.entries.size > 0 && (this.bytes + bytes > this.options.maxBytes || !this.poolHasRoom(bytes))) {
      this.remove(this.oldestKey());
      this.stats.evictions++;
    }
    // Only when other pools hold the whole budget can an empty cache still lack room.
    if (memory && !memory.tryCharge('cache', bytes)) return 'no_memory';
    // A real copy: a decoded value is often a Buffer view of the socket's read chunk, whose
    // slice() would be a view too and keep the whole chunk alive as long as the entry.
    const copy = new Uint8Array(value.length);
    copy.set(value);
    this.entries.set(scopeKey, { value: copy, expiresAt, bytes });
    this.bytes += bytes;
    return 'stored';
  }

  /** The least recently used key; the cache must not be empty. */
  private oldestKey(): string {
    let next = this.oldestKeys.next();
    // An iterator that once reached the end stays there (the cache was emptied): start again.
    if (next.done) {
      this.oldestKeys = this.entries.keys();
      next = this.oldestKeys.next();
    }
    return next.value as string;
  }

  private poolHasRoom(bytes: number): boolean {
    return !this.memory || this.memory.room('cache') >= bytes;
  }

  get(scopeKey: string): Uint8Array | undefined {
    const entry = this.live(scopeKey);
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.entries.delete(scopeKey);
    this.entries.set(scopeKey, entry);
    return entry.value;
  }

  /** Removes a key and returns the value it held, if it was live. */
  delete(scopeKey: string): Uint8Array | undefined {
    const entry = this.live(scopeKey);
    if (entry) this.remove(scopeKey);
    return entry?.value;
  }

  /** Drops every expired entry; returns how many. Call periodically. */
  sweep(): number {
    const now = this.now();
    let n = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.remove(key);
        this.stats.expirations++;
        n++;
      }
    }
    return n;
  }

  /** Drops every entry, giving its memory back (the broker is closing). */
  clear(): void {
    this.memory?.release('cache', this.bytes);
    this.entries.clear();
    this.bytes = 0;
  }

  private live(scopeKey: string): Entry | undefined {
    const entry = this.entries.get(scopeKey);
    if (entry && entry.expiresAt <= this.now()) {
      this.remove(scopeKey);
      this.stats.expirations++;
      return undefined;
    }
    return entry;
  }

  private remove(scopeKey: string): void {
    const entry = this.entries.get(scopeKey);
    if (!entry) return;
    this.entries.delete(scopeKey);
    this.bytes -= entry.bytes;
    this.memory?.release('cache', entry.bytes);
  }
}
