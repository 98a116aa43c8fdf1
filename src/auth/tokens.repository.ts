import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { OauthAccessTokensTable } from './auth.table.js';

/** The SQL of OAuth access and refresh tokens; only their hashes are stored. */

export function insertAccessToken(db: Db, values: Insertable<OauthAccessTokensTable>): Promise<{ created_at: Date }> {
  return db.insertInto('oauth_access_tokens').values(values).returning('created_at').executeTakeFirstOrThrow();
}

/**
 * Revokes the live access token of this client whose refresh token has this hash, in the same
 * statement that finds it, and returns its user and scopes: a refresh token works once.
 */
export function revokeByRefreshTokenHash(db: Db, refreshTokenHash: string, applicationId: string): Promise<{ user_id: string | null; scopes: string } | undefined> {
  return db
    .updateTable('oauth_access_tokens')
    .set({ revoked_at: new Date() })
    .where('refresh_token_hash', '=', refreshTokenHash)
    .where('revoked_at', 'is', null)
    .where('application_id', '=', applicationId)
    .returning(['user_id', 'scopes'])
    .executeTakeFirst();
}

/** Revokes the client's live token whose access or refresh token has this hash, if any. */
export async function revokeClientTokenByHash(db: Db, applicationId: string, hash: string): Promise<{ token_hash: string }[]> {
  return db
    .updateTable('oauth_access_tokens')
    .set({ revoked_at: new Date() })
    .where((eb) => eb.or([eb('token_hash', '=', hash), eb('refresh_token_hash', '=', hash)]))
    .where('application_id', '=', applicationId)
    .where('revoked_at', 'is', null)
    .returning('token_hash')
    .execute();
}

/** The user's live access tokens, newest first (at most 200), with the application of each. */
export function findLiveTokensOfUser(db: Db, userId: string) {
  return db
    .selectFrom('oauth_access_tokens')
    .leftJoin('oauth_applications', 'oauth_applications.id', 'oauth_access_tokens.application_id')
    .select([
      'oauth_access_tokens.id',
      'oauth_access_tokens.scopes',
      'oauth_access_tokens.created_at',
      'oauth_access_tokens.last_used_at',
      'oauth_applications.id as app_id',
      'oauth_applications.name as app_name',
      'oauth_applications.website as app_website',
    ])
    .where('oauth_access_tokens.user_id', '=', userId)
    .where('oauth_access_tokens.revoked_at', 'is', null)
    .orderBy('oauth_access_tokens.id', 'desc')
    .limit(200)
    .execute();
}

/** Revokes one live token of the user; returns how many rows changed (0 or 1). */
export async function revokeTokenOfUser(db: Db, userId: string, tokenId: string): Promise<bigint> {
  const result = await db
    .updateTable('oauth_access_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows;
}

/** Revokes every live token of the user except `keepTokenId`; returns how many. */
export async function revokeTokensOfUserExcept(db: Db, userId: string, keepTokenId: string | null): Promise<number> {
  let query = db.updateTable('oauth_access_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepTokenId) query = query.where('id', '<>', keepTokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
