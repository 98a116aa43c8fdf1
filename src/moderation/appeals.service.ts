import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { revertModerationAction } from './actions.service.js';
import { APPEALABLE_ACTIONS } from './moderation.js';
import type { AppealsTable, AppealStatus } from './moderation.table.js';

export type AppealRow = Selectable<AppealsTable>;

/** The notification type of appeal decisions. */
export const APPEAL_NOTIFICATION = 'medired.appeal';

const alreadyAppealed = () => new AppError('validation_failed', 'You have already appealed this decision; each decision can be appealed once', { key: 'moderation.appeal.already' });

/** The author appeals an action taken about them, once per action. */
export async function createAppeal(db: Db, accountId: string, input: { action_id: string; text: string }): Promise<AppealRow> {
  const action = await db.selectFrom('moderation_actions').selectAll().where('id', '=', input.action_id).executeTakeFirst();
  if (!action || action.target_account_id !== accountId) throw notFound('Moderation action');
  if (!APPEALABLE_ACTIONS.includes(action.action)) throw new AppError('validation_failed', 'This decision cannot be appealed', { key: 'moderation.appeal.notAppealable' });
  if (action.reverted_at) throw new AppError('validation_failed', 'This decision was already reverted', { key: 'moderation.action.alreadyReverted' });
  const existing = await db.selectFrom('appeals').select('id').where('action_id', '=', action.id).executeTakeFirst();
  if (existing) throw alreadyAppealed();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx.insertInto('appeals').values({ action_id: action.id, account_id: accountId, text: input.text }).returningAll().executeTakeFirstOrThrow();
      await recordAudit(trx, { actorAccountId: accountId, action: 'appeal.create', targetType: 'appeal', targetId: row.id, targetAccountId: accountId, data: { moderation_action_id: action.id } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyAppealed();
    throw err;
  }
}

export function listOwnAppeals(db: Db, accountId: string): Promise<AppealRow[]> {
  return db.selectFrom('appeals').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(50).execute();
}

export async function listAppeals(db: Db, f: { status?: AppealStatus | undefined; maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<AppealRow[]> {
  let q = db.selectFrom('appeals').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.maxId) q = q.where('id', '<', f.maxId);
  if (f.minId) return (await q.where('id', '>', f.minId).orderBy('id', 'asc').limit(f.limit).execute()).reverse();
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

export async function getAppeal(db: Db, id: string): Promise<AppealRow> {
  const row = await db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Appeal');
  return row;
}

/**
 * A moderator decides an appeal. Approving reverts the action (content back, limit or suspension
 * lifted); either way the decision is audited and the author notified.
 */
export async function decideAppeal(db: Db, moderatorId: string, appealId: string, approve: boolean, reason: string): Promise<AppealRow> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('appeals')
      .set({ status: approve ? 'approved' : 'rejected', decision_reason: reason || null, decided_by_account_id: moderatorId, decided_at: new Date() })
      .where('id', '=', appealId)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const exists = await trx.selectFrom('appeals').select('status').where('id', '=', appealId).executeTakeFirst();
      if (!exists) throw notFound('Appeal');
      throw conflict(`This appeal was already ${exists.status}`, 'moderation.appeal.alreadyDecided');
    }
    if (row.account_id === moderatorId) throw new AppError('forbidden', 'You cannot decide your own appeal', { key: 'moderation.appeal.own' });
    const action = await trx.selectFrom('moderation_actions').selectAll().where('id', '=', row.action_id).executeTakeFirstOrThrow();
    if (approve) await revertModerationAction(trx, action);
    await recordAudit(trx, {
      actorAccountId: moderatorId,
      action: approve ? 'appeal.approve' : 'appeal.reject',
      targetType: 'appeal',
      targetId: row.id,
      targetAccountId: row.account_id,
      reason: reason || null,
      data: { moderation_action_id: action.id, action: action.action, reverted: approve },
    });
    await notify(trx, {
      accountId: row.account_id,
      type: APPEAL_NOTIFICATION,
      payload: { decision: row.status, reason: reason || null, appeal_id: row.id, moderation_action_id: action.id, action: action.action },
    });
    return row;
  });
}
