import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { findLinkPosterFacts } from './moderation.repository.js';

/** How long and how many posts before a new account may post links. */
export const LINK_MIN_ACCOUNT_AGE_MS = 24 * 60 * 60 * 1000;
export const LINK_MIN_POSTS = 3;

const TLDS = 'com|net|org|info|biz|io|co|es|mx|ar|cl|pe|uk|de|fr|it|pt|br|us|eu|me|xyz|top|online|site|shop|club|app|dev|ly|to|gg|ru|cn|link|click|health|pharmacy';
// Schemes, www., and bare domains with a common top-level domain (e.g. "cura-milagro.com/oferta").
const LINK_PATTERN = new RegExp(`(?:\\b[a-z][a-z0-9+.-]*:\\/\\/\\S)|(?:\\bwww\\.[^\\s.]+\\.)|(?:\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:${TLDS})\\b(?![a-z0-9-]))`, 'i');

/** True when the text contains something that works as a link. */
export function containsLink(text: string): boolean {
  return LINK_PATTERN.test(text);
}

/**
 * Refuses links from accounts that are younger than 24 hours and have fewer than 3 posts, the
 * pattern of spam and scam accounts. Verified accounts and staff are exempt. Call it before
 * creating or editing a post (or any other public text with links).
 */
export async function assertMayPostLinks(db: Kysely<Database>, accountId: string, text: string): Promise<void> {
  if (!containsLink(text)) return;
  const row = await findLinkPosterFacts(db, accountId);
  if (!row) return;
  if (row.verification_status === 'verified' || row.staff_role !== 'user') return;
  const young = Date.now() - row.created_at.getTime() < LINK_MIN_ACCOUNT_AGE_MS;
  if (young && row.statuses_count < LINK_MIN_POSTS) {
    throw new AppError(
      'validation_failed',
      'New accounts cannot post links yet: links are allowed once your account is 24 hours old or has published 3 posts. Remove the link and try again.',
      { details: [{ field: 'status', message: 'links are not allowed yet for new accounts', key: 'posts.linksNewAccounts' }], key: 'posts.linksNewAccounts' },
    );
  }
}
