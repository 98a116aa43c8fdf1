import type { Context } from 'hono';
import type { AppContext } from '../app-context.js';
import { applyRateLimit } from '../http/rate-limit.js';
import type { HonoEnv } from '../http/hono-env.js';

/** Sign-in attempts per client IP: 20 every 5 minutes. */
export const SIGN_IN_PER_IP = { name: 'sign_in_ip', limit: 20, windowSeconds: 5 * 60 } as const;
/**
 * Sign-in attempts per login value (e-mail or username), whatever the IP: 5 every 15 minutes,
 * which stops password guessing against one account from many addresses. Every attempt counts
 * (the limiter has no "peek"); a person signing in normally never reaches it.
 */
export const SIGN_IN_PER_LOGIN = { name: 'sign_in_login', limit: 5, windowSeconds: 15 * 60 } as const;

/** The same login written differently (case, a leading @, spaces) counts as one. */
export function normalizeLogin(login: string): string {
  return login.trim().replace(/^@/, '').toLowerCase().slice(0, 320);
}

/**
 * Counts one sign-in attempt (web form or OAuth password grant) per IP and per login; sets the
 * `X-RateLimit-*` headers and throws `rate_limited` (429) past either limit.
 */
export async function applySignInLimits(c: Context<HonoEnv>, app: AppContext, login: string): Promise<void> {
  await applyRateLimit(c, app, { ...SIGN_IN_PER_IP, by: 'ip' }, { viewer: null, body: undefined });
  await applyRateLimit(c, app, { ...SIGN_IN_PER_LOGIN, by: () => `login:${normalizeLogin(login)}` }, { viewer: null, body: undefined });
}
