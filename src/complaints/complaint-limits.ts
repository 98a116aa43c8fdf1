import type { RateLimitRule } from '../http/rate-limit.js';

/** Complaints one account may open a day, from the API or the web form. */
export const COMPLAINT_RATE_LIMITS: RateLimitRule[] = [{ name: 'complaint', limit: 3, windowSeconds: 86_400, by: 'account' }];

/** Thread entries one account may write an hour. */
export const COMPLAINT_ENTRY_RATE_LIMITS: RateLimitRule[] = [{ name: 'complaint_entry', limit: 30, windowSeconds: 3600, by: 'account' }];
