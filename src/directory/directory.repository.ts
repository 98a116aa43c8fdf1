import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { notBlockedOrMutedBy } from '../relations/relations.repository.js';
import { readAccountQuery } from '../search/account-query.js';
import { accountQueryCondition, placeIsPublicSql } from '../search/search.repository.js';
import type { DirectoryFilters, DirectoryOrder } from './directory.js';

/** The SQL of the profile directory (`GET /api/v1/directory`) and of the health directory (`/directory`). */

export type MastodonDirectoryOrder = 'active' | 'new';

/**
 * Discoverable accounts, as Mastodon's directory lists them: not suspended, not limited, opted
 * in to discovery; without the ones the viewer blocks, mutes or is blocked by. `active`: the
 * most recent status first (accounts that never posted last); `new`: the newest accounts first.
 */
export async function directoryAccountIds(db: Db, viewerId: string | null, input: { order: MastodonDirectoryOrder; offset: number; limit: number }): Promise<string[]> {
  let query = db
    .selectFrom('accounts')
    .select('accounts.id')
    .where('accounts.suspended_at', 'is', null)
    .where('accounts.silenced_at', 'is', null)
    .where('accounts.discoverable', '=', true);
  if (viewerId) query = query.where(notBlockedOrMutedBy(viewerId, 'accounts.id'));
  query = input.order === 'new' ? query.orderBy('accounts.created_at', 'desc') : query.orderBy(sql`accounts.last_status_at desc nulls last`);
  const rows = await query.orderBy('accounts.id', 'desc').offset(input.offset).limit(input.limit).execute();
  return rows.map((row) => row.id);
}

/** Accent- and case-insensitive equality of a place column with what was typed. */
const samePlace = (column: ReturnType<typeof sql>, value: string) => sql<boolean>`lower(unaccent(${column})) = lower(unaccent(${value}))`;

/**
 * Discoverable professionals and organisations (not suspended or limited) matching the filters;
 * a city or country matches the account's own place or one of its practice addresses.
 */
function healthDirectory(db: Db, viewerId: string | null, f: DirectoryFilters) {
  let q = db
    .selectFrom('accounts')
    .leftJoin('account_influence as ai', 'ai.account_id', 'accounts.id')
    .leftJoin('practice_info as pi', 'pi.account_id', 'accounts.id')
    .where('accounts.kind', '<>', 'patient')
    .where('accounts.discoverable', '=', true)
    .where('accounts.suspended_at', 'is', null)
    .where('accounts.silenced_at', 'is', null);
  if (f.role === 'professional' || f.profession) q = q.where('accounts.kind', '=', 'professional');
  if (f.role === 'organization' || f.organization_type) q = q.where('accounts.kind', '=', 'organization');
  if (f.profession) q = q.where('accounts.profession', '=', f.profession);
  if (f.specialty) q = q.where('accounts.specialty', '=', f.specialty);
  if (f.organization_type) q = q.where('accounts.organization_type', '=', f.organization_type);
  if (f.verified) q = q.where('accounts.verification_status', '=', 'verified');
  if (f.accepts_requests) q = q.where('pi.accepts_online_requests', '=', true);
  if (f.language) q = q.where(sql<boolean>`${f.language} = ANY (pi.languages)`);
  if (f.country) {
    const country = f.country;
    q = q.where(sql<boolean>`(accounts.country = ${country} OR EXISTS (SELECT 1 FROM jsonb_array_elements(pi.addresses) AS ad WHERE ad ->> 'country' = ${country}))`);
  }
  if (f.city) {
    const city = f.city;
    q = q.where(
      sql<boolean>`(${samePlace(sql`accounts.city`, city)} OR EXISTS (SELECT 1 FROM jsonb_array_elements(pi.addresses) AS ad WHERE ${samePlace(sql`ad ->> 'city'`, city)}))`,
    );
  }
  if (f.country || f.city) q = q.where(placeIsPublicSql);
  const matches = f.q ? accountQueryCondition(readAccountQuery(f.q)) : null;
  if (matches) q = q.where((eb) => matches(eb as unknown as ExpressionBuilder<Database, 'accounts'>));
  if (viewerId) q = q.where(notBlockedOrMutedBy(viewerId, 'accounts.id'));
  return q;
}

type HealthQuery = ReturnType<typeof healthDirectory>;

function ordered(q: HealthQuery, order: DirectoryOrder): HealthQuery {
  switch (order) {
    case 'influence':
      return q.orderBy(sql`ai.score desc nulls last`).orderBy('accounts.followers_count', 'desc').orderBy('accounts.id', 'desc');
    case 'followers':
      return q.orderBy('accounts.followers_count', 'desc').orderBy('accounts.id', 'desc');
    case 'helpful':
      return q.orderBy(sql`coalesce(ai.helpful_answers, 0) desc`).orderBy(sql`ai.score desc nulls last`).orderBy('accounts.id', 'desc');
    case 'response':
      return q.orderBy(sql`ai.response_seconds asc nulls last`).orderBy(sql`ai.score desc nulls last`).orderBy('accounts.id', 'desc');
    case 'new':
      return q.orderBy('accounts.created_at', 'desc').orderBy('accounts.id', 'desc');
    case 'active':
      return q.orderBy(sql`accounts.last_status_at desc nulls last`).orderBy('accounts.id', 'desc');
  }
}

export interface HealthDirectoryRow {
  id: string;
  score: number | null;
  helpful_answers: number | null;
  response_seconds: number | null;
  accepts_online_requests: boolean | null;
}

/** One page of the health directory with each account's stored standing figures. */
export async function healthDirectoryPage(db: Db, viewerId: string | null, f: DirectoryFilters, page: { order: DirectoryOrder; offset: number; limit: number }): Promise<HealthDirectoryRow[]> {
  const rows = await ordered(healthDirectory(db, viewerId, f), page.order)
    .select(['accounts.id', 'ai.score', 'ai.helpful_answers', 'ai.response_seconds', 'pi.accepts_online_requests'])
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows as HealthDirectoryRow[];
}

/** How many accounts the filters hold. */
export async function countHealthDirectory(db: Db, viewerId: string | null, f: DirectoryFilters): Promise<number> {
  const row = await healthDirectory(db, viewerId, f)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface CategoryCountRow {
  dimension: 'profession' | 'specialty' | 'organization_type';
  code: string;
  count: number;
}

/** Accounts per profession, specialty and kind of organisation, over the whole health directory. */
export async function categoryCounts(db: Db): Promise<CategoryCountRow[]> {
  const result = await sql<{ dimension: CategoryCountRow['dimension']; code: string; count: string }>`
    WITH listed AS (
      SELECT profession, specialty, organization_type FROM accounts
      WHERE kind <> 'patient' AND discoverable AND suspended_at IS NULL AND silenced_at IS NULL
    )
    SELECT 'profession' AS dimension, profession AS code, count(*) AS count FROM listed WHERE profession IS NOT NULL GROUP BY profession
    UNION ALL SELECT 'specialty', specialty, count(*) FROM listed WHERE specialty IS NOT NULL GROUP BY specialty
    UNION ALL SELECT 'organization_type', organization_type, count(*) FROM listed WHERE organization_type IS NOT NULL GROUP BY organization_type`.execute(db);
  return result.rows.map((r) => ({ dimension: r.dimension, code: r.code, count: Number(r.count) }));
}

export interface PlaceCountRow {
  /** The city folded (accents and case), as `categoryLeaders` takes it. */
  key: string;
  city: string;
  country: string | null;
  count: number;
}

/** The cities with the most professionals and organisations (accents and case merged). */
export async function placeCounts(db: Db, limit: number): Promise<PlaceCountRow[]> {
  const result = await sql<{ key: string; city: string; country: string | null; count: string }>`
    SELECT lower(unaccent(city)) AS key, min(city) AS city, country, count(*) AS count FROM accounts
    WHERE kind <> 'patient' AND discoverable AND suspended_at IS NULL AND silenced_at IS NULL AND city <> ''
    GROUP BY lower(unaccent(city)), country
    ORDER BY count(*) DESC, min(city)
    LIMIT ${limit}`.execute(db);
  return result.rows.map((r) => ({ key: r.key, city: r.city, country: r.country, count: Number(r.count) }));
}

export interface LeaderRow {
  dimension: CategoryCountRow['dimension'] | 'place';
  code: string;
  id: string;
}

/**
 * The `perCategory` most followed accounts of every category (and of the cities given by their
 * `PlaceCountRow.key`), without
 * the accounts the viewer blocks, mutes or is blocked by.
 */
export async function categoryLeaders(db: Db, viewerId: string | null, perCategory: number, placeKeys: readonly string[]): Promise<LeaderRow[]> {
  const visible = viewerId ? sql`AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ${viewerId} AND b.target_account_id = a.id) OR (b.target_account_id = ${viewerId} AND b.account_id = a.id))
    AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ${viewerId} AND m.target_account_id = a.id)` : sql``;
  const result = await sql<{ dimension: LeaderRow['dimension']; code: string; id: string }>`
    WITH listed AS (
      SELECT a.id, a.profession, a.specialty, a.organization_type, lower(unaccent(a.city)) AS place, a.followers_count FROM accounts a
      WHERE a.kind <> 'patient' AND a.discoverable AND a.suspended_at IS NULL AND a.silenced_at IS NULL ${visible}
    ), ranked AS (
      SELECT 'profession' AS dimension, profession AS code, id, row_number() OVER (PARTITION BY profession ORDER BY followers_count DESC, id DESC) AS n FROM listed WHERE profession IS NOT NULL
      UNION ALL SELECT 'specialty', specialty, id, row_number() OVER (PARTITION BY specialty ORDER BY followers_count DESC, id DESC) FROM listed WHERE specialty IS NOT NULL
      UNION ALL SELECT 'organization_type', organization_type, id, row_number() OVER (PARTITION BY organization_type ORDER BY followers_count DESC, id DESC) FROM listed WHERE organization_type IS NOT NULL
      UNION ALL SELECT 'place', place, id, row_number() OVER (PARTITION BY place ORDER BY followers_count DESC, id DESC) FROM listed WHERE place = ANY (${[...placeKeys]}::text[])
    )
    SELECT dimension, code, id FROM ranked WHERE n <= ${perCategory} ORDER BY dimension, code, n`.execute(db);
  return result.rows.map((r) => ({ dimension: r.dimension, code: r.code, id: String(r.id) }));
}
