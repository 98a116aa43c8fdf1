import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { SessionsTable } from './auth.table.js';

/** The SQL of web sessions; a session is found by the SHA-256 of its cookie token. */

export function insertSession(db: Db, values: Insertable<SessionsTable>): Promise<{ id: string }> {
  return db.insertInto('sessions').values(values).returning('id').executeTakeFirstOrThrow();
}

export function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'mfa_passed', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the session as past its second factor, with a new CSRF token and expiry. */
export async function completeSecondFactor(db: Db, sessionId: string, csrfToken: string, expiresAt: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ mfa_passed: true, csrf_token: csrfToken, last_active_at: new Date(), expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSessionByTokenHash(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** The user's unexpired sessions, most recently active first (at most 200). */
export function findLiveSessionsOfUser(db: Db, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_active_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', new Date())
    .orderBy('last_active_at', 'desc')
    .limit(200)
    .execute();
}

/** Deletes one session of the user; returns how many rows went (0 or 1). */
export async function deleteSessionOfUser(db: Db, userId: string, sessionId: string): Promise<bigint> {
  const result = await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows;
}

/** Deletes every session of the user except `keepSessionId`; returns how many. */
export async function deleteSessionsOfUserExcept(db: Db, userId: string, keepSessionId: string | null): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '<>', keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
