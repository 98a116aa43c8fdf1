import { DUMMY_HASH, verifyPassword } from '../accounts/passwords.js';
import type { Db } from '../db/connect.js';
import { findUserByLogin, findPasswordHash } from './credentials.repository.js';

/** The same login written differently (case, a leading @, spaces) names the same user. */
export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, '').toLowerCase().slice(0, 320);
}

/**
 * The account a login names, for counting sign-in attempts per account: its id, or for a login
 * that names nobody the normalised login itself (so unknown logins are limited too, and the
 * answer looks the same whether the account exists or not).
 */
export async function signInSubject(db: Db, login: string): Promise<string> {
  const value = normalizeLogin(login);
  const row = value ? await findUserByLogin(db, value) : undefined;
  return row ? `account:${row.account_id}` : `login:${value}`;
}

/** A user found by e-mail or username whose password matched. */
export interface AuthenticatedUser {
  userId: string;
  accountId: string;
  username: string;
  email: string;
  totpEnabled: boolean;
  suspended: boolean;
  /** False while a sign-up waits for its e-mail confirmation (SMTP configured). */
  emailConfirmed: boolean;
}

/** The one message for every failed password check, so it does not tell which part was wrong. */
export const WRONG_CREDENTIALS = 'Wrong e-mail/username or password';

/** The answer to a right password of an account whose e-mail address is not confirmed yet. */
export const UNCONFIRMED_EMAIL = 'Confirm your e-mail address first: open the link we sent you, or ask for a new one at /auth/confirmation/new';

/**
 * Checks a login (e-mail or username, case-insensitive) and password. When no such user exists
 * the password is still verified against a dummy hash, so timing does not reveal which accounts
 * exist. Returns null on any mismatch.
 */
export async function checkCredentials(db: Db, login: string, password: string): Promise<AuthenticatedUser | null> {
  const value = normalizeLogin(login);
  if (!value || login.trim().replace(/^@/, '').length > 320 || password.length > 1024) {
    await verifyPassword(DUMMY_HASH, 'x');
    return null;
  }
  const row = await findUserByLogin(db, value);
  const ok = await verifyPassword(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok) return null;
  return {
    userId: row.id,
    accountId: row.account_id,
    username: row.username,
    email: row.email,
    totpEnabled: row.totp_enabled_at !== null,
    suspended: row.suspended_at !== null,
    emailConfirmed: row.email_confirmed_at !== null,
  };
}

/** Verifies the password of a known user (re-authentication before sensitive changes). */
export async function checkPasswordOf(db: Db, userId: string, password: string): Promise<boolean> {
  const row = await findPasswordHash(db, userId);
  return verifyPassword(row?.password_hash ?? DUMMY_HASH, password.slice(0, 1024)).then((ok) => ok && !!row);
}
