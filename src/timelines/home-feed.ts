import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import type { Trx } from '../db/connect.js';
import { enqueue, notifyJobs, type Job } from '../jobs/jobs.queue.js';
import { findBigFollowed, findFanOutSource, followersForFanOut, recentAuthorStatusIds, tagFollowersForFanOut } from './home-feed.repository.js';
import type { IdRange } from './timeline-page.js';
import { homeTimelineIds } from './timelines.repository.js';

/**
 * Precomputed home feeds (push on write, Twitter's hybrid for accounts with very many followers).
 *
 * - Each signed-in reader's home is a feed of status ids (`home:<account>`) in the feed store
 *   (in process, or Redis shared by every app process), capped at `HOME_FEED_CAP`.
 * - Posting enqueues one fan-out job, whatever the follower count, so posting costs the same
 *   for every author; the job adds the id to the feeds of the author's followers that exist
 *   (feeds are built on first read and expire when unread, as Mastodon keeps feeds only for
 *   active users). Authors with `FANOUT_MAX_FOLLOWERS` followers or more are not fanned out:
 *   their readers merge their recent posts (`author:<account>`) at read time. A public original
 *   status also goes into the feeds of the accounts following one of its hashtags (whatever the
 *   author's follower count).
 * - A missing feed (new reader, expired, dropped after a follow or unfollow, or lost with Redis)
 *   is rebuilt from the database's pull query; pages older than what the feed holds come from
 *   that query too.
 * - Nothing read from a feed is trusted: every page goes through the home rules and visibility
 *   in the database (`loadStatuses(..., { home: true })`), so an unfollow, block, mute,
 *   suspension, deletion or an edit to a narrower visibility is never shown stale, even before
 *   the feed is dropped or the entry removed.
 */

/** Mastodon keeps 400 ids per home feed: 20 pages of 20, more than nearly anyone scrolls. */
export const HOME_FEED_CAP = 400;
/** A feed not read for a week is dropped (and rebuilt if its reader comes back). */
const FEED_TTL_SECONDS = 7 * 86_400;
/** A rebuilt feed starts with two pages; fan-out grows it up to the cap. */
const REBUILD_SIZE = 40;
/** Authors with this many followers are merged at read time instead of fanned out. */
export const FANOUT_MAX_FOLLOWERS = 10_000;
/**
 * Readers merge the authors they follow with at least this many followers: half the fan-out
 * threshold, so an author crossing it either way is always covered by one path or both while
 * readers' lists (cached for `BIG_FOLLOWED_TTL_SECONDS`) catch up.
 */
const MERGE_MIN_FOLLOWERS = FANOUT_MAX_FOLLOWERS / 2;
const BIG_FOLLOWED_TTL_SECONDS = 600;
const FANOUT_BATCH = 1000;

export const HOME_FANOUT_QUEUE = 'home.fanout';

const homeKey = (accountId: string) => `home:${accountId}`;
const authorKey = (accountId: string) => `author:${accountId}`;
const bigFollowedKey = (accountId: string) => `home-big:${accountId}`;

/** Inside the transaction that publishes a status: its fan-out job, which exists only if it commits. */
export async function enqueueFanOut(trx: Trx, statusId: string): Promise<void> {
  await enqueue(trx, HOME_FANOUT_QUEUE, { statusId });
}

/**
 * After a status committed: it enters its author's own home and recent posts at once (so the
 * author reads their own post on the next request) and the fan-out worker is woken.
 */
export async function statusPublished(app: AppContext, status: { id: string; accountId: string; visibility: string }): Promise<void> {
  if (status.visibility !== 'direct') {
    await Promise.all([
      app.feeds.add([homeKey(status.accountId)], [status.id], { cap: HOME_FEED_CAP }),
      app.feeds.add([authorKey(status.accountId)], [status.id], { cap: HOME_FEED_CAP }),
    ]);
  }
  await notifyJobs(app);
}

/** The fan-out job: the status id into each existing feed of the author's followers, in batches. */
export async function fanOutStatus(app: AppContext, job: Job): Promise<void> {
  const statusId = String(job.payload.statusId);
  const source = await findFanOutSource(app.db, statusId);
  if (!source || source.visibility === 'direct') return;
  if (source.visibility === 'public' && source.reblog_of_id === null && !source.silenced) await fanOutToTagFollowers(app, statusId, source.account_id);
  if (source.followers_count >= FANOUT_MAX_FOLLOWERS) return;
  let after = '0';
  for (;;) {
    const batch = await followersForFanOut(app.db, source.account_id, source.in_reply_to_account_id, after, FANOUT_BATCH);
    if (batch.length === 0) break;
    await app.feeds.add(
      batch.map((f) => homeKey(f.follower_id)),
      [statusId],
      { cap: HOME_FEED_CAP },
    );
    after = batch.at(-1)!.id;
    if (batch.length < FANOUT_BATCH) break;
  }
}

/** A public original status into the existing feeds of the accounts that follow one of its hashtags. */
async function fanOutToTagFollowers(app: AppContext, statusId: string, authorId: string): Promise<void> {
  let after = '0';
  for (;;) {
    const batch = await tagFollowersForFanOut(app.db, statusId, authorId, after, FANOUT_BATCH);
    if (batch.length === 0) break;
    await app.feeds.add(
      [...new Set(batch.map((f) => homeKey(f.account_id)))],
      [statusId],
      { cap: HOME_FEED_CAP },
    );
    after = batch.at(-1)!.id;
    if (batch.length < FANOUT_BATCH) break;
  }
}

/**
 * After `accountIds` followed or unfollowed someone (or a hashtag) (or a follow request of theirs was
 * authorized): their feeds are dropped and rebuilt on the next read, with the right authors.
 */
export async function homeFollowsChanged(app: AppContext, accountIds: readonly string[]): Promise<void> {
  await Promise.all([app.feeds.drop(accountIds.map(homeKey)), app.cache.invalidate(accountIds.map(bigFollowedKey))]);
}

const big = (a: string, b: string) => (BigInt(a) > BigInt(b) ? a : b);
const isAtLeast = (a: string, b: string) => BigInt(a) >= BigInt(b);

/**
 * One page of home ids, newest first (ascending pages are returned newest first too), read from
 * the precomputed feed where it covers the range and from the database where it does not.
 * Candidates, not answers: the caller passes them through the home rules.
 */
export async function homeFeedIds(app: AppContext, viewer: Viewer, range: IdRange): Promise<string[]> {
  const key = homeKey(viewer.accountId);
  const feedRange = { below: range.below ?? undefined, above: range.above ?? undefined, ascending: range.ascending, limit: range.limit };
  let read = await app.feeds.read(key, feedRange, FEED_TTL_SECONDS);
  if (!read.present) {
    await rebuildHomeFeed(app, viewer);
    read = await app.feeds.read(key, feedRange, FEED_TTL_SECONDS);
    // The store is unavailable: the database answers alone.
    if (!read.present) return homeTimelineIds(app.db, viewer, range);
  }
  const covered = read.oldestKept === null || (range.above !== null && isAtLeast(range.above, read.oldestKept));
  let ids: string[];
  if (range.ascending) {
    ids = covered ? [...read.ids].reverse() : await homeTimelineIds(app.db, viewer, range);
  } else if (covered || read.ids.length >= range.limit) {
    ids = read.ids;
  } else {
    // The feed ends before the page does: the rest of the page from the database.
    const below = range.below !== null && !isAtLeast(range.below, read.oldestKept!) ? range.below : read.oldestKept!;
    const rest = await homeTimelineIds(app.db, viewer, { ...range, below, limit: range.limit - read.ids.length });
    ids = [...read.ids, ...rest];
  }
  return mergeBigAuthors(app, viewer, range, ids);
}

/** Adds the recent posts of followed authors who are not fanned out, keeping the page's size. */
async function mergeBigAuthors(app: AppContext, viewer: Viewer, range: IdRange, ids: string[]): Promise<string[]> {
  const authors = await bigFollowed(app, viewer.accountId);
  if (authors.length === 0) return ids;
  const feedRange = { below: range.below ?? undefined, above: range.above ?? undefined, ascending: range.ascending, limit: range.limit };
  const extra = await Promise.all(authors.map((a) => authorRecentIds(app, a, feedRange)));
  const all = [...new Set([...ids, ...extra.flat()])].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : BigInt(b) < BigInt(a) ? -1 : 0));
  // Newest first; an ascending page keeps the ids just above its bound.
  return range.ascending ? all.slice(-range.limit) : all.slice(0, range.limit);
}

async function authorRecentIds(app: AppContext, authorId: string, feedRange: { below?: string | undefined; above?: string | undefined; ascending: boolean; limit: number }) {
  const key = authorKey(authorId);
  let read = await app.feeds.read(key, feedRange, FEED_TTL_SECONDS);
  if (!read.present) {
    const ids = await recentAuthorStatusIds(app.db, authorId, REBUILD_SIZE);
    await app.feeds.replace(key, ids, { cap: HOME_FEED_CAP, complete: ids.length < REBUILD_SIZE, ttlSeconds: FEED_TTL_SECONDS });
    read = await app.feeds.read(key, feedRange, FEED_TTL_SECONDS);
  }
  return read.ids;
}

async function bigFollowed(app: AppContext, accountId: string): Promise<string[]> {
  const key = bigFollowedKey(accountId);
  const cached = await app.cache.get(key);
  if (cached) return JSON.parse(cached) as string[];
  const ids = await findBigFollowed(app.db, accountId, MERGE_MIN_FOLLOWERS);
  await app.cache.fill(key, JSON.stringify(ids), BIG_FOLLOWED_TTL_SECONDS);
  return ids;
}

/**
 * Builds a reader's feed from the database, then catches up with what committed meanwhile:
 * a status whose fan-out ran before the feed existed is newer than the first read and found by
 * the second; one committed after the second read is fanned out into the feed that now exists.
 */
async function rebuildHomeFeed(app: AppContext, viewer: Viewer): Promise<void> {
  const ids = await homeTimelineIds(app.db, viewer, { below: null, above: null, ascending: false, limit: REBUILD_SIZE });
  await app.feeds.replace(homeKey(viewer.accountId), ids, { cap: HOME_FEED_CAP, complete: ids.length < REBUILD_SIZE, ttlSeconds: FEED_TTL_SECONDS });
  const newest = ids.reduce<string | null>((m, id) => (m === null ? id : big(m, id)), null);
  const later = await homeTimelineIds(app.db, viewer, { below: null, above: newest, ascending: true, limit: REBUILD_SIZE });
  if (later.length) await app.feeds.add([homeKey(viewer.accountId)], later, { cap: HOME_FEED_CAP });
}
