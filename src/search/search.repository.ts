import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { mutedByViewer, notLimitedFor, visibleToViewer } from '../posts/visibility.js';
import { blockedEitherWay } from '../relations/relations.repository.js';
import { hashtagPrefix, prefixTsQuery, specialtiesMatching } from './search-query.js';

/**
 * Full-text search SQL. Statuses and accounts carry generated `search_vector` columns with GIN
 * indexes (migration 0800): statuses in `medired_es` or `medired_en` by their language, accounts
 * in `medired_simple`; all three configurations strip accents, so "nutricion" finds "nutrición".
 */

export interface SearchWindow {
  limit: number;
  offset: number;
}

/** Both languages' reading of the query, OR'd: a Spanish query finds English posts' stems too. */
const bilingualQuery = (q: string) => sql`(websearch_to_tsquery('medired_es', ${q}) || websearch_to_tsquery('medired_en', ${q}))`;

export interface StatusSearchFilter {
  /** Only statuses by this account. */
  accountId: string | null;
  /** Only statuses by accounts the viewer follows. */
  following: boolean;
}

/**
 * How many of the newest matches a status search ranks. Ranking every match of a common word
 * ("salud", "nutrición") on a large instance means reading and scoring tens of thousands of rows
 * per request (seconds at a million posts); ranking the newest matches only keeps a search at a
 * bounded cost and favours recent posts, which suits a social network. Rarer words have fewer
 * matches than this, so all of them are ranked.
 */
export const STATUS_SEARCH_CANDIDATES = 2_000;

/**
 * Public statuses (notes and articles, whose title is in the vector) matching `q`, best first
 * by `ts_rank`, then newest, among the newest STATUS_SEARCH_CANDIDATES matches. Hidden
 * statuses, suspended, blocked and muted authors are left out.
 */
export async function searchStatusIds(db: Db, viewer: Viewer | null, q: string, filter: StatusSearchFilter, window: SearchWindow): Promise<string[]> {
  const query = bilingualQuery(q);
  const candidates = db
    .selectFrom('statuses')
    .select('statuses.id')
    .where(sql<SqlBool>`statuses.search_vector @@ ${query}`)
    .where('statuses.visibility', '=', 'public')
    .where('statuses.reblog_of_id', 'is', null)
    .where('statuses.hidden_at', 'is', null)
    .$if(filter.accountId !== null, (qb) => qb.where('statuses.account_id', '=', filter.accountId!))
    .$if(filter.following && viewer !== null, (qb) =>
      qb.where((eb) =>
        eb.exists(eb.selectFrom('follows').select('follows.id').where('follows.follower_id', '=', viewer!.accountId).whereRef('follows.followed_id', '=', 'statuses.account_id')),
      ),
    )
    .orderBy('statuses.id', 'desc')
    .limit(STATUS_SEARCH_CANDIDATES);
  const rows = await db
    .selectFrom(candidates.as('candidate'))
    .innerJoin('statuses', 'statuses.id', 'candidate.id')
    .select(['statuses.id', sql<number>`ts_rank(statuses.search_vector, ${query})`.as('rank')])
    .where((eb) => visibleToViewer(eb as unknown as ExpressionBuilder<Database, 'statuses'>, viewer))
    .where((eb) => eb.not(mutedByViewer(eb as unknown as ExpressionBuilder<Database, 'statuses'>, viewer)))
    .where((eb) => notLimitedFor(eb as unknown as ExpressionBuilder<Database, 'statuses'>, viewer))
    .orderBy('rank', 'desc')
    .orderBy('statuses.id', 'desc')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Accounts by handle, display name, city or specialty (code or its es/en label), while typing:
 * the last word matches as a prefix. An exact handle comes first, then rank, then the most
 * followed. Suspended accounts, and accounts with a block between them and the viewer, are left out.
 */
export async function searchAccountIds(db: Db, viewer: Viewer | null, q: string, options: { following: boolean }, window: SearchWindow): Promise<string[]> {
  const tsQuery = prefixTsQuery(q);
  if (!tsQuery) return [];
  const specialties = specialtiesMatching(q);
  const query = sql`to_tsquery('medired_simple', ${tsQuery})`;
  const handle = q.trim().replace(/^@/, '').split('@')[0]!.toLowerCase();
  const me = viewer?.accountId ?? null;
  const rows = await db
    .selectFrom('accounts')
    .select(['accounts.id', sql<number>`ts_rank(accounts.search_vector, ${query})`.as('rank')])
    .where('accounts.suspended_at', 'is', null)
    .where((eb) => {
      const matches = [eb(sql`accounts.search_vector @@ ${query}`, '=', sql`true`)];
      if (specialties.length > 0) matches.push(eb('accounts.specialty', 'in', specialties));
      return eb.or(matches);
    })
    .$if(me !== null, (qb) => qb.where((eb) => eb.not(blockedEitherWay(me!, 'accounts.id'))))
    .$if(options.following && me !== null, (qb) =>
      qb.where((eb) => eb.exists(eb.selectFrom('follows').select('follows.id').where('follows.follower_id', '=', me!).whereRef('follows.followed_id', '=', 'accounts.id'))),
    )
    .orderBy(sql`lower(accounts.username) = ${handle}`, 'desc')
    .orderBy('rank', 'desc')
    .orderBy('accounts.followers_count', 'desc')
    .orderBy('accounts.id', 'asc')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
  return rows.map((r) => r.id);
}

export interface TagHit {
  id: string;
  name: string;
}

/** Hashtags whose name starts with what was typed (exact name first, then shortest). */
export async function searchTags(db: Db, q: string, window: SearchWindow): Promise<TagHit[]> {
  const prefix = hashtagPrefix(q);
  if (!prefix) return [];
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('tags')
    .select(['tags.id', 'tags.name'])
    .where(sql`lower(tags.name)`, 'like', pattern)
    // Hashtags a moderator made unlisted are not offered in search (Mastodon's `listable`).
    .where((eb) => eb.or([eb('tags.listable', 'is', null), eb('tags.listable', '=', true)]))
    .orderBy(sql`lower(tags.name) = ${prefix}`, 'desc')
    .orderBy(sql`length(tags.name)`, 'asc')
    .orderBy('tags.name', 'asc')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

export interface TagDayUse {
  tagId: string;
  day: Date;
  uses: number;
  accounts: number;
}

/** Most recent uses of one tag that `tagHistory` looks at, so a very popular tag stays cheap. */
export const TAG_HISTORY_WINDOW = 10_000;

/**
 * Uses per day over the last week, for Mastodon's Tag `history` of the tags found. Only each
 * tag's newest TAG_HISTORY_WINDOW tagged statuses are read (ids grow with time), so the cost is
 * bounded; a tag used more often than that in a week reports that many.
 */
export async function tagHistory(db: Db, tagIds: string[]): Promise<TagDayUse[]> {
  if (tagIds.length === 0) return [];
  const result = await sql<{ tag_id: string; day: Date | string; uses: string; accounts: string }>`
    SELECT t.id AS tag_id, date_trunc('day', s.created_at, 'UTC') AS day,
           count(*) AS uses, count(DISTINCT s.account_id) AS accounts
    FROM tags t
    CROSS JOIN LATERAL (
      SELECT st.status_id FROM status_tags st WHERE st.tag_id = t.id
      ORDER BY st.status_id DESC LIMIT ${TAG_HISTORY_WINDOW}
    ) recent
    JOIN statuses s ON s.id = recent.status_id
    WHERE t.id IN (${sql.join(tagIds)})
      AND s.visibility = 'public' AND s.hidden_at IS NULL
      AND s.created_at >= date_trunc('day', now(), 'UTC') - interval '6 days'
    GROUP BY t.id, date_trunc('day', s.created_at, 'UTC')`.execute(db);
  return result.rows.map((r) => ({ tagId: r.tag_id, day: new Date(r.day), uses: Number(r.uses), accounts: Number(r.accounts) }));
}
