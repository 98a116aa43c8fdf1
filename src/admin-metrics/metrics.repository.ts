import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * The SQL of the moderators' dashboard (Mastodon's measures, dimensions and retention): counts per
 * UTC day over a date range, from the rows the instance keeps (users, daily activity, favourites,
 * statuses, reports, hashtags). Days are `YYYY-MM-DD`; `end` is included.
 */

export interface DayRange {
  start: string;
  end: string;
}

export type DayCounts = Map<string, number>;

async function perDay(db: Db, query: ReturnType<typeof sql<{ day: string; n: string }>>): Promise<DayCounts> {
  const rows = await query.execute(db);
  return new Map(rows.rows.map((r) => [r.day, Number(r.n)]));
}

const dayOf = (column: string) => sql.raw(`(${column} AT TIME ZONE 'UTC')::date`);
const inRange = (column: string, r: DayRange) => sql`${dayOf(column)} BETWEEN ${r.start}::date AND ${r.end}::date`;

export function newUsersPerDay(db: Db, r: DayRange): Promise<DayCounts> {
  return perDay(db, sql`SELECT ${dayOf('created_at')}::text AS day, count(*) AS n FROM users WHERE ${inRange('created_at', r)} GROUP BY 1`);
}

export function activeUsersPerDay(db: Db, r: DayRange): Promise<DayCounts> {
  return perDay(db, sql`SELECT day::text AS day, count(*) AS n FROM daily_active_users WHERE day BETWEEN ${r.start}::date AND ${r.end}::date GROUP BY 1`);
}

export async function activeUsersIn(db: Db, r: DayRange): Promise<number> {
  const row = await sql<{ n: string }>`SELECT count(DISTINCT user_id) AS n FROM daily_active_users WHERE day BETWEEN ${r.start}::date AND ${r.end}::date`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Favourites, reblogs and replies made on the instance's statuses (all of them are local). */
export function interactionsPerDay(db: Db, r: DayRange): Promise<DayCounts> {
  return perDay(
    db,
    sql`SELECT day::text AS day, sum(n) AS n FROM (
          SELECT ${dayOf('created_at')} AS day, count(*) AS n FROM favourites WHERE ${inRange('created_at', r)} GROUP BY 1
          UNION ALL
          SELECT ${dayOf('created_at')}, count(*) FROM statuses WHERE (reblog_of_id IS NOT NULL OR in_reply_to_id IS NOT NULL) AND ${inRange('created_at', r)} GROUP BY 1
        ) x GROUP BY 1`,
  );
}

export function openedReportsPerDay(db: Db, r: DayRange): Promise<DayCounts> {
  return perDay(db, sql`SELECT ${dayOf('created_at')}::text AS day, count(*) AS n FROM reports WHERE ${inRange('created_at', r)} GROUP BY 1`);
}

export function resolvedReportsPerDay(db: Db, r: DayRange): Promise<DayCounts> {
  return perDay(db, sql`SELECT ${dayOf('action_taken_at')}::text AS day, count(*) AS n FROM reports WHERE action_taken_at IS NOT NULL AND ${inRange('action_taken_at', r)} GROUP BY 1`);
}

/** Statuses using a hashtag per day, or (`distinctAccounts`) the accounts that used it. */
export function tagUsesPerDay(db: Db, r: DayRange, tagId: string, distinctAccounts: boolean): Promise<DayCounts> {
  const counted = distinctAccounts ? sql`count(DISTINCT s.account_id)` : sql`count(*)`;
  return perDay(
    db,
    sql`SELECT (s.created_at AT TIME ZONE 'UTC')::date::text AS day, ${counted} AS n
        FROM status_tags st JOIN statuses s ON s.id = st.status_id
        WHERE st.tag_id = ${tagId}::bigint AND (s.created_at AT TIME ZONE 'UTC')::date BETWEEN ${r.start}::date AND ${r.end}::date
        GROUP BY 1`,
  );
}

export async function tagAccountsIn(db: Db, r: DayRange, tagId: string): Promise<number> {
  const row = await sql<{ n: string }>`SELECT count(DISTINCT s.account_id) AS n FROM status_tags st JOIN statuses s ON s.id = st.status_id
    WHERE st.tag_id = ${tagId}::bigint AND (s.created_at AT TIME ZONE 'UTC')::date BETWEEN ${r.start}::date AND ${r.end}::date`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export interface Bucket {
  key: string;
  value: number;
}

/** Statuses of the range by language (optionally only those with a hashtag), most used first. */
export async function statusLanguages(db: Db, r: DayRange, limit: number, tagId?: string): Promise<Bucket[]> {
  const tagged = tagId ? sql`AND EXISTS (SELECT 1 FROM status_tags st WHERE st.status_id = statuses.id AND st.tag_id = ${tagId}::bigint)` : sql``;
  const rows = await sql<{ key: string; n: string }>`SELECT language AS key, count(*) AS n FROM statuses
    WHERE reblog_of_id IS NULL AND ${inRange('created_at', r)} ${tagged} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`.execute(db);
  return rows.rows.map((x) => ({ key: x.key, value: Number(x.n) }));
}

/** Statuses of the range by the application that posted them (null: the web pages). */
export async function statusSources(db: Db, r: DayRange, limit: number): Promise<{ name: string | null; value: number }[]> {
  const rows = await sql<{ name: string | null; n: string }>`SELECT a.name, count(*) AS n FROM statuses s LEFT JOIN oauth_applications a ON a.id = s.application_id
    WHERE s.reblog_of_id IS NULL AND (s.created_at AT TIME ZONE 'UTC')::date BETWEEN ${r.start}::date AND ${r.end}::date
    GROUP BY 1 ORDER BY 2 DESC LIMIT ${limit}`.execute(db);
  return rows.rows.map((x) => ({ name: x.name, value: Number(x.n) }));
}

export async function statusesWithTag(db: Db, r: DayRange, tagId: string): Promise<number> {
  const row = await sql<{ n: string }>`SELECT count(*) AS n FROM status_tags st JOIN statuses s ON s.id = st.status_id
    WHERE st.tag_id = ${tagId}::bigint AND (s.created_at AT TIME ZONE 'UTC')::date BETWEEN ${r.start}::date AND ${r.end}::date`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

export async function databaseFacts(db: Db): Promise<{ bytes: number; version: string }> {
  const row = await sql<{ bytes: string; version: string }>`SELECT pg_database_size(current_database())::text AS bytes, current_setting('server_version') AS version`.execute(db);
  return { bytes: Number(row.rows[0]?.bytes ?? 0), version: row.rows[0]?.version ?? '' };
}

/** Users who signed up in the range, with their sign-up day. */
export async function signUpDays(db: Db, r: DayRange): Promise<{ user_id: string; day: string }[]> {
  const rows = await sql<{ user_id: string; day: string }>`SELECT id::text AS user_id, ${dayOf('created_at')}::text AS day FROM users WHERE ${inRange('created_at', r)}`.execute(db);
  return rows.rows;
}

/** The days each of `userIds` was active in the range. */
export async function activeDaysOf(db: Db, userIds: readonly string[], r: DayRange): Promise<{ user_id: string; day: string }[]> {
  if (userIds.length === 0) return [];
  const rows = await sql<{ user_id: string; day: string }>`SELECT user_id::text AS user_id, day::text AS day FROM daily_active_users
    WHERE user_id = any(${[...userIds]}::bigint[]) AND day BETWEEN ${r.start}::date AND ${r.end}::date`.execute(db);
  return rows.rows;
}
