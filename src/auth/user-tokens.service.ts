import { viewerChanged } from './viewer-cache.js';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { notFound } from '../errors.js';
import { parseScopes } from './scopes.js';
import { findLiveTokensOfUser, revokeTokenOfUser, revokeTokensOfUserExcept } from './tokens.repository.js';

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
  const rows = await findLiveTokensOfUser(db, userId);
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
export async function revokeUserToken(app: AppContext, userId: string, tokenId: string): Promise<void> {
  if (!/^\d{1,19}$/.test(tokenId)) throw notFound('Token');
  if ((await revokeTokenOfUser(app.db, userId, tokenId)) === 0n) throw notFound('Token');
  await viewerChanged(app, userId);
}

/** Revokes every live token of the user except `keepTokenId`. */
export function revokeOtherTokens(db: Db, userId: string, keepTokenId: string | null): Promise<number> {
  return revokeTokensOfUserExcept(db, userId, keepTokenId);
}
