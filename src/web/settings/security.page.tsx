import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import { changePassword } from '../../auth/password-change.service.js';
import { clearSessionCookie } from '../../auth/session-cookie.js';
import { listSessions, revokeSession, type SessionInfo } from '../../auth/sessions.service.js';
import { disableTotp, enableTotp, setupTotp, totpStatus, type TotpSetup } from '../../auth/totp.service.js';
import { listUserTokens, revokeUserToken, type TokenInfo } from '../../auth/user-tokens.service.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { REAUTH_RATE_LIMIT } from '../../auth/reauth-limit.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { Flash } from '../components/flash.js';
import { TextField } from '../components/form-fields.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { SettingsNav } from '../components/settings-nav.js';
import { formFields } from '../forms.js';
import { fieldErrorsOf, str, authStyles } from '../auth/web-auth.js';

const PATH = '/settings/security';
const NOTICES = {
  password_changed: 'security.password.changed',
  session_revoked: 'security.sessions.revoked',
  token_revoked: 'security.tokens.revoked',
  totp_enabled: 'security.totp.justEnabled',
  totp_disabled: 'security.totp.justDisabled',
} as const;

/** A short, readable name for a user agent ("Firefox on Linux"), never the raw string alone. */
function browserName(ua: string, lang: Lang): string {
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (!browser) return ua ? ua.slice(0, 60) : t(lang, 'security.sessions.unknownBrowser');
  return os ? `${browser} · ${os}` : browser;
}

interface PageState {
  errors?: Record<string, string>;
  /** Which form the errors belong to. */
  form?: 'password' | 'totp_setup' | 'totp_enable' | 'totp_disable';
  setup?: TotpSetup;
}

function RevokeButton(props: { action: string; csrf: string; label: string; name: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <button type="submit" class="button button-small button-danger" aria-label={`${props.label}: ${props.name}`}>
        {props.label}
      </button>
    </form>
  );
}

function SecurityPage(props: { lang: Lang; viewer: Viewer; canVerify: boolean; sessions: SessionInfo[]; tokens: TokenInfo[]; totp: { enabled: boolean }; state: PageState; notice: string | undefined }) {
  const { lang, viewer, state } = props;
  const csrf = viewer.csrfToken ?? '';
  const err = (form: PageState['form']) => (state.form === form ? (state.errors ?? {}) : {});
  const pe = err('password');
  const se = err('totp_setup');
  const ee = err('totp_enable');
  const de = err('totp_disable');
  return (
    <section class="settings-page">
      <header class="page-header">
        <h1>{t(lang, 'settings.title')}</h1>
      </header>
      <SettingsNav lang={lang} current="security" showVerification={props.canVerify} />
      {props.notice ? <Flash kind="success">{props.notice}</Flash> : null}

      <section aria-labelledby="h-password" class="card">
        <h2 id="h-password">{t(lang, 'security.password.title')}</h2>
        {pe._form ? <Flash kind="error">{pe._form}</Flash> : null}
        <form method="post" action={`${PATH}/password`} class="stack-form">
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="text" name="username" value={viewer.username} autocomplete="username" hidden />
          <TextField name="current_password" type="password" label={t(lang, 'security.password.current')} error={pe.current_password} required autocomplete="current-password" maxLength={1024} />
          <TextField name="password" type="password" label={t(lang, 'security.password.new')} hint={t(lang, 'security.password.hint')} error={pe.password} required autocomplete="new-password" maxLength={128} />
          <p class="actions">
            <button type="submit" class="button">{t(lang, 'security.password.submit')}</button>
          </p>
        </form>
      </section>

      <section aria-labelledby="h-totp" class="card">
        <h2 id="h-totp">{t(lang, 'security.totp.title')}</h2>
        {props.totp.enabled ? (
          <>
            <p>{t(lang, 'security.totp.enabled')}</p>
            {de._form ? <Flash kind="error">{de._form}</Flash> : null}
            <form method="post" action={`${PATH}/two_factor/disable`} class="stack-form">
              <input type="hidden" name="_csrf" value={csrf} />
              <TextField name="password" id="f-totp-disable-password" type="password" label={t(lang, 'security.password')} error={de.password} required autocomplete="current-password" />
              <TextField name="code" id="f-totp-disable-code" label={t(lang, 'security.totp.code')} error={de.code} required autocomplete="one-time-code" maxLength={10} />
              <p class="actions">
                <button type="submit" class="button button-danger">{t(lang, 'security.totp.disableSubmit')}</button>
              </p>
            </form>
          </>
        ) : state.setup || state.form === 'totp_enable' ? (
          <>
            {state.setup ? (
              <dl class="totp-setup">
                <dt>{t(lang, 'security.totp.secret')}</dt>
                <dd>
                  <code class="totp-secret">{state.setup.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
                </dd>
                <dt>{t(lang, 'security.totp.url')}</dt>
                <dd>
                  <code class="totp-url">{state.setup.otpauthUrl}</code>
                </dd>
              </dl>
            ) : null}
            <p>{t(lang, 'security.totp.confirmLead')}</p>
            {ee._form ? <Flash kind="error">{ee._form}</Flash> : null}
            <form method="post" action={`${PATH}/two_factor/enable`} class="stack-form">
              <input type="hidden" name="_csrf" value={csrf} />
              <TextField name="code" id="f-totp-enable-code" label={t(lang, 'security.totp.code')} error={ee.code} required autocomplete="one-time-code" maxLength={10} />
              <p class="actions">
                <button type="submit" class="button">{t(lang, 'security.totp.enableSubmit')}</button>
              </p>
            </form>
          </>
        ) : (
          <>
            <p>{t(lang, 'security.totp.disabledText')}</p>
            <p>{t(lang, 'security.totp.setupLead')}</p>
            {se._form ? <Flash kind="error">{se._form}</Flash> : null}
            <form method="post" action={`${PATH}/two_factor/setup`} class="stack-form">
              <input type="hidden" name="_csrf" value={csrf} />
              <TextField name="password" id="f-totp-setup-password" type="password" label={t(lang, 'security.password')} error={se.password} required autocomplete="current-password" />
              <p class="actions">
                <button type="submit" class="button">{t(lang, 'security.totp.setupSubmit')}</button>
              </p>
            </form>
          </>
        )}
      </section>

      <section aria-labelledby="h-sessions" class="card">
        <h2 id="h-sessions">{t(lang, 'security.sessions.title')}</h2>
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'security.sessions.browser')}</th>
                <th scope="col">{t(lang, 'security.sessions.ip')}</th>
                <th scope="col">{t(lang, 'security.sessions.created')}</th>
                <th scope="col">{t(lang, 'security.sessions.lastActive')}</th>
                <th scope="col"><span class="visually-hidden">{t(lang, 'security.sessions.revoke')}</span></th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr>
                  <td title={s.user_agent}>{browserName(s.user_agent, lang)}</td>
                  <td>{s.ip || t(lang, 'common.none')}</td>
                  <td>{formatDateTime(lang, s.created_at)}</td>
                  <td>{formatDateTime(lang, s.last_active_at)}</td>
                  <td>
                    {s.current ? <strong>{t(lang, 'security.sessions.current')}</strong> : null}{' '}
                    <RevokeButton action={`${PATH}/sessions/${s.id}/revoke`} csrf={csrf} label={t(lang, 'security.sessions.revoke')} name={browserName(s.user_agent, lang)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="h-tokens" class="card">
        <h2 id="h-tokens">{t(lang, 'security.tokens.title')}</h2>
        {props.tokens.length === 0 ? (
          <p>{t(lang, 'security.tokens.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="data-table">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'security.tokens.app')}</th>
                  <th scope="col">{t(lang, 'security.tokens.scopes')}</th>
                  <th scope="col">{t(lang, 'security.tokens.created')}</th>
                  <th scope="col">{t(lang, 'security.tokens.lastUsed')}</th>
                  <th scope="col"><span class="visually-hidden">{t(lang, 'security.tokens.revoke')}</span></th>
                </tr>
              </thead>
              <tbody>
                {props.tokens.map((tok) => {
                  const name = tok.application?.name ?? t(lang, 'security.tokens.noApp');
                  return (
                    <tr>
                      <td>{name}</td>
                      <td>
                        <code>{tok.scopes.join(' ')}</code>
                      </td>
                      <td>{formatDateTime(lang, tok.created_at)}</td>
                      <td>{tok.last_used_at ? formatDateTime(lang, tok.last_used_at) : t(lang, 'security.tokens.never')}</td>
                      <td>
                        <RevokeButton action={`${PATH}/tokens/${tok.id}/revoke`} csrf={csrf} label={t(lang, 'security.tokens.revoke')} name={name} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}

async function render(c: WebContext, app: AppContext, viewer: Viewer, state: PageState = {}, status: 200 | 403 | 404 | 422 | 429 = 200) {
  const lang = c.get('lang');
  const [sessions, tokens, totp, account] = await Promise.all([
    listSessions(app.db, viewer.userId, viewer.sessionId),
    listUserTokens(app.db, viewer.userId, null),
    totpStatus(app.db, viewer.userId),
    findAccountById(app.db, viewer.accountId),
  ]);
  const notice = c.req.query('notice');
  if (!account) throw new AppError('not_found', 'Account not found');
  const noticeText = c.req.method === 'GET' && notice && notice in NOTICES ? t(lang, NOTICES[notice as keyof typeof NOTICES]) : undefined;
  return renderPage(
    c,
    { title: t(lang, 'security.title'), noindex: true, section: 'settings', head: authStyles },
    <SecurityPage lang={lang} viewer={viewer} canVerify={account.kind !== 'patient'} sessions={sessions} tokens={tokens} totp={totp} state={state} notice={noticeText} />,
    status,
  );
}

/** A signed-in, past-2FA session viewer, or a redirect to the right step. */
function sessionViewer(c: WebContext): Viewer | Response {
  const viewer = c.get('viewer');
  const back = encodeURIComponent(PATH);
  if (!viewer || viewer.via !== 'session') return c.redirect(`/auth/sign_in?return_to=${back}`, 303);
  if (viewer.mfaPending) return c.redirect(`/auth/two_factor?return_to=${back}`, 303);
  return viewer;
}

type FormName = NonNullable<PageState['form']>;

interface ActionInput {
  c: WebContext;
  app: AppContext;
  viewer: Viewer;
  form: Record<string, unknown>;
  params: Record<string, string>;
}

/**
 * One POST action of the page, declared as a form route: re-auth guesses rate limited;
 * validation errors re-render the page with the messages next to the form they belong to.
 */
function securityAction(path: string, summary: string, formName: FormName | null, run: (input: ActionInput) => Promise<Response | PageState>) {
  return defineFormRoute({
    path: `${PATH}${path}`,
    summary,
    // A suspended account may still change its password and end its sessions.
    auth: 'user-even-suspended',
    body: formFields,
    rateLimits: formName ? [REAUTH_RATE_LIMIT] : [],
    onError: ({ c, app, viewer, status }, err) => {
      // Someone else's (or an already ended) session or token: "not found", the page again.
      if (err.code === 'not_found') return render(c, app, viewer!, {}, 404);
      if (!formName || !['validation_failed', 'conflict', 'bad_request', 'rate_limited'].includes(err.code)) return undefined;
      const errors = err.code === 'rate_limited' ? { _form: t(c.get('lang'), 'auth.error.rateLimited') } : fieldErrorsOf(c.get('lang'), err);
      return render(c, app, viewer!, { form: formName, errors }, status === 429 ? 429 : 422);
    },
    handler: async ({ c, app, viewer, body }) => {
      const result = await run({ c, app, viewer, form: body, params: c.req.param() as Record<string, string> });
      return result instanceof Response ? result : render(c, app, viewer, result);
    },
  });
}

/** Settings → Security: password, two-factor authentication, sessions and authorised apps. */
export function mountSecuritySettingsPage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PATH, async (c) => {
    const viewer = sessionViewer(c);
    if (viewer instanceof Response) return viewer;
    return render(c, app, viewer);
  });
}

/** Settings → Security's form posts. */
export const securityFormRoutes: AnyRoute[] = [
  securityAction('/password', 'Change your password', 'password', async ({ app, viewer, form, c }) => {
    await changePassword(app, viewer.userId, { currentPassword: str(form, 'current_password'), newPassword: str(form, 'password') }, { sessionId: viewer.sessionId, tokenId: null });
    return c.redirect(`${PATH}?notice=password_changed`, 303);
  }),
  securityAction('/two_factor/setup', 'Start setting up two-factor authentication', 'totp_setup', async ({ app, viewer, form }) => ({ setup: await setupTotp(app.db, viewer.userId, str(form, 'password'), app.config.instanceName) })),
  securityAction('/two_factor/enable', 'Enable two-factor authentication', 'totp_enable', async ({ app, viewer, form, c }) => {
    await enableTotp(app, viewer.userId, str(form, 'code'));
    return c.redirect(`${PATH}?notice=totp_enabled`, 303);
  }),
  securityAction('/two_factor/disable', 'Disable two-factor authentication', 'totp_disable', async ({ app, viewer, form, c }) => {
    await disableTotp(app, viewer.userId, str(form, 'password'), str(form, 'code'));
    return c.redirect(`${PATH}?notice=totp_disabled`, 303);
  }),
  securityAction('/sessions/:id/revoke', 'End one of your sessions', null, async ({ app, viewer, params, c }) => {
    const id = params.id ?? '';
    await revokeSession(app, viewer.userId, id);
    if (id === viewer.sessionId) {
      clearSessionCookie(c, app.config);
      return c.redirect('/auth/sign_in?notice=signed_out', 303);
    }
    return c.redirect(`${PATH}?notice=session_revoked`, 303);
  }),
  securityAction('/tokens/:id/revoke', 'Revoke an access token of an authorised app', null, async ({ app, viewer, params, c }) => {
    await revokeUserToken(app, viewer.userId, params.id ?? '');
    return c.redirect(`${PATH}?notice=token_revoked`, 303);
  }),
];
