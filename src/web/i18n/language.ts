import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { HonoEnv } from '../../http/hono-env.js';
import { DEFAULT_LANG, isLang, type Lang } from './i18n.js';

export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * The interface language of a request: the `lang` cookie set by the language switch, then the
 * signed-in user's locale, then Spanish.
 */
export function resolveLang(cookie: string | undefined, userLocale: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  if (isLang(userLocale)) return userLocale;
  return DEFAULT_LANG;
}

/** Remembers a language choice for a year. */
export function setLangCookie(c: Parameters<MiddlewareHandler<HonoEnv>>[0], lang: Lang, secure: boolean): void {
  setCookie(c, LANG_COOKIE, lang, { path: '/', maxAge: ONE_YEAR_SECONDS, sameSite: 'Lax', secure, httpOnly: false });
}

/**
 * Web middleware: `?lang=en` on a GET (the ES | EN switch) stores the choice in a cookie and
 * redirects to the same page without the parameter; otherwise sets `c.var.lang`.
 */
export function languageMiddleware(secureCookies: boolean): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const asked = url.searchParams.get('lang');
    if (c.req.method === 'GET' && asked !== null) {
      url.searchParams.delete('lang');
      if (isLang(asked)) setLangCookie(c, asked, secureCookies);
      // Same-origin path only: never redirect elsewhere.
      const back = `${url.pathname}${url.search}` || '/';
      return c.redirect(back.startsWith('//') ? '/' : back, 303);
    }
    c.set('lang', resolveLang(getCookie(c, LANG_COOKIE), c.get('viewer')?.locale));
    await next();
  };
}

/** The link of the language switch for the current page. */
export function langSwitchHref(currentUrl: string, lang: Lang): string {
  const url = new URL(currentUrl);
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}
