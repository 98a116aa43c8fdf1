import type { Db } from '../db/connect.js';

/** The SQL of the daily e-mail digest: who opted in, and the once-a-day claim. */

/**
 * Users who opted in, with a confirmed address and an account that is not suspended, after
 * `afterId` in id order (keyset batches over the partial index `users_digest_idx`).
 */
export function findDigestRecipients(db: Db, afterId: string | null, limit: number) {
  let query = db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'users.account_id', 'users.email', 'users.locale', 'accounts.username'])
    .where('users.digest_enabled', '=', true)
    .where('users.email_confirmed_at', 'is not', null)
    .where('accounts.suspended_at', 'is', null)
    .orderBy('users.id')
    .limit(limit);
  if (afterId) query = query.where('users.id', '>', afterId);
  return query.execute();
}

/**
 * Records that the user's digest of `day` (UTC, `YYYY-MM-DD`) goes out; false when one already
 * did. One conditional UPDATE, so of two processes sending the same day's digest only one wins.
 */
export async function claimDigestDay(db: Db, userId: string, day: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ digest_sent_on: day })
    .where('id', '=', userId)
    .where('digest_enabled', '=', true)
    .where((eb) => eb.or([eb('digest_sent_on', 'is', null), eb('digest_sent_on', '<', day)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setDigestEnabled(db: Db, userId: string, enabled: boolean): Promise<void> {
  await db.updateTable('users').set({ digest_enabled: enabled }).where('id', '=', userId).execute();
}

export async function findDigestEnabled(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('digest_enabled').where('id', '=', userId).executeTakeFirst();
  return row?.digest_enabled ?? false;
}
