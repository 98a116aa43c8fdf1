import { sql } from 'kysely';
import type { Trx } from '../db/connect.js';

/**
 * The SQL of the counters kept on statuses and accounts. Counter updates are atomic (`n = n + 1`
 * in SQL, never read-modify-write in JS) and run in the same transaction as the row they count,
 * so concurrent requests keep them exact. Decrements stop at zero rather than break the CHECK if
 * data was ever imported without counters.
 */

export type StatusCounter = 'replies_count' | 'reblogs_count' | 'favourites_count';

/** Adds `delta` (+1 or -1) to one counter of a status. */
export async function bumpStatusCounter(trx: Trx, statusId: string, column: StatusCounter, delta: 1 | -1): Promise<void> {
  await trx
    .updateTable('statuses')
    .set({ [column]: delta > 0 ? sql`${sql.ref(column)} + 1` : sql`greatest(${sql.ref(column)} - 1, 0)` })
    .where('id', '=', statusId)
    .execute();
}

/** Sets the account's `last_status_at` to now and, when `countOnProfile`, adds 1 to its statuses_count. */
export async function touchAccountOnNewStatus(trx: Trx, accountId: string, countOnProfile: boolean): Promise<void> {
  await trx
    .updateTable('accounts')
    .set((eb) => ({
      ...(countOnProfile ? { statuses_count: eb('statuses_count', '+', 1) } : {}),
      last_status_at: new Date(),
    }))
    .where('id', '=', accountId)
    .execute();
}

/** -1 to the account's statuses_count, not below zero. */
export async function decrementAccountStatusesCount(trx: Trx, accountId: string): Promise<void> {
  await trx.updateTable('accounts').set({ statuses_count: sql`greatest(statuses_count - 1, 0)` }).where('id', '=', accountId).execute();
}

/**
 * Deletes every reblog of a status and takes them off their authors' counts, in one statement
 * whatever their number.
 */
export async function deleteReblogsOf(trx: Trx, statusId: string): Promise<void> {
  await sql`
    WITH gone AS (DELETE FROM statuses WHERE reblog_of_id = ${statusId} RETURNING account_id, visibility),
    per_account AS (SELECT account_id, count(*)::int AS n FROM gone WHERE visibility <> 'direct' GROUP BY account_id)
    UPDATE accounts SET statuses_count = greatest(accounts.statuses_count - per_account.n, 0)
    FROM per_account WHERE accounts.id = per_account.account_id
  `.execute(trx);
}
