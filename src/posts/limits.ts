/** Limits the instance advertises in /api/v2/instance and enforces. */
export const POST_MAX_CHARS = 500;
export const ARTICLE_MAX_CHARS = 100_000;
export const ARTICLE_TITLE_MAX_CHARS = 200;
export const MAX_MEDIA_PER_POST = 4;

/**
 * Posting limits per account, for every entrance that publishes (the API's `POST
 * /api/v1/statuses`, the web composer and the article editor).
 */
export const POSTING_RATE_LIMITS = [
  { name: 'statuses', limit: 30, windowSeconds: 60, by: 'account' },
  { name: 'statuses_3h', limit: 300, windowSeconds: 3 * 60 * 60, by: 'account' },
] as const satisfies readonly { name: string; limit: number; windowSeconds: number; by: 'account' }[];
