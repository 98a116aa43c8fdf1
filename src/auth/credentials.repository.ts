import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * The user a sign-in login names: an e-mail when it contains `@`, else a username, both
 * case-insensitive. `login` must already be normalised (`normalizeLogin`).
 */
export function findUserByLogin(db: Db, login: string) {
  const column = login.includes('@') ? sql`lower(users.email)` : sql`lower(accounts.username)`;
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'users.account_id', 'users.email', 'users.password_hash', 'users.totp_enabled_at', 'users.email_confirmed_at', 'accounts.username', 'accounts.suspended_at'])
    .where(sql<boolean>`${column} = ${login}`)
    .executeTakeFirst();
}

/** The password hash of a user, or undefined for an unknown user. */
export function findPasswordHash(db: Db, userId: string): Promise<{ password_hash: string } | undefined> {
  return db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
}
