import type { RateLimitRule } from '../http/rate-limit.js';

/**
 * Attempts to send care requests, from the API or the web form, per account and hour. The rule
 * of the domain (10 sent a day, one open per target) is in `care-requests.policy.ts`; this only
 * keeps a script from hammering it.
 */
export const CARE_REQUEST_RATE_LIMITS: RateLimitRule[] = [{ name: 'care_request', limit: 30, windowSeconds: 3600, by: 'account' }];
