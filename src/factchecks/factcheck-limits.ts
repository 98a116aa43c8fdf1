import type { RateLimitRule } from '../http/rate-limit.js';

/** How many fact-check notes a professional may write, from the API or the web form. */
export const FACT_CHECK_RATE_LIMITS: RateLimitRule[] = [{ name: 'fact_check', limit: 30, windowSeconds: 3600, by: 'account' }];
