import type { Redis } from 'ioredis';
import { isFeedId, planReplace } from './feed-entries.js';
import type { FeedRead, FeedStore } from './infra.js';
import { ttlMs } from './memory-cache.js';
import { failOnError } from './redis-cache.js';
import { ADD_SCRIPT, READ_SCRIPT } from './redis-feed-scripts.js';
import type { RedisGeneration } from './redis-generation.js';
import { createRedisGuard } from './redis-guard.js';

/** Feeds per `add` script call: big enough for few round trips, small enough not to stall Redis. */
const ADD_BATCH = 500;
/** Members per ZADD when building a feed. */
const REPLACE_CHUNK = 1000;

interface FeedCommands {
  medirediFeedAdd(keyCount: number, ...keysAndArgs: string[]): Promise<unknown>;
  medirediFeedRead(keyCount: number, ...keysAndArgs: string[]): Promise<[string, string[]] | null>;
}

const absent: FeedRead = { present: false, ids: [], oldestKept: null };

/**
 * Feeds in Redis sorted sets, one per feed at `<prefix><generation>:f:<feed>` (see
 * `redis-feed-scripts.ts` for the layout). `add` to many feeds is one script call per 500 feeds,
 * sent together, and trims each feed in the same atomic step.
 */
export function createRedisFeeds(redis: Redis, generation: RedisGeneration, options: { prefix: string }): FeedStore {
  redis.defineCommand('medirediFeedAdd', { lua: ADD_SCRIPT });
  redis.defineCommand('medirediFeedRead', { lua: READ_SCRIPT });
  const commands = redis as unknown as FeedCommands;
  const guarded = createRedisGuard(generation);
  const feedKey = (gen: string, feed: string) => `${options.prefix}${gen}:f:${feed}`;

  return {
    async replace(feed, ids, { cap, complete, ttlSeconds }) {
      const plan = planReplace(ids, cap, complete);
      await guarded(false, undefined, async (gen) => {
        const key = feedKey(gen, feed);
        const multi = redis.multi().del(key);
        if (plan) {
          multi.zadd(key, plan.floor === null ? '0' : `-${plan.floor}`, '#');
          for (let i = 0; i < plan.ids.length; i += REPLACE_CHUNK) {
            multi.zadd(key, ...plan.ids.slice(i, i + REPLACE_CHUNK).flatMap((id) => [id, id]));
          }
          multi.pexpire(key, ttlMs(ttlSeconds));
        }
        await failOnError(multi.exec());
      });
    },
    async add(feeds, ids, { cap }) {
      const added = ids.filter(isFeedId);
      if (feeds.length === 0 || added.length === 0) return;
      await guarded(true, undefined, async (gen) => {
        const calls: Promise<unknown>[] = [];
        for (let i = 0; i < feeds.length; i += ADD_BATCH) {
          const keys = feeds.slice(i, i + ADD_BATCH).map((feed) => feedKey(gen, feed));
          calls.push(commands.medirediFeedAdd(keys.length, ...keys, String(Math.max(1, cap)), ...added));
        }
        await Promise.all(calls);
      });
    },
    async remove(feeds, ids) {
      // Only ids: never the marker.
      const gone = ids.filter(isFeedId);
      if (feeds.length === 0 || gone.length === 0) return;
      await guarded(true, undefined, async (gen) => {
        // ZREM never creates a key, so absent feeds stay absent.
        const pipeline = redis.pipeline();
        for (const feed of feeds) pipeline.zrem(feedKey(gen, feed), ...gone);
        await failOnError(pipeline.exec());
      });
    },
    async drop(feeds) {
      if (feeds.length === 0) return;
      await guarded(true, undefined, async (gen) => {
        await redis.del(...feeds.map((feed) => feedKey(gen, feed)));
      });
    },
    async read(feed, range, ttlSeconds) {
      return guarded(false, absent, async (gen) => {
        const min = range.above === undefined ? '(0' : `(${range.above}`;
        const max = range.below === undefined ? '+inf' : `(${range.below}`;
        const limit = String(Math.max(0, range.limit));
        const reply = await commands.medirediFeedRead(1, feedKey(gen, feed), String(ttlMs(ttlSeconds)), min, max, range.ascending ? '0' : '1', limit);
        if (!reply) return absent;
        const [marker, found] = reply;
        return { present: true, ids: range.limit > 0 ? found : [], oldestKept: marker === '0' ? null : marker.replace(/^-/, '') };
      });
    },
    async close() {
      // the connection belongs to `connectRedisInfra`
    },
  };
}
