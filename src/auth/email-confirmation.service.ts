import type { AppContext } from '../app-context.js';
import { emailConfirmationMail } from '../mail/account-mails.js';
import { sendMailToUser } from '../mail/send-mail.js';
import { issueEmailToken, useEmailToken } from './email-tokens.js';
import { changeUnconfirmedEmail, findMailRecipient, findUserIdByEmail, markEmailConfirmed } from './email-tokens.repository.js';
import { isUniqueViolation } from '../db/errors.js';
import { forbidden, invalid } from '../errors.js';
import type { Viewer } from './viewer.js';
import { viewerChanged } from './viewer-cache.js';

/**
 * E-mail address confirmation, only when SMTP is configured (as in Mastodon): a new account
 * cannot sign in (web form or OAuth password grant) and its API sign-up token does not work until
 * the link of its confirmation mail (24 hours) is opened. Without SMTP every account is confirmed.
 */

/** Whether sign-ups on this server must confirm their address. */
export function confirmationRequired(app: AppContext): boolean {
  return app.mailer.enabled;
}

/**
 * After a sign-up registered with `awaitEmailConfirmation: confirmationRequired(app)`: sends the
 * confirmation mail (nothing without e-mail, where the account is confirmed already).
 */
export async function startEmailConfirmation(app: AppContext, userId: string): Promise<void> {
  if (!confirmationRequired(app)) return;
  await sendConfirmation(app, userId);
}

async function sendConfirmation(app: AppContext, userId: string): Promise<void> {
  const recipient = await findMailRecipient(app.db, userId);
  if (!recipient || recipient.email_confirmed_at) return;
  const token = await issueEmailToken(app.db, userId, 'email_confirmation');
  await sendMailToUser(app, userId, 'email_confirmation', emailConfirmationMail(app.config, recipient, token));
}

/**
 * Sends a new confirmation link to an unconfirmed account with this address. The answer is the
 * same whether or not there is one, and the mail is not awaited (no timing difference either).
 */
export async function resendConfirmation(app: AppContext, email: string): Promise<void> {
  if (!confirmationRequired(app)) return;
  const user = await findUserIdByEmail(app.db, email.trim());
  if (!user || user.email_confirmed_at) return;
  void sendConfirmation(app, user.id).catch((err: unknown) => app.log.child('mail').error('confirmation mail failed', { userId: user.id, error: err instanceof Error ? err.name : 'unknown' }));
}

/** Opens a confirmation link: the address is confirmed (404/410 for an unknown, expired or used link). */
export async function confirmEmail(app: AppContext, token: string): Promise<{ userId: string }> {
  const userId = await useEmailToken(app.db, 'email_confirmation', token);
  await markEmailConfirmed(app.db, userId);
  await viewerChanged(app, userId);
  return { userId };
}

/**
 * Mastodon's `POST /api/v1/emails/confirmations`, for the token a sign-up got: a new confirmation
 * link, to a corrected address when `email` is given. A confirmed account is refused (403).
 */
export async function resendOwnConfirmation(app: AppContext, viewer: Viewer, email?: string): Promise<void> {
  if (!viewer.emailUnconfirmed || !confirmationRequired(app)) throw forbidden('This method is only available while the e-mail is awaiting confirmation');
  if (email) {
    await changeUnconfirmedEmail(app.db, viewer.userId, email).catch((err: unknown) => {
      throw isUniqueViolation(err) ? invalid('This e-mail address is already registered', 'email', 'accounts.email.taken') : err;
    });
  }
  await sendConfirmation(app, viewer.userId);
}
