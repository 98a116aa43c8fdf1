import { defineStreamEvent } from '../streaming/stream-events.js';

export interface NotificationsMergedEvent {
  kind: 'notifications_merged';
  accountId: string;
}

/**
 * Mastodon 4.3's `notifications_merged`: the notifications of an accepted request joined the
 * list, so apps reload it. Sent to the recipient's notification streams; the payload is `1`.
 */
export const notificationsMerged = defineStreamEvent<NotificationsMergedEvent>('notifications_merged', {
  streams: ['user', 'user:notification'],
  scope: 'read:notifications',
  audience: (event) => [event.accountId],
  build: async () => 1,
});
