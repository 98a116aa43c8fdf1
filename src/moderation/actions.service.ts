import type { AppContext } from '../app-context.js';
import { accountViewerChanged } from '../auth/viewer-cache.js';
import type { Kysely, Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import {
  clearAccountRestriction,
  findAccountId,
  findSensitiveActionsInForce,
  findUserStaffRole,
  insertModerationAction,
  listActionsAboutAccount,
  listActionsOfReportRows,
  markAccountStatusesSensitive,
  markActionReverted,
  setAccountRestriction,
  unmarkStatusesSensitive,
  unsilenceAccount,
  unsuspendAccount,
} from './actions.repository.js';
import { contentTarget } from './content-targets.js';
import { notifyReporter, REPORT_OUTCOME_OF_ACTION } from './report-outcome.js';
import { APPEALABLE_ACTIONS, CONTENT_ACTIONS, DEFAULT_LABEL, type ModerationActionInput } from './moderation.js';
import type { ModerationActionsTable, ModerationActionType } from './moderation.table.js';
import { findReport, findReportStatusIds, markReportActionTaken } from './reports.repository.js';

export type ModerationActionRow = Selectable<ModerationActionsTable>;

/** The notification type the author gets for each action taken about them. */
export const MODERATION_NOTIFICATION = 'medired.moderation';

type Tx = Kysely<Database>;

interface Target {
  accountId: string;
  content: { type: string; id: string } | null;
}

async function resolveTarget(db: Db, input: ModerationActionInput): Promise<{ target: Target; reportId: string | null }> {
  const report = input.report_id ? await findReport(db, input.report_id) : null;
  if (input.report_id && !report) throw notFound('Report');
  let content: Target['content'] = null;
  if (input.status_id) content = { type: 'status', id: input.status_id };
  else if (input.target_type && input.target_id && input.target_type !== 'account') content = { type: input.target_type, id: input.target_id };
  else if (report && report.target_type !== 'account' && report.target_id) content = { type: report.target_type, id: report.target_id };
  const needsContent = CONTENT_ACTIONS.includes(input.action);
  if (needsContent && !content) {
    throw invalid('Say which content the action is about (status_id, or target_type and target_id)', 'status_id', 'moderation.action.needsContent');
  }
  let accountId = input.account_id ?? report?.target_account_id ?? null;
  if (content && needsContent) {
    const author = await contentTarget(content.type).authorOf(db, content.id);
    if (!author) throw notFound('Content');
    if (accountId && accountId !== author) throw invalid('The content does not belong to that account', 'account_id', 'moderation.contentNotOfAccount');
    accountId = author;
  }
  if (!accountId) throw invalid('Say which account the action is about', 'account_id', 'moderation.action.sayAccount');
  if (input.action === 'dismiss' && !report) throw invalid('Dismiss applies to a report: give report_id', 'report_id', 'moderation.action.dismissNeedsReport');
  return { target: { accountId, content: needsContent ? content : null }, reportId: report?.id ?? null };
}

/** Applies the effect of an action; returns what is needed to revert it. */
async function applyEffect(trx: Tx, action: ModerationActionType, target: Target, label: string | null, reportId: string | null, by: { moderatorId: string; reason: string }): Promise<Record<string, unknown> | null> {
  const now = new Date();
  const content = target.content;
  const handler = content ? contentTarget(content.type) : null;
  const unsupported = () => invalid(`This kind of content cannot be handled with "${action}"`, 'action', 'moderation.action.unsupported');
  switch (action) {
    case 'dismiss':
    case 'warn':
      return null;
    case 'hide': {
      if (!handler?.setHidden) throw unsupported();
      await handler.setHidden(trx, content!.id, true, by);
      return handler.snapshot(trx, content!.id);
    }
    case 'label': {
      if (!handler?.setLabel) throw unsupported();
      const previous = await handler.setLabel(trx, content!.id, label);
      return { previous_label: previous };
    }
    case 'remove': {
      if (!handler?.remove) throw unsupported();
      return handler.remove(trx, content!.id);
    }
    case 'sensitive': {
      // The reported statuses, or else all of the account's posts, are marked sensitive.
      const report = reportId ? await findReportStatusIds(trx, reportId) : null;
      const ids = report?.status_ids ?? [];
      const changed = await markAccountStatusesSensitive(trx, target.accountId, ids);
      return { status_ids: changed.map((r) => r.id) };
    }
    case 'limit':
    case 'suspend': {
      const column = action === 'limit' ? 'silenced_at' : 'suspended_at';
      const row = await setAccountRestriction(trx, target.accountId, column, now);
      if (!row) throw action === 'limit' ? conflict('This account is already limited', 'moderation.action.alreadyLimited') : conflict('This account is already suspended', 'moderation.action.alreadySuspended');
      return null;
    }
    case 'unlimit':
    case 'unsuspend': {
      const column = action === 'unlimit' ? 'silenced_at' : 'suspended_at';
      const row = await clearAccountRestriction(trx, target.accountId, column);
      if (!row) throw action === 'unlimit' ? conflict('This account is not limited', 'moderation.action.notLimited') : conflict('This account is not suspended', 'moderation.action.notSuspended');
      return null;
    }
  }
}

/**
 * A moderator acts on a report, an account or a piece of content, always with a reason. The
 * effect, the action record (with what is needed to revert it), the report's resolution and the
 * audit entry are written in one transaction; the author is told what happened and why.
 */
export async function takeModerationAction(app: AppContext, moderator: Pick<Viewer, 'accountId' | 'staffRole' | 'mfaEnabled' | 'suspended'>, input: ModerationActionInput): Promise<ModerationActionRow> {
  if (!hasStaffPower(moderator)) throw forbidden('Moderation needs a moderator with two-factor authentication');
  const db = app.db;
  const { target, reportId } = await resolveTarget(db, input);
  if (target.accountId === moderator.accountId) throw invalid('You cannot moderate your own account or content', 'account_id', 'moderation.action.self');
  const targetUser = await findUserStaffRole(db, target.accountId);
  const exists = await findAccountId(db, target.accountId);
  if (!exists) throw notFound('Account');
  if (targetUser && targetUser.staff_role !== 'user' && !hasStaffPower(moderator, 'admin')) throw forbidden('Only administrators can take actions against staff', 'moderation.action.staffOnlyAdmins');
  const label = input.action === 'label' ? (input.label ?? DEFAULT_LABEL) : null;
  const action = await db.transaction().execute(async (trx) => {
    const snapshot = await applyEffect(trx, input.action, target, label, reportId, { moderatorId: moderator.accountId, reason: input.reason });
    const row = await insertModerationAction(trx, {
      moderator_account_id: moderator.accountId,
      target_account_id: target.accountId,
      report_id: reportId,
      action: input.action,
      target_type: target.content?.type ?? null,
      target_id: target.content?.id ?? null,
      label,
      reason: input.reason,
      snapshot: snapshot ? JSON.stringify(snapshot) : null,
    });
    if (reportId) {
      await markReportActionTaken(trx, reportId, moderator.accountId);
    }
    await recordAudit(trx, {
      actorAccountId: moderator.accountId,
      action: `moderation.${input.action}`,
      targetType: target.content?.type ?? 'account',
      targetId: target.content?.id ?? target.accountId,
      targetAccountId: target.accountId,
      reason: input.reason,
      data: { moderation_action_id: row.id, report_id: reportId, ...(label ? { label } : {}), ...(input.action === 'remove' ? { snapshot } : {}) },
    });
    if (reportId) await notifyReporter(trx, reportId, REPORT_OUTCOME_OF_ACTION[input.action]);
    if (input.action !== 'dismiss') {
      await notify(trx, {
        accountId: target.accountId,
        type: MODERATION_NOTIFICATION,
        payload: {
          action: input.action,
          reason: input.reason,
          label,
          moderation_action_id: row.id,
          target_type: target.content?.type ?? 'account',
          target_id: target.content?.id ?? null,
          appealable: APPEALABLE_ACTIONS.includes(input.action),
        },
      });
    }
    return row;
  });
  // A suspension changes what the account's tokens may do, from the next request on.
  await accountViewerChanged(app, target.accountId);
  return action;
}

/** Undoes an action (an upheld appeal); the caller audits and notifies. */
export async function revertModerationAction(trx: Tx, action: ModerationActionRow): Promise<void> {
  if (action.reverted_at) throw new AppError('conflict', 'This action was already reverted', { key: 'moderation.action.alreadyReverted' });
  const handler = action.target_type && action.target_type !== 'account' ? contentTarget(action.target_type) : null;
  const snapshot = action.snapshot ?? {};
  switch (action.action) {
    case 'hide':
      if (handler?.setHidden && action.target_id) await handler.setHidden(trx, action.target_id, false);
      break;
    case 'label':
      if (handler?.setLabel && action.target_id) await handler.setLabel(trx, action.target_id, (snapshot.previous_label as string | null) ?? null);
      break;
    case 'remove':
      if (handler?.restore) await handler.restore(trx, snapshot);
      break;
    case 'sensitive': {
      const ids = (snapshot.status_ids as string[] | undefined) ?? [];
      if (ids.length > 0) await unmarkStatusesSensitive(trx, ids);
      break;
    }
    case 'limit':
      await unsilenceAccount(trx, action.target_account_id);
      break;
    case 'suspend':
      await unsuspendAccount(trx, action.target_account_id);
      break;
    default:
      break;
  }
  await markActionReverted(trx, action.id);
}

/** Actions taken about an account, newest first (their own view, and staff's). */
export function listActionsAbout(db: Db, accountId: string, limit = 50): Promise<ModerationActionRow[]> {
  return listActionsAboutAccount(db, accountId, limit);
}

export function listActionsOfReport(db: Db, reportId: string): Promise<ModerationActionRow[]> {
  return listActionsOfReportRows(db, reportId);
}

/**
 * Mastodon's `unsensitive`: every `sensitive` action still in force on the account is reverted
 * (its statuses are no longer marked sensitive by it), in one transaction, audited. Returns how many.
 */
export async function unsensitizeAccount(app: AppContext, moderator: Pick<Viewer, 'accountId'>, accountId: string): Promise<number> {
  const actions = await findSensitiveActionsInForce(app.db, accountId);
  if (actions.length === 0) return 0;
  await app.db.transaction().execute(async (trx) => {
    for (const action of actions) await revertModerationAction(trx, action);
    await recordAudit(trx, { actorAccountId: moderator.accountId, action: 'moderation.unsensitive', targetType: 'account', targetId: accountId, targetAccountId: accountId, data: { moderation_action_ids: actions.map((a) => a.id) } });
  });
  return actions.length;
}
