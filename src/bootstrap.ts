import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';
import { createMemoryRateLimiter, createRedisRateLimiter } from './infra/rate-limiter.js';
import { createLogger, type Logger } from './log.js';
import type { DatabaseHandle } from './db/connect.js';

/** Builds the app context from configuration: database (migrated), rate limiter, media folder. */
export async function buildAppContext(
  config: Config,
  options: { log?: Logger; database?: DatabaseHandle } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config));
  const applied = await migrate(database);
  if (applied.length) log.info('migrations applied', { applied });
  const redis = config.redisUrl ? new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : null;
  const rateLimiter = redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter();
  const mediaDir = path.resolve(config.dataDir, 'media');
  await mkdir(mediaDir, { recursive: true });
  return {
    config,
    database,
    db: database.db,
    log,
    rateLimiter,
    mediaDir,
    async close() {
      await rateLimiter.close();
      if (redis) await redis.quit();
      await database.close();
    },
  };
}
