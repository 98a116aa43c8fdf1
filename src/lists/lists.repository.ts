import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { visibleToViewer } from '../posts/visibility.js';
import { notBlockedOrMutedBy } from '../relations/relations.repository.js';
import { newestFirst, type IdRange } from '../timelines/timeline-page.js';
import type { ListsTable, RepliesPolicy } from './lists.table.js';
import type { ExpressionBuilder } from 'kysely';

/** The SQL of lists and list timelines. A list's owner is always part of the query. */

export type ListRow = Selectable<ListsTable>;
type StatusesEb = ExpressionBuilder<Database, 'statuses'>;

export function findLists(db: Db, accountId: string): Promise<ListRow[]> {
  return db.selectFrom('lists').selectAll().where('account_id', '=', accountId).orderBy('id').execute();
}

export function findOwnList(db: Db, accountId: string, id: string): Promise<ListRow | undefined> {
  return db.selectFrom('lists').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

export function countLists(db: Db, accountId: string): Promise<{ n: string }> {
  return db.selectFrom('lists').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
}

export function insertList(db: Db, values: Insertable<ListsTable>): Promise<ListRow> {
  return db.insertInto('lists').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateList(db: Db, accountId: string, id: string, changes: Updateable<ListsTable>): Promise<void> {
  await db.updateTable('lists').set({ ...changes, updated_at: new Date() }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

export async function deleteList(db: Db, accountId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('lists').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/**
 * One page of a list's members (accounts its owner still follows and that are not suspended),
 * by membership id, newest first; `limit` null reads them all (Mastodon's `limit=0`).
 */
export async function listMemberPage(db: Db, list: ListRow, page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number | null }): Promise<{ accountId: string; cursor: string }[]> {
  const rows = await db
    .selectFrom('list_accounts')
    .innerJoin('follows', (j) => j.onRef('follows.followed_id', '=', 'list_accounts.account_id').on('follows.follower_id', '=', list.account_id))
    .innerJoin('accounts', 'accounts.id', 'list_accounts.account_id')
    .select(['list_accounts.account_id', 'list_accounts.id as cursor'])
    .where('list_accounts.list_id', '=', list.id)
    .where('accounts.suspended_at', 'is', null)
    .$if(page.maxId !== undefined, (q) => q.where('list_accounts.id', '<', page.maxId!))
    .$if(page.sinceId !== undefined, (q) => q.where('list_accounts.id', '>', page.sinceId!))
    .orderBy('list_accounts.id', 'desc')
    .$if(page.limit !== null, (q) => q.limit(page.limit!))
    .execute();
  return rows.map((r) => ({ accountId: r.account_id, cursor: r.cursor }));
}

/** Of `accountIds`, those `me` follows. */
export async function followedAmong(db: Db, me: string, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db.selectFrom('follows').select('followed_id').where('follower_id', '=', me).where('followed_id', 'in', [...accountIds]).execute();
  return new Set(rows.map((r) => r.followed_id));
}

export async function addListMembers(db: Db, listId: string, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db
    .insertInto('list_accounts')
    .values(accountIds.map((account_id) => ({ list_id: listId, account_id })))
    .onConflict((oc) => oc.columns(['list_id', 'account_id']).doNothing())
    .execute();
}

export async function removeListMembers(db: Db, listId: string, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.deleteFrom('list_accounts').where('list_id', '=', listId).where('account_id', 'in', [...accountIds]).execute();
}

/** The lists of `me`'s that hold `accountId` (while `me` follows it). */
export function listsHolding(db: Db, me: string, accountId: string): Promise<ListRow[]> {
  return db
    .selectFrom('lists')
    .innerJoin('list_accounts', 'list_accounts.list_id', 'lists.id')
    .innerJoin('follows', (j) => j.onRef('follows.followed_id', '=', 'list_accounts.account_id').onRef('follows.follower_id', '=', 'lists.account_id'))
    .selectAll('lists')
    .where('lists.account_id', '=', me)
    .where('list_accounts.account_id', '=', accountId)
    .orderBy('lists.id')
    .execute();
}

/**
 * SQL: the status's author is in one of `me`'s exclusive lists (and followed), so it stays out of
 * `me`'s home timeline (Mastodon's `exclusive`).
 */
export function inExclusiveListOf(eb: StatusesEb, me: string) {
  return eb.exists(
    eb
      .selectFrom('list_accounts as xl')
      .innerJoin('lists as xlist', 'xlist.id', 'xl.list_id')
      .select('xl.list_id')
      .whereRef('xl.account_id', '=', 'statuses.account_id')
      .where('xlist.account_id', '=', me)
      .where('xlist.exclusive', '=', true),
  );
}

function repliesRule(eb: StatusesEb, list: ListRow, policy: RepliesPolicy) {
  const me = list.account_id;
  const notAReplyToOthers = [eb('statuses.in_reply_to_account_id', 'is', null), eb('statuses.in_reply_to_account_id', '=', eb.ref('statuses.account_id'))];
  if (policy === 'none') return eb.or(notAReplyToOthers);
  if (policy === 'list') {
    return eb.or([
      ...notAReplyToOthers,
      eb('statuses.in_reply_to_account_id', '=', me),
      eb.exists(eb.selectFrom('list_accounts as rl').select('rl.account_id').where('rl.list_id', '=', list.id).whereRef('rl.account_id', '=', 'statuses.in_reply_to_account_id')),
    ]);
  }
  return eb.or([
    ...notAReplyToOthers,
    eb('statuses.in_reply_to_account_id', '=', me),
    eb.exists(eb.selectFrom('follows as rf').select('rf.id').where('rf.follower_id', '=', me).whereRef('rf.followed_id', '=', 'statuses.in_reply_to_account_id')),
  ]);
}

/**
 * One page of a list's timeline, newest first: the statuses (reblogs included) of its members
 * the owner still follows, as the owner may see them (`visibleToViewer`), never direct ones,
 * replies by the list's `replies_policy`, nothing from or reblogging accounts the owner blocks or
 * mutes. As the home query, one LATERAL probe per member along `statuses_account_idx`, merged by id.
 */
export async function listTimelineIds(db: Db, viewer: Viewer, list: ListRow, range: IdRange): Promise<string[]> {
  const me = viewer.accountId;
  const dir = range.ascending ? 'asc' : 'desc';
  const members = db
    .selectFrom('list_accounts')
    .innerJoin('follows', (j) => j.onRef('follows.followed_id', '=', 'list_accounts.account_id').on('follows.follower_id', '=', me))
    .innerJoin('accounts as author', 'author.id', 'list_accounts.account_id')
    .select('list_accounts.account_id as author_id')
    .where('list_accounts.list_id', '=', list.id)
    .where('author.suspended_at', 'is', null)
    .where(notBlockedOrMutedBy(me, 'author.id'));
  const candidates = db
    .selectFrom(members.as('m'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('statuses')
          .select('statuses.id')
          .whereRef('statuses.account_id', '=', 'm.author_id')
          .$if(range.below !== null, (q) => q.where('statuses.id', '<', range.below!))
          .$if(range.above !== null, (q) => q.where('statuses.id', '>', range.above!))
          .where('statuses.visibility', '<>', 'direct')
          .where((w) => repliesRule(w as unknown as StatusesEb, list, list.replies_policy))
          .orderBy('statuses.id', dir)
          .limit(range.limit)
          .as('s'),
      (join) => join.onTrue(),
    )
    .select('s.id')
    .orderBy('s.id', dir)
    .limit(range.limit);
  const rows = await db
    .selectFrom(candidates.as('page'))
    .innerJoin('statuses', 'statuses.id', 'page.id')
    .select('statuses.id')
    .where((eb) => visibleToViewer(eb as unknown as StatusesEb, viewer))
    .where(
      sql<SqlBool>`(statuses.reblog_of_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM statuses AS original
        WHERE original.id = statuses.reblog_of_id AND NOT ${notBlockedOrMutedBy(me, 'original.account_id')}))`,
    )
    .orderBy('statuses.id', dir)
    .execute();
  return newestFirst(
    rows.map((r) => r.id),
    range,
  );
}

/** Of `listIds`, those holding `accountId` as a member their owner still follows, with their rows. */
export function listsAmongHolding(db: Db, listIds: readonly string[], accountId: string): Promise<ListRow[]> {
  if (listIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lists')
    .innerJoin('list_accounts', 'list_accounts.list_id', 'lists.id')
    .innerJoin('follows', (j) => j.onRef('follows.followed_id', '=', 'list_accounts.account_id').onRef('follows.follower_id', '=', 'lists.account_id'))
    .selectAll('lists')
    .where('lists.id', 'in', [...listIds])
    .where('list_accounts.account_id', '=', accountId)
    .execute();
}

export async function countListMembers(db: Db, listId: string): Promise<number> {
  const row = await db.selectFrom('list_accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('list_id', '=', listId).executeTakeFirstOrThrow();
  return Number(row.n);
}
