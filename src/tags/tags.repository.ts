import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.js';

/** The SQL of hashtags as things one follows, features and reads the history of. */

export interface TagRow {
  id: string;
  name: string;
}

/** A tag by name (case-insensitive), or undefined. */
export function findTagByName(db: Db, name: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').select(['id', 'name']).where(sql<string>`lower(name)`, '=', name.toLowerCase()).executeTakeFirst();
}

/** The tag, created when nobody used it yet (following or featuring a new hashtag). */
export async function findOrCreateTag(db: Db, name: string): Promise<TagRow> {
  await db
    .insertInto('tags')
    .values({ name: name.toLowerCase() })
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .execute();
  return (await findTagByName(db, name))!;
}

export async function followedTagIds(db: Db, accountId: string, tagIds: readonly string[]): Promise<Set<string>> {
  if (tagIds.length === 0) return new Set();
  const rows = await db.selectFrom('tag_follows').select('tag_id').where('account_id', '=', accountId).where('tag_id', 'in', [...tagIds]).execute();
  return new Set(rows.map((r) => r.tag_id));
}

export async function insertTagFollow(db: Db, accountId: string, tagId: string): Promise<void> {
  await db.insertInto('tag_follows').values({ account_id: accountId, tag_id: tagId }).onConflict((oc) => oc.columns(['account_id', 'tag_id']).doNothing()).execute();
}

export async function deleteTagFollow(db: Db, accountId: string, tagId: string): Promise<void> {
  await db.deleteFrom('tag_follows').where('account_id', '=', accountId).where('tag_id', '=', tagId).execute();
}

/** One page of the account's followed tags, by follow id, newest first. */
export function followedTagPage(db: Db, accountId: string, page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number }) {
  return db
    .selectFrom('tag_follows')
    .innerJoin('tags', 'tags.id', 'tag_follows.tag_id')
    .select(['tags.id', 'tags.name', 'tag_follows.id as cursor'])
    .where('tag_follows.account_id', '=', accountId)
    .$if(page.maxId !== undefined, (q) => q.where('tag_follows.id', '<', page.maxId!))
    .$if(page.sinceId !== undefined, (q) => q.where('tag_follows.id', '>', page.sinceId!))
    .orderBy('tag_follows.id', 'desc')
    .limit(page.limit)
    .execute();
}

export interface TagDayUse {
  tag_id: string;
  /** Start of the day (UTC). */
  day: Date;
  uses: string;
  accounts: string;
}

/**
 * Uses of the tags in public statuses of active accounts, per UTC day since `since`: Mastodon's
 * tag history (statuses and distinct accounts each day).
 */
export function tagDayUses(db: Db, tagIds: readonly string[], since: Date): Promise<TagDayUse[]> {
  if (tagIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('status_tags')
    .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .select([
      'status_tags.tag_id',
      sql<Date>`date_trunc('day', statuses.created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`.as('day'),
      sql<string>`count(*)::text`.as('uses'),
      sql<string>`count(DISTINCT statuses.account_id)::text`.as('accounts'),
    ])
    .where(sql<SqlBool>`status_tags.tag_id = any(${[...tagIds]}::bigint[])`)
    .where('statuses.created_at', '>=', since)
    .where('statuses.visibility', '=', 'public')
    .where('statuses.hidden_at', 'is', null)
    .where('accounts.suspended_at', 'is', null)
    .groupBy(['status_tags.tag_id', sql`2`])
    .execute();
}

/**
 * The tags most used in public statuses since `since`, by how many accounts used them, with
 * `offset` (Mastodon's trends page with offset and limit; a short, bounded list).
 */
export function trendingTags(db: Db, since: Date, offset: number, limit: number, options: { includeRejected?: boolean } = {}): Promise<TagRow[]> {
  return db
    .selectFrom('status_tags')
    .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
    .select(['tags.id', 'tags.name'])
    .where('statuses.created_at', '>=', since)
    .where('statuses.visibility', '=', 'public')
    .where('statuses.hidden_at', 'is', null)
    .where('accounts.suspended_at', 'is', null)
    .where('accounts.silenced_at', 'is', null)
    // A tag a moderator rejected does not trend (the admin's review list still shows it).
    .$if(options.includeRejected !== true, (q) => q.where((eb) => eb.or([eb('tags.trendable', 'is', null), eb('tags.trendable', '=', true)])))
    .groupBy(['tags.id', 'tags.name'])
    .orderBy(sql`count(DISTINCT statuses.account_id)`, 'desc')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('tags.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

// ---- featured tags ----

export interface FeaturedTagRow {
  id: string;
  tag_id: string;
  name: string;
  statuses_count: string;
  last_status_at: Date | null;
}

/** The account's featured tags with how many of its public statuses use each, and when it last did. */
export function featuredTags(db: Db, accountId: string): Promise<FeaturedTagRow[]> {
  return db
    .selectFrom('featured_tags')
    .innerJoin('tags', 'tags.id', 'featured_tags.tag_id')
    .select((eb) => [
      'featured_tags.id',
      'featured_tags.tag_id',
      'tags.name',
      eb
        .selectFrom('status_tags')
        .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
        .select(sql<string>`count(*)::text`.as('n'))
        .whereRef('status_tags.tag_id', '=', 'featured_tags.tag_id')
        .where('statuses.account_id', '=', accountId)
        .where('statuses.visibility', '=', 'public')
        .where('statuses.hidden_at', 'is', null)
        .as('statuses_count'),
      eb
        .selectFrom('status_tags')
        .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
        .select(sql<Date>`max(statuses.created_at)`.as('last'))
        .whereRef('status_tags.tag_id', '=', 'featured_tags.tag_id')
        .where('statuses.account_id', '=', accountId)
        .where('statuses.visibility', '=', 'public')
        .where('statuses.hidden_at', 'is', null)
        .as('last_status_at'),
    ])
    .where('featured_tags.account_id', '=', accountId)
    .orderBy('featured_tags.id')
    .execute() as Promise<FeaturedTagRow[]>;
}

export async function insertFeaturedTag(db: Db, accountId: string, tagId: string): Promise<boolean> {
  const row = await db.insertInto('featured_tags').values({ account_id: accountId, tag_id: tagId }).onConflict((oc) => oc.columns(['account_id', 'tag_id']).doNothing()).returning('id').executeTakeFirst();
  return row !== undefined;
}

export async function deleteFeaturedTag(db: Db, accountId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('featured_tags').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/** Removes the account's feature of a tag, by the tag's id (idempotent). */
export async function deleteFeaturedTagOf(db: Db, accountId: string, tagId: string): Promise<void> {
  await db.deleteFrom('featured_tags').where('account_id', '=', accountId).where('tag_id', '=', tagId).execute();
}

/** Which of `tagIds` the account features on its profile. */
export async function featuredTagIdsAmong(db: Db, accountId: string, tagIds: readonly string[]): Promise<Set<string>> {
  if (tagIds.length === 0) return new Set();
  const rows = await db.selectFrom('featured_tags').select('tag_id').where('account_id', '=', accountId).where('tag_id', 'in', [...tagIds]).execute();
  return new Set(rows.map((r) => r.tag_id));
}

export async function countFeaturedTags(db: Db, accountId: string): Promise<number> {
  const row = await db.selectFrom('featured_tags').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The tags the account used most in its recent statuses and does not feature yet (suggestions). */
export function recentlyUsedTags(db: Db, accountId: string, limit: number): Promise<TagRow[]> {
  return db
    .selectFrom('statuses')
    .innerJoin('status_tags', 'status_tags.status_id', 'statuses.id')
    .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
    .select(['tags.id', 'tags.name'])
    .where('statuses.account_id', '=', accountId)
    .where('statuses.visibility', '<>', 'direct')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('featured_tags').select('featured_tags.id').where('featured_tags.account_id', '=', accountId).whereRef('featured_tags.tag_id', '=', 'tags.id'))))
    .groupBy(['tags.id', 'tags.name'])
    .orderBy(sql`max(statuses.id)`, 'desc')
    .limit(limit)
    .execute();
}

/** Of `accountIds`, those following one of the status's hashtags. */
export async function tagFollowersAmong(db: Db, statusId: string, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('tag_follows')
    .innerJoin('status_tags', 'status_tags.tag_id', 'tag_follows.tag_id')
    .select('tag_follows.account_id')
    .where('status_tags.status_id', '=', statusId)
    .where('tag_follows.account_id', 'in', [...accountIds])
    .execute();
  return new Set(rows.map((r) => r.account_id));
}

// ---- moderators' review (Mastodon's Admin::Tag) ----

export interface ReviewedTagRow extends TagRow {
  trendable: boolean | null;
  usable: boolean;
  listable: boolean | null;
  reviewed_at: Date | null;
}

const REVIEW_COLUMNS = ['id', 'name', 'trendable', 'usable', 'listable', 'reviewed_at'] as const;

export function findReviewedTags(db: Db, ids: readonly string[]): Promise<ReviewedTagRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('tags').select(REVIEW_COLUMNS).where('id', 'in', [...ids]).execute();
}

/** Every hashtag, newest first (keyset on id), for the admin list; `name` filters by prefix. */
export function reviewedTagPage(db: Db, page: { maxId?: string | undefined; minId?: string | undefined; limit: number; name?: string | undefined }): Promise<ReviewedTagRow[]> {
  return db
    .selectFrom('tags')
    .select(REVIEW_COLUMNS)
    .$if(Boolean(page.maxId), (q) => q.where('id', '<', page.maxId!))
    .$if(Boolean(page.minId), (q) => q.where('id', '>', page.minId!))
    .$if(Boolean(page.name), (q) => q.where(sql<string>`lower(name)`, 'like', `${page.name!.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
}

/** A moderator's decision on a hashtag: the fields given change, and it counts as reviewed. */
export function reviewTag(db: Db, id: string, changes: { trendable?: boolean; usable?: boolean; listable?: boolean }): Promise<ReviewedTagRow | undefined> {
  return db.updateTable('tags').set({ ...changes, reviewed_at: new Date() }).where('id', '=', id).returning(REVIEW_COLUMNS).executeTakeFirst();
}
