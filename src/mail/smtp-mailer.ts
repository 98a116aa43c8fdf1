import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.js';

/**
 * The SMTP adapter (nodemailer): `smtp://user:pass@host:587` (STARTTLS when the server offers it)
 * or `smtps://…:465` (TLS from the start). One transport per process, a connection per mail
 * (mails are few: links and one digest a day).
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl, { from });
  return {
    enabled: true,
    async send(message: MailMessage) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.headers ? { headers: message.headers } : {}),
      });
    },
    async close() {
      transport.close();
    },
  };
}
