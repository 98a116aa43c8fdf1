import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { anonymousCsrfToken } from '../../auth/anonymous-csrf.js';
import { checkEmailToken } from '../../auth/email-tokens.js';
import { requestPasswordReset, resetPassword } from '../../auth/password-reset.service.js';
import { AppError, invalid } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../accounts/passwords.js';
import { Flash } from '../components/flash.js';
import { TextField } from '../components/form-fields.js';
import { t } from '../i18n/i18n.js';
import type { PageStatus } from '../layout.js';
import { formFields } from '../forms.js';
import type { WebContext } from '../web-context.js';
import { authPage, emailFormPage, mailFormError, mailFormLimits, pageStatusOf, typedEmail } from './mail-forms.js';
import { str } from './web-auth.js';

/**
 * Password reset by e-mail: "Forgot your password?" (`/auth/password/forgot`) asks for the
 * address and always answers the same; the mailed link (`/auth/password/reset?token=…`, also
 * printed by `npm run reset-password`) shows the new-password form.
 */

const FORGOT = { title: 'mail.forgot.title', lead: 'mail.forgot.lead', action: '/auth/password/forgot', submit: 'mail.forgot.submit' } as const;

function forgotPage(c: WebContext, app: AppContext, state: Parameters<typeof emailFormPage>[3] = {}) {
  const lang = c.get('lang');
  if (!app.mailer.enabled) {
    return authPage(
      c,
      t(lang, 'mail.forgot.title'),
      <>
        <h1>{t(lang, 'mail.forgot.title')}</h1>
        {state.error ? <Flash kind="error">{state.error}</Flash> : null}
        <Flash kind="info">{t(lang, 'mail.forgot.noMail')}</Flash>
      </>,
      state.status ?? 200,
    );
  }
  return emailFormPage(c, app, FORGOT, state);
}

/** The page of a link that cannot be used (unknown, expired, used), with the way to a new one. */
function badLinkPage(c: WebContext, err: AppError, status: PageStatus) {
  const lang = c.get('lang');
  return authPage(
    c,
    t(lang, 'mail.reset.title'),
    <>
      <h1>{t(lang, 'mail.reset.title')}</h1>
      <Flash kind="error">{mailFormError(lang, err)}</Flash>
      <p>
        <a href="/auth/password/forgot">{t(lang, 'mail.reset.again')}</a>
      </p>
    </>,
    status,
  );
}

function newPasswordPage(c: WebContext, app: AppContext, token: string, error?: string, status: PageStatus = 200) {
  const lang = c.get('lang');
  return authPage(
    c,
    t(lang, 'mail.reset.title'),
    <>
      <h1>{t(lang, 'mail.reset.title')}</h1>
      <form method="post" action="/auth/password/reset" class="stack-form">
        <input type="hidden" name="_csrf" value={anonymousCsrfToken(c, app.config)} />
        <input type="hidden" name="token" value={token} />
        <TextField name="password" type="password" label={t(lang, 'mail.reset.password')} hint={t(lang, 'auth.signUp.passwordHint')} autocomplete="new-password" required maxLength={PASSWORD_MAX} error={error} />
        <p class="actions">
          <button type="submit" class="button">{t(lang, 'mail.reset.submit')}</button>
        </p>
      </form>
    </>,
    status,
  );
}

/** The token of a link as typed or posted: the shape is checked by the token service. */
function tokenOf(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 100) : '';
}

export function mountPasswordResetPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/auth/password/forgot', (c) => forgotPage(c, app));
  hono.get('/auth/password/reset', async (c) => {
    const token = tokenOf(c.req.query('token'));
    if (!token) return badLinkPage(c, new AppError('bad_request', 'The link is missing', { key: 'mail.error.missingToken' }), 400);
    try {
      await checkEmailToken(app.db, 'password_reset', token);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'not_found' || err.code === 'gone')) return badLinkPage(c, err, err.code === 'gone' ? 410 : 404);
      throw err;
    }
    // The link's token must not leak to other sites through the Referer header.
    c.header('Referrer-Policy', 'no-referrer');
    return newPasswordPage(c, app, token);
  });
}

/** `POST /auth/password/forgot`: the same answer whether or not an account has the address. */
const forgotForm = defineFormRoute({
  path: '/auth/password/forgot',
  summary: 'Ask for a password reset link by e-mail',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  rateLimits: mailFormLimits('password_reset'),
  onError: ({ c, app, raw, status }, err) => {
    const lang = c.get('lang');
    if (err.code === 'validation_failed') return forgotPage(c, app, { email: typedEmail(raw), fieldError: mailFormError(lang, err), status: 422 });
    return forgotPage(c, app, { email: typedEmail(raw), error: mailFormError(lang, err), status: pageStatusOf(status) });
  },
  handler: async ({ c, app, body }) => {
    if (!app.mailer.enabled) return forgotPage(c, app);
    const email = typedEmail(body);
    if (!email.includes('@')) throw invalid('Enter the e-mail address of your account', 'email', 'accounts.email.invalid');
    await requestPasswordReset(app, email);
    return forgotPage(c, app, { notice: 'mail.forgot.sent' });
  },
});

/** `POST /auth/password/reset`: the link's token and the new password; every session ends. */
const resetForm = defineFormRoute({
  path: '/auth/password/reset',
  summary: 'Choose a new password with a reset link',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  rateLimits: [{ name: 'password_reset_use_ip', limit: 20, windowSeconds: 15 * 60, by: 'ip' }],
  onError: ({ c, app, raw, status }, err) => {
    const token = tokenOf(raw.token);
    if (err.code === 'not_found' || err.code === 'gone' || !token) return badLinkPage(c, err, pageStatusOf(status));
    return newPasswordPage(c, app, token, mailFormError(c.get('lang'), err), pageStatusOf(status));
  },
  handler: async ({ c, app, body }) => {
    const token = tokenOf(body.token);
    if (!token) throw new AppError('bad_request', 'The link is missing', { key: 'mail.error.missingToken' });
    const password = str(body, 'password');
    if (!password) throw invalid('Choose a new password', 'password', 'accounts.password.tooShort', { min: PASSWORD_MIN });
    await resetPassword(app, token, password);
    return c.redirect('/auth/sign_in?notice=password_reset', 303);
  },
});

export const passwordResetFormRoutes: AnyRoute[] = [forgotForm, resetForm];
