import { Redis } from 'ioredis';
import type { AppContext } from './app-context.js';
import type { Config } from './config.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';
import { createMemoryCache } from './infra/memory-cache.js';
import { createMemoryFeeds } from './infra/memory-feeds.js';
import { createStorage } from './infra/storage-adapters.js';
import { movePrivateMediaOutOfPublicArea } from './media/private-media-migration.js';
import { createMemoryPubSub } from './infra/memory-pubsub.js';
import { createMemoryCounters } from './infra/memory-counters.js';
import { createMemoryRateLimiter, createRedisRateLimiter } from './infra/rate-limiter.js';
import { connectRedisInfra } from './infra/redis-infra.js';
import { createLogger, type Logger } from './log.js';
import type { DatabaseHandle } from './db/connect.js';
import { createMessageSealer } from './messages/message-sealer.js';
import { resolveMessageKeys } from './messages/message-keys.js';
import { sealPlaintextMessages } from './messages/resealing.js';
import { noMail, type Mailer } from './mail/mailer.js';
import { createSmtpMailer } from './mail/smtp-mailer.js';

/**
 * Builds the app context from configuration: database (migrated), rate limiter, cache, feeds and
 * pub/sub (in this process, or Redis when `REDIS_URL` is set), file storage (data folder or S3), mailer (SMTP when
 * `SMTP_URL` is set).
 */
export async function buildAppContext(
  config: Config,
  options: { log?: Logger; database?: DatabaseHandle; mailer?: Mailer } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const log = options.log ?? createLogger(config.logLevel);
  // Before the database opens: a missing key is a configuration error, reported as such.
  const messageKeys = await resolveMessageKeys(config);
  if (messageKeys.created) log.info('created the key that seals private messages; back it up with the data folder', { file: 'secrets/message-keys' });
  const sealer = createMessageSealer(messageKeys.keys);
  const database = options.database ?? (await openDatabase(config));
  const applied = await migrate(database);
  if (applied.length) log.info('migrations applied', { applied });
  const sealed = await sealPlaintextMessages(database.db, sealer);
  if (sealed) log.info('sealed private messages written before sealing existed', { count: sealed });
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
  const infra = config.redisUrl ? await redisInfra(config.redisUrl, config.redisPrefix, database, log) : memoryInfra(log);
  const storage = await createStorage(config);
  log.info('file storage', { adapter: storage.media.adapter });
  const movedMedia = await movePrivateMediaOutOfPublicArea({ db: database.db, storage });
  if (movedMedia) log.info('moved files of private messages out of the public media area', { count: movedMedia });
  const mailer = options.mailer ?? (config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : noMail);
  if (!mailer.enabled) {
    log.info('e-mail is off (SMTP_URL is not set): no password reset, confirmation or digest mails; reset a password with `npm run reset-password -- <username>`');
  }
  return {
    config,
    database,
    db: database.db,
    log,
    rateLimiter,
    cache: infra.cache,
    feeds: infra.feeds,
    pubsub: infra.pubsub,
    counters: infra.counters,
    storage,
    sealer,
    mailer,
    async close() {
      await mailer.close();
      // Each step swallows its own failures, so a Redis that is away cannot keep the database open.
      await infra.close();
      await storage.close();
      await rateLimiter.close();
      if (redis) await redis.quit().catch(() => redis.disconnect());
      await database.close();
    },
  };
}

/** Invalidations a process could not write to Redis travel through the database to the others. */
const INVALIDATION_RELAY = 'medired_cache_invalidate';
/** NOTIFY payloads must stay under 8,000 bytes. */
const RELAY_CHUNK_CHARS = 7000;

/**
 * The Redis adapters, plus a second way for invalidations: a process cut off from Redis (while
 * the others still reach it) cannot remove what they cached, e.g. the viewer of a token it just
 * revoked. It sends the keys over the database (NOTIFY); every process listening tombstones them
 * in Redis itself, so the change holds everywhere from the next request.
 */
async function redisInfra(url: string, prefix: string, database: DatabaseHandle, log: Logger) {
  const relayLog = log.child('cache');
  const infra = await connectRedisInfra(url, {
    prefix,
    log,
    onLostInvalidation: async (keys) => {
      let chunk: string[] = [];
      const send = async () => {
        if (chunk.length) await database.notify(INVALIDATION_RELAY, JSON.stringify(chunk)).catch((err: unknown) => relayLog.error('invalidation relay failed', { err }));
        chunk = [];
      };
      for (const key of keys) {
        if (JSON.stringify([...chunk, key]).length > RELAY_CHUNK_CHARS) await send();
        chunk.push(key);
      }
      await send();
    },
  });
  const stopListening = await database
    .listen(INVALIDATION_RELAY, (payload) => {
      void infra.cache.invalidateRelayed(JSON.parse(payload) as string[]);
    })
    .catch((err: unknown) => {
      relayLog.error('cannot listen for relayed invalidations', { err });
      return async () => undefined;
    });
  return {
    ...infra,
    async close() {
      await stopListening();
      await infra.close();
    },
  };
}

function memoryInfra(log: Logger) {
  const cache = createMemoryCache();
  const feeds = createMemoryFeeds();
  const pubsub = createMemoryPubSub({ log: log.child('pubsub') });
  const counters = createMemoryCounters();
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
    },
  };
}
