import type { Trx } from '../db/connect.js';
import type { Visibility } from './posts.table.js';
import { decrementAccountStatusesCount, touchAccountOnNewStatus } from './status-counters.repository.js';

/**
 * Which statuses count where. The counters' SQL is in `status-counters.repository.ts`.
 */

/** As Mastodon: direct messages do not count in a profile's number of posts. */
export function countsOnProfile(visibility: Visibility): boolean {
  return visibility !== 'direct';
}

/** As Mastodon: only public and unlisted replies count in `replies_count`. */
export function countsAsReply(visibility: Visibility): boolean {
  return visibility === 'public' || visibility === 'unlisted';
}

/** +1 to the author's statuses_count and `last_status_at` = now (on a new status). */
export async function recordNewStatus(trx: Trx, accountId: string, visibility: Visibility): Promise<void> {
  await touchAccountOnNewStatus(trx, accountId, countsOnProfile(visibility));
}

/** -1 to the author's statuses_count (on deletion). */
export async function recordDeletedStatus(trx: Trx, accountId: string, visibility: Visibility): Promise<void> {
  if (!countsOnProfile(visibility)) return;
  await decrementAccountStatusesCount(trx, accountId);
}
