import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { anonymousCsrfToken } from '../../auth/anonymous-csrf.js';
import { verifyUserToken } from '../../mail/signed-links.js';
import { unsubscribeFromDigest } from '../../notifications/daily-digest.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { Flash } from '../components/flash.js';
import { t } from '../i18n/i18n.js';
import { formFields } from '../forms.js';
import type { WebContext } from '../web-context.js';
import { authPage, mailFormError } from '../auth/mail-forms.js';
import { str } from '../auth/web-auth.js';

/**
 * Unsubscribing from the daily digest without signing in: the digest's link opens a page with one
 * button (a GET changes nothing, so mail scanners that follow links cannot unsubscribe anyone).
 */

function page(c: WebContext, content: 'form' | 'done' | 'invalid', token = '', app?: AppContext, status: 200 | 403 | 404 | 429 = 200) {
  const lang = c.get('lang');
  return authPage(
    c,
    t(lang, 'mail.unsubscribe.title'),
    <>
      <h1>{t(lang, 'mail.unsubscribe.title')}</h1>
      {content === 'done' ? <Flash kind="success">{t(lang, 'mail.unsubscribe.done')}</Flash> : null}
      {content === 'invalid' ? <Flash kind="error">{t(lang, 'mail.unsubscribe.invalid')}</Flash> : null}
      {content === 'form' && app ? (
        <form method="post" action="/mail/unsubscribe" class="stack-form">
          <p>{t(lang, 'mail.unsubscribe.lead')}</p>
          <input type="hidden" name="_csrf" value={anonymousCsrfToken(c, app.config)} />
          <input type="hidden" name="token" value={token} />
          <p class="actions">
            <button type="submit" class="button">{t(lang, 'mail.unsubscribe.submit')}</button>
          </p>
        </form>
      ) : null}
    </>,
    status,
  );
}

export function mountUnsubscribePage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/mail/unsubscribe', async (c) => {
    const token = c.req.query('token')?.slice(0, 100) ?? '';
    if (!(await verifyUserToken(app, 'digest-unsubscribe', token))) return page(c, 'invalid', '', app, 404);
    c.header('Referrer-Policy', 'no-referrer');
    return page(c, 'form', token, app);
  });
}

/** `POST /mail/unsubscribe`: the signed token of the digest's link turns the digest off. */
const unsubscribeForm = defineFormRoute({
  path: '/mail/unsubscribe',
  summary: 'Stop the daily e-mail digest with the link of a digest (no sign-in needed)',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  onError: ({ c, status }, err) => {
    const lang = c.get('lang');
    return authPage(c, t(lang, 'mail.unsubscribe.title'), <Flash kind="error">{mailFormError(lang, err)}</Flash>, status === 429 ? 429 : status === 403 ? 403 : 400);
  },
  handler: async ({ c, app, body }) => {
    const ok = await unsubscribeFromDigest(app, str(body, 'token').slice(0, 100));
    return ok ? page(c, 'done') : page(c, 'invalid', '', app, 404);
  },
});

export const unsubscribeFormRoutes: AnyRoute[] = [unsubscribeForm];
