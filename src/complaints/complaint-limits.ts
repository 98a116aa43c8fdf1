import type { RateLimitRule } from '../http/rate-limit.js';

/**
 * Attempts to file a complaint, from the API or the web form: a brake on scripted abuse only. The
 * daily limit of complaints filed (`COMPLAINTS_PER_DAY` in complaints.policy.ts) is counted from
 * the complaints themselves, so a refused or corrected attempt costs nothing.
 */
export const COMPLAINT_RATE_LIMITS: RateLimitRule[] = [{ name: 'complaint', limit: 30, windowSeconds: 3600, by: 'account' }];

/** Thread entries one account may write an hour. */
export const COMPLAINT_ENTRY_RATE_LIMITS: RateLimitRule[] = [{ name: 'complaint_entry', limit: 30, windowSeconds: 3600, by: 'account' }];
