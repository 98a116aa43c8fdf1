import { sql } from 'kysely';
import type { Db, Trx } from '../db/connect.js';

/** The SQL of `Idempotency-Key`s: one row per account and key, remembered for one hour. */

/** How long an `Idempotency-Key` is remembered per account (Mastodon: one hour). */
const KEY_TTL = sql`interval '1 hour'`;

/** The account's key if it was used within the hour, with the status it created (if settled). */
export function findRecentIdempotencyKey(db: Db, accountId: string, key: string): Promise<{ status_id: string | null } | undefined> {
  return db
    .selectFrom('status_idempotency_keys')
    .select('status_id')
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .where('created_at', '>', sql<Date>`now() - ${KEY_TTL}`)
    .executeTakeFirst();
}

/** Deletes the account's keys older than the hour. */
export async function deleteExpiredIdempotencyKeys(trx: Trx, accountId: string): Promise<void> {
  await trx
    .deleteFrom('status_idempotency_keys')
    .where('account_id', '=', accountId)
    .where('created_at', '<=', sql<Date>`now() - ${KEY_TTL}`)
    .execute();
}

/**
 * Inserts the key unless the account already holds it (ON CONFLICT DO NOTHING); true when
 * inserted. A concurrent insert of the same key waits on the unique index until the first commits.
 */
export async function insertIdempotencyKey(trx: Trx, accountId: string, key: string): Promise<boolean> {
  const claimed = await trx
    .insertInto('status_idempotency_keys')
    .values({ account_id: accountId, key, status_id: null })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  return Boolean(claimed);
}

/** Records the status created under the key. */
export async function setIdempotencyKeyStatus(trx: Trx, accountId: string, key: string, statusId: string): Promise<void> {
  await trx.updateTable('status_idempotency_keys').set({ status_id: statusId }).where('account_id', '=', accountId).where('key', '=', key).execute();
}
