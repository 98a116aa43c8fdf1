/** What kind of e-mail a message is: logged instead of its recipient address and body. */
export type MailKind = 'password_reset' | 'password_changed' | 'email_confirmation' | 'daily_digest';

/** One e-mail, ready to send: plain text and a simple HTML alternative, no tracking. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. `List-Unsubscribe`). */
  headers?: Record<string, string>;
}

/**
 * Sends e-mail. `enabled` is false for the "no mail" value used when `SMTP_URL` is unset: then
 * nothing is sent, and the features that need e-mail say so (the forgot-password page) or are
 * skipped (address confirmation, the digest).
 */
export interface Mailer {
  readonly enabled: boolean;
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** The mailer of a server without SMTP: sends nothing. */
export const noMail: Mailer = {
  enabled: false,
  async send() {
    throw new Error('E-mail is not configured on this server (SMTP_URL)');
  },
  async close() {},
};
