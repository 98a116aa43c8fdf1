import { invalid, type AppError } from '../errors.js';
import type { StatusRow } from './posts.repository.js';

/** Mastodon's limit of pinned statuses per local account (`StatusPinValidator::PIN_LIMIT`). */
export const MAX_PINNED_STATUSES = 5;

/**
 * Why `accountId` may not pin `status` (a 422, as Mastodon's validation), or null when it may:
 * only one's own statuses, not reblogs and not private messages (followers-only ones may be
 * pinned: the profile shows them only to whoever may see them, as Mastodon does), and no more
 * than `MAX_PINNED_STATUSES` (`pinnedCount` is how many are pinned already).
 */
export function pinRefusal(status: Pick<StatusRow, 'account_id' | 'reblog_of_id' | 'visibility'>, accountId: string, pinnedCount: number): AppError | null {
  if (status.reblog_of_id) return invalid('Validation failed: Reblogs cannot be pinned', 'status', 'pins.reblog');
  if (status.account_id !== accountId) return invalid('Validation failed: You can only pin your own posts', 'status', 'pins.notOwn');
  if (status.visibility === 'direct') return invalid('Validation failed: Private mentions cannot be pinned', 'status', 'pins.direct');
  if (pinnedCount >= MAX_PINNED_STATUSES) {
    return invalid(`Validation failed: You can only pin up to ${MAX_PINNED_STATUSES} posts`, 'status', 'pins.limit', { max: MAX_PINNED_STATUSES });
  }
  return null;
}
