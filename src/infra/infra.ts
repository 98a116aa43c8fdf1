/**
 * The shared infrastructure the app runs on, as small interfaces. Each has an embedded default
 * (in this process, no Redis) and a Redis adapter used when `REDIS_URL` is set, so several app
 * processes share it; one contract test per interface runs against both (`*.contract.test.ts`).
 *
 * Values are strings (callers serialise), keys are plain strings without the deployment prefix
 * (adapters add it). Every adapter survives its backend going away: reads then miss, writes are
 * dropped, and what was written while it was away is treated as lost when it comes back (see
 * `Cache.invalidate` and `FeedStore`), so callers fall back to the database and never serve
 * something stale.
 */

/**
 * A key/value cache with expiry, for two kinds of values:
 * - **versioned** values, determined by their key (the key carries the row's version, e.g.
 *   `status:12:<xmin>`): they never go stale, so the Redis adapter also keeps the hottest in
 *   this process's memory;
 * - **mutable** values (e.g. the viewer behind an access token): always read from the shared
 *   store, filled only when not invalidated meanwhile, and invalidated after the change commits.
 */
export interface Cache {
  /** Versioned values in the order of `keys`, null for each miss. */
  getVersioned(keys: readonly string[]): Promise<(string | null)[]>;
  setVersioned(entries: readonly (readonly [key: string, value: string])[], ttlSeconds: number): Promise<void>;
  /** A mutable value, or null. */
  get(key: string): Promise<string | null>;
  /**
   * Stores a mutable value read from the database unless the key was invalidated in the last
   * few seconds: a reader that loaded old data before a change committed cannot put it back
   * after the change's `invalidate`. Returns whether it was stored.
   */
  fill(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  /**
   * Removes mutable keys and blocks `fill` of them for a few seconds (a tombstone), for every
   * process at once. Call after the change that makes the values stale has committed.
   */
  invalidate(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** One page of a feed read (see `FeedStore.read`). */
export interface FeedRange {
  /** Only ids below this one (exclusive). */
  below?: string | undefined;
  /** Only ids above this one (exclusive). */
  above?: string | undefined;
  /** Ascending from `above` (Mastodon's `min_id`) instead of newest first. */
  ascending?: boolean | undefined;
  limit: number;
}

export interface FeedRead {
  /** False when the feed does not exist (never built, expired, dropped, or its store was lost). */
  present: boolean;
  /** Ids in the requested order. */
  ids: string[];
  /**
   * The feed holds every entry down to this id (exclusive): entries older than it may exist but
   * were trimmed away or never loaded. null when the feed is complete (holds everything).
   */
  oldestKept: string | null;
}

/**
 * Ordered feeds of ids (numeric strings, ordered numerically), capped in length. A feed exists
 * only once `replace` built it; `add` and `remove` change existing feeds and are no-ops on
 * absent ones, so fan-out never resurrects a dropped feed.
 */
export interface FeedStore {
  /**
   * Builds (or rebuilds) a feed from a database read: its newest `cap` ids. `complete` says the
   * read held every entry there is (fewer than the cap), so an empty older page is the end.
   */
  replace(feed: string, ids: readonly string[], options: { cap: number; complete: boolean; ttlSeconds: number }): Promise<void>;
  /** Adds ids to each of `feeds` that exists, trimming each to its `cap` newest entries. */
  add(feeds: readonly string[], ids: readonly string[], options: { cap: number }): Promise<void>;
  /** Removes ids from each of `feeds` (where they are present). */
  remove(feeds: readonly string[], ids: readonly string[]): Promise<void>;
  /** Deletes feeds; the next read finds them absent and rebuilds them. */
  drop(feeds: readonly string[]): Promise<void>;
  /** Reads one page and extends the feed's life by `ttlSeconds`. */
  read(feed: string, range: FeedRange, ttlSeconds: number): Promise<FeedRead>;
  close(): Promise<void>;
}

/** Fire-and-forget messages to every process (including this one) subscribed to a channel. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Calls `handler` for each message published on `channel` from now on; returns unsubscribe. */
  subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * How long `Cache.invalidate` blocks `fill` of a key, in every adapter: long enough to cover a
 * reader that loaded the row just before the change committed and fills just after (a slow
 * query, a GC pause), short enough that a hot key is cached again soon after a change.
 */
export const TOMBSTONE_SECONDS = 10;

/**
 * Batched counters for aggregate statistics (e.g. views of a post per day), so that counting
 * never writes to the database on the request path: hits accumulate here and a job drains them
 * into the database in one statement. `addOnce` counts an event only the first time its `seen`
 * key is given for that namespace and day; the seen keys and the day's secret are forgotten at
 * `forgetAt` (the end of the day), so nothing links one day's visitors to another's.
 */
export interface CounterStore {
  /** Adds 1 to `counter` of `namespace` unless `seen` was recorded on `day` already; true when it counted. */
  addOnce(namespace: string, day: string, counter: string, seen: string, forgetAt: Date): Promise<boolean>;
  /** Takes every pending count of `namespace` out in one atomic step (later hits go to the next drain). */
  drain(namespace: string): Promise<Map<string, number>>;
  /** Adds counts back, after a drain whose database write failed. */
  restore(namespace: string, counts: ReadonlyMap<string, number>): Promise<void>;
  /** A random secret for `day`, the same in every process, created on first use and forgotten at `forgetAt`. */
  daySecret(day: string, forgetAt: Date): Promise<string>;
  close(): Promise<void>;
}
