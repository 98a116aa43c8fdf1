import type { Db } from '../db/connect.js';
import type { EmailTokenPurpose } from './auth.table.js';

/** The SQL of one-time e-mail links (`email_tokens`): found by the SHA-256 of their token. */

/** Stores a new link for the user, deleting their older links of the same purpose (one live link at a time). */
export async function replaceEmailToken(db: Db, values: { userId: string; purpose: EmailTokenPurpose; tokenHash: string; expiresAt: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('email_tokens').where('user_id', '=', values.userId).where('purpose', '=', values.purpose).execute();
    await trx.insertInto('email_tokens').values({ user_id: values.userId, purpose: values.purpose, token_hash: values.tokenHash, expires_at: values.expiresAt }).execute();
  });
}

/** A link by its hash and purpose, whatever its state (to tell "expired" from "already used"). */
export function findEmailToken(db: Db, purpose: EmailTokenPurpose, tokenHash: string) {
  return db
    .selectFrom('email_tokens')
    .select(['id', 'user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/**
 * Marks a live link used and returns its user, in one statement: of two requests racing with the
 * same link, only one gets the user.
 */
export async function consumeEmailToken(db: Db, purpose: EmailTokenPurpose, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .updateTable('email_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** The user a mail goes to: address, language, username and whether the address is confirmed. */
export function findMailRecipient(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'users.email', 'users.locale', 'users.email_confirmed_at', 'accounts.username'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/** The user with this e-mail address (case-insensitive), or undefined. */
export function findUserIdByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(['id', 'email_confirmed_at']).where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
}

/** Marks the user's address confirmed (no change when it already was). */
export async function markEmailConfirmed(db: Db, userId: string): Promise<void> {
  await db.updateTable('users').set({ email_confirmed_at: new Date() }).where('id', '=', userId).where('email_confirmed_at', 'is', null).execute();
}

/** Changes the address of a user whose address is not confirmed yet (a confirmed one is never changed here). */
export async function changeUnconfirmedEmail(db: Db, userId: string, email: string): Promise<void> {
  await db.updateTable('users').set({ email }).where('id', '=', userId).where('email_confirmed_at', 'is', null).execute();
}
