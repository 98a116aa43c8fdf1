import type { Selectable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { AppealsTable, AppealStatus } from './moderation.table.js';

/**
 * SQL of appeals against moderation actions. Plain functions taking the database handle first;
 * the rules (what may be appealed, who decides) live in `appeals.service.ts`.
 */

type AppealRow = Selectable<AppealsTable>;

/** The id of the appeal against an action, if there is one. */
export function findAppealIdOfAction(db: Db, actionId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('appeals').select('id').where('action_id', '=', actionId).executeTakeFirst();
}

/** The appeals against any of the actions `actionIds` (none asked, none returned). */
export function findAppealsOfActions(db: Db, actionIds: string[]): Promise<AppealRow[]> {
  return db.selectFrom('appeals').selectAll().where('action_id', 'in', actionIds).execute();
}

/** Stores a new appeal and returns it. */
export function insertAppeal(trx: Trx, values: { action_id: string; account_id: string; text: string }): Promise<AppealRow> {
  return trx.insertInto('appeals').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The account's own appeals, newest first (at most 50). */
export function listAppealsOf(db: Db, accountId: string): Promise<AppealRow[]> {
  return db.selectFrom('appeals').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(50).execute();
}

/** A page of appeals, by status, newest first, keyset-paginated on id. */
export async function findAppealPage(db: Db, f: { status?: AppealStatus | undefined; maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<AppealRow[]> {
  let q = db.selectFrom('appeals').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.maxId) q = q.where('id', '<', f.maxId);
  if (f.minId) return (await q.where('id', '>', f.minId).orderBy('id', 'asc').limit(f.limit).execute()).reverse();
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** One appeal by id, or undefined. */
export function findAppeal(db: Db, id: string): Promise<AppealRow | undefined> {
  return db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides a pending appeal; undefined when it is not pending (or unknown). */
export function decidePendingAppeal(trx: Trx, appealId: string, decision: { approve: boolean; reason: string; moderatorId: string }): Promise<AppealRow | undefined> {
  return trx
    .updateTable('appeals')
    .set({ status: decision.approve ? 'approved' : 'rejected', decision_reason: decision.reason || null, decided_by_account_id: decision.moderatorId, decided_at: new Date() })
    .where('id', '=', appealId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** The status of an appeal, or undefined for an unknown one. */
export function findAppealStatus(trx: Trx, appealId: string): Promise<{ status: AppealStatus } | undefined> {
  return trx.selectFrom('appeals').select('status').where('id', '=', appealId).executeTakeFirst();
}
