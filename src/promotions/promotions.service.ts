import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Trx } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import { enqueue, notifyJobs, type Job } from '../jobs/jobs.queue.js';
import { missingChecklistItems } from './advertising-checklist.js';
import { addCredits, reserveCredits } from './promotion-credits.repository.js';
import { MAX_START_DAYS, MILLIS_PER_CREDIT, parseWhen, type ApprovePromotionInput, type CreatePromotionInput, type PromotionListQuery } from './promotions.js';
import { mayCancel, mayReview, promotableDecision, promoterDecision, type PromotableDecision, type PromoterDecision } from './promotions.policy.js';
import {
  approvePromotionRow,
  findPromotableStatus,
  findPromoterFacts,
  findPromotion,
  findPromotionOf,
  findPromotionsToSettle,
  insertPromotion,
  listPromotionsForStaff,
  listPromotionsOf,
  rejectPromotionRow,
  settlePromotionRow,
  type PromotionRow,
} from './promotions.repository.js';
import type { PromotionEndReason } from './promotions.table.js';
import { runningPromotionsChanged } from './running-promotions.js';

export type { PromotionRow } from './promotions.repository.js';

/** The job that ends a promotion at its end date (refunding what it did not spend). */
export const PROMOTION_SETTLE_QUEUE = 'promotions.settle';

const fieldError = (field: string, message: string, key: Parameters<typeof invalidKeyed>[2], params?: Record<string, string | number>) => invalidKeyed(field, message, key, params);
function invalidKeyed(field: string, message: string, key: 'promotions.error.notOwn' | 'promotions.error.notPublic' | 'promotions.error.reply' | 'promotions.error.reblog' | 'promotions.error.hidden' | 'promotions.error.statusNotFound' | 'promotions.error.overBalance' | 'promotions.error.startPast' | 'promotions.error.startTooFar' | 'promotions.error.alreadyPromoted' | 'promotions.error.checklistMissing' | 'promotions.error.notPractitionerTarget', params?: Record<string, string | number>) {
  return new AppError('validation_failed', message, { key, ...(params ? { params } : {}), details: [{ field, message, key, ...(params ? { params } : {}) }] });
}

/** Turns a refusal of the promoter rule into the error the entrances answer with. */
export function assertPromoter(decision: PromoterDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'not_practitioner':
      throw forbidden('Promoting posts is for professionals and organisations', 'promotions.error.notPractitioner');
    case 'not_verified':
      throw forbidden('Verify your account before promoting posts: health advertising needs an identified advertiser', 'promotions.error.notVerified');
    case 'suspended':
      throw forbidden('Your account is suspended', 'staff.suspended');
  }
}

function assertPromotable(decision: PromotableDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'not_found':
      throw fieldError('status_id', 'There is no such post', 'promotions.error.statusNotFound');
    case 'not_own':
      throw fieldError('status_id', 'You can only promote your own posts and articles', 'promotions.error.notOwn');
    case 'not_public':
      throw fieldError('status_id', 'Only public posts and articles can be promoted', 'promotions.error.notPublic');
    case 'reply':
      throw fieldError('status_id', 'A reply cannot be promoted: promote an original post or article', 'promotions.error.reply');
    case 'reblog':
      throw fieldError('status_id', 'A repost cannot be promoted', 'promotions.error.reblog');
    case 'hidden':
      throw fieldError('status_id', 'A post hidden by the moderators cannot be promoted', 'promotions.error.hidden');
  }
}

/** The viewer's facts as a promoter; throws when they may not promote. */
async function promoterOf(app: AppContext, viewer: Viewer) {
  const facts = await findPromoterFacts(app.db, viewer.accountId);
  assertPromoter(promoterDecision(facts));
  return facts!;
}

/**
 * Creates a promotion waiting for review: the promoter and post rules, the dates against now,
 * then in one transaction the promotion and the reservation of its whole budget (refused when
 * the balance does not cover it: the reservation is a conditional UPDATE, so two at once cannot
 * spend the same credits). A job ends it at its end date.
 */
export async function createPromotion(app: AppContext, viewer: Viewer, input: CreatePromotionInput): Promise<PromotionRow> {
  await promoterOf(app, viewer);
  assertPromotable(promotableDecision(viewer.accountId, await findPromotableStatus(app.db, input.status_id)));
  const startsAt = parseWhen(input.starts_at, 'start')!;
  const endsAt = parseWhen(input.ends_at, 'end')!;
  const now = Date.now();
  // A date-only start means today at the earliest; a date-time may be a few minutes old (clock skew).
  if (startsAt.getTime() < now - (/T/.test(input.starts_at) ? 5 * 60_000 : 86_400_000)) throw fieldError('starts_at', 'must not be in the past', 'promotions.error.startPast');
  if (startsAt.getTime() > now + MAX_START_DAYS * 86_400_000) throw fieldError('starts_at', `must be within ${MAX_START_DAYS} days`, 'promotions.error.startTooFar', { days: MAX_START_DAYS });
  const budgetMillis = input.budget_credits * MILLIS_PER_CREDIT;
  try {
    const row = await app.db.transaction().execute(async (trx) => {
      const promotion = await insertPromotion(trx, {
        account_id: viewer.accountId,
        status_id: input.status_id,
        budget_credits: input.budget_credits,
        cpm_credits: app.config.promotionCpm,
        starts_at: startsAt,
        ends_at: endsAt,
        target_specialties: input.target_specialties,
        target_countries: input.target_countries,
        target_cities: input.target_cities,
        target_tags: input.target_tags,
      });
      const reserved = await reserveCredits(trx, { accountId: viewer.accountId, millis: budgetMillis, promotionId: promotion.id, actorId: viewer.accountId });
      if (!reserved) throw new BalanceTooLow();
      await enqueue(trx, PROMOTION_SETTLE_QUEUE, { promotionId: promotion.id }, endsAt);
      return promotion;
    });
    await notifyJobs(app);
    return row;
  } catch (err) {
    if (err instanceof BalanceTooLow) throw fieldError('budget_credits', 'The budget is more than your credit balance', 'promotions.error.overBalance');
    if (isUniqueViolation(err, 'promotions_one_active_idx')) throw fieldError('status_id', 'This post already has a promotion under way', 'promotions.error.alreadyPromoted');
    throw err;
  }
}

class BalanceTooLow extends Error {
  override name = 'BalanceTooLow';
}

/** One of the viewer's promotions (ended ones are settled first); 404 for anyone else's. */
export async function getOwnPromotion(app: AppContext, viewer: Viewer, id: string): Promise<PromotionRow> {
  const row = await findPromotionOf(app.db, id, viewer.accountId);
  if (!row) throw notFound('Promotion', 'promotions.error.notFound');
  if (row.state === 'pending' || row.state === 'approved') {
    await settleDuePromotions(app, { accountId: viewer.accountId });
    return (await findPromotionOf(app.db, id, viewer.accountId))!;
  }
  return row;
}

/** The viewer's promotions, newest first, ended ones settled first. */
export async function listOwnPromotions(app: AppContext, viewer: Viewer, query: PromotionListQuery): Promise<PromotionRow[]> {
  await settleDuePromotions(app, { accountId: viewer.accountId });
  return listPromotionsOf(app.db, viewer.accountId, query);
}

/** The promoter cancels a pending or running promotion: what it did not spend comes back. */
export async function cancelPromotion(app: AppContext, viewer: Viewer, id: string): Promise<PromotionRow> {
  const row = await findPromotionOf(app.db, id, viewer.accountId);
  if (!row) throw notFound('Promotion', 'promotions.error.notFound');
  if (!mayCancel(viewer.accountId, row)) throw conflict('This promotion has already ended', 'promotions.error.ended');
  const ended = await settle(app, id, 'cancelled');
  if (!ended) throw conflict('This promotion has already ended', 'promotions.error.ended');
  return ended;
}

/** Ends one promotion and refunds what it did not spend, in one transaction; undefined when it had ended. */
async function settle(app: AppContext, id: string, reason: Exclude<PromotionEndReason, 'rejected'>): Promise<PromotionRow | undefined> {
  return app.db.transaction().execute(async (trx) => {
    const row = await settlePromotionRow(trx, id, reason);
    if (row) await refund(trx, row);
    return row;
  });
}

async function refund(trx: Trx, row: PromotionRow): Promise<void> {
  const millis = Number(row.refunded_millicredits ?? 0);
  if (millis > 0) await addCredits(trx, 'refund', { accountId: row.account_id, millis, promotionId: row.id, note: row.ended_reason ?? '' });
}

/**
 * Ends the promotions that are due (past their end, post deleted, budget used up), refunding each;
 * called by the end-date job, after a charge used the budget up, and before a promoter reads theirs.
 */
export async function settleDuePromotions(app: AppContext, options: { accountId?: string } = {}): Promise<number> {
  const due = await findPromotionsToSettle(app.db, { ...options, limit: 100 });
  let ended = 0;
  for (const { id, reason } of due) if (await settle(app, id, reason)) ended += 1;
  return ended;
}

/** Ends one promotion if it is due (after a charge that may have used its budget up). */
export async function settleIfDue(app: AppContext, promotionId: string): Promise<void> {
  const row = await findPromotion(app.db, promotionId);
  if (!row) return;
  const due = await findPromotionsToSettle(app.db, { accountId: row.account_id, limit: 100 });
  for (const d of due) if (d.id === promotionId) await settle(app, d.id, d.reason);
}

/** The end-date job of a promotion (and any other due one on the way). */
export async function settlePromotionJob(app: AppContext, _job: Job): Promise<void> {
  await settleDuePromotions(app);
}

// ---- moderation ----

/** The review queue (pending, oldest first) or the promotions of another state, for staff. */
export function listPromotionsForReview(app: AppContext, query: PromotionListQuery): Promise<PromotionRow[]> {
  return listPromotionsForStaff(app.db, query);
}

export async function getPromotionForStaff(app: AppContext, id: string): Promise<PromotionRow> {
  const row = await findPromotion(app.db, id);
  if (!row) throw notFound('Promotion', 'promotions.error.notFound');
  return row;
}

/**
 * A moderator approves a pending promotion, confirming every item of the advertising checklist
 * (recorded on the promotion), optionally with its own cost per thousand impressions; audited.
 */
export async function approvePromotion(app: AppContext, moderator: Viewer, id: string, input: ApprovePromotionInput): Promise<PromotionRow> {
  const row = await getPromotionForStaff(app, id);
  if (!mayReview(row)) throw conflict('This promotion is not waiting for review', 'promotions.error.notPending');
  const missing = missingChecklistItems(input.checklist);
  if (missing.length > 0) {
    throw fieldError('checklist', `Confirm every item of the advertising checklist first (missing: ${missing.join(', ')})`, 'promotions.error.checklistMissing', { missing: missing.join(', ') });
  }
  const approved = await app.db.transaction().execute(async (trx) => {
    const approved = await approvePromotionRow(trx, id, { reviewerId: moderator.accountId, checklist: input.checklist, cpmCredits: input.cpm_credits });
    if (!approved) throw conflict('This promotion is not waiting for review', 'promotions.error.notPending');
    await recordAudit(trx, {
      actorAccountId: moderator.accountId,
      action: 'promotion.approve',
      targetType: 'promotion',
      targetId: id,
      targetAccountId: approved.account_id,
      data: { checklist: approved.checklist_confirmed, cpm_credits: approved.cpm_credits, status_id: approved.status_id },
    });
    return approved;
  });
  await runningPromotionsChanged(app);
  return approved;
}

/** A moderator rejects a pending promotion with a reason the promoter reads; the budget comes back; audited. */
export async function rejectPromotion(app: AppContext, moderator: Viewer, id: string, reason: string): Promise<PromotionRow> {
  const row = await getPromotionForStaff(app, id);
  if (!mayReview(row)) throw conflict('This promotion is not waiting for review', 'promotions.error.notPending');
  return app.db.transaction().execute(async (trx) => {
    const rejected = await rejectPromotionRow(trx, id, { reviewerId: moderator.accountId, reason });
    if (!rejected) throw conflict('This promotion is not waiting for review', 'promotions.error.notPending');
    await refund(trx, rejected);
    await recordAudit(trx, { actorAccountId: moderator.accountId, action: 'promotion.reject', targetType: 'promotion', targetId: id, targetAccountId: rejected.account_id, reason, data: { status_id: rejected.status_id } });
    return rejected;
  });
}
