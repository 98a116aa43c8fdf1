import type { Db } from '../db/connect.js';
import { findVerdictFacts } from './notification-policy.repository.js';
import type { PolicyAnswer } from './notification-policy.table.js';

/**
 * Mastodon 4.3's notification filtering, in one place: what `notify()` does with a notification
 * from a person, by the recipient's policy (`notification_policies`).
 *
 * - Dropped whatever the policy: a notification about a status in a thread the recipient muted
 *   (`POST /api/v1/statuses/:id/mute`).
 * - Only Mastodon's filterable types go through the policy (mention, reblog, follow,
 *   follow_request, favourite); polls, edits, staff notices and Medired's own `medired.*` types
 *   are never filtered. Nor are senders the recipient accepted (an accepted request), nor
 *   private messages from staff.
 * - Each condition the policy names (`for_*`: accept, filter or drop) is checked as Mastodon does:
 *   `not_following` the recipient does not follow the sender; `not_followers` the sender does not
 *   follow the recipient, or for less than 3 days; `new_accounts` the sender's account is less than
 *   30 days old (and not followed); `private_mentions` a private message from someone not followed
 *   that does not answer the recipient (who has not written in that conversation); `limited_accounts`
 *   the sender was limited by a moderator and is not followed. Any `drop` that applies drops it;
 *   else any `filter` that applies filters it; else it is accepted.
 */

export const POLICY_FIELDS = ['for_not_following', 'for_not_followers', 'for_new_accounts', 'for_private_mentions', 'for_limited_accounts'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
export type Policy = Record<PolicyField, PolicyAnswer>;

/**
 * Medired's defaults are Mastodon 4.3's, except private mentions: Medired's private messages have
 * their own gate (message requests and who may write to you, `src/messages/`), so they are
 * accepted unless the person chooses otherwise.
 */
export const DEFAULT_POLICY: Readonly<Policy> = {
  for_not_following: 'accept',
  for_not_followers: 'accept',
  for_new_accounts: 'accept',
  for_private_mentions: 'accept',
  for_limited_accounts: 'filter',
};

export const FILTERABLE_TYPES: readonly string[] = ['mention', 'reblog', 'follow', 'follow_request', 'favourite'];


export type Verdict = PolicyAnswer;

/** What happens to one notification: recorded as usual, recorded aside (filtered), or not at all. */
export async function notificationVerdict(db: Db, n: { accountId: string; type: string; fromAccountId: string | null; statusId: string | null }): Promise<Verdict> {
  if (!n.fromAccountId && !n.statusId) return 'accept';
  const f = await findVerdictFacts(db, n.accountId, n.fromAccountId, n.statusId);
  if (f.muted_thread) return 'drop';
  if (!n.fromAccountId || !FILTERABLE_TYPES.includes(n.type) || f.permitted) return 'accept';
  if (n.type === 'mention' && f.direct && f.from_staff) return 'accept';
  const policy: Policy = {
    for_not_following: f.for_not_following ?? DEFAULT_POLICY.for_not_following,
    for_not_followers: f.for_not_followers ?? DEFAULT_POLICY.for_not_followers,
    for_new_accounts: f.for_new_accounts ?? DEFAULT_POLICY.for_new_accounts,
    for_private_mentions: f.for_private_mentions ?? DEFAULT_POLICY.for_private_mentions,
    for_limited_accounts: f.for_limited_accounts ?? DEFAULT_POLICY.for_limited_accounts,
  };
  const applies: Record<PolicyField, boolean> = {
    for_not_following: !f.following,
    for_not_followers: !f.follower,
    for_new_accounts: f.new_account && !f.following,
    for_private_mentions: n.type === 'mention' && f.direct && !f.following && !f.answers_recipient,
    for_limited_accounts: f.limited && !f.following,
  };
  const answers = POLICY_FIELDS.filter((field) => applies[field]).map((field) => policy[field]);
  if (answers.includes('drop')) return 'drop';
  if (answers.includes('filter')) return 'filter';
  return 'accept';
}
