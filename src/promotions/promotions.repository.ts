import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { PromoterFacts, PromotableFacts } from './promotions.policy.js';
import type { PromotionListQuery } from './promotions.js';
import type { PromotionEndReason, PromotionsTable } from './promotions.table.js';

/** The SQL of promotions: creation, review, the promoter's lists and settlement. */

export type PromotionRow = Selectable<PromotionsTable>;

export async function findPromoterFacts(db: Db, accountId: string): Promise<(PromoterFacts & { id: string; username: string }) | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['id', 'username', 'kind', 'verification_status', sql<boolean>`suspended_at IS NOT NULL`.as('suspended')])
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row;
}

export function findPromotableStatus(db: Db, statusId: string): Promise<PromotableFacts | undefined> {
  return db.selectFrom('statuses').select(['account_id', 'visibility', 'in_reply_to_id', 'reblog_of_id', 'hidden_at']).where('id', '=', statusId).executeTakeFirst();
}

export function insertPromotion(trx: Trx, values: Insertable<PromotionsTable>): Promise<PromotionRow> {
  return trx.insertInto('promotions').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findPromotion(db: Db, id: string): Promise<PromotionRow | undefined> {
  return db.selectFrom('promotions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A promotion by id, only when `accountId` is its promoter (anyone else: undefined). */
export function findPromotionOf(db: Db, id: string, accountId: string): Promise<PromotionRow | undefined> {
  return db.selectFrom('promotions').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/** The promoter's promotions, newest first (keyset on id), optionally of one state. */
export function listPromotionsOf(db: Db, accountId: string, query: PromotionListQuery): Promise<PromotionRow[]> {
  let q = db.selectFrom('promotions').selectAll().where('account_id', '=', accountId);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.max_id) q = q.where('id', '<', query.max_id);
  if (query.since_id) q = q.where('id', '>', query.since_id);
  if (query.min_id) q = q.where('id', '>', query.min_id);
  return q.orderBy('id', 'desc').limit(query.limit).execute();
}

/** Promotions of a state for staff, oldest first for the pending queue (first come, first reviewed), newest first otherwise. */
export function listPromotionsForStaff(db: Db, query: PromotionListQuery): Promise<PromotionRow[]> {
  const state = query.state ?? 'pending';
  let q = db.selectFrom('promotions').selectAll().where('state', '=', state);
  if (state === 'pending') {
    if (query.min_id ?? query.since_id) q = q.where('id', '>', (query.min_id ?? query.since_id)!);
    return q.orderBy('id', 'asc').limit(query.limit).execute();
  }
  if (query.max_id) q = q.where('id', '<', query.max_id);
  return q.orderBy('id', 'desc').limit(query.limit).execute();
}

/** How many promotions wait for review (the staff navigation's badge). */
export async function countPendingPromotions(db: Db): Promise<number> {
  const row = await db.selectFrom('promotions').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Approves a pending promotion; undefined when it was decided (or cancelled) meanwhile. */
export function approvePromotionRow(trx: Trx, id: string, review: { reviewerId: string; checklist: readonly string[]; cpmCredits?: number | undefined }): Promise<PromotionRow | undefined> {
  return trx
    .updateTable('promotions')
    .set({
      state: 'approved',
      reviewed_by: review.reviewerId,
      reviewed_at: new Date(),
      checklist_confirmed: [...review.checklist],
      ...(review.cpmCredits !== undefined ? { cpm_credits: review.cpmCredits } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** Rejects a pending promotion with its reason, returning the whole reservation; undefined when no longer pending. */
export function rejectPromotionRow(trx: Trx, id: string, review: { reviewerId: string; reason: string }): Promise<PromotionRow | undefined> {
  return trx
    .updateTable('promotions')
    .set((eb) => ({
      state: 'rejected',
      reviewed_by: review.reviewerId,
      reviewed_at: new Date(),
      rejection_reason: review.reason,
      ended_reason: 'rejected',
      settled_at: new Date(),
      refunded_millicredits: sql<string>`${eb.ref('budget_credits')}::bigint * 1000 - ${eb.ref('spent_millicredits')}`,
    }))
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Ends a promotion that is pending or approved, once: its state becomes `cancelled` (by the
 * promoter) or `completed`, and what it did not spend is computed in the same UPDATE that locks
 * the row, so an impression charged at the same moment is either counted before or refused
 * after (its own UPDATE requires `approved`). Undefined when it had already ended.
 */
export function settlePromotionRow(trx: Trx, id: string, reason: Exclude<PromotionEndReason, 'rejected'>): Promise<PromotionRow | undefined> {
  return trx
    .updateTable('promotions')
    .set((eb) => ({
      state: reason === 'cancelled' ? 'cancelled' : 'completed',
      ended_reason: reason,
      settled_at: new Date(),
      refunded_millicredits: sql<string>`${eb.ref('budget_credits')}::bigint * 1000 - ${eb.ref('spent_millicredits')}`,
    }))
    .where('id', '=', id)
    .where('state', 'in', ['pending', 'approved'])
    .returningAll()
    .executeTakeFirst();
}

/**
 * Promotions under way that must end now, each with why: past their end date, their post gone,
 * or (approved ones) with less left than one impression costs.
 */
export async function findPromotionsToSettle(db: Db, options: { accountId?: string; limit: number }): Promise<{ id: string; reason: Exclude<PromotionEndReason, 'rejected' | 'cancelled'> }[]> {
  let q = db
    .selectFrom('promotions')
    .select([
      'id',
      sql<'post_removed' | 'end_date' | 'budget'>`CASE WHEN status_id IS NULL THEN 'post_removed' WHEN ends_at <= now() THEN 'end_date' ELSE 'budget' END`.as('reason'),
    ])
    .where('state', 'in', ['pending', 'approved'])
    .where((eb) =>
      eb.or([
        eb('status_id', 'is', null),
        eb('ends_at', '<=', sql<Date>`now()`),
        eb.and([eb('state', '=', 'approved'), sql<boolean>`spent_millicredits + cpm_credits > budget_credits::bigint * 1000`]),
      ]),
    );
  if (options.accountId) q = q.where('account_id', '=', options.accountId);
  return q.orderBy('id').limit(options.limit).execute();
}

/** The account's latest posts and articles that may be promoted (public originals, not hidden), for the form's choice. */
export function findPromotableStatusesOf(db: Db, accountId: string, limit: number): Promise<{ id: string; kind: string; title: string; content_source: string; created_at: Date }[]> {
  return db
    .selectFrom('statuses')
    .select(['id', 'kind', 'title', 'content_source', 'created_at'])
    .where('account_id', '=', accountId)
    .where('visibility', '=', 'public')
    .where('reblog_of_id', 'is', null)
    .where('in_reply_to_id', 'is', null)
    .where('hidden_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
