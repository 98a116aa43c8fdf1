import { findAccountById } from '../accounts/accounts.repository.js';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { homeFollowsChanged } from '../timelines/home-feed.js';
import { AppError, notFound } from '../errors.js';
import { queueRelationNotice } from './relation-notices.js';
import { deleteFollow, deleteFollowRequest, insertFollow, insertFollowRequest, isBlockedEitherWay, isFollowing, listFollowPage } from './relations.repository.js';

/** What following did: a new follow, a request held for a locked account's approval, or nothing new. */
export type FollowOutcome = 'followed' | 'requested' | 'unchanged';

/**
 * Follows `targetId`. A locked account holds the follow as a request until it authorizes it
 * (`follow-requests.service.ts`); any other account is followed at once. Idempotent.
 */
export async function follow(app: AppContext, followerId: string, targetId: string): Promise<FollowOutcome> {
  if (followerId === targetId) throw new AppError('validation_failed', 'You cannot follow yourself');
  const outcome = await app.db.transaction().execute(async (trx): Promise<FollowOutcome> => {
    const target = await findAccountById(trx, targetId);
    if (!target || target.suspended_at) throw notFound('Account');
    if (await isBlockedEitherWay(trx, followerId, targetId)) throw new AppError('forbidden', 'You cannot follow this account');
    if (await isFollowing(trx, followerId, targetId)) return 'unchanged';
    if (target.locked) {
      if (!(await insertFollowRequest(trx, followerId, targetId))) return 'unchanged';
      await queueRelationNotice(trx, { kind: 'follow_request', account_id: targetId, from_account_id: followerId });
      return 'requested';
    }
    // A request left from when the account was locked is answered by this follow.
    if (await deleteFollowRequest(trx, followerId, targetId)) {
      await queueRelationNotice(trx, { kind: 'follow_request_resolved', account_id: targetId, from_account_id: followerId });
    }
    if (!(await insertFollow(trx, followerId, targetId))) return 'unchanged';
    await queueRelationNotice(trx, { kind: 'follow', account_id: targetId, from_account_id: followerId });
    return 'followed';
  });
  if (outcome === 'followed') await homeFollowsChanged(app, [followerId]);
  return outcome;
}

/** Stops following, or withdraws a pending follow request; idempotent, counters exact. */
export async function unfollow(app: AppContext, followerId: string, targetId: string): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    await deleteFollow(trx, followerId, targetId);
    if (await deleteFollowRequest(trx, followerId, targetId)) {
      await queueRelationNotice(trx, { kind: 'follow_request_resolved', account_id: targetId, from_account_id: followerId });
    }
  });
  await homeFollowsChanged(app, [followerId]);
}

/** One page of an account's followers (or followed accounts), newest follow first; suspended accounts left out. */
export function listFollows(db: Db, accountId: string, direction: 'followers' | 'following', page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number }) {
  return listFollowPage(db, accountId, direction, page);
}
