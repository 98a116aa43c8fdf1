import type { RateLimitRule } from '../http/rate-limit.js';

/** How many accounts one address may register, from the API or the sign-up page. */
export const SIGN_UP_RATE_LIMITS: RateLimitRule[] = [{ name: 'sign_up', limit: 5, windowSeconds: 30 * 60, by: 'ip' }];
