import type { RateLimitRule } from '../http/rate-limit.js';

/** How many reports an account (and an address) may send, from the API or the web form. */
export const REPORT_RATE_LIMITS: RateLimitRule[] = [
  { name: 'reports_account', limit: 10, windowSeconds: 3600, by: 'account' },
  { name: 'reports_ip', limit: 20, windowSeconds: 3600, by: 'ip' },
];

/** How many appeals an account may send, from the API or the web form. */
export const APPEAL_RATE_LIMITS: RateLimitRule[] = [{ name: 'appeals', limit: 10, windowSeconds: 3600, by: 'account' }];
