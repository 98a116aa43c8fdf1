import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { anonymousCsrfToken, checkAnonymousCsrf } from '../../auth/anonymous-csrf.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import { signIn, signOut, verifySecondFactor } from '../../auth/sessions.service.js';
import { applySignInLimits } from '../../auth/sign-in-limits.js';
import { AppError } from '../../errors.js';
import { applyRateLimit, clientIp } from '../../http/rate-limit.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { Flash } from '../components/flash.js';
import { TextField } from '../components/form-fields.js';
import { t, type Lang } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { safeReturnTo, signInPath } from './return-to.js';
import { checkSessionCsrf, csrfRefusedPage, readForm, sessionCsrfOk, str, authStyles } from './web-auth.js';

type Status = 200 | 401 | 403 | 422 | 429;

function SignInForm(props: { lang: Lang; csrf: string; returnTo: string; login: string; error?: string | undefined; notice?: string | undefined }) {
  const { lang } = props;
  return (
    <section class="auth-page narrow">
      <h1>{t(lang, 'auth.signIn.title')}</h1>
      <p class="lead">{t(lang, 'auth.signIn.lead')}</p>
      {props.notice ? <Flash kind="success">{props.notice}</Flash> : null}
      {props.error ? <Flash kind="error">{props.error}</Flash> : null}
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

const NOTICES = { signed_out: 'auth.signIn.signedOut', password_changed: 'auth.signIn.passwordChanged' } as const;

function renderSignIn(c: WebContext, app: AppContext, state: { returnTo: string; login?: string; error?: string; status?: Status }) {
  const lang = c.get('lang');
  const notice = c.req.query('notice');
  const noticeText = notice && notice in NOTICES ? t(lang, NOTICES[notice as keyof typeof NOTICES]) : undefined;
  return renderPage(
    c,
    { title: t(lang, 'auth.signIn.title'), noindex: true, section: 'auth', head: authStyles },
    <SignInForm lang={lang} csrf={anonymousCsrfToken(c, app.config)} returnTo={state.returnTo} login={state.login ?? ''} error={state.error} notice={noticeText} />,
    state.status ?? 200,
  );
}

/** A refused form post shown on its own page again, keeping any rate-limit headers already set. */
function errorMessage(lang: Lang, err: AppError): string {
  if (err.code === 'csrf_failed') return t(lang, 'auth.error.csrf');
  if (err.code === 'rate_limited') return t(lang, 'auth.error.rateLimited');
  return t(lang, 'auth.signIn.wrong');
}

const statusOf = (err: AppError): Status => (err.code === 'csrf_failed' ? 403 : err.code === 'rate_limited' ? 429 : 401);

/** Sign-in, the second-factor step and sign-out pages. */
export function mountSignInPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/auth/sign_in', (c) => {
    const returnTo = safeReturnTo(c.req.query('return_to'));
    const viewer = c.get('viewer');
    if (viewer?.mfaPending) return c.redirect(`/auth/two_factor?return_to=${encodeURIComponent(returnTo)}`, 303);
    if (viewer && c.req.query('force') !== '1') return c.redirect(returnTo, 303);
    return renderSignIn(c, app, { returnTo });
  });

  hono.post('/auth/sign_in', async (c) => {
    const form = await readForm(c);
    const returnTo = safeReturnTo(form.return_to);
    const login = str(form, 'login').slice(0, 320);
    const lang = c.get('lang');
    try {
      checkAnonymousCsrf(c, app.config, form._csrf);
      await applySignInLimits(c, app, login);
      const session = await signIn(app, { login, password: str(form, 'password'), ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '' });
      // A previous session in this browser ends: one browser, one session, always a new id.
      const previous = readSessionCookie(c);
      if (previous) await signOut(app, previous);
      setSessionCookie(c, app.config, session.sessionToken, session.expiresAt);
      if (session.mfaRequired) return c.redirect(`/auth/two_factor?return_to=${encodeURIComponent(returnTo)}`, 303);
      return c.redirect(returnTo, 303);
    } catch (err) {
      if (!(err instanceof AppError) || !['unauthorized', 'csrf_failed', 'rate_limited'].includes(err.code)) throw err;
      return renderSignIn(c, app, { returnTo, login, error: errorMessage(lang, err), status: statusOf(err) });
    }
  });

  hono.get('/auth/two_factor', (c) => {
    const viewer = c.get('viewer');
    const returnTo = safeReturnTo(c.req.query('return_to'));
    if (!viewer || viewer.via !== 'session') return c.redirect(signInPath(returnTo), 303);
    if (!viewer.mfaPending) return c.redirect(returnTo, 303);
    const lang = c.get('lang');
    return renderPage(c, { title: t(lang, 'auth.twoFactor.title'), noindex: true, section: 'auth', head: authStyles }, <TwoFactorForm lang={lang} csrf={viewer.csrfToken ?? ''} returnTo={returnTo} />);
  });

  hono.post('/auth/two_factor', async (c) => {
    const form = await readForm(c);
    const returnTo = safeReturnTo(form.return_to);
    const viewer = c.get('viewer');
    const token = readSessionCookie(c);
    const lang = c.get('lang');
    if (!viewer || viewer.via !== 'session' || !token) return c.redirect(signInPath(returnTo), 303);
    if (!viewer.mfaPending) return c.redirect(returnTo, 303);
    let status: Status = 422;
    let error = t(lang, 'auth.twoFactor.invalid');
    try {
      checkSessionCsrf(viewer, form);
      // Six digits are guessable without a limit: 5 tries per session every 5 minutes.
      await applyRateLimit(c, app, { name: 'two_factor', limit: 5, windowSeconds: 300, by: () => `session:${viewer.sessionId}` }, { viewer: null, body: undefined });
      const done = await verifySecondFactor(app, token, str(form, 'code'));
      setSessionCookie(c, app.config, token, done.expiresAt);
      return c.redirect(returnTo, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'unauthorized') return c.redirect(signInPath(returnTo), 303);
      if (err.code === 'csrf_failed' || err.code === 'rate_limited') {
        status = statusOf(err);
        error = errorMessage(lang, err);
      }
    }
    return renderPage(
      c,
      { title: t(lang, 'auth.twoFactor.title'), noindex: true, section: 'auth', head: authStyles },
      <TwoFactorForm lang={lang} csrf={viewer.csrfToken ?? ''} returnTo={returnTo} error={error} />,
      status,
    );
  });

  hono.post('/auth/sign_out', async (c) => {
    const viewer = c.get('viewer');
    const token = readSessionCookie(c);
    if (!viewer || viewer.via !== 'session' || !token) {
      clearSessionCookie(c, app.config);
      return c.redirect('/', 303);
    }
    if (!sessionCsrfOk(viewer, await readForm(c))) return csrfRefusedPage(c);
    await signOut(app, token);
    clearSessionCookie(c, app.config);
    return c.redirect('/auth/sign_in?notice=signed_out', 303);
  });
}
