import type { RateLimitRule } from '../http/rate-limit.js';

/**
 * Guesses of one's own password or two-factor code (changing the password, setting up or
 * disabling 2FA), per account, from the API's security routes or Settings → Security.
 */
export const REAUTH_RATE_LIMIT: RateLimitRule = { name: 'reauth', limit: 10, windowSeconds: 15 * 60, by: 'account' };
