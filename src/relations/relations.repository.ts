import { expressionBuilder, sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.js';
import { preparedQuery } from '../db/prepared.js';
import type { Database } from '../db/database.js';

/**
 * The SQL of relations between accounts: follows, follow requests, blocks and mutes. Other
 * modules filter their lists with the fragments at the top (`notBlockedOrMutedBy` and friends),
 * so the block and mute conditions are written once.
 */

const eb = expressionBuilder<Database, never>();

/** A column holding an account id in the outer query, e.g. `'statuses.account_id'`. */
export type AccountColumn = string;

/** A mute that has not expired. */
const unexpired = sql<SqlBool>`(mutes.expires_at IS NULL OR mutes.expires_at > now())`;

/** SQL: `accountId` blocks the account in `column`, or is blocked by it. */
export function blockedEitherWay(accountId: string, column: AccountColumn): Expression<SqlBool> {
  const other = sql.ref<string>(column);
  return eb.exists(
    eb
      .selectFrom('blocks')
      .select('blocks.id')
      .where((b) =>
        b.or([
          b.and([b('blocks.account_id', '=', accountId), b('blocks.target_account_id', '=', other)]),
          b.and([b('blocks.target_account_id', '=', accountId), b('blocks.account_id', '=', other)]),
        ]),
      ),
  );
}

/** SQL: `accountId` blocks the account in `column` (one direction only). */
export function blockedBy(accountId: string, column: AccountColumn): Expression<SqlBool> {
  return eb.exists(
    eb.selectFrom('blocks').select('blocks.id').where('blocks.account_id', '=', accountId).where('blocks.target_account_id', '=', sql.ref<string>(column)),
  );
}

/**
 * SQL: `accountId` mutes the account in `column` (an unexpired mute); with `hidingNotifications`
 * only mutes that also hide that account's notifications count.
 */
export function mutedBy(accountId: string, column: AccountColumn, options: { hidingNotifications?: boolean } = {}): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('mutes')
      .select('mutes.id')
      .where('mutes.account_id', '=', accountId)
      .where('mutes.target_account_id', '=', sql.ref<string>(column))
      .$if(options.hidingNotifications === true, (q) => q.where('mutes.hide_notifications', '=', true))
      .where(unexpired),
  );
}

/**
 * SQL: the viewer neither blocks nor mutes the account in `column`, nor is blocked by it: the
 * condition that keeps such accounts' content out of the viewer's lists.
 */
export function notBlockedOrMutedBy(viewerAccountId: string, column: AccountColumn): Expression<SqlBool> {
  return eb.not(eb.or([blockedEitherWay(viewerAccountId, column), mutedBy(viewerAccountId, column)]));
}

/**
 * SQL: the recipient `accountId` neither blocks the account in `column` nor mutes it with its
 * notifications hidden (the rule for notifications).
 */
export function notSilencedFor(accountId: string, column: AccountColumn): Expression<SqlBool> {
  return eb.not(eb.or([blockedBy(accountId, column), mutedBy(accountId, column, { hidingNotifications: true })]));
}

/** True when either account blocks the other. */
export async function isBlockedEitherWay(db: Db, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('id')
    .where((w) =>
      w.or([
        w.and([w('account_id', '=', a), w('target_account_id', '=', b)]),
        w.and([w('account_id', '=', b), w('target_account_id', '=', a)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when `accountId` blocks `fromId`, or mutes it with notifications hidden. */
export async function isSilencedFor(db: Db, accountId: string, fromId: string): Promise<boolean> {
  const [blocked, muted] = await Promise.all([
    db.selectFrom('blocks').select('id').where('account_id', '=', accountId).where('target_account_id', '=', fromId).executeTakeFirst(),
    db
      .selectFrom('mutes')
      .select('id')
      .where('account_id', '=', accountId)
      .where('target_account_id', '=', fromId)
      .where('hide_notifications', '=', true)
      .where(unexpired)
      .executeTakeFirst(),
  ]);
  return Boolean(blocked || muted);
}

// Follows ---------------------------------------------------------------------------------------

/**
 * Inserts the follow; true when a row was really inserted. Counters change in the same
 * transaction, with atomic increments, so they stay exact under concurrent requests.
 */
export async function insertFollow(trx: Db, followerId: string, followedId: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('follows')
    .values({ follower_id: followerId, followed_id: followedId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await trx.updateTable('accounts').set((e) => ({ following_count: e('following_count', '+', 1) })).where('id', '=', followerId).execute();
  await trx.updateTable('accounts').set((e) => ({ followers_count: e('followers_count', '+', 1) })).where('id', '=', followedId).execute();
  return true;
}

/** Deletes the follow; true when there was one. Counters as in `insertFollow`. */
export async function deleteFollow(trx: Db, followerId: string, followedId: string): Promise<boolean> {
  const deleted = await trx.deleteFrom('follows').where('follower_id', '=', followerId).where('followed_id', '=', followedId).returning('id').executeTakeFirst();
  if (!deleted) return false;
  await trx.updateTable('accounts').set((e) => ({ following_count: e('following_count', '-', 1) })).where('id', '=', followerId).execute();
  await trx.updateTable('accounts').set((e) => ({ followers_count: e('followers_count', '-', 1) })).where('id', '=', followedId).execute();
  return true;
}

export async function isFollowing(db: Db, followerId: string, followedId: string): Promise<boolean> {
  const row = await db.selectFrom('follows').select('id').where('follower_id', '=', followerId).where('followed_id', '=', followedId).executeTakeFirst();
  return row !== undefined;
}

/** One page of followers (or followed accounts), newest follow first, keyed by the follow's id. */
export async function listFollowPage(
  db: Db,
  accountId: string,
  direction: 'followers' | 'following',
  page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number },
): Promise<{ accountId: string; cursor: string }[]> {
  const mine = direction === 'followers' ? 'followed_id' : 'follower_id';
  const other = direction === 'followers' ? 'follower_id' : 'followed_id';
  let q = db
    .selectFrom('follows')
    .innerJoin('accounts', 'accounts.id', `follows.${other}`)
    .select([`follows.${other} as account_id`, 'follows.id as cursor'])
    .where(`follows.${mine}`, '=', accountId)
    .where('accounts.suspended_at', 'is', null)
    .orderBy('follows.id', 'desc')
    .limit(page.limit);
  if (page.maxId) q = q.where('follows.id', '<', page.maxId);
  if (page.sinceId) q = q.where('follows.id', '>', page.sinceId);
  const rows = await q.execute();
  return rows.map((r) => ({ accountId: r.account_id, cursor: r.cursor }));
}

// Follow requests -------------------------------------------------------------------------------

/** Records a pending request; true when it is new. */
export async function insertFollowRequest(db: Db, accountId: string, targetId: string): Promise<boolean> {
  const inserted = await db
    .insertInto('follow_requests')
    .values({ account_id: accountId, target_account_id: targetId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a pending request (withdrawn, authorized or rejected); true when there was one. */
export async function deleteFollowRequest(db: Db, accountId: string, targetId: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('follow_requests')
    .where('account_id', '=', accountId)
    .where('target_account_id', '=', targetId)
    .returning('id')
    .executeTakeFirst();
  return deleted !== undefined;
}

/**
 * One page of the requests addressed to `targetId`, newest first, keyed by the request's id.
 * Requests from suspended accounts are left out (and come back if the suspension is lifted).
 */
export async function listFollowRequestPage(
  db: Db,
  targetId: string,
  page: { maxId?: string | undefined; sinceId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<{ accountId: string; cursor: string }[]> {
  let q = db
    .selectFrom('follow_requests')
    .innerJoin('accounts', 'accounts.id', 'follow_requests.account_id')
    .select(['follow_requests.account_id', 'follow_requests.id'])
    .where('follow_requests.target_account_id', '=', targetId)
    .where('accounts.suspended_at', 'is', null);
  if (page.maxId) q = q.where('follow_requests.id', '<', page.maxId);
  if (page.sinceId) q = q.where('follow_requests.id', '>', page.sinceId);
  const rows = page.minId
    ? (await q.where('follow_requests.id', '>', page.minId).orderBy('follow_requests.id', 'asc').limit(page.limit).execute()).reverse()
    : await q.orderBy('follow_requests.id', 'desc').limit(page.limit).execute();
  return rows.map((r) => ({ accountId: r.account_id, cursor: r.id }));
}

/** How many requests from active accounts wait for `targetId`'s answer. */
export async function countFollowRequests(db: Db, targetId: string): Promise<number> {
  const row = await db
    .selectFrom('follow_requests')
    .innerJoin('accounts', 'accounts.id', 'follow_requests.account_id')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('follow_requests.target_account_id', '=', targetId)
    .where('accounts.suspended_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Oldest first, the accounts whose requests to `targetId` wait (suspended ones included). */
export async function pendingRequesters(db: Db, targetId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('follow_requests')
    .select('account_id')
    .where('target_account_id', '=', targetId)
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.account_id);
}

/** Follow and follow-request facts of `viewerId` towards each of `ids`, for the Relationship entity. */
export async function followFacts(db: Db, viewerId: string, ids: string[]) {
  const [following, followedBy, requested, requestedBy] = await Promise.all([
    db.selectFrom('follows').select('followed_id as id').where('follower_id', '=', viewerId).where('followed_id', 'in', ids).execute(),
    db.selectFrom('follows').select('follower_id as id').where('followed_id', '=', viewerId).where('follower_id', 'in', ids).execute(),
    db.selectFrom('follow_requests').select('target_account_id as id').where('account_id', '=', viewerId).where('target_account_id', 'in', ids).execute(),
    db.selectFrom('follow_requests').select('account_id as id').where('target_account_id', '=', viewerId).where('account_id', 'in', ids).execute(),
  ]);
  const set = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
  return { following: set(following), followedBy: set(followedBy), requested: set(requested), requestedBy: set(requestedBy) };
}

// Blocks and mutes ------------------------------------------------------------------------------

export async function insertBlock(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.insertInto('blocks').values({ account_id: accountId, target_account_id: targetId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteBlock(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.deleteFrom('blocks').where('account_id', '=', accountId).where('target_account_id', '=', targetId).execute();
}

/** Mutes, or updates the options of an existing mute. */
export async function upsertMute(db: Db, accountId: string, targetId: string, mute: { hideNotifications: boolean; expiresAt: Date | null }): Promise<void> {
  await db
    .insertInto('mutes')
    .values({ account_id: accountId, target_account_id: targetId, hide_notifications: mute.hideNotifications, expires_at: mute.expiresAt })
    .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doUpdateSet({ hide_notifications: mute.hideNotifications, expires_at: mute.expiresAt }))
    .execute();
}

export async function deleteMute(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.deleteFrom('mutes').where('account_id', '=', accountId).where('target_account_id', '=', targetId).execute();
}

/** Block and mute facts of `viewerId` towards each of `ids`, for the Relationship entity. */
export async function blockMuteFacts(db: Db, viewerId: string, ids: string[]) {
  if (ids.length === 0) return { blocking: new Set<string>(), blockedBy: new Set<string>(), muting: new Map<string, boolean>() };
  const [blocking, blockedByRows, muting] = await Promise.all([
    db.selectFrom('blocks').select('target_account_id as id').where('account_id', '=', viewerId).where('target_account_id', 'in', ids).execute(),
    db.selectFrom('blocks').select('account_id as id').where('target_account_id', '=', viewerId).where('account_id', 'in', ids).execute(),
    db
      .selectFrom('mutes')
      .select(['target_account_id as id', 'hide_notifications'])
      .where('account_id', '=', viewerId)
      .where('target_account_id', 'in', ids)
      .where(unexpired)
      .execute(),
  ]);
  return {
    blocking: new Set(blocking.map((r) => r.id)),
    blockedBy: new Set(blockedByRows.map((r) => r.id)),
    muting: new Map(muting.map((r) => [r.id, r.hide_notifications])),
  };
}

/** One page of blocked (or muted) accounts, newest first, keyed by the block's (mute's) id. */
export async function listBlockOrMutePage(
  db: Db,
  accountId: string,
  table: 'blocks' | 'mutes',
  page: { maxId?: string | undefined; sinceId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<{ accountId: string; cursor: string; expiresAt: Date | null }[]> {
  let q = db
    .selectFrom(table)
    .select(['target_account_id', 'id'])
    .$if(table === 'mutes', (qb) => qb.select(sql<Date | null>`expires_at`.as('expires_at')))
    .where('account_id', '=', accountId);
  if (table === 'mutes') q = q.where(sql<boolean>`(expires_at IS NULL OR expires_at > now())`);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  if (page.sinceId) q = q.where('id', '>', page.sinceId);
  let rows;
  if (page.minId) {
    rows = (await q.where('id', '>', page.minId).orderBy('id', 'asc').limit(page.limit).execute()).reverse();
  } else {
    rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
  }
  return rows.map((r) => ({ accountId: r.target_account_id, cursor: r.id, expiresAt: (r as { expires_at?: Date | null }).expires_at ?? null }));
}

const mutedAmong = preparedQuery<{ me: string; ids: string[] }, { id: string }>('muted_among', (db, p) =>
  db
    .selectFrom('mutes')
    .select('target_account_id as id')
    .where('account_id', '=', p.me)
    .where(sql<SqlBool>`target_account_id = any(${p.ids}::bigint[])`)
    .where(unexpired),
);

/** Which of `ids` the viewer mutes (unexpired mutes). */
export async function findMutedAmong(db: Db, viewerId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await mutedAmong(db, { me: viewerId, ids: [...new Set(ids)] })).map((r) => r.id));
}

/**
 * Of `readerIds`, those who do not read `authorId`'s content: they block or mute the author, or
 * the author blocks them. The batch form of `notBlockedOrMutedBy` (one query for any number of
 * readers), for live delivery of an already visible status to many readers at once.
 */
export async function readersHidingAuthor(db: Db, authorId: string, readerIds: readonly string[]): Promise<Set<string>> {
  if (readerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('accounts as reader')
    .select('reader.id')
    .where('reader.id', 'in', [...readerIds])
    .where((w) =>
      w.or([
        blockedEitherWay(authorId, 'reader.id'),
        w.exists(
          w
            .selectFrom('mutes')
            .select('mutes.id')
            .whereRef('mutes.account_id', '=', 'reader.id')
            .where('mutes.target_account_id', '=', authorId)
            .where(unexpired),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Of `accountIds`, those who follow `authorId`. */
export async function followersAmong(db: Db, authorId: string, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db.selectFrom('follows').select('follower_id').where('followed_id', '=', authorId).where('follower_id', 'in', [...accountIds]).execute();
  return new Set(rows.map((r) => r.follower_id));
}
