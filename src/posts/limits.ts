/** Limits the instance advertises in /api/v2/instance and enforces. */
export const POST_MAX_CHARS = 500;
export const ARTICLE_MAX_CHARS = 100_000;
export const ARTICLE_TITLE_MAX_CHARS = 200;
export const MAX_MEDIA_PER_POST = 4;
