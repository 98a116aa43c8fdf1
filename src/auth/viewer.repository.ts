import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * SQL of resolving who makes a request: access tokens and sessions with their user and account,
 * and the last-used touches. Plain functions taking the database handle first; turning the rows
 * into a `Viewer` lives in `viewer.ts`.
 */

const viewerColumns = [
  'users.id as user_id',
  'users.account_id',
  'users.staff_role',
  'users.locale',
  'users.totp_enabled_at',
  'accounts.username',
  'accounts.suspended_at',
] as const;

/** The user, account and token columns of an unrevoked access token of a confirmed user by its hash, or undefined. */
export function findViewerByAccessTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('oauth_access_tokens')
    .innerJoin('users', 'users.id', 'oauth_access_tokens.user_id')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select([...viewerColumns, 'oauth_access_tokens.id as token_id', 'oauth_access_tokens.scopes', 'oauth_access_tokens.application_id', 'oauth_access_tokens.last_used_at'])
    .where('oauth_access_tokens.token_hash', '=', tokenHash)
    .where('oauth_access_tokens.revoked_at', 'is', null)
    // The token an API sign-up gets works once the e-mail address is confirmed (SMTP configured).
    .where('users.email_confirmed_at', 'is not', null)
    .executeTakeFirst();
}

/**
 * The same for a user whose address still waits for confirmation: only the routes that serve a
 * sign-up before it is confirmed (`acceptsSignUpToken`) look tokens up this way.
 */
export function findUnconfirmedViewerByAccessTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('oauth_access_tokens')
    .innerJoin('users', 'users.id', 'oauth_access_tokens.user_id')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select([...viewerColumns, 'oauth_access_tokens.id as token_id', 'oauth_access_tokens.scopes', 'oauth_access_tokens.application_id', 'oauth_access_tokens.last_used_at'])
    .where('oauth_access_tokens.token_hash', '=', tokenHash)
    .where('oauth_access_tokens.revoked_at', 'is', null)
    .where('users.email_confirmed_at', 'is', null)
    .executeTakeFirst();
}

/** Records that the user used Medired today (UTC), for the dashboard's active users and retention. */
export async function recordDailyActive(db: Db, userId: string): Promise<void> {
  await sql`INSERT INTO daily_active_users (day, user_id) VALUES ((now() AT TIME ZONE 'UTC')::date, ${userId}::bigint) ON CONFLICT DO NOTHING`.execute(db);
}

/** Records that an access token was used now. */
export async function touchAccessToken(db: Db, tokenId: string): Promise<void> {
  await db.updateTable('oauth_access_tokens').set({ last_used_at: new Date() }).where('id', '=', tokenId).execute();
}

/** The user, account and session columns of a session by its token's hash, or undefined. */
export function findViewerBySessionTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select([...viewerColumns, 'sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_active_at', 'sessions.mfa_passed'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Deletes a session (an expired one). */
export async function deleteSessionById(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Records that a session was active at `now` and slides its expiry to `idleMinutes` later. */
export async function touchSession(db: Db, sessionId: string, now: number, idleMinutes: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_active_at: new Date(now), expires_at: new Date(now + idleMinutes * 60_000) })
    .where('id', '=', sessionId)
    .execute();
}

/** An unrevoked app-only access token (no user, an application) by its hash, or undefined. */
export function findClientTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('oauth_access_tokens')
    .select(['id', 'application_id', 'scopes', 'last_used_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('user_id', 'is', null)
    .where('application_id', 'is not', null)
    .executeTakeFirst();
}

/** The hashes of every access token of a user, revoked ones included (for cache invalidation). */
export async function findTokenHashesOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('oauth_access_tokens').select('token_hash').where('user_id', '=', userId).execute();
  return rows.map((r) => r.token_hash);
}

/** The hashes of every access token of the user behind an account (for cache invalidation). */
export async function findTokenHashesOfAccount(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('oauth_access_tokens')
    .innerJoin('users', 'users.id', 'oauth_access_tokens.user_id')
    .select('oauth_access_tokens.token_hash')
    .where('users.account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.token_hash);
}

/** The user and account columns of a local account, for work done on its behalf later (a scheduled post). */
export function findViewerByAccountId(db: Db, accountId: string) {
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(viewerColumns)
    .where('users.account_id', '=', accountId)
    .executeTakeFirst();
}
