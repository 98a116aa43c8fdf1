import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import { SESSION_COOKIE } from './viewer.js';

/**
 * Sets the session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * form posts), Secure behind HTTPS, whole-site path. It lives until `expiresAt`, the session's idle
 * expiry; the server slides the session (viewer.ts) and the web layer re-issues the cookie on page
 * loads (src/web/auth/auth-pages.ts), so both expire together after inactivity.
 */
export function setSessionCookie(c: Context, config: Config, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: Math.max(60, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

/** The session token from the request's cookie, if any. */
export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

/** Removes the session cookie from the browser (sign out). */
export function clearSessionCookie(c: Context, config: Config): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: config.secureCookies, httpOnly: true, sameSite: 'Lax' });
}
