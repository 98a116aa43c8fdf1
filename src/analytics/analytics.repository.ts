import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * The SQL of analytics. Days are UTC calendar days, always read back as `YYYY-MM-DD` text.
 * Only counts leave these functions: never who viewed, followed or engaged.
 */

const utcDay = (column: string) => sql<string>`(${sql.ref(column)} AT TIME ZONE 'UTC')::date::text`;

/** The account whose statistics are asked for. */
export function findAnalyticsOwner(db: Db, accountId: string) {
  return db.selectFrom('accounts').select(['id', 'kind', 'suspended_at', 'created_at', 'username']).where('id', '=', accountId).executeTakeFirst();
}

/** When the statistics started on this instance. */
export async function analyticsStartedAt(db: Db): Promise<Date> {
  const row = await db.selectFrom('analytics_state').select('started_at').executeTakeFirst();
  return row?.started_at ?? new Date(0);
}

// Views -----------------------------------------------------------------------------------------

/**
 * Adds view counts per status and day, in one statement; counts for statuses deleted meanwhile
 * are dropped (the join), the author is read from the status.
 */
export async function addItemViews(db: Db, rows: readonly { statusId: string; day: string; views: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO analytics_item_views (status_id, account_id, day, views)
    SELECT s.id, s.account_id, u.day, sum(u.views)::int
    FROM unnest(${rows.map((r) => r.statusId)}::bigint[], ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.views)}::int[]) AS u(status_id, day, views)
    JOIN statuses s ON s.id = u.status_id
    GROUP BY s.id, s.account_id, u.day
    ON CONFLICT (status_id, day) DO UPDATE SET views = analytics_item_views.views + excluded.views`.execute(db);
}

/** An account's views per day in [from, to], split into posts and articles (days without views left out). */
export function findViewDays(db: Db, accountId: string, from: string, to: string) {
  return db
    .selectFrom('analytics_item_views as v')
    .innerJoin('statuses as s', 's.id', 'v.status_id')
    .where('v.account_id', '=', accountId)
    .where('v.day', '>=', from)
    .where('v.day', '<=', to)
    .select([
      sql<string>`v.day::text`.as('day'),
      sql<string>`coalesce(sum(v.views) filter (where s.kind = 'note'), 0)`.as('posts'),
      sql<string>`coalesce(sum(v.views) filter (where s.kind = 'article'), 0)`.as('articles'),
    ])
    .groupBy('v.day')
    .execute();
}

/** Views per status in [from, to] of the given statuses. */
export function findItemViews(db: Db, statusIds: readonly string[], from: string, to: string) {
  if (statusIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('analytics_item_views')
    .where('status_id', 'in', statusIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select(['status_id', sql<string>`sum(views)`.as('views')])
    .groupBy('status_id')
    .execute();
}

/** An account's most viewed statuses in [from, to]. */
export function findTopViewed(db: Db, accountId: string, from: string, to: string, limit: number) {
  return db
    .selectFrom('analytics_item_views')
    .where('account_id', '=', accountId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .select(['status_id', sql<string>`sum(views)`.as('views')])
    .groupBy('status_id')
    .orderBy(sql`sum(views)`, 'desc')
    .orderBy('status_id', 'desc')
    .limit(limit)
    .execute();
}

// Engagement ------------------------------------------------------------------------------------

/**
 * Every engagement with an account's posts and articles in [since, until): favourites, reblogs
 * and public replies by other accounts, as (who, item, at). Private messages and the author's
 * own actions are not engagement.
 */
function engagements(accountId: string, since: Date, until: Date) {
  return sql`
    WITH mine AS (
      SELECT id FROM statuses WHERE account_id = ${accountId} AND reblog_of_id IS NULL AND conversation_id IS NULL
    )
    SELECT e.who, e.item, e.at FROM (
      SELECT f.account_id AS who, f.status_id AS item, f.created_at AS at FROM favourites f
        WHERE f.status_id IN (SELECT id FROM mine) AND f.created_at >= ${since} AND f.created_at < ${until}
      UNION ALL
      SELECT r.account_id, r.reblog_of_id, r.created_at FROM statuses r
        WHERE r.reblog_of_id IN (SELECT id FROM mine) AND r.created_at >= ${since} AND r.created_at < ${until}
      UNION ALL
      SELECT r.account_id, r.in_reply_to_id, r.created_at FROM statuses r
        WHERE r.in_reply_to_id IN (SELECT id FROM mine) AND r.conversation_id IS NULL AND r.visibility <> 'direct'
          AND r.created_at >= ${since} AND r.created_at < ${until}
    ) e
    WHERE e.who <> ${accountId}`;
}

/** Distinct engaging accounts per UTC day (days without engagement left out). */
export async function findEngagerDays(db: Db, accountId: string, since: Date, until: Date): Promise<{ day: string; engagers: number }[]> {
  const { rows } = await sql<{ day: string; engagers: string }>`
    SELECT (e.at AT TIME ZONE 'UTC')::date::text AS day, count(DISTINCT e.who) AS engagers
    FROM (${engagements(accountId, since, until)}) e GROUP BY 1`.execute(db);
  return rows.map((r) => ({ day: r.day, engagers: Number(r.engagers) }));
}

/** Distinct engaging accounts per status in [since, until): of the given statuses, or the top `limit`. */
export async function findItemEngagers(db: Db, accountId: string, since: Date, until: Date, only: { ids: readonly string[] } | { limit: number }): Promise<{ status_id: string; engagers: number }[]> {
  const filter = 'ids' in only ? (only.ids.length ? sql`WHERE e.item = ANY(${[...only.ids]}::bigint[])` : sql`WHERE false`) : sql``;
  const tail = 'limit' in only ? sql`ORDER BY 2 DESC, 1 DESC LIMIT ${only.limit}` : sql``;
  const { rows } = await sql<{ status_id: string; engagers: string }>`
    SELECT e.item::text AS status_id, count(DISTINCT e.who) AS engagers
    FROM (${engagements(accountId, since, until)}) e ${filter} GROUP BY 1 ${tail}`.execute(db);
  return rows.map((r) => ({ status_id: r.status_id, engagers: Number(r.engagers) }));
}

/** What a top list shows of each status: its kind, title or text, visibility and date. */
export function findItemFacts(db: Db, statusIds: readonly string[]) {
  if (statusIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('statuses')
    .select(['id', 'kind', 'title', 'content_source', 'spoiler_text', 'visibility', 'created_at'])
    .where('id', 'in', statusIds)
    .where('conversation_id', 'is', null)
    .execute();
}

// Followers -------------------------------------------------------------------------------------

/**
 * The live follower count and the follower events from `fromDay` on, per UTC day, read in one
 * statement (one snapshot of the database, so the two agree).
 */
export async function findFollowerDays(db: Db, accountId: string, fromDay: string): Promise<{ live: number; days: { day: string; gained: number; lost: number }[] }> {
  const { rows } = await sql<{ day: string | null; gained: string; lost: string }>`
    SELECT NULL::text AS day, count(*) AS gained, 0 AS lost FROM follows WHERE followed_id = ${accountId}
    UNION ALL
    SELECT (created_at AT TIME ZONE 'UTC')::date::text, coalesce(sum(delta) FILTER (WHERE delta > 0), 0), coalesce(-sum(delta) FILTER (WHERE delta < 0), 0)
    FROM analytics_follower_events WHERE account_id = ${accountId} AND created_at >= ${fromDay}::date::timestamp AT TIME ZONE 'UTC'
    GROUP BY 1`.execute(db);
  const live = Number(rows.find((r) => r.day === null)?.gained ?? 0);
  return { live, days: rows.filter((r) => r.day !== null).map((r) => ({ day: r.day!, gained: Number(r.gained), lost: Number(r.lost) })) };
}

/** The daily job's follower counts of an account for days in [from, to]. */
export function findFollowerSnapshots(db: Db, accountId: string, from: string, to: string) {
  return db
    .selectFrom('analytics_follower_snapshots')
    .select([sql<string>`day::text`.as('day'), 'followers'])
    .where('account_id', '=', accountId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
}

/** The newest day the daily job snapshotted, or null. */
export async function lastSnapshotDay(db: Db): Promise<string | null> {
  const row = await db.selectFrom('analytics_follower_snapshots').select(sql<string | null>`max(day)::text`.as('day')).executeTakeFirst();
  return row?.day ?? null;
}

/**
 * Snapshots the followers of every professional and organisation at the end of `day` (a day
 * that is over): the live count less the events after that day, in one statement, so a follow
 * committing meanwhile is in both or neither. Existing snapshots are kept. Returns how many rows
 * were written.
 */
export async function snapshotFollowers(db: Db, day: string): Promise<number> {
  const result = await sql`
    INSERT INTO analytics_follower_snapshots (account_id, day, followers)
    SELECT a.id, ${day}::date,
      greatest(0, (SELECT count(*) FROM follows f WHERE f.followed_id = a.id)
        - coalesce((SELECT sum(e.delta) FROM analytics_follower_events e
                    WHERE e.account_id = a.id AND e.created_at >= (${day}::date + 1)::timestamp AT TIME ZONE 'UTC'), 0))::int
    FROM accounts a
    WHERE a.kind <> 'patient' AND a.created_at < (${day}::date + 1)::timestamp AT TIME ZONE 'UTC'
    ON CONFLICT (account_id, day) DO NOTHING`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export { utcDay };
