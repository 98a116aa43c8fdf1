import type { Config } from './config.js';
import type { Db, DatabaseHandle } from './db/connect.js';
import type { Cache, CounterStore, FeedStore, PubSub } from './infra/infra.js';
import type { Storage } from './infra/storage.js';
import type { RateLimiter } from './infra/rate-limiter.js';
import type { Logger } from './log.js';
import type { MessageSealer } from './messages/message-sealer.js';
import type { Mailer } from './mail/mailer.js';

/**
 * What the app is made of, built once at start-up (`main.ts`) or per test file and passed
 * into `createApp`. There is no other shared state.
 */
export interface AppContext {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly db: Db;
  readonly log: Logger;
  readonly rateLimiter: RateLimiter;
  /** Entity and lookup caches (in process, or Redis shared by every process). */
  readonly cache: Cache;
  /** Precomputed home feeds and authors' recent posts. */
  readonly feeds: FeedStore;
  /** Messages to every app process: job wake-ups, invalidations, later live updates. */
  readonly pubsub: PubSub;
  /** Batched aggregate counters (views per post and day), drained into the database by a job. */
  readonly counters: CounterStore;
  /**
   * Uploaded files: `storage.media` (public) and `storage.private` (read only through authorised
   * routes), on disk under DATA_DIR or in an S3-compatible bucket (`src/infra/storage.ts`).
   */
  readonly storage: Storage;
  /** Seals and opens private messages (keys from MESSAGE_KEYS or the data folder's key file). */
  readonly sealer: MessageSealer;
  /** E-mail: SMTP when `SMTP_URL` is set, otherwise the "no mail" value (`enabled: false`). */
  readonly mailer: Mailer;
}
