import type { MiddlewareHandler } from 'hono';
import type { HonoEnv } from '../http/hono-env.js';
import { errorBodyText, type ErrorBodyLike } from './errors/error-text.js';
import { t, type Lang, type MessageKey } from './i18n/i18n.js';
import { pageHtml, renderPage } from './layout.js';
import type { WebContext } from './web-context.js';

/** Paths that always answer JSON (API clients, OAuth endpoints, files): never turned into pages. */
const MACHINE_PREFIXES = ['/api/', '/oauth/token', '/oauth/revoke', '/.well-known/', '/nodeinfo', '/media/', '/static/', '/users/', '/inbox'];

function isMachinePath(path: string): boolean {
  return MACHINE_PREFIXES.some((p) => path.startsWith(p));
}

function wantsJson(c: WebContext): boolean {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429 | 500;

const TEXTS: Record<number, { title: MessageKey; body: MessageKey }> = {
  401: { title: 'error.forbidden.title', body: 'error.signInNeeded' },
  403: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  404: { title: 'error.notFound.title', body: 'error.notFound.body' },
  410: { title: 'error.gone.title', body: 'error.notFound.body' },
  429: { title: 'error.rateLimited.title', body: 'error.rateLimited.body' },
};

function errorBody(c: WebContext, status: ErrorStatus, options: { code?: string; detail?: string }) {
  const lang: Lang = c.get('lang');
  const texts = TEXTS[status] ?? { title: 'error.title', body: 'error.generic.body' };
  const body = options.code === 'csrf_failed' ? t(lang, 'error.csrf.body') : t(lang, texts.body);
  return {
    meta: { title: t(lang, texts.title), noindex: true },
    body: (
    <section class="error-page narrow">
      <h1>{t(lang, texts.title)}</h1>
      <p>{body}</p>
      {options.detail ? <p class="error-detail">{options.detail}</p> : null}
      <p class="actions">
        {status === 401 ? (
          <a class="button" href="/auth/sign_in">{t(lang, 'nav.signIn')}</a>
        ) : (
          <>
            <a class="button" href="/">{t(lang, 'error.goHome')}</a>
            <a class="button button-secondary" href="/search">{t(lang, 'nav.search')}</a>
          </>
        )}
      </p>
    </section>
    ),
  };
}

/** An HTML error page in the reader's language. `detail` is shown for input errors. */
export function renderErrorPage(c: WebContext, status: ErrorStatus, options: { code?: string; detail?: string } = {}) {
  const { meta, body } = errorBody(c, status, options);
  return renderPage(c, meta, body, status);
}

/** The same page as a fresh Response, to replace one that is already finalised. */
async function errorResponse(c: WebContext, status: ErrorStatus, options: { code?: string; detail?: string }): Promise<Response> {
  const { meta, body } = errorBody(c, status, options);
  return new Response(await pageHtml(c, meta, body), { status, headers: { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'private, no-cache' } });
}

/**
 * Turns JSON error responses of web paths (unknown paths, thrown AppErrors, CSRF failures) into
 * HTML pages for browsers. A GET that needs sign-in is redirected to the sign-in page.
 * API paths and clients asking for JSON keep the JSON error.
 */
export function htmlErrorsMiddleware(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    await next();
    const status = c.res.status;
    if (status < 400 || isMachinePath(c.req.path) || wantsJson(c)) return;
    if (!(c.res.headers.get('content-type') ?? '').includes('application/json')) return;
    let code: string | undefined;
    let message: string | undefined;
    let key: string | undefined;
    try {
      const body = (await c.res.clone().json()) as ErrorBodyLike & { key?: string };
      code = body.code;
      key = body.key;
      message = errorBodyText(c.get('lang'), body);
    } catch {
      // not our error shape; show the generic page
    }
    if (status === 401 && c.req.method === 'GET' && code !== 'mfa_required') {
      const url = new URL(c.req.url);
      c.res = undefined;
      c.res = new Response(null, { status: 303, headers: { Location: `/auth/sign_in?return_to=${encodeURIComponent(url.pathname + url.search)}` } });
      return;
    }
    const shown = ([400, 401, 403, 404, 409, 410, 422, 429, 500] as const).find((s) => s === status) ?? 500;
    // A staff page refused says what is missing (the role, a second factor), not only "forbidden".
    const detail = status === 400 || status === 409 || status === 422 || (status === 403 && key?.startsWith('staff.')) ? message : undefined;
    const keep = ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id'].flatMap((h) => {
      const v = c.res.headers.get(h);
      return v ? [[h, v] as const] : [];
    });
    const page = await errorResponse(c, shown, { ...(code ? { code } : {}), ...(detail ? { detail } : {}) });
    for (const [h, v] of keep) page.headers.set(h, v);
    c.res = undefined;
    c.res = page;
  };
}

/** The last web route: anything unknown is a 404 (HTML for pages; JSON on API paths). */
export function notFoundFallback(c: WebContext) {
  if (isMachinePath(c.req.path) || wantsJson(c)) return c.json({ error: 'Record not found', code: 'not_found', key: 'errors.code.not_found' }, 404);
  return renderErrorPage(c, 404);
}
