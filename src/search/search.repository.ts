import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { mutedByViewer, notLimitedFor, visibleToViewer } from '../posts/visibility.js';
import { blockedEitherWay } from '../relations/relations.repository.js';
import { hashtagPrefix } from './search-query.js';
import { readAccountQuery, wordsTsQuery, type AccountQuery, type QueryTerm } from './account-query.js';

/**
 * Full-text search SQL. Statuses and accounts carry generated `search_vector` columns with GIN
 * indexes (migration 0800): statuses in `medired_es` or `medired_en` by their language, accounts
 * in `medired_simple`; all three configurations strip accents, so "nutricion" finds "nutrición".
 * The accounts' vector holds a patient's city only when the patient shows it (migration 20261204_2000).
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

/** SQL twin of `isPlacePublic` (src/accounts/place-privacy.ts): may others see this account's place? */
export const placeIsPublicSql = sql<SqlBool>`(accounts.kind <> 'patient' OR accounts.place_public)`;

const vectorMatches = (tsQuery: string) => sql<SqlBool>`accounts.search_vector @@ to_tsquery('medired_simple', ${tsQuery})`;

/** One term of a read query: its codes, its country (only where the place is public), or its own words in the vector. */
function termMatches(eb: ExpressionBuilder<Database, 'accounts'>, term: QueryTerm): Expression<SqlBool> {
  const ors: Expression<SqlBool>[] = [];
  if (term.professions.length) ors.push(eb('accounts.profession', 'in', term.professions));
  if (term.specialties.length) ors.push(eb('accounts.specialty', 'in', term.specialties));
  if (term.organizationTypes.length) ors.push(eb('accounts.organization_type', 'in', term.organizationTypes));
  if (term.countries.length) ors.push(eb.and([eb('accounts.country', 'in', term.countries), placeIsPublicSql]));
  const words = wordsTsQuery(term.words, term.prefix);
  if (words) ors.push(vectorMatches(words));
  return eb.or(ors);
}

/** How many terms an account matches by code (professions, specialties, kinds, countries), for ranking. */
function termCodeHits(query: AccountQuery) {
  const hits = query.terms.map((term) => {
    const ors = [
      term.professions.length ? sql`accounts.profession IN (${sql.join(term.professions)})` : null,
      term.specialties.length ? sql`accounts.specialty IN (${sql.join(term.specialties)})` : null,
      term.organizationTypes.length ? sql`accounts.organization_type IN (${sql.join(term.organizationTypes)})` : null,
      term.countries.length ? sql`(accounts.country IN (${sql.join(term.countries)}) AND ${placeIsPublicSql})` : null,
    ].filter((x) => x !== null);
    return ors.length ? sql`(CASE WHEN ${sql.join(ors, sql` OR `)} THEN 1 ELSE 0 END)` : sql`0`;
  });
  return hits.length ? sql<number>`(${sql.join(hits, sql` + `)})` : sql<number>`0`;
}

/**
 * The condition "this account matches what was typed" (`readAccountQuery`): every term by code
 * or by its words, every free word in the search vector (which holds the handle, the display
 * name, the specialty code and the place only when it is public). Null when nothing was typed.
 * Shared by account search and the directory's free-text box.
 */
export function accountQueryCondition(query: AccountQuery): ((eb: ExpressionBuilder<Database, 'accounts'>) => Expression<SqlBool>) | null {
  const free = wordsTsQuery(query.free, query.freePrefix);
  if (!free && query.terms.length === 0) return null;
  return (eb) => eb.and([...query.terms.map((term) => termMatches(eb, term)), ...(free ? [vectorMatches(free)] : [])]);
}

/** Relevance of an account to a read query: terms matched by code, then the text rank of all its words. */
export function accountQueryRank(query: AccountQuery) {
  const all = wordsTsQuery([...query.terms.flatMap((t) => t.words), ...query.free], true);
  const textRank = all ? sql<number>`ts_rank(accounts.search_vector, to_tsquery('medired_simple', ${all}))` : sql<number>`0`;
  return { codeHits: termCodeHits(query), textRank };
}

/**
 * Accounts by handle, display name, place (only where it is public), profession, specialty or
 * kind of organisation in the words people use (Spanish or English, any gender, with or without
 * accents: "cardióloga en Madrid", "pediatrician Sevilla"), while typing: the last word matches
 * as a prefix. An exact handle comes first, then accounts matching terms by code, then text
 * rank, then the most followed. Suspended accounts, and accounts with a block between them and
 * the viewer, are left out.
 */
export async function searchAccountIds(db: Db, viewer: Viewer | null, q: string, options: { following: boolean }, window: SearchWindow): Promise<string[]> {
  const query = readAccountQuery(q);
  const matches = accountQueryCondition(query);
  if (!matches) return [];
  const { codeHits, textRank } = accountQueryRank(query);
  const handle = q.trim().replace(/^@/, '').split('@')[0]!.toLowerCase();
  const me = viewer?.accountId ?? null;
  const rows = await db
    .selectFrom('accounts')
    .select(['accounts.id', codeHits.as('code_hits'), textRank.as('rank')])
    .where('accounts.suspended_at', 'is', null)
    .where(matches)
    .$if(me !== null, (qb) => qb.where((eb) => eb.not(blockedEitherWay(me!, 'accounts.id'))))
    .$if(options.following && me !== null, (qb) =>
      qb.where((eb) => eb.exists(eb.selectFrom('follows').select('follows.id').where('follows.follower_id', '=', me!).whereRef('follows.followed_id', '=', 'accounts.id'))),
    )
    .orderBy(sql`lower(accounts.username) = ${handle}`, 'desc')
    .orderBy('code_hits', 'desc')
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
