import type { Db } from '../db/connect.js';
import { invalid } from '../errors.js';
import type { StatusRow } from './posts.repository.js';
import { findFollowersAmong, findMentionedAccountIds } from './status-links.repository.js';

/**
 * An edit cannot add recipients to a followers-only (`private`) or `direct` status.
 *
 * Mentions are who may read such a status, and the edit history (`GET /statuses/:id/history`)
 * shows every earlier version to whoever may read the status now. So a mention added by an edit
 * would show its new reader every version written before they were addressed. Mastodon adds the
 * new mentions on edit (its ProcessMentionsService runs on update and inserts them) and so has
 * this leak; Medired refuses the edit instead (422 on the `status` field, nothing changed): to
 * address someone new, write a new post. Dropping a mention is allowed (that reader loses
 * access), and so is mentioning a follower on a followers-only post (they could already read
 * it). Public and unlisted statuses may mention anyone, as their history is public anyway.
 */
export async function assertEditKeepsAudience(db: Db, status: Pick<StatusRow, 'id' | 'account_id' | 'visibility'>, mentionedIds: readonly string[]): Promise<void> {
  if (status.visibility !== 'private' && status.visibility !== 'direct') return;
  const current = new Set(await findMentionedAccountIds(db, status.id));
  let added = [...new Set(mentionedIds)].filter((id) => !current.has(id));
  if (status.visibility === 'private' && added.length) {
    const followers = new Set(await findFollowersAmong(db, status.account_id, added));
    added = added.filter((id) => !followers.has(id));
  }
  if (added.length) {
    throw invalid(
      status.visibility === 'direct'
        ? 'An edit cannot add people to a direct post: they would see its earlier versions. Write a new post to include them.'
        : 'An edit cannot mention someone new who does not follow you in a followers-only post: they would see its earlier versions. Write a new post to include them.',
      'status',
      status.visibility === 'direct' ? 'posts.edit.noNewRecipientsDirect' : 'posts.edit.noNewRecipientsPrivate',
    );
  }
}
