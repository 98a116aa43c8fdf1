import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { randomToken, safeEqual } from './tokens.js';

/**
 * CSRF protection for forms used before there is a session (sign-in, sign-up, the 2FA step):
 * a double-submit cookie. The page sets a random value in an HttpOnly, SameSite=Strict cookie and
 * repeats it in a hidden `_csrf` field; a post is accepted only when both match. Another site can
 * make a browser post the form but can neither read nor set our cookie, so it cannot know the value
 * to put in the field. Behind HTTPS the cookie takes the `__Host-` prefix, which browsers only
 * accept from this exact host over a secure connection, so a sibling subdomain cannot plant one.
 * We chose this over a signed token because it needs no server secret to configure or rotate.
 * Once signed in, the session's own synchroniser token (viewer.csrfToken) is used instead.
 */
function cookieName(config: Config): string {
  return config.secureCookies ? '__Host-medired_csrf' : 'medired_csrf';
}

/** The anonymous CSRF value for this browser, creating the cookie when missing. */
export function anonymousCsrfToken(c: Context, config: Config): string {
  const existing = getCookie(c, cookieName(config));
  if (existing && /^[A-Za-z0-9_-]{32,64}$/.test(existing)) return existing;
  const token = randomToken();
  setCookie(c, cookieName(config), token, { httpOnly: true, sameSite: 'Strict', secure: config.secureCookies, path: '/', maxAge: 60 * 60 * 24 });
  return token;
}

/** Throws `csrf_failed` unless the form's `_csrf` field matches the browser's cookie. */
export function checkAnonymousCsrf(c: Context, config: Config, sent: unknown): void {
  const cookie = getCookie(c, cookieName(config));
  if (!cookie || typeof sent !== 'string' || !sent || !safeEqual(sent, cookie)) {
    throw new AppError('csrf_failed', 'The form has expired. Reload the page and try again.');
  }
}
