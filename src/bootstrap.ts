import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';
import { createMemoryCache } from './infra/memory-cache.js';
import { createMemoryFeeds } from './infra/memory-feeds.js';
import { createMemoryPubSub } from './infra/memory-pubsub.js';
import { createMemoryRateLimiter, createRedisRateLimiter } from './infra/rate-limiter.js';
import { connectRedisInfra } from './infra/redis-infra.js';
import { createLogger, type Logger } from './log.js';
import type { DatabaseHandle } from './db/connect.js';

/**
 * Builds the app context from configuration: database (migrated), rate limiter, cache, feeds and
 * pub/sub (in this process, or Redis when `REDIS_URL` is set), media folder.
 */
export async function buildAppContext(
  config: Config,
  options: { log?: Logger; database?: DatabaseHandle } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config));
  const applied = await migrate(database);
  if (applied.length) log.info('migrations applied', { applied });
  // Fails fast while Redis is away: the limiter then counts in process (see createRedisRateLimiter).
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500, retryStrategy: (n) => Math.min(n * 100, 1000) })
    : null;
  redis?.on('error', () => undefined);
  let limiterWarned = false;
  const rateLimiter = redis
    ? createRedisRateLimiter(redis, `${config.redisPrefix}rl:`, createMemoryRateLimiter(), (err) => {
        if (limiterWarned) return;
        limiterWarned = true;
        log.warn('rate limits counted in this process while Redis is unreachable', { err });
        setTimeout(() => (limiterWarned = false), 60_000).unref();
      })
    : createMemoryRateLimiter();
  const infra = config.redisUrl
    ? await connectRedisInfra(config.redisUrl, { prefix: config.redisPrefix, log })
    : memoryInfra(log);
  const mediaDir = path.resolve(config.dataDir, 'media');
  await mkdir(mediaDir, { recursive: true });
  return {
    config,
    database,
    db: database.db,
    log,
    rateLimiter,
    cache: infra.cache,
    feeds: infra.feeds,
    pubsub: infra.pubsub,
    mediaDir,
    async close() {
      // Each step swallows its own failures, so a Redis that is away cannot keep the database open.
      await infra.close();
      await rateLimiter.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await database.close();
    },
  };
}

function memoryInfra(log: Logger) {
  const cache = createMemoryCache();
  const feeds = createMemoryFeeds();
  const pubsub = createMemoryPubSub({ log: log.child('pubsub') });
  return {
    cache,
    feeds,
    pubsub,
    async close() {
      await cache.close();
      await feeds.close();
      await pubsub.close();
    },
  };
}
