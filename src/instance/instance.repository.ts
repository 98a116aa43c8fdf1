import type { Db } from '../db/connect.js';

/** Accounts that posted since `since` (Mastodon's "active users" of the instance). */
export async function countActiveAccounts(db: Db, since: Date): Promise<number> {
  const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('last_status_at', '>', since).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * How many users and statuses the instance holds (the v1 instance `stats`), from the counters
 * the tables' triggers maintain (`instance_counters`), not by counting rows.
 */
export async function readInstanceCounters(db: Db): Promise<{ users: number; statuses: number }> {
  const rows = await db
    .selectFrom('instance_counters')
    .select(['name', (eb) => eb.fn.sum<string>('value').as('total')])
    .groupBy('name')
    .execute();
  const total = (name: string) => Number(rows.find((r) => r.name === name)?.total ?? 0);
  return { users: total('users'), statuses: total('statuses') };
}

/** The account of the instance's first administrator (Mastodon's `contact_account`), if any. */
export async function findContactAccountId(db: Db): Promise<string | null> {
  const row = await db.selectFrom('users').select('account_id').where('staff_role', '=', 'admin').orderBy('id').limit(1).executeTakeFirst();
  return row?.account_id ?? null;
}

/** Weekly counts kept by the triggers (`activity.<what>.<week>` in `instance_counters`). */
export async function readActivityCounters(db: Db, weeks: readonly string[]): Promise<Map<string, number>> {
  const names = weeks.flatMap((w) => ['statuses', 'logins', 'registrations'].map((what) => `activity.${what}.${w}`));
  const rows = await db
    .selectFrom('instance_counters')
    .select(['name', (eb) => eb.fn.sum<string>('value').as('total')])
    .where('name', 'in', names)
    .groupBy('name')
    .execute();
  return new Map(rows.map((r) => [r.name, Number(r.total)]));
}
