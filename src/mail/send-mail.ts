import type { AppContext } from '../app-context.js';
import type { MailKind, MailMessage } from './mailer.js';

/**
 * Sends one e-mail to a user and logs that it did, by user id and kind only: never the address,
 * the subject, the body or the links (which carry tokens). Returns whether it was sent; a failure
 * is logged, not thrown, so that the page answers the same whether or not the mail went out.
 */
export async function sendMailToUser(app: AppContext, userId: string, kind: MailKind, message: MailMessage): Promise<boolean> {
  const log = app.log.child('mail');
  if (!app.mailer.enabled) return false;
  try {
    await app.mailer.send(message);
    log.info('mail sent', { userId, kind });
    return true;
  } catch (err) {
    // The error may quote the SMTP conversation, which holds the address: only its name is logged.
    log.error('mail could not be sent', { userId, kind, error: err instanceof Error ? err.name : 'unknown' });
    return false;
  }
}
