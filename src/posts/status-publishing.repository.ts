import type { Insertable, Updateable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { StatusEditsTable, StatusesTable } from './posts.table.js';

/** The SQL of publishing and editing a status (`statuses.service.ts`); writes run in its transaction. */

/** Inserts a new status and returns its id. */
export function insertStatus(trx: Trx, values: Insertable<StatusesTable>): Promise<{ id: string }> {
  return trx.insertInto('statuses').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Ids of the media attached to a status. */
export function findMediaIdsOfStatus(db: Db, statusId: string): Promise<{ id: string }[]> {
  return db.selectFrom('media_attachments').select('id').where('status_id', '=', statusId).execute();
}

/** Keeps an earlier version of a status in its history. */
export async function insertStatusEdit(trx: Trx, values: Insertable<StatusEditsTable>): Promise<void> {
  await trx.insertInto('status_edits').values(values).execute();
}

/** Applies the changes of an edit to the status row. */
export async function applyStatusEdit(trx: Trx, id: string, changes: Updateable<StatusesTable>): Promise<void> {
  await trx.updateTable('statuses').set(changes).where('id', '=', id).execute();
}
