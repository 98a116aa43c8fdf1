import type { RateLimitRule } from '../http/rate-limit.js';

/** Attempts to create promotions, from the API or the web form, per account and hour (the budget is the real bound). */
export const PROMOTION_RATE_LIMITS: RateLimitRule[] = [{ name: 'promotion_create', limit: 30, windowSeconds: 3600, by: 'account' }];
