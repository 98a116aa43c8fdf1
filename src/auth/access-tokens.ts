import type { Db } from '../db/connect.js';
import { insertAccessToken } from './tokens.repository.js';
import { hashToken, randomToken } from './tokens.js';

/** Mastodon's Token entity. */
export interface TokenEntity {
  access_token: string;
  token_type: 'Bearer';
  scope: string;
  created_at: number;
  refresh_token?: string;
}

/** Issues an access token (user token when `userId` is set, app token otherwise). */
export async function issueAccessToken(
  db: Db,
  input: { userId: string | null; applicationId: string | null; scopes: string; withRefresh?: boolean },
): Promise<TokenEntity> {
  const token = randomToken();
  const refresh = input.withRefresh ? randomToken() : null;
  const row = await insertAccessToken(db, {
    token_hash: hashToken(token),
    refresh_token_hash: refresh ? hashToken(refresh) : null,
    application_id: input.applicationId,
    user_id: input.userId,
    scopes: input.scopes,
  });
  return {
    access_token: token,
    token_type: 'Bearer',
    scope: input.scopes,
    created_at: Math.floor(row.created_at.getTime() / 1000),
    ...(refresh ? { refresh_token: refresh } : {}),
  };
}
