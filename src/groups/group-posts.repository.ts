import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { GroupPostReportsTable, GroupPostsTable, GroupReportState } from './groups.table.js';

export type GroupPostRow = Selectable<GroupPostsTable>;
export type GroupReportRow = Selectable<GroupPostReportsTable>;

export function insertGroupPost(db: Db, values: Insertable<GroupPostsTable>): Promise<GroupPostRow> {
  return db.insertInto('group_posts').values(values).returningAll().executeTakeFirstOrThrow();
}

export function setGroupPostSealed(trx: Trx, id: string, sealed: Buffer): Promise<GroupPostRow> {
  return trx.updateTable('group_posts').set({ sealed, text: '' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findGroupPost(db: Db, id: string): Promise<GroupPostRow | undefined> {
  return db.selectFrom('group_posts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Top-level posts of the feed, newest first (keyset on id); removed posts are left out. */
export function findFeedPage(db: Db, groupId: string, page: { maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<GroupPostRow[]> {
  let q = db.selectFrom('group_posts').selectAll().where('group_id', '=', groupId).where('parent_id', 'is', null).where('removed_at', 'is', null);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  if (page.minId) q = q.where('id', '>', page.minId);
  return q.orderBy('id', 'desc').limit(page.limit + 1).execute();
}

export function findPinnedPosts(db: Db, groupId: string): Promise<GroupPostRow[]> {
  return db.selectFrom('group_posts').selectAll().where('group_id', '=', groupId).where('pinned_at', 'is not', null).where('removed_at', 'is', null).orderBy('pinned_at', 'desc').limit(10).execute();
}

/** Replies of the given posts, oldest first. */
export function findReplies(db: Db, parentIds: readonly string[], limitEach = 50): Promise<GroupPostRow[]> {
  if (parentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_posts')
    .selectAll()
    .where('parent_id', 'in', parentIds)
    .where('removed_at', 'is', null)
    .orderBy('id', 'asc')
    .limit(parentIds.length * limitEach)
    .execute();
}

export async function bumpRepliesCount(db: Db, postId: string, by: number): Promise<void> {
  await db.updateTable('group_posts').set({ replies_count: sql<number>`greatest(replies_count + ${by}, 0)` }).where('id', '=', postId).execute();
}

/** Which of `postIds` the account likes. */
export async function findLikedIds(db: Db, accountId: string, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await db.selectFrom('group_post_likes').select('post_id').where('account_id', '=', accountId).where('post_id', 'in', postIds).execute();
  return new Set(rows.map((r) => r.post_id));
}

/** Adds a like; true when it was new (the counter follows). */
export async function insertLike(db: Db, postId: string, accountId: string): Promise<boolean> {
  const row = await db.insertInto('group_post_likes').values({ post_id: postId, account_id: accountId }).onConflict((oc) => oc.doNothing()).returning('post_id').executeTakeFirst();
  if (row) await db.updateTable('group_posts').set({ likes_count: sql<number>`likes_count + 1` }).where('id', '=', postId).execute();
  return !!row;
}

export async function deleteLike(db: Db, postId: string, accountId: string): Promise<void> {
  const row = await db.deleteFrom('group_post_likes').where('post_id', '=', postId).where('account_id', '=', accountId).returning('post_id').executeTakeFirst();
  if (row) await db.updateTable('group_posts').set({ likes_count: sql<number>`greatest(likes_count - 1, 0)` }).where('id', '=', postId).execute();
}

export async function setPinned(db: Db, postId: string, pinned: boolean): Promise<void> {
  await db.updateTable('group_posts').set({ pinned_at: pinned ? new Date() : null }).where('id', '=', postId).execute();
}

export async function markPostRemoved(db: Db, postId: string, by: string | null, reason: string, removed = true): Promise<void> {
  await db
    .updateTable('group_posts')
    .set(removed ? { removed_at: new Date(), removed_by: by, removed_reason: reason, pinned_at: null } : { removed_at: null, removed_by: null, removed_reason: null })
    .where('id', '=', postId)
    .execute();
}

export async function deleteGroupPost(db: Db, postId: string): Promise<void> {
  await db.deleteFrom('group_posts').where('id', '=', postId).execute();
}

/** A leaving member's posts go (their replies go with them, by the foreign key). */
export async function deletePostsOf(db: Db, groupId: string, accountId: string): Promise<void> {
  const parents = await db.selectFrom('group_posts').select('parent_id').where('group_id', '=', groupId).where('account_id', '=', accountId).where('parent_id', 'is not', null).execute();
  await db.deleteFrom('group_posts').where('group_id', '=', groupId).where('account_id', '=', accountId).execute();
  const counts = new Map<string, number>();
  for (const p of parents) counts.set(p.parent_id!, (counts.get(p.parent_id!) ?? 0) + 1);
  for (const [id, n] of counts) await bumpRepliesCount(db, id, -n);
}

// ---- the group's report queue ----

export function insertGroupReport(db: Db, values: Insertable<GroupPostReportsTable>): Promise<GroupReportRow | undefined> {
  return db.insertInto('group_post_reports').values(values).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}

export function findGroupReport(db: Db, id: string): Promise<GroupReportRow | undefined> {
  return db.selectFrom('group_post_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGroupReports(db: Db, groupId: string, state: GroupReportState, limit = 50): Promise<GroupReportRow[]> {
  return db.selectFrom('group_post_reports').selectAll().where('group_id', '=', groupId).where('state', '=', state).orderBy('id', 'desc').limit(limit).execute();
}

export function setGroupReportState(db: Db, id: string, state: GroupReportState, by: string, reportId: string | null = null): Promise<GroupReportRow> {
  return db.updateTable('group_post_reports').set({ state, handled_by: by, handled_at: new Date(), ...(reportId ? { report_id: reportId } : {}) }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Other open reports of the same post are settled with it. */
export async function settleOpenReportsOf(db: Db, postId: string, state: GroupReportState, by: string): Promise<void> {
  await db.updateTable('group_post_reports').set({ state, handled_by: by, handled_at: new Date() }).where('post_id', '=', postId).where('state', '=', 'open').execute();
}

/** The first instance report about a group post (staff may read a reported post). */
export function findInstanceReportOfGroupPost(db: Db, postId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('reports').select('id').where('target_type', '=', 'group_post').where('target_id', '=', postId).limit(1).executeTakeFirst();
}
