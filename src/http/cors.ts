import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { HonoEnv } from './hono-env.js';

/**
 * The paths other origins may call, as Mastodon allows them (its rack-cors rules): the API, the
 * token and revocation endpoints of OAuth, the discovery documents. Browser-based Mastodon apps
 * served from another origin register, sign in and read through them. No credentials are
 * allowed: a cross-origin page cannot ride on a visitor's session cookie (and API requests made
 * with the cookie need the CSRF token, see route.ts), only on a bearer token it holds itself.
 * The sign-in and authorize pages are not here: they are opened as pages, not fetched.
 */
const CROSS_ORIGIN_PATHS = [/^\/api\//, /^\/oauth\/token\/?$/, /^\/oauth\/revoke\/?$/, /^\/oauth\/userinfo\/?$/, /^\/\.well-known\//, /^\/nodeinfo\//];

/** Response headers a cross-origin app may read: pagination and rate-limit state. */
const EXPOSED_HEADERS = ['Link', 'X-RateLimit-Reset', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-Request-Id', 'Idempotency-Key'];

export function isCrossOriginPath(path: string): boolean {
  return CROSS_ORIGIN_PATHS.some((pattern) => pattern.test(path));
}

/**
 * `Access-Control-Allow-Origin: *` on the cross-origin paths, and an answer (204) to their
 * preflight requests before anything else looks at them (a preflight carries no token).
 */
export function crossOriginAccess(): MiddlewareHandler<HonoEnv> {
  const allow = cors({
    origin: '*',
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 86_400,
  });
  return (c, next) => (isCrossOriginPath(c.req.path) ? allow(c, next) : next());
}

/**
 * Pages that an OAuth sign-in opened in a popup walks through (authorize, sign-in, two-factor,
 * sign-up, password reset): they must not cut the popup off from the app's window that opened it,
 * or the app never learns that the person signed in. Every other page keeps `same-origin`.
 */
export function opensInPopup(path: string): boolean {
  return path.startsWith('/oauth/') || path.startsWith('/auth/');
}
