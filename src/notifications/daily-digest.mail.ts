import type { Config } from '../config.js';
import type { MailRecipient } from '../mail/account-mails.js';
import { buildMail } from '../mail/mail-layout.js';
import type { MailMessage } from '../mail/mailer.js';
import { formatNumber, t, type MessageKey } from '../web/i18n/i18n.js';

/** Notification types with a line of their own in the digest; the rest are counted as "other". */
const LINE_OF: Record<string, MessageKey> = {
  mention: 'mail.digest.type.mention',
  follow: 'mail.digest.type.follow',
  follow_request: 'mail.digest.type.follow_request',
  favourite: 'mail.digest.type.favourite',
  reblog: 'mail.digest.type.reblog',
  update: 'mail.digest.type.update',
  'medired.consulta_answer': 'mail.digest.type.consulta',
  'medired.consulta_comment': 'mail.digest.type.consulta',
};

/**
 * The daily digest: how many unread notifications of each kind, and links: never the text of a
 * post, a question or a message, nor who sent them (health data must not travel by e-mail).
 */
export function dailyDigestMail(config: Config, to: MailRecipient, counts: { type: string; count: number }[], unsubscribeUrl: string): MailMessage {
  const lang = to.locale;
  const byLine = new Map<MessageKey, number>();
  for (const { type, count } of counts) {
    const line = LINE_OF[type] ?? 'mail.digest.type.other';
    byLine.set(line, (byLine.get(line) ?? 0) + count);
  }
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const lines = [...byLine].map(([key, count]) => `• ${t(lang, key, { count: formatNumber(lang, count) })}`);
  return buildMail({
    to: to.email,
    subject: t(lang, 'mail.digest.subject', { instance: config.instanceName }),
    paragraphs: [t(lang, 'mail.digest.intro', { username: to.username }), lines.join('\n'), t(lang, 'mail.digest.total', { count: formatNumber(lang, total) })],
    action: { label: t(lang, 'mail.digest.action'), url: `${config.publicUrl}/notifications` },
    after: [t(lang, 'mail.digest.why'), t(lang, 'mail.digest.unsubscribe', { url: unsubscribeUrl })],
    footer: t(lang, 'mail.footer', { instance: config.instanceName, url: config.publicUrl }),
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` },
  });
}
