import type { Context, MiddlewareHandler } from 'hono';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import type { HonoEnv } from './hono-env.js';

/** A named fixed-window limit, keyed by IP, by account, or by something in the body. */
export interface RateLimitRule<B = unknown> {
  name: string;
  limit: number;
  windowSeconds: number;
  /** What the counter is per: the client IP, the signed-in account, or a value of the body. */
  by: 'ip' | 'account' | ((input: { viewer: Viewer | null; body: B }) => string | null);
}

/** The API-wide limit per token or IP, as Mastodon's default (300 requests per 5 minutes). */
export const API_RATE_LIMIT: RateLimitRule = { name: 'api', limit: 300, windowSeconds: 300, by: 'account' };

/**
 * The limit for web pages, feeds and form posts, per signed-in account or per IP for visitors:
 * as generous as the API's, so that reading is never hindered, but a flood of page requests
 * (each one a few queries) is refused early with a 429 page.
 */
export const PAGE_RATE_LIMIT: RateLimitRule = { name: 'pages', limit: 300, windowSeconds: 300, by: 'account' };

/** The client's address, as seen by the Node server (behind a proxy, configure it to set it). */
export function clientIp(c: Context<HonoEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? c.req.header('x-test-client-ip') ?? 'local';
}

function setHeaders(c: Context<HonoEnv>, limit: number, remaining: number, resetAt: Date): void {
  c.header('X-RateLimit-Limit', String(limit));
  c.header('X-RateLimit-Remaining', String(remaining));
  c.header('X-RateLimit-Reset', resetAt.toISOString());
}

/** Counts one hit against a rule; sets the `X-RateLimit-*` headers and throws 429 past the limit. */
export async function applyRateLimit<B>(
  c: Context<HonoEnv>,
  app: AppContext,
  rule: RateLimitRule<B>,
  input: { viewer: Viewer | null; body: B },
): Promise<void> {
  const factor = app.config.rateLimitFactor;
  if (factor === 0) return;
  const subject =
    rule.by === 'ip' ? `ip:${clientIp(c)}` : rule.by === 'account' ? (input.viewer ? `acct:${input.viewer.accountId}` : `ip:${clientIp(c)}`) : rule.by(input);
  if (subject === null) return;
  const limit = Math.max(1, Math.round(rule.limit * factor));
  const result = await app.rateLimiter.hit(`${rule.name}:${subject}`, limit, rule.windowSeconds);
  setHeaders(c, result.limit, result.remaining, result.resetAt);
  if (!result.allowed) {
    c.header('Retry-After', String(Math.max(1, Math.ceil((result.resetAt.getTime() - Date.now()) / 1000))));
    throw new AppError('rate_limited', 'Too many requests. Please wait a moment and try again.');
  }
}

/** A middleware counting every request it sees against `rule` (429 past the limit). */
export function rateLimitMiddleware(app: AppContext, rule: RateLimitRule): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    await applyRateLimit(c, app, rule, { viewer: c.get('viewer'), body: undefined });
    await next();
  };
}
