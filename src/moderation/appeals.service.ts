import { accountViewerChanged } from '../auth/viewer-cache.js';
import type { AppContext } from '../app-context.js';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { findModerationAction, getModerationActionOrThrow } from './actions.repository.js';
import { revertModerationAction } from './actions.service.js';
import { decidePendingAppeal, findAppeal, findAppealIdOfAction, findAppealPage, findAppealStatus, insertAppeal, listAppealsOf } from './appeals.repository.js';
import { APPEALABLE_ACTIONS } from './moderation.js';
import type { AppealsTable, AppealStatus } from './moderation.table.js';

export type AppealRow = Selectable<AppealsTable>;

/** The notification type of appeal decisions. */
export const APPEAL_NOTIFICATION = 'medired.appeal';

const alreadyAppealed = () => new AppError('validation_failed', 'You have already appealed this decision; each decision can be appealed once', { key: 'moderation.appeal.already' });

/** The author appeals an action taken about them, once per action. */
export async function createAppeal(db: Db, accountId: string, input: { action_id: string; text: string }): Promise<AppealRow> {
  const action = await findModerationAction(db, input.action_id);
  if (!action || action.target_account_id !== accountId) throw notFound('Moderation action');
  if (!APPEALABLE_ACTIONS.includes(action.action)) throw new AppError('validation_failed', 'This decision cannot be appealed', { key: 'moderation.appeal.notAppealable' });
  if (action.reverted_at) throw new AppError('validation_failed', 'This decision was already reverted', { key: 'moderation.action.alreadyReverted' });
  const existing = await findAppealIdOfAction(db, action.id);
  if (existing) throw alreadyAppealed();
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await insertAppeal(trx, { action_id: action.id, account_id: accountId, text: input.text });
      await recordAudit(trx, { actorAccountId: accountId, action: 'appeal.create', targetType: 'appeal', targetId: row.id, targetAccountId: accountId, data: { moderation_action_id: action.id } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyAppealed();
    throw err;
  }
}

export function listOwnAppeals(db: Db, accountId: string): Promise<AppealRow[]> {
  return listAppealsOf(db, accountId);
}

export function listAppeals(db: Db, f: { status?: AppealStatus | undefined; maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<AppealRow[]> {
  return findAppealPage(db, f);
}

export async function getAppeal(db: Db, id: string): Promise<AppealRow> {
  const row = await findAppeal(db, id);
  if (!row) throw notFound('Appeal');
  return row;
}

/**
 * A moderator decides an appeal. Approving reverts the action (content back, limit or suspension
 * lifted); either way the decision is audited and the author notified.
 */
export async function decideAppeal(app: AppContext, moderatorId: string, appealId: string, approve: boolean, reason: string): Promise<AppealRow> {
  const decided = await app.db.transaction().execute(async (trx) => {
    const row = await decidePendingAppeal(trx, appealId, { approve, reason, moderatorId });
    if (!row) {
      const exists = await findAppealStatus(trx, appealId);
      if (!exists) throw notFound('Appeal');
      throw conflict(`This appeal was already ${exists.status}`, 'moderation.appeal.alreadyDecided');
    }
    if (row.account_id === moderatorId) throw new AppError('forbidden', 'You cannot decide your own appeal', { key: 'moderation.appeal.own' });
    const action = await getModerationActionOrThrow(trx, row.action_id);
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
  await accountViewerChanged(app, decided.account_id);
  return decided;
}
