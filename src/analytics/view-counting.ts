import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';
import { clientIp } from '../http/rate-limit.js';
import { insertJobOnce } from '../jobs/jobs.repository.js';
import type { MastodonStatus } from '../posts/status-entity.js';
import { countsAsView } from './analytics.policy.js';
import { dayOf, endOfDay } from './analytics-range.js';
import { addItemViews } from './analytics.repository.js';

/**
 * Counting views of posts and articles without tracking anyone.
 *
 * - Nothing is stored per viewer: no cookie is set, no id, IP address or user agent is written
 *   to the database or the logs, and no third party is asked anything.
 * - A view is deduplicated for the day by a keyed hash, HMAC-SHA256(day secret, item + viewer),
 *   where the viewer is the signed-in account id or, for visitors, IP address + user agent. The
 *   day secret is random, made on the day's first view, kept only in memory (or Redis, shared by
 *   the app's processes) and forgotten when the UTC day ends, together with the day's hashes: a
 *   hash cannot be recomputed later, and one day's viewers cannot be linked to another's.
 * - What reaches the database is a count per item and day (`analytics_item_views`), added by
 *   the flush job every `FLUSH_SECONDS` from the batched counters (`app.counters`), so counting
 *   never waits for the database nor slows a page.
 */

/** The counters' namespace of views; counter names are `<statusId>:<YYYY-MM-DD>`. */
export const VIEWS_NAMESPACE = 'views';
export const FLUSH_VIEWS_QUEUE = 'analytics.flush_views';
/** How long views wait in the counters before the flush job writes them. */
export const FLUSH_SECONDS = 30;
/** Hashes and the secret outlive the day by this much, for requests that straddle midnight. */
const FORGET_GRACE_MS = 10 * 60_000;

/** The last flush slot each app scheduled a job for (per process; the queue keeps one job per slot). */
const scheduledSlots = new WeakMap<AppContext, number>();

/** What identifies a viewer for the day's deduplication (never stored as such). */
export interface ViewerIdentity {
  accountId: string | null;
  ip: string;
  userAgent: string;
}

/**
 * Counts one view of `statusId` by `who` on the day of `now`, once per viewer and day; true
 * when it counted. Awaited by tests; requests call `countStatusView`, which does not wait.
 */
export async function recordView(app: AppContext, statusId: string, who: ViewerIdentity, now = new Date()): Promise<boolean> {
  const day = dayOf(now);
  const forgetAt = new Date(endOfDay(day).getTime() + FORGET_GRACE_MS);
  const secret = await app.counters.daySecret(day, forgetAt);
  const viewer = who.accountId ? `account:${who.accountId}` : `visitor:${who.ip}\n${who.userAgent}`;
  const seen = createHmac('sha256', secret).update(`${statusId}\n${viewer}`).digest('base64url').slice(0, 22);
  const counted = await app.counters.addOnce(VIEWS_NAMESPACE, day, `${statusId}:${day}`, seen, forgetAt);
  if (counted) await scheduleFlush(app, now);
  return counted;
}

/** Makes sure a flush job exists for the current slot (one insert per slot and process at most). */
async function scheduleFlush(app: AppContext, now: Date): Promise<void> {
  const slot = Math.floor(now.getTime() / (FLUSH_SECONDS * 1000));
  if (scheduledSlots.get(app) === slot) return;
  await insertJobOnce(app.db, FLUSH_VIEWS_QUEUE, { occurrence: `${FLUSH_VIEWS_QUEUE}:${slot}` }, new Date((slot + 1) * FLUSH_SECONDS * 1000));
  // Only once the job exists: after a failed insert the next view of the slot tries again.
  scheduledSlots.set(app, slot);
}

/**
 * Counts a view of a status a request is showing (the web page of a post or article, the API's
 * `GET /api/v1/statuses/:id`) when `countsAsView` says so. Never waits and never fails the
 * request: a view lost to a counter outage is logged at debug level and dropped.
 */
export function countStatusView(app: AppContext, c: Context<HonoEnv>, shown: MastodonStatus, viewerAccountId: string | null): void {
  if (c.req.method !== 'GET') return;
  const status = shown.reblog ?? shown;
  const purpose = `${c.req.header('sec-purpose') ?? ''} ${c.req.header('purpose') ?? ''} ${c.req.header('x-moz') ?? ''}`.toLowerCase();
  const userAgent = c.req.header('user-agent');
  const counts = countsAsView({
    viewerAccountId,
    authorId: status.account.id,
    authorKind: status.account.medired.kind,
    isMessage: status.visibility === 'direct' || Boolean(status.medired.conversation_id),
    userAgent,
    prefetch: /prefetch|prerender/.test(purpose),
  });
  if (!counts) return;
  recordView(app, status.id, { accountId: viewerAccountId, ip: clientIp(c), userAgent: userAgent ?? '' }).catch((err: unknown) => app.log.child('analytics').debug('view not counted', { err }));
}

/**
 * The flush job: takes the pending view counts out of the counters and adds them to
 * `analytics_item_views` in one statement. If the write fails the counts go back, so the next
 * run writes them. Also called at shutdown so the embedded counters lose nothing.
 */
export async function flushViewCounts(app: AppContext): Promise<number> {
  const counts = await app.counters.drain(VIEWS_NAMESPACE);
  if (counts.size === 0) return 0;
  const rows = [...counts].flatMap(([counter, views]) => {
    const m = /^(\d{1,19}):(\d{4}-\d{2}-\d{2})$/.exec(counter);
    return m && views > 0 ? [{ statusId: m[1]!, day: m[2]!, views }] : [];
  });
  try {
    await addItemViews(app.db, rows);
  } catch (err) {
    await app.counters.restore(VIEWS_NAMESPACE, counts);
    throw err;
  }
  return rows.length;
}
