import type { RateLimitRule } from '../http/rate-limit.js';

/** Anti-abuse limits of support groups, shared by the JSON API and the web forms. */
export const GROUP_CREATE_LIMITS: RateLimitRule[] = [
  { name: 'group_create', limit: 5, windowSeconds: 86_400, by: 'account' },
  { name: 'group_create_ip', limit: 20, windowSeconds: 86_400, by: 'ip' },
];
export const GROUP_POST_LIMITS: RateLimitRule[] = [
  { name: 'group_post', limit: 60, windowSeconds: 3600, by: 'account' },
  { name: 'group_post_ip', limit: 120, windowSeconds: 3600, by: 'ip' },
];
export const GROUP_REPORT_LIMITS: RateLimitRule[] = [{ name: 'group_report', limit: 30, windowSeconds: 3600, by: 'account' }];
export const GROUP_INVITE_LIMITS: RateLimitRule[] = [{ name: 'group_invite', limit: 60, windowSeconds: 3600, by: 'account' }];
