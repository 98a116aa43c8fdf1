import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/audit-log.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { AppError, invalid, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { findVisibleStatuses } from '../posts/posts.repository.js';
import { contentTarget } from './content-targets.js';
import { notifyReporter } from './report-outcome.js';
import {
  findEmpoweredStaffAccountIds,
  findReport,
  findReportableAccount,
  findReportActionTakenAt,
  findReportPage,
  insertReport,
  updateReportResolution,
} from './reports.repository.js';
import type { ReportInput } from './moderation.js';
import type { ReportsTable } from './moderation.table.js';

export type ReportRow = Selectable<ReportsTable>;

/** Notification staff get for each new report (Mastodon's type). */
export const REPORT_NOTIFICATION = 'admin.report';

interface ResolvedTarget {
  targetAccountId: string;
  targetType: string;
  targetId: string | null;
  statusIds: string[];
}

async function resolveTarget(db: Db, viewer: Viewer, input: ReportInput): Promise<ResolvedTarget> {
  let statusIds = [...new Set(input.status_ids)];
  if (input.target_type === 'status' && input.target_id) statusIds = [...new Set([input.target_id, ...statusIds])];
  const generic = input.target_type && input.target_type !== 'account' && input.target_type !== 'status' ? input.target_type : null;
  if (generic) {
    if (statusIds.length > 0) throw invalid('Report statuses and other content separately', 'status_ids', 'moderation.report.separate');
    const target = contentTarget(generic);
    if (target.reportableDirectly === false) throw notFound('Reported content');
    const author = await target.authorOf(db, input.target_id!);
    if (!author) throw notFound('Reported content');
    // Under a pseudonym the target alone decides whose content it is: checking `account_id`
    // against the author would answer differently for a right and a wrong guess of the asker.
    const pseudonymous = (await target.shownUnderPseudonym?.(db, input.target_id!)) ?? false;
    if (!pseudonymous && input.account_id && input.account_id !== author) throw invalid('The content does not belong to that account', 'account_id', 'moderation.contentNotOfAccount');
    return { targetAccountId: author, targetType: generic, targetId: input.target_id!, statusIds: [] };
  }
  if (statusIds.length > 0) {
    // Only what the reporter can see can be reported (no probing for hidden statuses).
    const rows = await findVisibleStatuses(db, statusIds, viewer);
    if (rows.length !== statusIds.length) throw notFound('Status');
    const authors = new Set(rows.map((r) => r.account_id));
    if (authors.size > 1) throw invalid('All reported statuses must belong to the same account', 'status_ids', 'moderation.report.statusesSameAccount');
    const author = rows[0]!.account_id;
    if (input.account_id && input.account_id !== author) throw invalid('The statuses do not belong to that account', 'status_ids', 'moderation.report.statusesNotOfAccount');
    return { targetAccountId: author, targetType: 'status', targetId: statusIds.length === 1 ? statusIds[0]! : null, statusIds };
  }
  const accountId = input.account_id ?? input.target_id;
  if (!accountId) throw invalid('Say which account you report', 'account_id', 'moderation.report.sayAccount');
  const account = await findReportableAccount(db, accountId);
  if (!account || account.suspended_at) throw notFound('Account');
  return { targetAccountId: accountId, targetType: 'account', targetId: accountId, statusIds: [] };
}

/**
 * Files a report about an account, some of its statuses, or another module's content. The
 * reporter is never told to the reported account; staff are notified.
 */
export async function createReport(db: Db, viewer: Viewer, input: ReportInput): Promise<ReportRow> {
  const target = await resolveTarget(db, viewer, input);
  if (target.targetAccountId === viewer.accountId) throw new AppError('validation_failed', 'You cannot report yourself', { key: 'moderation.report.self' });
  return db.transaction().execute(async (trx) => {
    const row = await insertReport(trx, {
      account_id: viewer.accountId,
      target_account_id: target.targetAccountId,
      category: input.category,
      comment: input.comment,
      target_type: target.targetType,
      target_id: target.targetId,
      status_ids: JSON.stringify(target.statusIds),
      forwarded: false,
    });
    await recordAudit(trx, {
      actorAccountId: viewer.accountId,
      action: 'report.create',
      targetType: 'report',
      targetId: row.id,
      targetAccountId: target.targetAccountId,
      data: { category: row.category, target_type: row.target_type, target_id: row.target_id, status_ids: target.statusIds },
    });
    // Only staff with staff power (the role and two-factor authentication, as `hasStaffPower`) learn who reported.
    const staff = await findEmpoweredStaffAccountIds(trx);
    for (const s of staff) {
      if (s.account_id === target.targetAccountId) continue;
      await notify(trx, { accountId: s.account_id, type: REPORT_NOTIFICATION, fromAccountId: viewer.accountId, payload: { report_id: row.id, category: row.category } });
    }
    return row;
  });
}

export interface ReportFilter {
  resolved?: boolean | undefined;
  accountId?: string | undefined;
  targetAccountId?: string | undefined;
  maxId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/** The moderators' report queue, newest first, keyset-paginated on id. */
export function listReports(db: Db, f: ReportFilter): Promise<ReportRow[]> {
  return findReportPage(db, f);
}

export async function getReport(db: Db, id: string): Promise<ReportRow> {
  const row = await findReport(db, id);
  if (!row) throw notFound('Report');
  return row;
}

/** Marks a report handled (or open again); audited. */
export async function setReportResolved(db: Db, moderatorId: string, id: string, resolved: boolean): Promise<ReportRow> {
  return db.transaction().execute(async (trx) => {
    const before = await findReportActionTakenAt(trx, id);
    const row = await updateReportResolution(
      trx,
      id,
      resolved ? { action_taken_at: new Date(), action_taken_by_account_id: moderatorId, updated_at: new Date() } : { action_taken_at: null, action_taken_by_account_id: null, updated_at: new Date() },
    );
    if (!row) throw notFound('Report');
    await recordAudit(trx, { actorAccountId: moderatorId, action: resolved ? 'report.resolve' : 'report.reopen', targetType: 'report', targetId: id, targetAccountId: row.target_account_id });
    // Closed without an action on the report: the reporter learns it was reviewed.
    if (resolved && !before?.action_taken_at) await notifyReporter(trx, id, 'resolved');
    return row;
  });
}

/** Mastodon's `PUT /api/v1/admin/reports/:id`: a moderator corrects the report's category; audited. */
export async function changeReportCategory(db: Db, moderatorId: string, id: string, category: ReportRow['category']): Promise<ReportRow> {
  return db.transaction().execute(async (trx) => {
    const row = await updateReportResolution(trx, id, { category, updated_at: new Date() });
    if (!row) throw notFound('Report');
    await recordAudit(trx, { actorAccountId: moderatorId, action: 'report.update', targetType: 'report', targetId: id, targetAccountId: row.target_account_id, data: { category } });
    return row;
  });
}

/** Mastodon's `assign_to_self` and `unassign`: who is handling the report; audited. */
export async function assignReport(db: Db, moderatorId: string, id: string, assign: boolean): Promise<ReportRow> {
  return db.transaction().execute(async (trx) => {
    const row = await updateReportResolution(trx, id, { assigned_account_id: assign ? moderatorId : null, updated_at: new Date() });
    if (!row) throw notFound('Report');
    await recordAudit(trx, { actorAccountId: moderatorId, action: assign ? 'report.assign' : 'report.unassign', targetType: 'report', targetId: id, targetAccountId: row.target_account_id });
    return row;
  });
}
