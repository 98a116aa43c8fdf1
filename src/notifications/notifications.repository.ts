import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Database } from '../db/database.js';
import { preparedQueries } from '../db/prepared.js';
import type { Db } from '../db/connect.js';
import { notFound } from '../errors.js';
import { notSilencedFor } from '../relations/relations.repository.js';
import type { Viewer } from '../auth/viewer.js';
import { visibleToViewer, type StatusesEb } from '../posts/visibility.js';
import type { NotificationsTable } from './notifications.table.js';

export type NotificationRow = Selectable<NotificationsTable>;

export interface NotificationFilter {
  types?: string[] | undefined;
  excludeTypes?: string[] | undefined;
  /** Only notifications from this account. */
  fromAccountId?: string | undefined;
  /** Also those the recipient's policy filtered (Mastodon's `include_filtered`). */
  includeFiltered?: boolean | undefined;
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/**
 * The recipient's notifications, newest first, keyset-paginated on id. Notifications from
 * accounts the recipient now blocks, or mutes with notifications hidden, or from suspended
 * accounts, are left out even when they were recorded before (and come back if the suspension
 * is lifted), in the list and in the unread count alike.
 */
export function notificationsQuery(db: Db, accountId: string, options: { includeFiltered?: boolean } = {}) {
  return db
    .selectFrom('notifications')
    .selectAll('notifications')
    .where('notifications.account_id', '=', accountId)
    // Notifications the recipient's policy kept aside are shown only under their request (or with include_filtered).
    .$if(options.includeFiltered !== true, (q) => q.where('notifications.filtered', '=', false))
    .where((eb) =>
      eb.or([
        eb('notifications.from_account_id', 'is', null),
        eb.and([
          notSilencedFor(accountId, 'notifications.from_account_id'),
          // A suspended account's notifications go, as in Mastodon (its profile answers 410).
          eb.not(
            eb.exists(
              eb.selectFrom('accounts as sender').select('sender.id').whereRef('sender.id', '=', 'notifications.from_account_id').where('sender.suspended_at', 'is not', null),
            ),
          ),
        ]),
      ]),
    );
}

/** Records one notification. */
export async function insertNotification(db: Db, values: Insertable<NotificationsTable>): Promise<string> {
  const row = await db.insertInto('notifications').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The recipient's newest group key that starts with `prefix` (a kind and target of notification). */
export async function latestGroupKeyStartingWith(db: Db, accountId: string, prefix: string): Promise<string | null> {
  const row = await db
    .selectFrom('notifications')
    .select('group_key')
    .where('account_id', '=', accountId)
    .where('group_key', 'is not', null)
    .where(sql<SqlBool>`starts_with(group_key, ${prefix})`)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.group_key ?? null;
}

interface ListVariant {
  types: boolean;
  exclude: boolean;
  from: boolean;
  max: boolean;
  since: boolean;
  min: boolean;
  filtered: boolean;
  /** In the text (see `PageVariant` in the timelines): a small LIMIT the plan can count on. */
  limit: number;
}

interface ListParams extends Record<string, unknown> {
  account: string;
  types: string[];
  exclude: string[];
  from: string;
  max: string;
  since: string;
  min: string;
}

// Prepared, one text per combination of filters (`db/prepared.ts`).
const listQuery = preparedQueries<ListVariant, ListParams, NotificationRow>('notifications_list', (db, p, v) =>
  notificationsQuery(db, p.account, { includeFiltered: v.filtered })
    .$if(v.types, (q) => q.where(sql<SqlBool>`notifications.type = any(${p.types}::text[])`))
    .$if(v.exclude, (q) => q.where(sql<SqlBool>`notifications.type <> all(${p.exclude}::text[])`))
    .$if(v.from, (q) => q.where('notifications.from_account_id', '=', p.from))
    .$if(v.max, (q) => q.where('notifications.id', '<', p.max))
    .$if(v.since, (q) => q.where('notifications.id', '>', p.since))
    .$if(v.min, (q) => q.where('notifications.id', '>', p.min))
    .orderBy('notifications.id', v.min ? 'asc' : 'desc')
    .limit(v.limit),
);

export async function listNotifications(db: Db, accountId: string, f: NotificationFilter): Promise<NotificationRow[]> {
  const types = f.types ?? [];
  const exclude = f.excludeTypes ?? [];
  const variant = { types: types.length > 0, exclude: exclude.length > 0, from: Boolean(f.fromAccountId), max: Boolean(f.maxId), since: Boolean(f.sinceId), min: Boolean(f.minId), filtered: f.includeFiltered === true, limit: f.limit };
  const rows = await listQuery(db, variant, {
    account: accountId,
    types,
    exclude,
    from: f.fromAccountId ?? '0',
    max: f.maxId ?? '0',
    since: f.sinceId ?? '0',
    min: f.minId ?? '0',
  });
  return f.minId ? rows.reverse() : rows;
}

/** One of the recipient's own notifications; 404 for anyone else's. */
export async function getOwnNotification(db: Db, accountId: string, id: string): Promise<NotificationRow> {
  // Mastodon finds a filtered notification by its id too (the streams never announce one).
  const row = await notificationsQuery(db, accountId, { includeFiltered: true }).where('notifications.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Notification');
  return row;
}

export async function dismissNotification(db: Db, accountId: string, id: string): Promise<void> {
  const deleted = await db.deleteFrom('notifications').where('account_id', '=', accountId).where('id', '=', id).returning('id').executeTakeFirst();
  if (!deleted) throw notFound('Notification');
}

/** Deletes those of `ids` that are the recipient's own. */
export async function dismissNotifications(db: Db, accountId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('notifications').where('account_id', '=', accountId).where('id', 'in', [...ids]).execute();
}

/** Removes the recipient's notifications of `type` caused by `fromAccountId` (e.g. an answered follow request). */
export async function deleteNotificationsFrom(db: Db, accountId: string, type: string, fromAccountId: string): Promise<void> {
  await db.deleteFrom('notifications').where('account_id', '=', accountId).where('type', '=', type).where('from_account_id', '=', fromAccountId).execute();
}

export async function clearNotifications(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('notifications').where('account_id', '=', accountId).execute();
}

/** The notification is about no status, or about one the reader may still see. */
export function aboutVisibleStatus(eb: ExpressionBuilder<Database, 'notifications'>, viewer: Viewer): Expression<SqlBool> {
  return eb.or([
    eb('notifications.status_id', 'is', null),
    eb.exists(
      eb
        .selectFrom('statuses')
        .select('statuses.id')
        .whereRef('statuses.id', '=', 'notifications.status_id')
        .where((sb) => visibleToViewer(sb as unknown as StatusesEb, viewer, { asStaff: true })),
    ),
  ]);
}

/**
 * How many unread notifications the reader has, counting at most `cap`: the same rows the list
 * shows (`notificationsQuery`, and only those whose status the reader may still see, as
 * `toNotificationEntities` keeps), so the badge never counts what the page leaves out. One
 * probe of the partial index `notifications_unread_idx`.
 */
export async function unreadCount(db: Db, viewer: Viewer, cap: number, only: Pick<NotificationFilter, 'types' | 'excludeTypes' | 'fromAccountId'> = {}): Promise<number> {
  const unread = notificationsQuery(db, viewer.accountId)
    .clearSelect()
    .select('notifications.id')
    .where('notifications.read_at', 'is', null)
    .$if(Boolean(only.types?.length), (q) => q.where('notifications.type', 'in', only.types!))
    .$if(Boolean(only.excludeTypes?.length), (q) => q.where('notifications.type', 'not in', only.excludeTypes!))
    .$if(Boolean(only.fromAccountId), (q) => q.where('notifications.from_account_id', '=', only.fromAccountId!))
    .where((eb) => aboutVisibleStatus(eb, viewer))
    .limit(cap)
    .as('unread');
  const row = await db.selectFrom(unread).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The id of the recipient's newest notification, if any (what "mark all as read" reads up to). */
export async function newestNotificationId(db: Db, accountId: string): Promise<string | null> {
  const row = await db.selectFrom('notifications').select('id').where('account_id', '=', accountId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/** Marks the recipient's notifications up to `upToId` (all when absent) as read. */
export async function markNotificationsRead(db: Db, accountId: string, upToId?: string): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('account_id', '=', accountId).where('read_at', 'is', null);
  if (upToId) q = q.where('id', '<=', upToId);
  await q.execute();
}


/** The recipient's unread notifications counted by type (what the daily digest says; no content). */
export async function unreadCountsByType(db: Db, accountId: string): Promise<{ type: string; count: number }[]> {
  const rows = await notificationsQuery(db, accountId)
    .where('notifications.read_at', 'is', null)
    .clearSelect()
    .select((eb) => ['notifications.type', eb.fn.countAll<string>().as('n')])
    .groupBy('notifications.type')
    .execute();
  return rows.map((r) => ({ type: r.type, count: Number(r.n) }));
}
