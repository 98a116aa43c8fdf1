import type { Config } from './config.js';
import type { Db, DatabaseHandle } from './db/connect.js';
import type { Cache, CounterStore, FeedStore, PubSub } from './infra/infra.js';
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
  /** Folder where uploaded media files are written (`<DATA_DIR>/media`). */
  readonly mediaDir: string;
  /** Seals and opens private messages (keys from MESSAGE_KEYS or the data folder's key file). */
  readonly sealer: MessageSealer;
  /** E-mail: SMTP when `SMTP_URL` is set, otherwise the "no mail" value (`enabled: false`). */
  readonly mailer: Mailer;
}
