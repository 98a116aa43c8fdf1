import type { RateLimitRule } from '../http/rate-limit.js';

/** How many health alerts an organisation may publish, from the API or the web form. */
export const ALERT_RATE_LIMITS: RateLimitRule[] = [{ name: 'health_alert', limit: 20, windowSeconds: 3600, by: 'account' }];
