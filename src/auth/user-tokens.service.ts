import type { Db } from '../db/connect.js';
import { notFound } from '../errors.js';
import { parseScopes } from './scopes.js';

/** One of a user's live access tokens ("authorised apps"), as listed on the security page. */
export interface TokenInfo {
  id: string;
  application: { id: string; name: string; website: string | null } | null;
  scopes: string[];
  created_at: string;
  last_used_at: string | null;
  current: boolean;
}

/** The user's live access tokens, newest first, with the application each was granted to. */
export async function listUserTokens(db: Db, userId: string, currentTokenId: string | null): Promise<TokenInfo[]> {
  const rows = await db
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
  return rows.map((r) => ({
    id: r.id,
    application: r.app_id ? { id: r.app_id, name: r.app_name ?? '', website: r.app_website ?? null } : null,
    scopes: parseScopes(r.scopes),
    created_at: r.created_at.toISOString(),
    last_used_at: r.last_used_at?.toISOString() ?? null,
    current: r.id === currentTokenId,
  }));
}

/** Revokes one of the user's own tokens; another user's token is "not found" (no probing). */
export async function revokeUserToken(db: Db, userId: string, tokenId: string): Promise<void> {
  if (!/^\d{1,19}$/.test(tokenId)) throw notFound('Token');
  const result = await db
    .updateTable('oauth_access_tokens')
    .set({ revoked_at: new Date() })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw notFound('Token');
}

/** Revokes every live token of the user except `keepTokenId`. */
export async function revokeOtherTokens(db: Db, userId: string, keepTokenId: string | null): Promise<number> {
  let query = db.updateTable('oauth_access_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepTokenId) query = query.where('id', '<>', keepTokenId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
