import type { Db } from '../db/connect.js';
import { AppError, notFound } from '../errors.js';
import { blockMuteFacts, isBlockedEitherWay } from '../moderation/relations.service.js';

/**
 * Follows `targetId`. Idempotent; counters change only when a row was really inserted, in the
 * same transaction, with atomic increments, so they stay exact under concurrent requests.
 */
export async function follow(db: Db, followerId: string, targetId: string): Promise<void> {
  if (followerId === targetId) throw new AppError('validation_failed', 'You cannot follow yourself');
  await db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('accounts').select(['id', 'suspended_at']).where('id', '=', targetId).executeTakeFirst();
    if (!target || target.suspended_at) throw notFound('Account');
    if (await isBlockedEitherWay(trx, followerId, targetId)) throw new AppError('forbidden', 'You cannot follow this account');
    const inserted = await trx
      .insertInto('follows')
      .values({ follower_id: followerId, followed_id: targetId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return;
    await trx.updateTable('accounts').set((eb) => ({ following_count: eb('following_count', '+', 1) })).where('id', '=', followerId).execute();
    await trx.updateTable('accounts').set((eb) => ({ followers_count: eb('followers_count', '+', 1) })).where('id', '=', targetId).execute();
  });
}

/** Stops following; idempotent, counters exact as in `follow`. */
export async function unfollow(db: Db, followerId: string, targetId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('follows')
      .where('follower_id', '=', followerId)
      .where('followed_id', '=', targetId)
      .returning('id')
      .executeTakeFirst();
    if (!deleted) return;
    await trx.updateTable('accounts').set((eb) => ({ following_count: eb('following_count', '-', 1) })).where('id', '=', followerId).execute();
    await trx.updateTable('accounts').set((eb) => ({ followers_count: eb('followers_count', '-', 1) })).where('id', '=', targetId).execute();
  });
}

/** Mastodon's Relationship entity. Blocks and mutes are filled in by the moderation module. */
export interface Relationship {
  id: string;
  following: boolean;
  showing_reblogs: boolean;
  notifying: boolean;
  languages: null;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
  muting_notifications: boolean;
  requested: boolean;
  requested_by: boolean;
  domain_blocking: boolean;
  endorsed: boolean;
  note: string;
}

/** Relationships between the viewer and each of `ids`, in the order given. */
export async function relationships(db: Db, viewerId: string, ids: string[]): Promise<Relationship[]> {
  if (ids.length === 0) return [];
  const [following, followedBy, blockMute] = await Promise.all([
    db.selectFrom('follows').select('followed_id').where('follower_id', '=', viewerId).where('followed_id', 'in', ids).execute(),
    db.selectFrom('follows').select('follower_id').where('followed_id', '=', viewerId).where('follower_id', 'in', ids).execute(),
    blockMuteFacts(db, viewerId, ids),
  ]);
  const followingSet = new Set(following.map((r) => r.followed_id));
  const followedBySet = new Set(followedBy.map((r) => r.follower_id));
  return ids.map((id) => ({
    id,
    following: followingSet.has(id),
    showing_reblogs: followingSet.has(id),
    notifying: false,
    languages: null,
    followed_by: followedBySet.has(id),
    blocking: blockMute.blocking.has(id),
    blocked_by: blockMute.blockedBy.has(id),
    muting: blockMute.muting.has(id),
    muting_notifications: blockMute.muting.get(id) ?? false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  }));
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
