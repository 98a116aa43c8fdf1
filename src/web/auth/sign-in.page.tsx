import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { anonymousCsrfToken } from '../../auth/anonymous-csrf.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import { signIn, signOut, verifySecondFactor } from '../../auth/sessions.service.js';
import { applySignInLimits } from '../../auth/sign-in-limits.js';
import { AppError } from '../../errors.js';
import { clientIp } from '../../http/rate-limit.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { Flash } from '../components/flash.js';
import { TextField } from '../components/form-fields.js';
import { t, type Lang } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { safeReturnTo, signInPath } from './return-to.js';
import { formFields } from '../forms.js';
import { csrfRefusedPage, str, authStyles } from './web-auth.js';

type Status = 200 | 401 | 403 | 422 | 429;

function SignInForm(props: { lang: Lang; csrf: string; returnTo: string; login: string; error?: string | undefined; notice?: string | undefined; unconfirmed?: boolean }) {
  const { lang } = props;
  return (
    <section class="auth-page narrow">
      <h1>{t(lang, 'auth.signIn.title')}</h1>
      <p class="lead">{t(lang, 'auth.signIn.lead')}</p>
      {props.notice ? <Flash kind="success">{props.notice}</Flash> : null}
      {props.error ? <Flash kind="error">{props.error}</Flash> : null}
      {props.unconfirmed ? (
        <p>
          <a href="/auth/confirmation/new">{t(lang, 'mail.confirm.resendLink')}</a>
        </p>
      ) : null}
      <form method="post" action="/auth/sign_in" class="stack-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="return_to" value={props.returnTo} />
        <TextField name="login" label={t(lang, 'auth.signIn.login')} value={props.login} autocomplete="username" required maxLength={320} spellcheck={false} />
        <TextField name="password" type="password" label={t(lang, 'auth.signIn.password')} autocomplete="current-password" required maxLength={1024} />
        <p class="actions">
          <button type="submit" class="button">{t(lang, 'auth.signIn.submit')}</button>
        </p>
      </form>
      <p>
        <a href="/auth/password/forgot">{t(lang, 'mail.forgot.link')}</a>
      </p>
      <p>
        {t(lang, 'auth.signIn.noAccount')} <a href={props.returnTo === '/' ? '/auth/sign_up' : `/auth/sign_up?return_to=${encodeURIComponent(props.returnTo)}`}>{t(lang, 'nav.signUp')}</a>
      </p>
    </section>
  );
}

function TwoFactorForm(props: { lang: Lang; csrf: string; returnTo: string; error?: string | undefined }) {
  const { lang } = props;
  return (
    <section class="auth-page narrow">
      <h1>{t(lang, 'auth.twoFactor.title')}</h1>
      <p class="lead">{t(lang, 'auth.twoFactor.lead')}</p>
      {props.error ? <Flash kind="error">{props.error}</Flash> : null}
      <form method="post" action="/auth/two_factor" class="stack-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="return_to" value={props.returnTo} />
        <TextField name="code" label={t(lang, 'auth.twoFactor.code')} autocomplete="one-time-code" required maxLength={10} pattern="[0-9 ]{6,8}" spellcheck={false} />
        <p class="actions">
          <button type="submit" class="button">{t(lang, 'auth.twoFactor.submit')}</button>
        </p>
      </form>
    </section>
  );
}

const NOTICES = {
  signed_out: 'auth.signIn.signedOut',
  password_changed: 'auth.signIn.passwordChanged',
  password_reset: 'mail.reset.done',
  confirm_email: 'mail.confirm.checkInbox',
  email_confirmed: 'mail.confirm.done',
} as const;

function renderSignIn(c: WebContext, app: AppContext, state: { returnTo: string; login?: string; error?: string; unconfirmed?: boolean; status?: Status }) {
  const lang = c.get('lang');
  const notice = c.req.query('notice');
  const noticeText = notice && notice in NOTICES ? t(lang, NOTICES[notice as keyof typeof NOTICES]) : undefined;
  return renderPage(
    c,
    { title: t(lang, 'auth.signIn.title'), noindex: true, section: 'auth', head: authStyles },
    <SignInForm lang={lang} csrf={anonymousCsrfToken(c, app.config)} returnTo={state.returnTo} login={state.login ?? ''} error={state.error} notice={noticeText} unconfirmed={state.unconfirmed ?? false} />,
    state.status ?? 200,
  );
}

/** A refused form post shown on its own page again, keeping any rate-limit headers already set. */
function errorMessage(lang: Lang, err: AppError): string {
  if (err.code === 'csrf_failed') return t(lang, 'auth.error.csrf');
  if (err.code === 'rate_limited') return t(lang, 'auth.error.rateLimited');
  if (err.key === 'mail.confirm.required') return t(lang, 'mail.confirm.required');
  return t(lang, 'auth.signIn.wrong');
}

/** Sign-in, the second-factor step and sign-out pages. */
export function mountSignInPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/auth/sign_in', (c) => {
    const returnTo = safeReturnTo(c.req.query('return_to'));
    const viewer = c.get('viewer');
    if (viewer?.mfaPending) return c.redirect(`/auth/two_factor?return_to=${encodeURIComponent(returnTo)}`, 303);
    if (viewer && c.req.query('force') !== '1') return c.redirect(returnTo, 303);
    return renderSignIn(c, app, { returnTo });
  });

  hono.get('/auth/two_factor', (c) => {
    const viewer = c.get('viewer');
    const returnTo = safeReturnTo(c.req.query('return_to'));
    if (!viewer || viewer.via !== 'session') return c.redirect(signInPath(returnTo), 303);
    if (!viewer.mfaPending) return c.redirect(returnTo, 303);
    const lang = c.get('lang');
    return renderPage(c, { title: t(lang, 'auth.twoFactor.title'), noindex: true, section: 'auth', head: authStyles }, <TwoFactorForm lang={lang} csrf={viewer.csrfToken ?? ''} returnTo={returnTo} />);
  });
}

/** `POST /auth/sign_in`: the identifier and password, with the sign-in limits; a new session on success. */
const signInForm = defineFormRoute({
  path: '/auth/sign_in',
  summary: 'Sign in with a username or e-mail and a password',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  onError: ({ c, app, raw, status }, err) => {
    const unconfirmed = err.key === 'mail.confirm.required';
    if (!['unauthorized', 'csrf_failed', 'rate_limited'].includes(err.code) && !unconfirmed) return undefined;
    const login = str(raw, 'login').slice(0, 320);
    return renderSignIn(c, app, { returnTo: safeReturnTo(raw.return_to), login, error: errorMessage(c.get('lang'), err), unconfirmed, status: status === 403 || status === 429 ? status : 401 });
  },
  handler: async ({ c, app, body: form }) => {
    const returnTo = safeReturnTo(form.return_to);
    const login = str(form, 'login').slice(0, 320);
    await applySignInLimits(c, app, login);
    const session = await signIn(app, { login, password: str(form, 'password'), ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '' });
    // A previous session in this browser ends: one browser, one session, always a new id.
    const previous = readSessionCookie(c);
    if (previous) await signOut(app, previous);
    setSessionCookie(c, app.config, session.sessionToken, session.expiresAt);
    if (session.mfaRequired) return c.redirect(`/auth/two_factor?return_to=${encodeURIComponent(returnTo)}`, 303);
    return c.redirect(returnTo, 303);
  },
});

/** `POST /auth/two_factor`: the second step of a sign-in, 5 guesses per session every 5 minutes. */
const twoFactorForm = defineFormRoute({
  path: '/auth/two_factor',
  summary: 'Finish signing in with a two-factor authentication code',
  auth: 'user-even-suspended',
  allowPendingSecondFactor: true,
  body: formFields,
  // Six digits are guessable without a limit.
  rateLimits: [{ name: 'two_factor', limit: 5, windowSeconds: 300, by: ({ viewer }) => (viewer?.sessionId ? `session:${viewer.sessionId}` : null) }],
  onError: ({ c, viewer, raw, status }, err) => {
    const returnTo = safeReturnTo(raw.return_to);
    if (err.code === 'unauthorized' || !viewer) return c.redirect(signInPath(returnTo), 303);
    const lang = c.get('lang');
    const shown = err.code === 'csrf_failed' || err.code === 'rate_limited';
    return renderPage(
      c,
      { title: t(lang, 'auth.twoFactor.title'), noindex: true, section: 'auth', head: authStyles },
      <TwoFactorForm lang={lang} csrf={viewer.csrfToken ?? ''} returnTo={returnTo} error={shown ? errorMessage(lang, err) : t(lang, 'auth.twoFactor.invalid')} />,
      shown ? (status === 429 ? 429 : 403) : 422,
    );
  },
  handler: async ({ c, app, viewer, body: form }) => {
    const returnTo = safeReturnTo(form.return_to);
    const token = readSessionCookie(c);
    if (!token) return c.redirect(signInPath(returnTo), 303);
    if (!viewer.mfaPending) return c.redirect(returnTo, 303);
    const done = await verifySecondFactor(app, token, str(form, 'code'));
    setSessionCookie(c, app.config, token, done.expiresAt);
    return c.redirect(returnTo, 303);
  },
});

/** `POST /auth/sign_out`: ends this browser's session (a pending one too). */
const signOutForm = defineFormRoute({
  path: '/auth/sign_out',
  summary: 'Sign out of this browser',
  auth: 'optional',
  allowPendingSecondFactor: true,
  body: formFields,
  onError: ({ c }, err) => (err.code === 'csrf_failed' ? csrfRefusedPage(c) : undefined),
  handler: async ({ c, app, viewer }) => {
    const token = readSessionCookie(c);
    if (!viewer || !token) {
      clearSessionCookie(c, app.config);
      return c.redirect('/', 303);
    }
    await signOut(app, token);
    clearSessionCookie(c, app.config);
    return c.redirect('/auth/sign_in?notice=signed_out', 303);
  },
});

export const signInFormRoutes: AnyRoute[] = [signInForm, twoFactorForm, signOutForm];
