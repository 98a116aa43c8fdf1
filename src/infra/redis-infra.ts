import { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { CounterStore, FeedStore, PubSub } from './infra.js';
import { createRedisCounters } from './redis-counters.js';
import { createRedisCache, type RedisCache } from './redis-cache.js';
import { createRedisFeeds } from './redis-feeds.js';
import { createRedisGeneration, GENERATION_CHANNEL } from './redis-generation.js';
import { closeConnection, createRedisPubSub } from './redis-pubsub.js';

export interface RedisInfra {
  readonly cache: RedisCache;
  readonly feeds: FeedStore;
  readonly pubsub: PubSub;
  readonly counters: CounterStore;
  /** Closes the adapters and both connections; never throws. */
  close(): Promise<void>;
}

export interface RedisInfraOptions {
  /** Put before every key and channel, e.g. `medired:`. */
  prefix: string;
  log: Logger;
  /** Shorter tombstones for tests. */
  tombstoneMs?: number;
  /** How long to wait for Redis at start-up before going on without it (it may come later). */
  connectTimeoutMs?: number;
  /** See `RedisCacheOptions.onLostInvalidation`. */
  onLostInvalidation?: (keys: readonly string[]) => Promise<void>;
}

/**
 * Connects the cache, feed store and pub/sub to Redis: one connection for commands and one for
 * subscriptions, sharing one generation (see `redis-generation.ts`). The connection fails fast
 * while Redis is away (no offline queue, short command timeout), so requests fall back to the
 * database at once instead of waiting, and reconnects within a second or so of Redis' return.
 */
export async function connectRedisInfra(url: string, options: RedisInfraOptions): Promise<RedisInfra> {
  const { prefix } = options;
  const log = options.log.child('redis');
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let announce: (generation: string) => Promise<void> = async () => undefined;
  const generation = createRedisGeneration(redis, { prefix, log, announce: (g) => announce(g) });
  const pubsub = createRedisPubSub(redis, { prefix, log, onFailure: (err) => generation.failed(err, false) });
  announce = (g) => pubsub.publish(GENERATION_CHANNEL, g);
  await pubsub.subscribe(GENERATION_CHANNEL, (g) => generation.announced(g));
  pubsub.onReconnect(() => generation.resync());
  const cache = createRedisCache(redis, generation, { prefix, publish: (c, m) => pubsub.publish(c, m), ...(options.tombstoneMs ? { tombstoneMs: options.tombstoneMs } : {}), ...(options.onLostInvalidation ? { onLostInvalidation: options.onLostInvalidation } : {}) });
  const feeds = createRedisFeeds(redis, generation, { prefix });
  const counters = createRedisCounters(redis, { prefix });
  const timeout = options.connectTimeoutMs ?? 2000;
  await Promise.all([generation.ready(timeout), pubsub.ready(timeout)]);
  if (generation.current() === null) log.warn('Redis not reachable at start-up; going on without it until it is');
  return {
    cache,
    feeds,
    pubsub,
    counters,
    async close() {
      await counters.close();
      await cache.close();
      await feeds.close();
      await pubsub.close();
      generation.close();
      await closeConnection(redis);
    },
  };
}
