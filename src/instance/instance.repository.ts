import type { Db } from '../db/connect.js';

/** Accounts that posted since `since` (Mastodon's "active users" of the instance). */
export async function countActiveAccounts(db: Db, since: Date): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('last_status_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many users and statuses the instance holds (the v1 instance `stats`). */
export async function countUsersAndStatuses(db: Db): Promise<{ users: number; statuses: number }> {
  const [users, statuses] = await Promise.all([
    db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('statuses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { users: Number(users.n), statuses: Number(statuses.n) };
}
