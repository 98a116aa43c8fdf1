import type { Db } from '../db/connect.js';

/** The SQL of a user's own credentials: password and two-factor (TOTP) columns of `users`. */

/** The suspension of the account behind a user, or undefined when there is no such user. */
export function findUserSuspension(db: Db, userId: string): Promise<{ suspended_at: Date | null } | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select('accounts.suspended_at')
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The e-mail and username of a user (a new password must not resemble them). */
export function findUserNames(db: Db, userId: string): Promise<{ email: string; username: string } | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.email', 'accounts.username'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export async function updatePasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', userId).execute();
}

/** Whether TOTP is on, with the username for the authenticator's label. */
export function findTotpSetupState(db: Db, userId: string): Promise<{ totp_enabled_at: Date | null; username: string } | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.totp_enabled_at', 'accounts.username'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

export function findTotpState(db: Db, userId: string): Promise<{ totp_secret: string | null; totp_enabled_at: Date | null } | undefined> {
  return db.selectFrom('users').select(['totp_secret', 'totp_enabled_at']).where('id', '=', userId).executeTakeFirst();
}

/** Stores a secret waiting for confirmation, forgetting the last used time step. */
export async function setPendingTotpSecret(db: Db, userId: string, secret: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: secret, totp_last_counter: null }).where('id', '=', userId).execute();
}

/**
 * Records `counter` as the user's last used TOTP time step unless that step or a later one was
 * already used; true when it was recorded. One statement, so concurrent requests cannot both win.
 */
export async function advanceTotpCounter(db: Db, userId: string, counter: string): Promise<boolean> {
  const updated = await db
    .updateTable('users')
    .set({ totp_last_counter: counter })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', counter)]))
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

export async function markTotpEnabled(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ totp_enabled_at: new Date() }).where('id', '=', userId).execute();
}

export async function clearTotp(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, totp_last_counter: null }).where('id', '=', userId).execute();
}
