import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { ReportsTable } from './moderation.table.js';

/**
 * SQL of reports and of the staff told about them. Plain functions taking the database handle
 * first; the rules (what may be reported, who is told) live in `reports.service.ts`.
 */

type ReportRow = Selectable<ReportsTable>;

/** One report by id, or undefined. */
export function findReport(db: Db, id: string): Promise<ReportRow | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The reports of `ids` (those that exist), in any order. */
export function findReportsByIds(db: Db, ids: string[]): Promise<ReportRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('reports').selectAll().where('id', 'in', ids).execute();
}

/** The statuses a report is about (undefined for an unknown report). */
export function findReportStatusIds(db: Db, id: string): Promise<{ status_ids: string[] } | undefined> {
  return db.selectFrom('reports').select('status_ids').where('id', '=', id).executeTakeFirst();
}

/** Who filed a report, its category and its target, or undefined for an unknown report. */
export function findReportReporter(db: Db, id: string): Promise<{ account_id: string; category: ReportRow['category']; target_type: string; target_id: string | null } | undefined> {
  return db.selectFrom('reports').select(['account_id', 'category', 'target_type', 'target_id']).where('id', '=', id).executeTakeFirst();
}

/** When a report was handled (null when open), or undefined for an unknown report. */
export function findReportActionTakenAt(trx: Trx, id: string): Promise<{ action_taken_at: Date | null } | undefined> {
  return trx.selectFrom('reports').select('action_taken_at').where('id', '=', id).executeTakeFirst();
}

/** The columns of a reported account that decide whether it can be reported, or undefined. */
export function findReportableAccount(db: Db, accountId: string): Promise<{ id: string; suspended_at: Date | null } | undefined> {
  return db.selectFrom('accounts').select(['id', 'suspended_at']).where('id', '=', accountId).executeTakeFirst();
}

/** Stores a new report and returns it. */
export function insertReport(trx: Trx, values: Insertable<ReportsTable>): Promise<ReportRow> {
  return trx.insertInto('reports').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Records that a moderator acted on a report. */
export async function markReportActionTaken(trx: Db, reportId: string, moderatorId: string): Promise<void> {
  await trx.updateTable('reports').set({ action_taken_at: new Date(), action_taken_by_account_id: moderatorId, updated_at: new Date() }).where('id', '=', reportId).execute();
}

/** Sets a report's handled columns; undefined for an unknown report. */
export function updateReportResolution(trx: Trx, id: string, changes: Updateable<ReportsTable>): Promise<ReportRow | undefined> {
  return trx.updateTable('reports').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Account ids of the staff with staff power (the role and two-factor authentication) who are not suspended. */
export function findEmpoweredStaffAccountIds(trx: Trx): Promise<{ account_id: string }[]> {
  return trx
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select('users.account_id')
    .where('users.staff_role', 'in', ['moderator', 'admin'])
    .where('users.totp_enabled_at', 'is not', null)
    .where('accounts.suspended_at', 'is', null)
    .execute();
}

/** A page of the moderators' report queue, newest first, keyset-paginated on id. */
export async function findReportPage(
  db: Db,
  f: { resolved?: boolean | undefined; accountId?: string | undefined; targetAccountId?: string | undefined; maxId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<ReportRow[]> {
  let q = db.selectFrom('reports').selectAll();
  if (f.resolved !== undefined) q = q.where('action_taken_at', f.resolved ? 'is not' : 'is', null);
  if (f.accountId) q = q.where('account_id', '=', f.accountId);
  if (f.targetAccountId) q = q.where('target_account_id', '=', f.targetAccountId);
  if (f.maxId) q = q.where('id', '<', f.maxId);
  if (f.minId) return (await q.where('id', '>', f.minId).orderBy('id', 'asc').limit(f.limit).execute()).reverse();
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
