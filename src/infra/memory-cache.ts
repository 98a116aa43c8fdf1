import { TOMBSTONE_SECONDS, type Cache } from './infra.js';
import { createExpiringLru } from './lru.js';

export interface MemoryCacheOptions {
  /** Entries kept at most (versioned and mutable together), least recently used dropped first. */
  maxEntries?: number;
  /** How long `invalidate` blocks `fill`; `TOMBSTONE_SECONDS` unless a test shortens it. */
  tombstoneMs?: number;
}

/** Milliseconds for a TTL given in (possibly fractional) seconds; at least 1. */
export const ttlMs = (ttlSeconds: number): number => Math.max(1, Math.ceil(ttlSeconds * 1000));

/**
 * The embedded cache: this process's memory, bounded by an LRU (100,000 entries by default).
 * Tombstones live in their own map so that memory pressure never evicts one early (which would
 * let a stale fill back in); there are only as many as keys invalidated in the last few seconds.
 */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const entries = createExpiringLru<string>(options.maxEntries ?? 100_000);
  const tombstones = new Map<string, number>();
  const tombstoneMs = options.tombstoneMs ?? TOMBSTONE_SECONDS * 1000;
  const blocked = (key: string): boolean => {
    const until = tombstones.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    tombstones.delete(key);
    return false;
  };
  const sweepTombstones = () => {
    const t = Date.now();
    for (const [key, until] of tombstones) if (until <= t) tombstones.delete(key);
  };
  let invalidations = 0;

  return {
    async getVersioned(keys) {
      return keys.map((key) => entries.get(`v:${key}`) ?? null);
    },
    async setVersioned(pairs, ttlSeconds) {
      const expiresAt = Date.now() + ttlMs(ttlSeconds);
      for (const [key, value] of pairs) entries.set(`v:${key}`, value, expiresAt);
    },
    async get(key) {
      return entries.get(`m:${key}`) ?? null;
    },
    async fill(key, value, ttlSeconds) {
      if (blocked(key) || entries.peek(`m:${key}`) !== undefined) return false;
      entries.set(`m:${key}`, value, Date.now() + ttlMs(ttlSeconds));
      return true;
    },
    async invalidate(keys) {
      if (++invalidations % 1000 === 0) sweepTombstones();
      const until = Date.now() + tombstoneMs;
      for (const key of keys) {
        entries.delete(`m:${key}`);
        tombstones.set(key, until);
      }
    },
    async close() {
      entries.clear();
      tombstones.clear();
    },
  };
}
