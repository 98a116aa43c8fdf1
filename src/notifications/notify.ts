import type { Db } from '../db/connect.js';
import { isSilencedFor } from '../relations/relations.repository.js';
import { groupOf, type NotificationGroup } from './notification-groups.js';
import { isGroupDisabled } from './notification-preferences.repository.js';
import { groupKeyFor } from './notification-group-keys.js';
import { insertNotification } from './notifications.repository.js';
import type { NotificationEvent } from '../streaming/notification-stream-event.js';
import { publishStreamEventOnCommit } from '../streaming/stream-events.js';
import { enqueuePushDelivery } from '../push/push-delivery.js';
import { notificationVerdict } from './notification-filtering.js';
import { openRequest } from './notification-policy.repository.js';

export interface NewNotification {
  /** Who is notified. */
  accountId: string;
  /** Mastodon type (`mention`, `follow`, `favourite`, `reblog`, `status`, `update`) or a Medired one. */
  type: string;
  fromAccountId?: string | null;
  statusId?: string | null;
  payload?: Record<string, unknown>;
  /** The preference group, when not the type's own: a private message is a `mention` switched with `messages`. */
  group?: NotificationGroup;
  /** A notice about the recipient's own doing that Mastodon sends them anyway (their poll ended). */
  ownAction?: boolean;
}

/**
 * Records a notification, unless it is about oneself, the recipient blocks or mutes (with
 * notifications hidden) the account it comes from, the recipient switched the type's group
 * off (`notification-groups.ts`; decisions about one's own account cannot be switched off), or
 * the recipient's notification policy drops it (`notification-filtering.ts`: also a thread the
 * recipient muted). A notification the policy filters is recorded aside, under its sender's
 * request, and neither streamed nor pushed. The one place every domain's notifications pass
 * through, so the preferences and the policy hold everywhere.
 */
export async function notify(db: Db, n: NewNotification): Promise<void> {
  const from = n.fromAccountId ?? null;
  if (from && from === n.accountId && !n.ownAction) return;
  if (from && from !== n.accountId && (await isSilencedFor(db, n.accountId, from))) return;
  const group = n.group ?? groupOf(n.type);
  if (group && (await isGroupDisabled(db, n.accountId, group))) return;
  const statusId = n.statusId ?? null;
  const verdict = await notificationVerdict(db, { accountId: n.accountId, type: n.type, fromAccountId: from, statusId });
  if (verdict === 'drop') return;
  const filtered = verdict === 'filter';
  const groupKey = await groupKeyFor(db, n.accountId, n.type, statusId);
  const notificationId = await insertNotification(db, { account_id: n.accountId, type: n.type, from_account_id: from, status_id: statusId, group_key: groupKey, payload: JSON.stringify(n.payload ?? {}), filtered });
  if (filtered) {
    // Only the policy decides filtering of notifications from a person (`from` is set).
    await openRequest(db, n.accountId, from!);
    return;
  }
  // Sent live to the recipient's streams when (and only if) the surrounding transaction commits.
  await publishStreamEventOnCommit<NotificationEvent>(db, { kind: 'notification', notificationId, accountId: n.accountId });
  // And to the recipient's Web Push subscriptions, by a job that exists only if this commits.
  await enqueuePushDelivery(db, { id: notificationId, accountId: n.accountId, type: n.type });
}
