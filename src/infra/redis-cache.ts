import type { Redis } from 'ioredis';
import { TOMBSTONE_SECONDS, type Cache } from './infra.js';
import { createExpiringLru } from './lru.js';
import { ttlMs } from './memory-cache.js';
import type { RedisGeneration } from './redis-generation.js';
import { createRedisGuard } from './redis-guard.js';

/**
 * What an invalidated key holds until its tombstone expires. `fill` is `SET … NX`, so a
 * tombstone blocks it in the same atomic command; `get` reads it as a miss. Callers store
 * serialised values (JSON and the like), which never begin with a NUL character.
 */
const TOMBSTONE = '\u0000tombstone';

/** How long a versioned value read from Redis stays in the near cache at most. */
const NEAR_TTL_MS = 30_000;

/** The channel (`PubSub` name) on which invalidated keys are announced, as a JSON array. */
export const INVALIDATION_CHANNEL = 'cache.invalidate';

export interface RedisCacheOptions {
  prefix: string;
  /** Versioned values kept in this process's near cache (50,000 by default). */
  nearEntries?: number;
  tombstoneMs?: number;
  /** Publishes on a channel; used to announce invalidations. */
  publish: (channel: string, message: string) => Promise<void>;
  /**
   * Called with the keys of an invalidation that could not reach Redis, so it can take another
   * way to the other processes (the database's LISTEN/NOTIFY, see `bootstrap.ts`): they share
   * Redis, and their cached values must go although this process cannot remove them.
   */
  onLostInvalidation?: (keys: readonly string[]) => Promise<void>;
}

/** The Redis cache, and the invalidation that other processes relay (never relayed again). */
export interface RedisCache extends Cache {
  invalidateRelayed(keys: readonly string[]): Promise<void>;
}

/**
 * The cache in Redis, shared by every process. Keys are `<prefix><generation>:v:<key>`
 * (versioned) and `<prefix><generation>:m:<key>` (mutable). Versioned values never change, so the
 * hottest also stay in a bounded in-process near cache, cleared when the generation changes;
 * mutable values are always read from Redis.
 */
export function createRedisCache(redis: Redis, generation: RedisGeneration, options: RedisCacheOptions): RedisCache {
  const { prefix } = options;
  const near = createExpiringLru<string>(options.nearEntries ?? 50_000);
  const tombstoneMs = options.tombstoneMs ?? TOMBSTONE_SECONDS * 1000;
  const guarded = createRedisGuard(generation);
  /** Writes tombstones for the keys; false when Redis could not be reached. */
  const tombstone = (keys: readonly string[]) =>
    guarded(true, false, async (gen) => {
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.set(mutableKey(gen, key), TOMBSTONE, 'PX', tombstoneMs);
      await failOnError(pipeline.exec());
      return true;
    });
  const versionedKey = (gen: string, key: string) => `${prefix}${gen}:v:${key}`;
  const mutableKey = (gen: string, key: string) => `${prefix}${gen}:m:${key}`;
  generation.onChange(() => near.clear());

  return {
    async getVersioned(keys) {
      const values: (string | null)[] = keys.map((key) => near.get(key) ?? null);
      const missing = keys.filter((_, i) => values[i] === null);
      if (missing.length === 0) return values;
      const found = await guarded(false, null, (gen) => redis.mget(missing.map((key) => versionedKey(gen, key))));
      if (!found) return values;
      const expiresAt = Date.now() + NEAR_TTL_MS;
      let j = 0;
      for (let i = 0; i < keys.length; i += 1) {
        if (values[i] !== null) continue;
        const value = found[j++] ?? null;
        values[i] = value;
        if (value !== null) near.set(keys[i]!, value, expiresAt);
      }
      return values;
    },
    async setVersioned(entries, ttlSeconds) {
      if (entries.length === 0) return;
      const ms = ttlMs(ttlSeconds);
      for (const [key, value] of entries) near.set(key, value, Date.now() + Math.min(ms, NEAR_TTL_MS));
      await guarded(false, undefined, async (gen) => {
        const pipeline = redis.pipeline();
        for (const [key, value] of entries) pipeline.set(versionedKey(gen, key), value, 'PX', ms);
        await failOnError(pipeline.exec());
      });
    },
    async get(key) {
      const value = await guarded(false, null, (gen) => redis.get(mutableKey(gen, key)));
      return value === TOMBSTONE ? null : value;
    },
    async fill(key, value, ttlSeconds) {
      return guarded(false, false, async (gen) => (await redis.set(mutableKey(gen, key), value, 'PX', ttlMs(ttlSeconds), 'NX')) === 'OK');
    },
    async invalidate(keys) {
      if (keys.length === 0) return;
      if (!(await tombstone(keys))) await options.onLostInvalidation?.(keys);
      await options.publish(INVALIDATION_CHANNEL, JSON.stringify(keys));
    },
    async invalidateRelayed(keys) {
      if (keys.length) await tombstone(keys);
    },
    async close() {
      near.clear();
    },
  };
}

/** Turns the first failed command of a pipeline into a rejection (ioredis resolves with them). */
export async function failOnError(results: Promise<[Error | null, unknown][] | null>): Promise<void> {
  for (const [err] of (await results) ?? []) if (err) throw err;
}
