import { sql } from 'kysely';
import type { Db, Trx } from '../db/connect.js';


/** How long an `Idempotency-Key` is remembered per account (Mastodon: one hour). */
const KEY_TTL = sql`interval '1 hour'`;

/** Thrown inside the creating transaction when another request already holds the same key. */
export class DuplicateRequest extends Error {
  override name = 'DuplicateRequest';
}

/** The status an earlier request with this key created within the hour, if any. */
export async function existingStatusFor(db: Db, accountId: string, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('status_idempotency_keys')
    .select('status_id')
    .where('account_id', '=', accountId)
    .where('key', '=', key)
    .where('created_at', '>', sql<Date>`now() - ${KEY_TTL}`)
    .executeTakeFirst();
  return row?.status_id ?? null;
}

/**
 * Claims the key for this request. A concurrent request with the same key waits on the unique
 * index until the first commits, then finds the key taken and throws `DuplicateRequest`.
 */
export async function claimIdempotencyKey(trx: Trx, accountId: string, key: string): Promise<void> {
  await trx
    .deleteFrom('status_idempotency_keys')
    .where('account_id', '=', accountId)
    .where('created_at', '<=', sql<Date>`now() - ${KEY_TTL}`)
    .execute();
  const claimed = await trx
    .insertInto('status_idempotency_keys')
    .values({ account_id: accountId, key, status_id: null })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) throw new DuplicateRequest('Idempotency-Key already used');
}

export async function settleIdempotencyKey(trx: Trx, accountId: string, key: string, statusId: string): Promise<void> {
  await trx.updateTable('status_idempotency_keys').set({ status_id: statusId }).where('account_id', '=', accountId).where('key', '=', key).execute();
}
