import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { checkAuthorizationRequest, createAuthorizationCode, isOob, redirectWithParams, type AuthorizationParams, type AuthorizationRequest } from '../../auth/oauth.service.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { Flash } from '../components/flash.js';
import { t, type Lang, type MessageKey } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { signInPath } from './return-to.js';
import { formFields } from '../forms.js';
import { csrfRefusedPage, str, authStyles } from './web-auth.js';

const SCOPE_TEXT = { read: 'oauth.scope.read', write: 'oauth.scope.write', follow: 'oauth.scope.follow', push: 'oauth.scope.push', profile: 'oauth.scope.profile' } as const;

function scopeText(lang: Lang, scope: string): string {
  return scope in SCOPE_TEXT ? t(lang, SCOPE_TEXT[scope as keyof typeof SCOPE_TEXT]) : t(lang, 'oauth.scope.other', { scope });
}

function Consent({ lang, viewer, request }: { lang: Lang; viewer: Viewer; request: AuthorizationRequest }) {
  const app = request.application;
  return (
    <section class="auth-page narrow">
      <h1>{t(lang, 'oauth.title')}</h1>
      <p class="lead">{t(lang, 'oauth.lead', { app: app.name, username: viewer.username })}</p>
      {app.website ? (
        <p>
          {t(lang, 'oauth.website')}: <a href={app.website} rel="noopener noreferrer nofollow">{app.website}</a>
        </p>
      ) : null}
      <h2>{t(lang, 'oauth.scopes')}</h2>
      <ul class="scope-list">
        {request.scopes.map((s) => (
          <li>
            {scopeText(lang, s)} <code>{s}</code>
          </li>
        ))}
      </ul>
      <form method="post" action="/oauth/authorize" class="stack-form">
        <input type="hidden" name="_csrf" value={viewer.csrfToken ?? ''} />
        <input type="hidden" name="response_type" value="code" />
        <input type="hidden" name="client_id" value={app.client_id} />
        <input type="hidden" name="redirect_uri" value={request.redirectUri} />
        <input type="hidden" name="scope" value={request.scopes.join(' ')} />
        {request.state !== undefined ? <input type="hidden" name="state" value={request.state} /> : null}
        {request.codeChallenge ? <input type="hidden" name="code_challenge" value={request.codeChallenge} /> : null}
        {request.codeChallengeMethod ? <input type="hidden" name="code_challenge_method" value={request.codeChallengeMethod} /> : null}
        <p class="actions">
          <button type="submit" name="decision" value="approve" class="button">{t(lang, 'oauth.approve')}</button>{' '}
          <button type="submit" name="decision" value="deny" class="button button-secondary">{t(lang, 'oauth.deny')}</button>
        </p>
      </form>
    </section>
  );
}

/** The consent page's error, said in the reader's language (the English description goes only to the client). */
function errorPage(c: WebContext, key: MessageKey) {
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t(lang, 'oauth.errorTitle'), noindex: true, section: 'auth', head: authStyles },
    <section class="auth-page narrow">
      <h1>{t(lang, 'oauth.errorTitle')}</h1>
      <Flash kind="error">{t(lang, key)}</Flash>
    </section>,
    400,
  );
}

function paramsOf(source: Record<string, unknown>): AuthorizationParams {
  const pick = (k: string) => (typeof source[k] === 'string' ? (source[k] as string) : undefined);
  return {
    response_type: pick('response_type'),
    client_id: pick('client_id'),
    redirect_uri: pick('redirect_uri'),
    scope: pick('scope'),
    state: pick('state'),
    code_challenge: pick('code_challenge'),
    code_challenge_method: pick('code_challenge_method'),
  };
}

/**
 * The app's usual policy, except that the consent form may be followed by a redirect to the
 * client's registered redirect URI (Chrome applies `form-action` to redirects after a post).
 */
function consentCsp(redirectUri: string): string {
  let target = '';
  if (!isOob(redirectUri)) {
    const url = new URL(redirectUri);
    target = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  }
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "script-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action 'self'${target ? ` ${target}` : ''}`,
  ].join('; ');
}

/** Sends an error back to the client (or shows it, out of band); fatal errors are only shown. */
async function checkOrFail(c: WebContext, app: AppContext, params: AuthorizationParams): Promise<AuthorizationRequest | Response> {
  const check = await checkAuthorizationRequest(app.db, params);
  if (check.ok) return check.request;
  if (check.fatal || isOob(check.redirectUri)) return errorPage(c, `oauth.error.${check.error.error}`);
  return c.redirect(redirectWithParams(check.redirectUri, { error: check.error.error, error_description: check.error.message, state: check.state }), 302);
}

/** `GET/POST /oauth/authorize`: Mastodon's consent page for the authorization-code flow. */
export function mountOAuthAuthorizePage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/oauth/authorize', async (c) => {
    const url = new URL(c.req.url);
    const request = await checkOrFail(c, app, paramsOf(Object.fromEntries(url.searchParams)));
    if (request instanceof Response) return request;
    const viewer = c.get('viewer');
    const forceLogin = ['true', '1'].includes(url.searchParams.get('force_login') ?? '');
    url.searchParams.delete('force_login');
    const back = `${url.pathname}${url.search}`;
    if (!viewer || viewer.via !== 'session' || forceLogin) {
      const target = signInPath(back);
      return c.redirect(forceLogin ? `${target}${target.includes('?') ? '&' : '?'}force=1` : target, 303);
    }
    if (viewer.mfaPending) return c.redirect(`/auth/two_factor?return_to=${encodeURIComponent(back)}`, 303);
    const lang = c.get('lang');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', consentCsp(request.redirectUri));
    return renderPage(c, { title: t(lang, 'oauth.title'), noindex: true, section: 'auth', head: authStyles }, <Consent lang={lang} viewer={viewer} request={request} />);
  });
}

/** `POST /oauth/authorize`: the person's answer on the consent page (a suspended account may only deny). */
const answerConsent = defineFormRoute({
  path: '/oauth/authorize',
  summary: 'Approve or deny an application on the OAuth consent page',
  auth: 'user-even-suspended',
  body: formFields,
  onError: ({ c }, err) => (err.code === 'csrf_failed' ? csrfRefusedPage(c) : undefined),
  handler: async ({ c, app, viewer, body: form }) => {
    const request = await checkOrFail(c, app, paramsOf(form));
    if (request instanceof Response) return request;
    if (str(form, 'decision') !== 'approve') {
      if (isOob(request.redirectUri)) return errorPage(c, 'oauth.error.access_denied');
      return c.redirect(redirectWithParams(request.redirectUri, { error: 'access_denied', error_description: 'The user denied the request', state: request.state }), 302);
    }
    if (viewer.suspended) return errorPage(c, 'accounts.suspended');
    const code = await createAuthorizationCode(app.db, request, viewer.userId);
    if (!isOob(request.redirectUri)) return c.redirect(redirectWithParams(request.redirectUri, { code, state: request.state }), 302);
    const lang = c.get('lang');
    return renderPage(
      c,
      { title: t(lang, 'oauth.codeTitle'), noindex: true, section: 'auth', head: authStyles },
      <section class="auth-page narrow">
        <h1>{t(lang, 'oauth.codeTitle')}</h1>
        <p>{t(lang, 'oauth.codeLead', { app: request.application.name })}</p>
        <p>
          <output class="oauth-code" id="oauth-code">
            <code>{code}</code>
          </output>
        </p>
      </section>,
    );
  },
});

export const oauthFormRoutes: AnyRoute[] = [answerConsent];
