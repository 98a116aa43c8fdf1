import type { AppContext } from '../app-context.js';
import { findTokenHashesOfAccount, findTokenHashesOfUser } from './viewer.repository.js';
import { hashToken } from './tokens.js';
import { viewerFromAccessToken, type Viewer } from './viewer.js';

/**
 * The access token → viewer lookup of every API request, cached (in process, or in Redis shared
 * by every process). Anything that changes who a token's bearer is — revocation, a password
 * change, suspension, a staff role, two-factor authentication, the language — calls
 * `viewerChanged` (or `accessTokenHashesRevoked`) after it commits: the cached viewers are removed and,
 * for a few seconds, cannot be put back by a request that read the old rows (`Cache.invalidate`),
 * so the change holds from the next request on, in every process.
 */

/** A cached viewer is read again from the database at least this often (a role given by the
 * `make-admin` command, which runs in a process of its own, holds within this time). */
const VIEWER_TTL_SECONDS = 60;

const tokenKey = (tokenHash: string) => `viewer:token:${tokenHash}`;

/**
 * The channel (`PubSub`) on which every change of who a credential's bearer is, is announced
 * after it committed, so long-lived connections (the streaming API) check their viewer again
 * at once in every process. The message is a `ViewerChange` as JSON.
 */
export const VIEWER_CHANGED_CHANNEL = 'viewer.changed';

/** Whose credentials changed: any of these users, accounts, access tokens or sessions (by hash). */
export interface ViewerChange {
  userIds?: string[];
  accountIds?: string[];
  /** SHA-256 hashes of access tokens or session tokens (`hashToken`). */
  credentialHashes?: string[];
}

async function announce(app: AppContext, change: ViewerChange): Promise<void> {
  await app.pubsub.publish(VIEWER_CHANGED_CHANNEL, JSON.stringify(change));
}

export async function resolveAccessToken(app: AppContext, token: string): Promise<Viewer | null> {
  const key = tokenKey(hashToken(token));
  const cached = await app.cache.get(key);
  if (cached) return JSON.parse(cached) as Viewer;
  const viewer = await viewerFromAccessToken(app.db, token);
  // Unknown tokens are not cached: a token issued a moment later must work at once.
  if (viewer) await app.cache.fill(key, JSON.stringify(viewer), VIEWER_TTL_SECONDS);
  return viewer;
}

/** After a change to the user's tokens, role, two-factor setting, language or account state. */
export async function viewerChanged(app: AppContext, userId: string): Promise<void> {
  const hashes = await findTokenHashesOfUser(app.db, userId);
  if (hashes.length) await app.cache.invalidate(hashes.map(tokenKey));
  await announce(app, { userIds: [userId] });
}

/** The same, by the account (suspension, profile language). */
export async function accountViewerChanged(app: AppContext, accountId: string): Promise<void> {
  const hashes = await findTokenHashesOfAccount(app.db, accountId);
  if (hashes.length) await app.cache.invalidate(hashes.map(tokenKey));
  await announce(app, { accountIds: [accountId] });
}

/** After tokens were revoked (OAuth revocation), by the hashes of their access tokens. */
export async function accessTokenHashesRevoked(app: AppContext, tokenHashes: readonly string[]): Promise<void> {
  if (tokenHashes.length) await app.cache.invalidate(tokenHashes.map(tokenKey));
  if (tokenHashes.length) await announce(app, { credentialHashes: [...tokenHashes] });
}

/** After web sessions ended (sign-out, a session revoked): sessions are not cached, only announced. */
export async function sessionsEnded(app: AppContext, change: { userId?: string; sessionTokenHash?: string }): Promise<void> {
  await announce(app, { ...(change.userId ? { userIds: [change.userId] } : {}), ...(change.sessionTokenHash ? { credentialHashes: [change.sessionTokenHash] } : {}) });
}
