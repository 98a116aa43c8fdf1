import { AppError } from '../errors.js';
import { toNotificationEntities } from '../notifications/notification-entity.js';
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
  async build(app, viewer, event) {
    const row = await getOwnNotification(app.db, viewer.accountId, event.notificationId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    });
    if (!row) return null;
    const [entity] = await toNotificationEntities(app, [row], viewer);
    return entity ?? null;
  },
});
