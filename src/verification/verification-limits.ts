import type { RateLimitRule } from '../http/rate-limit.js';

/** How many verification requests an account may send, from the API or the web form. */
export const VERIFICATION_REQUEST_RATE_LIMITS: RateLimitRule[] = [{ name: 'verification_request', limit: 10, windowSeconds: 24 * 3600, by: 'account' }];
