import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { ModerationActionsTable } from './moderation.table.js';

/**
 * SQL of moderation actions and of their effects on accounts and statuses. Plain functions
 * taking the database handle first (inside a transaction, the transaction); the rules (who may
 * act on whom, what each action does) live in `actions.service.ts`.
 */

type ActionRow = Selectable<ModerationActionsTable>;

/** The account column that limits (`silenced_at`) or suspends (`suspended_at`) an account. */
export type AccountRestrictionColumn = 'silenced_at' | 'suspended_at';

/** One moderation action by id, or undefined. */
export function findModerationAction(db: Db, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom('moderation_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One moderation action by id, which must exist. */
export function getModerationActionOrThrow(trx: Db, id: string): Promise<ActionRow> {
  return trx.selectFrom('moderation_actions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The staff role of the account's user, or undefined when it has no user. */
export function findUserStaffRole(db: Db, accountId: string): Promise<{ staff_role: string } | undefined> {
  return db.selectFrom('users').select('staff_role').where('account_id', '=', accountId).executeTakeFirst();
}

/** The account's id when it exists. */
export function findAccountId(db: Db, accountId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
}

/**
 * Marks the account's statuses that are not sensitive yet as sensitive (only `statusIds` among
 * them when some are given); returns the ids it changed.
 */
export function markAccountStatusesSensitive(trx: Db, accountId: string, statusIds: string[]): Promise<{ id: string }[]> {
  let q = trx.updateTable('statuses').set({ sensitive: true }).where('account_id', '=', accountId).where('sensitive', '=', false);
  if (statusIds.length > 0) q = q.where('id', 'in', statusIds);
  return q.returning('id').execute();
}

/** Marks statuses as not sensitive again. */
export async function unmarkStatusesSensitive(trx: Db, statusIds: string[]): Promise<void> {
  await trx.updateTable('statuses').set({ sensitive: false }).where('id', 'in', statusIds).execute();
}

/** Limits or suspends an account (sets `column` to `now`); undefined when it already was. */
export function setAccountRestriction(trx: Db, accountId: string, column: AccountRestrictionColumn, now: Date): Promise<{ id: string } | undefined> {
  return trx.updateTable('accounts').set({ [column]: now }).where('id', '=', accountId).where(column, 'is', null).returning('id').executeTakeFirst();
}

/** Lifts a limit or suspension (clears `column`); undefined when there was none. */
export function clearAccountRestriction(trx: Db, accountId: string, column: AccountRestrictionColumn): Promise<{ id: string } | undefined> {
  return trx.updateTable('accounts').set({ [column]: null }).where('id', '=', accountId).where(column, 'is not', null).returning('id').executeTakeFirst();
}

/** Lifts the account's limit, whether or not there was one. */
export async function unsilenceAccount(trx: Db, accountId: string): Promise<void> {
  await trx.updateTable('accounts').set({ silenced_at: null }).where('id', '=', accountId).execute();
}

/** Lifts the account's suspension, whether or not there was one. */
export async function unsuspendAccount(trx: Db, accountId: string): Promise<void> {
  await trx.updateTable('accounts').set({ suspended_at: null }).where('id', '=', accountId).execute();
}

/** Stores a moderation action and returns it. */
export function insertModerationAction(trx: Db, values: Insertable<ModerationActionsTable>): Promise<ActionRow> {
  return trx.insertInto('moderation_actions').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Records that an action was reverted, now. */
export async function markActionReverted(trx: Db, actionId: string): Promise<void> {
  await trx.updateTable('moderation_actions').set({ reverted_at: new Date() }).where('id', '=', actionId).execute();
}

/** Actions taken about an account, newest first. */
export function listActionsAboutAccount(db: Db, accountId: string, limit: number): Promise<ActionRow[]> {
  return db.selectFrom('moderation_actions').selectAll().where('target_account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
}

/** Actions taken on a report, oldest first. */
export function listActionsOfReportRows(db: Db, reportId: string): Promise<ActionRow[]> {
  return db.selectFrom('moderation_actions').selectAll().where('report_id', '=', reportId).orderBy('id', 'asc').execute();
}

/** The account's `sensitive` actions still in force (not reverted), oldest first. */
export function findSensitiveActionsInForce(db: Db, accountId: string): Promise<ActionRow[]> {
  return db.selectFrom('moderation_actions').selectAll().where('target_account_id', '=', accountId).where('action', '=', 'sensitive').where('reverted_at', 'is', null).orderBy('id', 'asc').execute();
}

/** Which of `accountIds` have a `sensitive` action in force (Admin::Account `sensitized`). */
export async function sensitizedAmong(db: Db, accountIds: readonly string[]): Promise<Set<string>> {
  if (accountIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('moderation_actions')
    .select('target_account_id')
    .distinct()
    .where('target_account_id', 'in', [...accountIds])
    .where('action', '=', 'sensitive')
    .where('reverted_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.target_account_id));
}
