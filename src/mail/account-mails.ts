import type { Config } from '../config.js';
import { t, type Lang } from '../web/i18n/i18n.js';
import { buildMail } from './mail-layout.js';
import type { MailMessage } from './mailer.js';

/** Who an account mail goes to, in their own language. */
export interface MailRecipient {
  email: string;
  username: string;
  locale: Lang;
}

function footer(config: Config, lang: Lang): string {
  return t(lang, 'mail.footer', { instance: config.instanceName, url: config.publicUrl });
}

/** The password reset mail: one link, valid 1 hour, single use. */
export function passwordResetMail(config: Config, to: MailRecipient, token: string): MailMessage {
  const lang = to.locale;
  const instance = config.instanceName;
  return buildMail({
    to: to.email,
    subject: t(lang, 'mail.reset.subject', { instance }),
    paragraphs: [t(lang, 'mail.reset.hello', { username: to.username }), t(lang, 'mail.reset.body')],
    action: { label: t(lang, 'mail.reset.action'), url: `${config.publicUrl}/auth/password/reset?token=${token}` },
    after: [t(lang, 'mail.reset.ignore')],
    footer: footer(config, lang),
  });
}

/** "Your password was changed", after a reset. */
export function passwordChangedMail(config: Config, to: MailRecipient): MailMessage {
  const lang = to.locale;
  const instance = config.instanceName;
  return buildMail({
    to: to.email,
    subject: t(lang, 'mail.changed.subject', { instance }),
    paragraphs: [t(lang, 'mail.reset.hello', { username: to.username }), t(lang, 'mail.changed.body', { username: to.username }), t(lang, 'mail.changed.notYou', { instance })],
    action: { label: t(lang, 'mail.changed.action'), url: `${config.publicUrl}/auth/password/forgot` },
    footer: footer(config, lang),
  });
}

/** The address confirmation mail of a new account: one link, valid 24 hours. */
export function emailConfirmationMail(config: Config, to: MailRecipient, token: string): MailMessage {
  const lang = to.locale;
  const instance = config.instanceName;
  return buildMail({
    to: to.email,
    subject: t(lang, 'mail.confirm.subject', { instance }),
    paragraphs: [t(lang, 'mail.confirm.body', { instance, username: to.username })],
    action: { label: t(lang, 'mail.confirm.action'), url: `${config.publicUrl}/auth/confirmation?token=${token}` },
    after: [t(lang, 'mail.confirm.ignore')],
    footer: footer(config, lang),
  });
}
