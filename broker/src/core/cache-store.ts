// The TTL cache: entries scoped by (tenant, namespace, cache, key), bounded in bytes with
// least-recently-used eviction, expiring lazily on access and by a periodic sweep.

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
}

interface Entry {
  value: Uint8Array;
  expiresAt: number; // Infinity when the entry has no TTL
  bytes: number;
}

/** Charged per entry on top of key and value, for the map slot and bookkeeping. */
export const ENTRY_OVERHEAD_BYTES = 96;

export function cacheScopeKey(tenant: string, namespace: string, cache: string, key: string): string {
  // Only names the registry holds get here, and it refuses any name with a control character:
  // no name holds a NUL, so the first three NULs end the names and the rest (which may hold
  // NULs) is the key. The joined string never collides.
  return `${tenant}\u0000${namespace}\u0000${cache}\u0000${key}`;
}

export class CacheStore {
  // A Map iterates in insertion order; re-inserting on access keeps the oldest first (LRU).
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;
  readonly stats: CacheStats = { hits: 0, misses: 0, evictions: 0, expirations: 0 };

  constructor(private readonly options: CacheStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** Stores a copy of `value`; `ttlMs` null or undefined keeps it until evicted. Returns false if it can never fit. */
  put(scopeKey: string, value: Uint8Array, ttlMs?: number | null): boolean {
    const bytes = scopeKey.length * 2 + value.length + ENTRY_OVERHEAD_BYTES;
    if (bytes > this.options.maxBytes) return false;
    this.remove(scopeKey);
    const expiresAt = ttlMs === null || ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs;
    this.entries.set(scopeKey, { value: value.slice(), expiresAt, bytes });
    this.bytes += bytes;
    while (this.bytes > this.options.maxBytes) {
      const oldest = this.entries.keys().next().value as string;
      this.remove(oldest);
      this.stats.evictions++;
    }
    return true;
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
  }
}
