import { z } from 'zod';
import { notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zId, zList } from '../http/schemas.js';
import { forApps, toNotificationEntities, typesForApps } from './notification-entity.js';
import {
  clearNotifications,
  dismissNotification,
  dismissNotifications,
  getOwnNotification,
  listNotifications,
  unreadCount,
} from './notifications.repository.js';
import { markNotificationsReadUpTo } from './read-position.js';

const tags = ['notifications'];
const zType = z.string().regex(/^[a-z_.]{1,60}$/, 'must be a notification type');

const list = defineRoute({
  method: 'get',
  path: '/api/v1/notifications',
  summary: 'Your notifications, newest first (Mastodon types plus Medired ones such as medired.verification)',
  description:
    'Only Mastodon\'s types unless `types[]` names others: Medired\'s types (medired.*) are sent only to apps that ask for them by name. Where no person caused a notification (staff decisions: medired.verification, medired.moderation, medired.appeal, medired.report; anonymous comments) `account` is the instance\'s own account (id "0"); Medired\'s data is in `medired`. medired.report tells the person who filed a report that it was handled: `medired` is `{ report_id, category, outcome }`, where outcome is resolved, dismissed, content_hidden, content_labelled, content_removed, marked_sensitive, account_warned, account_limited or account_suspended (only the kind of action: no reason, moderator or other detail about the reported account). Pass exclude_types[] to leave them out.',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  query: pageQuery(40, 80).extend({
    types: zList(zType).optional(),
    exclude_types: zList(zType).optional(),
    account_id: zId.optional(),
    include_filtered: zBool.default(false),
  }),
  handler: async ({ app, viewer, query, c }) => {
    const rows = await listNotifications(app.db, viewer!.accountId, {
      types: typesForApps(query.types, viewer!),
      excludeTypes: query.exclude_types,
      fromAccountId: query.account_id,
      includeFiltered: query.include_filtered,
      maxId: query.max_id,
      sinceId: query.since_id,
      minId: query.min_id,
      limit: query.limit,
    });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return forApps(app, await toNotificationEntities(app, rows, viewer!));
  },
});

const unread = defineRoute({
  method: 'get',
  path: '/api/v1/notifications/unread_count',
  summary: 'How many unread notifications you have (Mastodon 4.3)',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  query: z.object({
    limit: z.coerce.number().int().min(1).default(100).transform((n) => Math.min(n, 1000)),
    types: zList(zType).optional(),
    exclude_types: zList(zType).optional(),
    account_id: zId.optional(),
  }),
  handler: async ({ app, viewer, query }) => ({
    count: await unreadCount(app.db, viewer!, query.limit, { types: typesForApps(query.types, viewer!), excludeTypes: query.exclude_types, fromAccountId: query.account_id }),
  }),
});

const getOne = defineRoute({
  method: 'get',
  path: '/api/v1/notifications/:id{[0-9]+}',
  summary: 'One of your notifications',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    const row = await getOwnNotification(app.db, viewer!.accountId, params.id);
    const [entity] = forApps(app, await toNotificationEntities(app, [row], viewer!));
    if (!entity) throw notFound('Notification');
    return entity;
  },
});

const clear = defineRoute({
  method: 'post',
  path: '/api/v1/notifications/clear',
  summary: 'Delete all your notifications',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  handler: async ({ app, viewer }) => {
    await clearNotifications(app.db, viewer!.accountId);
    return {};
  },
});

/** Dismissing one of your notifications, at Mastodon's two paths for it. */
function dismissRoute(method: 'post' | 'delete', path: string, summary: string) {
  return defineRoute({
    method,
    path,
    summary,
    tags,
    auth: 'user',
    scope: 'write:notifications',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await dismissNotification(app.db, viewer!.accountId, params.id);
      return {};
    },
  });
}

const dismiss = dismissRoute('post', '/api/v1/notifications/:id{[0-9]+}/dismiss', 'Delete one of your notifications');
/** Rails declares `DELETE /api/v1/notifications/:id` for Mastodon (no action behind it): here it dismisses. */
const destroy = dismissRoute('delete', '/api/v1/notifications/:id{[0-9]+}', 'Delete one of your notifications (as dismiss)');

const destroyMultiple = defineRoute({
  method: 'delete',
  path: '/api/v1/notifications/destroy_multiple',
  summary: 'Delete several of your notifications (`ids[]`); ids that are not yours are ignored',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  body: z.object({ ids: zList(zId).refine((ids) => ids.length <= 200, 'give at most 200 ids').default([]) }),
  handler: async ({ app, viewer, body }) => {
    await dismissNotifications(app.db, viewer!.accountId, body.ids);
    return {};
  },
});

const markRead = defineRoute({
  method: 'post',
  path: '/api/v1/medired/notifications/read',
  summary: 'Mark your notifications as read, up to `up_to_id` (all when absent); the unread count drops accordingly',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  body: z.object({ up_to_id: zId.optional() }),
  handler: async ({ app, viewer, body }) => {
    await markNotificationsReadUpTo(app.db, viewer!.accountId, body.up_to_id);
    return { count: await unreadCount(app.db, viewer!, 100) };
  },
});

export const notificationRoutes: AnyRoute[] = [list, unread, getOne, clear, dismiss, destroy, destroyMultiple, markRead];
