import { findAccountById } from '../accounts/accounts.repository.js';
import { homeFollowsChanged } from '../timelines/home-feed.js';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { notFound } from '../errors.js';
import type { Job } from '../jobs/jobs.queue.js';
import { queueRelationNotice } from './relation-notices.js';
import { countFollowRequests, deleteFollowRequest, insertFollow, listFollowRequestPage, pendingRequesters } from './relations.repository.js';

/**
 * Follow requests, as Mastodon has them: following a locked account creates a request
 * (`follows.service.ts`); only the locked account answers it. Authorizing turns it into a follow
 * and notifies the locked account of the new follower (`follow`); rejecting, or the requester
 * withdrawing, drops it. A request from a suspended account is hidden and cannot be answered.
 */

/** Turns a pending request into a follow (in the caller's transaction); false when there was no request. */
async function grantRequest(trx: Db, requesterId: string, accountId: string): Promise<boolean> {
  if (!(await deleteFollowRequest(trx, requesterId, accountId))) return false;
  await queueRelationNotice(trx, { kind: 'follow_request_resolved', account_id: accountId, from_account_id: requesterId });
  if (await insertFollow(trx, requesterId, accountId)) {
    await queueRelationNotice(trx, { kind: 'follow', account_id: accountId, from_account_id: requesterId });
  }
  return true;
}

/** Authorizes `requesterId`'s request to follow `accountId`; 404 when there is none (or it is not addressed to `accountId`). */
export async function authorizeFollowRequest(app: AppContext, accountId: string, requesterId: string): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    const requester = await findAccountById(trx, requesterId);
    if (!requester || requester.suspended_at) throw notFound('Follow request');
    if (!(await grantRequest(trx, requesterId, accountId))) throw notFound('Follow request');
  });
  await homeFollowsChanged(app, [requesterId]);
}

/** Rejects `requesterId`'s request to follow `accountId`; 404 when there is none. */
export async function rejectFollowRequest(db: Db, accountId: string, requesterId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const requester = await findAccountById(trx, requesterId);
    if (!requester || requester.suspended_at) throw notFound('Follow request');
    if (!(await deleteFollowRequest(trx, requesterId, accountId))) throw notFound('Follow request');
    await queueRelationNotice(trx, { kind: 'follow_request_resolved', account_id: accountId, from_account_id: requesterId });
  });
}

/** One page of the requests waiting for `accountId`, newest first. */
export function listFollowRequests(db: Db, accountId: string, page: Parameters<typeof listFollowRequestPage>[2]) {
  return listFollowRequestPage(db, accountId, page);
}

/** How many requests wait for `accountId` (the web shows a link when there are some). */
export function pendingFollowRequestCount(db: Db, accountId: string): Promise<number> {
  return countFollowRequests(db, accountId);
}

const BATCH = 100;

/**
 * Job handler for `ACCOUNT_UNLOCKED_QUEUE`: an account that stops being locked accepts every
 * pending request, as Mastodon does when `locked` is turned off. Requests from suspended
 * accounts are accepted too (their follows stay hidden while they are suspended).
 */
export async function acceptPendingFollowRequests(app: AppContext, job: Job): Promise<void> {
  const accountId = String(job.payload.account_id ?? '');
  const account = accountId ? await findAccountById(app.db, accountId) : undefined;
  // Locked again before the job ran: the requests wait for answers as before.
  if (!account || account.locked) return;
  for (;;) {
    const requesters = await pendingRequesters(app.db, accountId, BATCH);
    for (const requesterId of requesters) {
      await app.db.transaction().execute((trx) => grantRequest(trx, requesterId, accountId));
    }
    await homeFollowsChanged(app, requesters);
    if (requesters.length < BATCH) return;
  }
}
