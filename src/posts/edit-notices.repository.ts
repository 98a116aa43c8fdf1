import type { Db } from '../db/connect.js';

/** The SQL of the `update` notices sent after an edit. */

/** The author of a status, or undefined when it is gone. */
export function findStatusAuthor(db: Db, statusId: string): Promise<{ account_id: string } | undefined> {
  return db.selectFrom('statuses').select(['account_id']).where('id', '=', statusId).executeTakeFirst();
}

/** The accounts that reblogged a status (one row per reblog). */
export function findRebloggersOf(db: Db, statusId: string): Promise<{ account_id: string }[]> {
  return db.selectFrom('statuses').select('account_id').where('reblog_of_id', '=', statusId).execute();
}
