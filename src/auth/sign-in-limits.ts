import type { Context } from 'hono';
import type { AppContext } from '../app-context.js';
import { applyRateLimit } from '../http/rate-limit.js';
import type { HonoEnv } from '../http/hono-env.js';
import { signInSubject } from './credentials.js';

/** Sign-in attempts per client IP: 20 every 5 minutes. */
export const SIGN_IN_PER_IP = { name: 'sign_in_ip', limit: 20, windowSeconds: 5 * 60 } as const;
/**
 * Sign-in attempts per account, whatever the IP and whether the login typed is its e-mail or its
 * username (in any case): 5 every 15 minutes, which stops password guessing against one account
 * from many addresses. A login that names no account is counted by itself. Every attempt counts
 * (the limiter has no "peek"); a person signing in normally never reaches it.
 */
export const SIGN_IN_PER_LOGIN = { name: 'sign_in_login', limit: 5, windowSeconds: 15 * 60 } as const;

/**
 * Counts one sign-in attempt (web form or OAuth password grant) per IP and per account; sets the
 * `X-RateLimit-*` headers and throws `rate_limited` (429) past either limit.
 */
export async function applySignInLimits(c: Context<HonoEnv>, app: AppContext, login: string): Promise<void> {
  await applyRateLimit(c, app, { ...SIGN_IN_PER_IP, by: 'ip' }, { viewer: null, body: undefined });
  if (app.config.rateLimitFactor === 0) return;
  const subject = await signInSubject(app.db, login);
  await applyRateLimit(c, app, { ...SIGN_IN_PER_LOGIN, by: () => subject }, { viewer: null, body: undefined });
}
