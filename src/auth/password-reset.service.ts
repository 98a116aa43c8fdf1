import type { AppContext } from '../app-context.js';
import { assertAcceptablePassword, hashPassword } from '../accounts/passwords.js';
import { AppError } from '../errors.js';
import { passwordChangedMail, passwordResetMail } from '../mail/account-mails.js';
import { sendMailToUser } from '../mail/send-mail.js';
import { updatePasswordHash } from './auth.repository.js';
import { checkEmailToken, issueEmailToken } from './email-tokens.js';
import { consumeEmailToken, findMailRecipient, findUserIdByEmail, markEmailConfirmed } from './email-tokens.repository.js';
import { deleteAuthorizationCodesOfUser } from './oauth.repository.js';
import { endOtherSessions } from './sessions.service.js';
import { hashToken } from './tokens.js';
import { revokeOtherTokens } from './user-tokens.service.js';
import { viewerChanged } from './viewer-cache.js';

/**
 * Password reset by e-mail. Suspended accounts may reset too (as in Mastodon): they stay
 * suspended, and a suspended account signed in reads only what it may (its status, appeals).
 */

/**
 * "Forgot password": when an account has this address, mails it a reset link (a new link
 * replaces older ones). The caller answers the same whatever happens, and the mail is sent
 * without being awaited, so neither the answer nor its timing tells whether the account exists.
 */
export async function requestPasswordReset(app: AppContext, email: string): Promise<void> {
  if (!app.mailer.enabled) return;
  const user = await findUserIdByEmail(app.db, email.trim());
  if (!user) return;
  void (async () => {
    const recipient = await findMailRecipient(app.db, user.id);
    if (!recipient) return;
    const token = await issueEmailToken(app.db, user.id, 'password_reset');
    await sendMailToUser(app, user.id, 'password_reset', passwordResetMail(app.config, recipient, token));
  })().catch((err: unknown) => app.log.child('mail').error('password reset mail failed', { userId: user.id, error: err instanceof Error ? err.name : 'unknown' }));
}

/** A reset link for the user, valid 1 hour, as the admin command prints it (no e-mail needed). */
export async function passwordResetLink(app: Pick<AppContext, 'db' | 'config'>, userId: string): Promise<string> {
  const token = await issueEmailToken(app.db, userId, 'password_reset');
  return `${app.config.publicUrl}/auth/password/reset?token=${token}`;
}

/**
 * Sets a new password with a reset link. The link is checked first (410 when expired or used,
 * 404 when unknown), then the password with the same rules as sign-up; only a valid password
 * uses up the link. Every session and access token of the user ends, the address counts as
 * confirmed, and a "password changed" mail is sent when e-mail is configured.
 */
export async function resetPassword(app: AppContext, token: string, newPassword: string): Promise<{ userId: string }> {
  const userId = await checkEmailToken(app.db, 'password_reset', token);
  const recipient = await findMailRecipient(app.db, userId);
  if (!recipient) throw new AppError('not_found', 'This link is not valid', { key: 'mail.reset.invalid' });
  assertAcceptablePassword(newPassword, [recipient.username, recipient.email.split('@')[0] ?? '']);
  const passwordHash = await hashPassword(newPassword);
  await app.db.transaction().execute(async (trx) => {
    if (!(await consumeEmailToken(trx, 'password_reset', hashToken(token)))) throw new AppError('gone', 'This link has already been used', { key: 'mail.reset.used' });
    await updatePasswordHash(trx, userId, passwordHash);
    await endOtherSessions(trx, userId, null);
    await revokeOtherTokens(trx, userId, null);
    await deleteAuthorizationCodesOfUser(trx, userId);
    // The mailed link proves the address is theirs: a sign-up still waiting for its confirmation is confirmed.
    await markEmailConfirmed(trx, userId);
  });
  await viewerChanged(app, userId);
  await sendMailToUser(app, userId, 'password_changed', passwordChangedMail(app.config, recipient));
  return { userId };
}
