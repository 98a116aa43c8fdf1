import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import { notFound } from '../errors.js';
import { notSilencedFor } from '../relations/relations.repository.js';
import type { NotificationsTable } from './notifications.table.js';

export type NotificationRow = Selectable<NotificationsTable>;

export interface NotificationFilter {
  types?: string[] | undefined;
  excludeTypes?: string[] | undefined;
  /** Only notifications from this account. */
  fromAccountId?: string | undefined;
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/**
 * The recipient's notifications, newest first, keyset-paginated on id. Notifications from
 * accounts the recipient now blocks, or mutes with notifications hidden, are left out even when
 * they were recorded before the block or mute.
 */
export function notificationsQuery(db: Db, accountId: string) {
  return db
    .selectFrom('notifications')
    .selectAll('notifications')
    .where('notifications.account_id', '=', accountId)
    .where((eb) => eb.or([eb('notifications.from_account_id', 'is', null), notSilencedFor(accountId, 'notifications.from_account_id')]));
}

/** Records one notification. */
export async function insertNotification(db: Db, values: Insertable<NotificationsTable>): Promise<void> {
  await db.insertInto('notifications').values(values).execute();
}

export async function listNotifications(db: Db, accountId: string, f: NotificationFilter): Promise<NotificationRow[]> {
  let q = notificationsQuery(db, accountId);
  if (f.types && f.types.length > 0) q = q.where('notifications.type', 'in', f.types);
  if (f.excludeTypes && f.excludeTypes.length > 0) q = q.where('notifications.type', 'not in', f.excludeTypes);
  if (f.fromAccountId) q = q.where('notifications.from_account_id', '=', f.fromAccountId);
  if (f.maxId) q = q.where('notifications.id', '<', f.maxId);
  if (f.sinceId) q = q.where('notifications.id', '>', f.sinceId);
  if (f.minId) {
    const rows = await q.where('notifications.id', '>', f.minId).orderBy('notifications.id', 'asc').limit(f.limit).execute();
    return rows.reverse();
  }
  return q.orderBy('notifications.id', 'desc').limit(f.limit).execute();
}

/** One of the recipient's own notifications; 404 for anyone else's. */
export async function getOwnNotification(db: Db, accountId: string, id: string): Promise<NotificationRow> {
  const row = await notificationsQuery(db, accountId).where('notifications.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Notification');
  return row;
}

export async function dismissNotification(db: Db, accountId: string, id: string): Promise<void> {
  const deleted = await db.deleteFrom('notifications').where('account_id', '=', accountId).where('id', '=', id).returning('id').executeTakeFirst();
  if (!deleted) throw notFound('Notification');
}

/** Removes the recipient's notifications of `type` caused by `fromAccountId` (e.g. an answered follow request). */
export async function deleteNotificationsFrom(db: Db, accountId: string, type: string, fromAccountId: string): Promise<void> {
  await db.deleteFrom('notifications').where('account_id', '=', accountId).where('type', '=', type).where('from_account_id', '=', fromAccountId).execute();
}

export async function clearNotifications(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('notifications').where('account_id', '=', accountId).execute();
}

/** How many unread notifications the recipient has, counting at most `cap`. */
export async function unreadCount(db: Db, accountId: string, cap: number): Promise<number> {
  const rows = await notificationsQuery(db, accountId).where('notifications.read_at', 'is', null).select('notifications.id').limit(cap).execute();
  return rows.length;
}

/** Marks the recipient's notifications up to `upToId` (all when absent) as read. */
export async function markNotificationsRead(db: Db, accountId: string, upToId?: string): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (upToId) q = q.where('id', '<=', upToId);
  await q.execute();
}

