import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { confirmEmail, resendConfirmation } from '../../auth/email-confirmation.service.js';
import { AppError, invalid } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { Flash } from '../components/flash.js';
import { t } from '../i18n/i18n.js';
import { formFields } from '../forms.js';
import type { WebContext } from '../web-context.js';
import { authPage, emailFormPage, mailFormError, mailFormLimits, pageStatusOf, typedEmail } from './mail-forms.js';

/**
 * E-mail address confirmation (SMTP configured): the mailed link `/auth/confirmation?token=…`
 * confirms the address; `/auth/confirmation/new` sends a new link, answering the same whether or
 * not an unconfirmed account has the address.
 */

const RESEND = { title: 'mail.confirm.resendTitle', lead: 'mail.confirm.resendLead', action: '/auth/confirmation/new', submit: 'mail.forgot.submit' } as const;

function resendPage(c: WebContext, app: AppContext, state: Parameters<typeof emailFormPage>[3] = {}) {
  if (!app.mailer.enabled) {
    const lang = c.get('lang');
    return authPage(
      c,
      t(lang, 'mail.confirm.resendTitle'),
      <>
        <h1>{t(lang, 'mail.confirm.resendTitle')}</h1>
        {state.error ? <Flash kind="error">{state.error}</Flash> : null}
        <Flash kind="info">{t(lang, 'mail.forgot.noMail')}</Flash>
      </>,
      state.status ?? 200,
    );
  }
  return emailFormPage(c, app, RESEND, state);
}

export function mountEmailConfirmationPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/auth/confirmation', async (c) => {
    const lang = c.get('lang');
    const token = c.req.query('token')?.trim().slice(0, 100) ?? '';
    try {
      if (!token) throw new AppError('bad_request', 'The link is missing', { key: 'mail.error.missingToken' });
      await confirmEmail(app, token);
    } catch (err) {
      if (!(err instanceof AppError) || !['bad_request', 'not_found', 'gone'].includes(err.code)) throw err;
      return authPage(
        c,
        t(lang, 'mail.confirm.resendTitle'),
        <>
          <h1>{t(lang, 'mail.confirm.resendTitle')}</h1>
          <Flash kind="error">{mailFormError(lang, err)}</Flash>
          <p>
            <a href="/auth/confirmation/new">{t(lang, 'mail.confirm.resendLink')}</a>
          </p>
        </>,
        err.code === 'gone' ? 410 : err.code === 'not_found' ? 404 : 400,
      );
    }
    return c.redirect('/auth/sign_in?notice=email_confirmed', 303);
  });
  hono.get('/auth/confirmation/new', (c) => resendPage(c, app, { email: c.req.query('email')?.slice(0, 320) ?? '' }));
}

/** `POST /auth/confirmation/new`: mails a new confirmation link; the same answer in every case. */
const resendForm = defineFormRoute({
  path: '/auth/confirmation/new',
  summary: 'Send the e-mail confirmation link again',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  rateLimits: mailFormLimits('confirmation_resend'),
  onError: ({ c, app, raw, status }, err) => {
    const lang = c.get('lang');
    if (err.code === 'validation_failed') return resendPage(c, app, { email: typedEmail(raw), fieldError: mailFormError(lang, err), status: 422 });
    return resendPage(c, app, { email: typedEmail(raw), error: mailFormError(lang, err), status: pageStatusOf(status) });
  },
  handler: async ({ c, app, body }) => {
    if (!app.mailer.enabled) return resendPage(c, app);
    const email = typedEmail(body);
    if (!email.includes('@')) throw invalid('Enter the e-mail address you signed up with', 'email', 'accounts.email.invalid');
    await resendConfirmation(app, email);
    return resendPage(c, app, { notice: 'mail.confirm.resent' });
  },
});

export const emailConfirmationFormRoutes: AnyRoute[] = [resendForm];
