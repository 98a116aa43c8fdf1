import { viewerChanged } from './viewer-cache.js';
import type { AppContext } from '../app-context.js';
import { assertAcceptablePassword, hashPassword } from '../accounts/passwords.js';
import type { Db } from '../db/connect.js';
import { invalid, notFound } from '../errors.js';
import { findUserNames, updatePasswordHash } from './auth.repository.js';
import { checkPasswordOf } from './credentials.js';
import { deleteAuthorizationCodesOfUser } from './oauth.repository.js';
import { endOtherSessions } from './sessions.service.js';
import { revokeOtherTokens } from './user-tokens.service.js';

/**
 * Changes a user's password after checking the current one. Every OTHER session is ended and every
 * other access token revoked, so whoever knew the old password is locked out; the session or token
 * making the change (`keep`) stays signed in.
 */
export async function changePassword(
  app: AppContext,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  keep: { sessionId: string | null; tokenId: string | null },
): Promise<{ endedSessions: number; revokedTokens: number }> {
  const db = app.db;
  const user = await findUserNames(db, userId);
  if (!user) throw notFound('User');
  if (!(await checkPasswordOf(db, userId, input.currentPassword))) throw invalid('The current password is not correct', 'current_password', 'accounts.password.currentWrong');
  if (input.newPassword === input.currentPassword) throw invalid('The new password must be different from the current one', 'password', 'accounts.password.mustDiffer');
  assertAcceptablePassword(input.newPassword, [user.username, user.email.split('@')[0] ?? '']);
  const passwordHash = await hashPassword(input.newPassword);
  const ended = await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, userId, passwordHash);
    const endedSessions = await endOtherSessions(trx, userId, keep.sessionId);
    const revokedTokens = await revokeOtherTokens(trx, userId, keep.tokenId);
    // An authorisation code obtained with the old password must not turn into a token afterwards.
    await deleteAuthorizationCodesOfUser(trx, userId);
    return { endedSessions, revokedTokens };
  });
  await viewerChanged(app, userId);
  return ended;
}
