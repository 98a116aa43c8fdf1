import { sql } from 'kysely';
import { DUMMY_HASH, verifyPassword } from '../accounts/passwords.js';
import type { Db } from '../db/connect.js';

/** A user found by e-mail or username whose password matched. */
export interface AuthenticatedUser {
  userId: string;
  accountId: string;
  username: string;
  email: string;
  totpEnabled: boolean;
  suspended: boolean;
}

/** The one message for every failed password check, so it does not tell which part was wrong. */
export const WRONG_CREDENTIALS = 'Wrong e-mail/username or password';

/**
 * Checks a login (e-mail or username, case-insensitive) and password. When no such user exists
 * the password is still verified against a dummy hash, so timing does not reveal which accounts
 * exist. Returns null on any mismatch.
 */
export async function checkCredentials(db: Db, login: string, password: string): Promise<AuthenticatedUser | null> {
  const value = login.trim().replace(/^@/, '').toLowerCase();
  if (!value || value.length > 320 || password.length > 1024) {
    await verifyPassword(DUMMY_HASH, 'x');
    return null;
  }
  const column = value.includes('@') ? sql`lower(users.email)` : sql`lower(accounts.username)`;
  const row = await db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'users.account_id', 'users.email', 'users.password_hash', 'users.totp_enabled_at', 'accounts.username', 'accounts.suspended_at'])
    .where(sql<boolean>`${column} = ${value}`)
    .executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok) return null;
  return {
    userId: row.id,
    accountId: row.account_id,
    username: row.username,
    email: row.email,
    totpEnabled: row.totp_enabled_at !== null,
    suspended: row.suspended_at !== null,
  };
}

/** Verifies the password of a known user (re-authentication before sensitive changes). */
export async function checkPasswordOf(db: Db, userId: string, password: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return verifyPassword(row?.password_hash ?? DUMMY_HASH, password.slice(0, 1024)).then((ok) => ok && !!row);
}
