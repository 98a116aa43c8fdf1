import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import { forApps, isMastodonNotificationType, toNotificationEntities } from '../notifications/notification-entity.js';
import { getOwnNotification } from '../notifications/notifications.repository.js';
import { defineStreamEvent } from './stream-events.js';

export interface NotificationEvent {
  kind: 'notification';
  notificationId: string;
  accountId: string;
}

/**
 * A new notification, to its recipient only (the `user` stream with a token that may read
 * notifications, and `user:notification`), exactly as the notifications list would show it:
 * the list's query (blocks, mutes, suspended senders) and entity (statuses the recipient may
 * no longer see are left out).
 */
export const notificationCreated = defineStreamEvent<NotificationEvent>('notification', {
  streams: ['user', 'user:notification'],
  scope: 'read:notifications',
  audience: (event) => [event.accountId],
  build: notificationPayload,
});

/** What one recipient's stream carries for a new notification, or null when it shows nothing. */
export async function notificationPayload(app: AppContext, viewer: Viewer, event: NotificationEvent): Promise<unknown | null> {
  const row = await getOwnNotification(app.db, viewer.accountId, event.notificationId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  });
  if (!row) return null;
  // Apps (tokens) get Mastodon's types only, as in the list when `types[]` names no other; the
  // web pages (a session) show every type.
  if (viewer.via === 'token' && !isMastodonNotificationType(row.type)) return null;
  const [entity] = await toNotificationEntities(app, [row], viewer);
  if (!entity) return null;
  return viewer.via === 'token' ? forApps(app, [entity])[0]! : entity;
}
