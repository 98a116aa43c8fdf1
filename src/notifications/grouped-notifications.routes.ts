import { z } from 'zod';
import { findReport } from '../moderation/reports.repository.js';
import { toReportEntity } from '../moderation/moderation-entities.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { INSTANCE_ACCOUNT_ID, instanceAccountEntity } from '../instance/instance-account.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zBool, zId, zList } from '../http/schemas.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { dismissGroup, findGroup, groupAccountIds, listGroups, unreadGroupCount, type GroupFilter, type GroupRow } from './grouped-notifications.repository.js';
import { GROUPABLE_NOTIFICATION_TYPES } from './notification-group-keys.js';
import { isMastodonNotificationType, typesForApps } from './notification-entity.js';
import { clearNotifications, getOwnNotification } from './notifications.repository.js';

/**
 * Mastodon 4.3's grouped notifications (`/api/v2/notifications`): favourites, reblogs and follows
 * of the same target within hours come as one group with its count and newest accounts. The same
 * notifications as v1, with the same filters: Mastodon's types unless `types[]` names Medired's.
 */
const tags = ['notifications'];
const zType = z.string().regex(/^[a-z_.]{1,60}$/, 'must be a notification type');
const zGroupKey = z.string().regex(/^(ungrouped-\d{1,19}|[a-z_.]{1,40}-(\d{1,19}-)?\d{1,12})$/, 'must be a notification group key');

const filters = {
  types: zList(zType).optional(),
  exclude_types: zList(zType).optional(),
  account_id: zId.optional(),
  grouped_types: zList(zType).optional(),
};

function groupFilter(
  query: { types?: string[] | undefined; exclude_types?: string[] | undefined; account_id?: string | undefined; grouped_types?: string[] | undefined; include_filtered?: boolean | undefined },
  viewer: Viewer,
): GroupFilter {
  return {
    types: typesForApps(query.types, viewer),
    excludeTypes: query.exclude_types,
    fromAccountId: query.account_id,
    includeFiltered: query.include_filtered === true,
    groupedTypes: query.grouped_types ? query.grouped_types.filter((t) => (GROUPABLE_NOTIFICATION_TYPES as readonly string[]).includes(t)) : ['favourite', 'reblog', 'follow'],
  };
}

interface NotificationGroupEntity {
  group_key: string;
  notifications_count: number;
  type: string;
  most_recent_notification_id: string;
  page_min_id: string;
  page_max_id: string;
  latest_page_notification_at: string;
  sample_account_ids: string[];
  status_id?: string;
  /** The report of an `admin.report` group, as Mastodon's NotificationGroup carries it. */
  report?: Awaited<ReturnType<typeof toReportEntity>>;
  medired?: Record<string, unknown>;
}

type GroupEntityReport = Awaited<ReturnType<typeof toReportEntity>>;

interface GroupedResults {
  accounts: MastodonAccount[];
  partial_accounts?: Pick<MastodonAccount, 'id' | 'acct' | 'url' | 'avatar' | 'avatar_static' | 'locked' | 'bot'>[];
  statuses: MastodonStatus[];
  notification_groups: NotificationGroupEntity[];
}

/** The groups with the accounts and statuses they name (groups about a status now hidden are left out). */
async function toResults(app: AppContext, viewer: Viewer, groups: GroupRow[], partialAvatars: boolean): Promise<GroupedResults> {
  const statusIds = [...new Set(groups.flatMap((g) => (g.statusId ? [g.statusId] : [])))];
  const accountIds = groups.flatMap((g) => g.sampleAccountIds.flatMap((id) => (id ? [id] : [])));
  const [statuses, accountRows] = await Promise.all([loadStatuses(app, statusIds, viewer), findAccountsByIds(app.db, accountIds)]);
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  const accountById = new Map(accountRows.map((row) => [row.id, toMastodonAccount(row, app.config)]));
  const instance = instanceAccountEntity(app.config);
  const full = new Map<string, MastodonAccount>();
  const partial = new Map<string, MastodonAccount>();
  const entities: NotificationGroupEntity[] = [];
  for (const g of groups) {
    if (g.statusId && !statusById.has(g.statusId)) continue;
    const sample = g.sampleAccountIds.flatMap((id) => {
      const account = id === null ? instance : accountById.get(id);
      return account ? [account] : [];
    });
    if (sample.length === 0) continue;
    sample.forEach((account, i) => (i === 0 || !partialAvatars ? full : partial).set(account.id, account));
    let medired: Record<string, unknown> | undefined;
    if (!isMastodonNotificationType(g.type)) medired = (await getOwnNotification(app.db, viewer.accountId, g.mostRecentId)).payload;
    let report: GroupEntityReport | undefined;
    if (g.type === 'admin.report') {
      const reportId = (await getOwnNotification(app.db, viewer.accountId, g.mostRecentId)).payload.report_id;
      const row = typeof reportId === 'string' ? await findReport(app.db, reportId) : undefined;
      if (!row) continue;
      report = await toReportEntity(app, row);
    }
    entities.push({
      group_key: g.key,
      notifications_count: g.count,
      type: g.type,
      most_recent_notification_id: g.mostRecentId,
      page_min_id: g.pageMinId,
      page_max_id: g.pageMaxId,
      latest_page_notification_at: g.latestPageAt.toISOString(),
      sample_account_ids: sample.map((a) => a.id),
      ...(g.statusId ? { status_id: g.statusId } : {}),
      ...(report ? { report } : {}),
      ...(medired ? { medired } : {}),
    });
  }
  for (const id of full.keys()) partial.delete(id);
  const usedStatuses = new Set(entities.flatMap((e) => (e.status_id ? [e.status_id] : [])));
  return {
    accounts: [...full.values()],
    ...(partialAvatars ? { partial_accounts: [...partial.values()].map(({ id, acct, url, avatar, avatar_static, locked, bot }) => ({ id, acct, url, avatar, avatar_static, locked, bot })) } : {}),
    statuses: statuses.filter((s) => usedStatuses.has(s.id)),
    notification_groups: entities,
  };
}

const list = defineRoute({
  method: 'get',
  path: '/api/v2/notifications',
  summary: 'Your notifications, grouped (Mastodon 4.3): favourites, reblogs and follows of one target in one group',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  query: pageQuery(40, 80).extend({ ...filters, expand_accounts: z.enum(['full', 'partial_avatars']).default('full'), include_filtered: zBool.default(false) }),
  handler: async ({ app, viewer, query, c }) => {
    const groups = await listGroups(app.db, viewer!, groupFilter(query, viewer!), { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    const results = await toResults(app, viewer!, groups, query.expand_accounts === 'partial_avatars');
    const ids = groups.map((g) => g.pageMinId);
    if (groups.length > 0) {
      const newest = groups.reduce((max, g) => (BigInt(g.pageMaxId) > BigInt(max) ? g.pageMaxId : max), groups[0]!.pageMaxId);
      const oldest = ids.reduce((min, id) => (BigInt(id) < BigInt(min) ? id : min), ids[0]!);
      const link = linkHeader(c.req.url, [newest, oldest]);
      if (link) c.header('Link', link);
    }
    return results;
  },
});

const zGroupParams = z.object({ group_key: zGroupKey });

const getOne = defineRoute({
  method: 'get',
  path: '/api/v2/notifications/:group_key',
  summary: 'One group of your notifications',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  params: zGroupParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    const groups = await findGroup(app.db, viewer!, BY_KEY, params.group_key);
    const results = await toResults(app, viewer!, groups, false);
    if (results.notification_groups.length === 0) throw notFound('Notification group');
    return results;
  },
});

/** Looking a group up by its key: any type (an app that listed Medired's types may ask for one), every groupable type. */
const BY_KEY: GroupFilter = { groupedTypes: GROUPABLE_NOTIFICATION_TYPES };

const accounts = defineRoute({
  method: 'get',
  path: '/api/v2/notifications/:group_key/accounts',
  summary: 'Every account of one group of your notifications',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  params: zGroupParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    const ids = await groupAccountIds(app.db, viewer!, BY_KEY, params.group_key);
    if (ids.length === 0) throw notFound('Notification group');
    const rows = await findAccountsByIds(app.db, ids.flatMap((id) => (id ? [id] : [])));
    const byId = new Map(rows.map((row) => [row.id, toMastodonAccount(row, app.config)]));
    return ids.flatMap((id) => {
      if (id === null) return [instanceAccountEntity(app.config)];
      const account = byId.get(id);
      return account ? [account] : [];
    });
  },
});

const dismiss = defineRoute({
  method: 'post',
  path: '/api/v2/notifications/:group_key/dismiss',
  summary: 'Delete one group of your notifications',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  params: zGroupParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    const found = await dismissGroup(app.db, viewer!, BY_KEY, params.group_key);
    if (!found) throw notFound('Notification group');
    return {};
  },
});

const unread = defineRoute({
  method: 'get',
  path: '/api/v2/notifications/unread_count',
  summary: 'How many groups of your notifications are unread (capped)',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  query: z.object({ ...filters, limit: z.coerce.number().int().min(1).default(100).transform((n) => Math.min(n, 1000)) }),
  handler: async ({ app, viewer, query }) => ({ count: await unreadGroupCount(app.db, viewer!, groupFilter(query, viewer!), query.limit) }),
});

const clear = defineRoute({
  method: 'post',
  path: '/api/v2/notifications/clear',
  summary: 'Delete all your notifications (as v1)',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  handler: async ({ app, viewer }) => {
    await clearNotifications(app.db, viewer!.accountId);
    return {};
  },
});

export const groupedNotificationRoutes: AnyRoute[] = [list, unread, clear, getOne, accounts, dismiss];
