import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import { invalid, notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zBool } from '../http/schemas.js';
import { findVisibleStatus } from '../posts/posts.repository.js';
import { getVisibleStatus, loadStatuses } from '../posts/status-views.js';
import { toMastodonTags } from '../tags/tag-entity.js';
import { findReviewedTags, reviewedTagPage, reviewTag, trendingTags, type ReviewedTagRow } from '../tags/tags.repository.js';
import { reviewStatusTrend, trendingStatusIds } from './explore.repository.js';

/**
 * Mastodon's trend review and hashtag administration for moderators (Mastodon's "Manage
 * Taxonomies"): what trends this week, rejected items included, and approving or rejecting a
 * hashtag or a status (a rejected one leaves the public trends); hashtags' trendable, usable and
 * listable flags. Medired makes no link previews, so there are no trending links nor publishers.
 */
const tags = ['admin'];
const TREND_WINDOW_MS = 7 * 86_400_000;
const since = () => new Date(Date.now() - TREND_WINDOW_MS);
const trendQuery = z.object({
  limit: z.coerce.number().int().min(1).default(10).transform((n) => Math.min(n, 40)),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

/** Mastodon's Admin::Tag: a tag with its review (an unreviewed tag trends, as Medired's trends allow). */
export async function toAdminTags(app: AppContext, rows: ReviewedTagRow[]) {
  const entities = await toMastodonTags(app, rows, null);
  return rows.map((r, i) => ({
    ...entities[i]!,
    trendable: r.trendable !== false,
    usable: r.usable,
    listable: r.listable !== false,
    requires_review: r.reviewed_at === null,
  }));
}

async function oneAdminTag(app: AppContext, id: string) {
  const [row] = await findReviewedTags(app.db, [id]);
  if (!row) throw notFound('Tag');
  return (await toAdminTags(app, [row]))[0]!;
}

const trendTags = defineRoute({
  method: 'get',
  path: '/api/v1/admin/trends/tags',
  summary: 'Hashtags trending this week, rejected ones included, with their review',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  query: trendQuery,
  handler: async ({ app, query }) => {
    const found = await trendingTags(app.db, since(), query.offset, query.limit, { includeRejected: true });
    const rows = new Map((await findReviewedTags(app.db, found.map((t) => t.id))).map((r) => [r.id, r]));
    return toAdminTags(app, found.flatMap((t) => (rows.has(t.id) ? [rows.get(t.id)!] : [])));
  },
});

function reviewTagTrend(approve: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/trends/tags/:id{[0-9]+}/${approve ? 'approve' : 'reject'}`,
    summary: approve ? 'Approve a hashtag to trend' : 'Reject a hashtag from the trends',
    tags,
    auth: 'moderator',
    scope: 'admin:write',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      const row = await reviewTag(app.db, params.id, { trendable: approve });
      if (!row) throw notFound('Tag');
      await recordAudit(app.db, { actorAccountId: viewer!.accountId, action: approve ? 'trend.tag_approve' : 'trend.tag_reject', targetType: 'tag', targetId: row.id, data: { name: row.name } });
      return (await toAdminTags(app, [row]))[0];
    },
  });
}

const trendStatuses = defineRoute({
  method: 'get',
  path: '/api/v1/admin/trends/statuses',
  summary: 'Statuses trending this week, rejected ones included',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  query: trendQuery,
  handler: async ({ app, viewer, query }) => loadStatuses(app, await trendingStatusIds(app.db, since(), query.offset, query.limit, { includeRejected: true }), viewer),
});

function reviewStatus(approve: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/trends/statuses/:id{[0-9]+}/${approve ? 'approve' : 'reject'}`,
    summary: approve ? 'Approve a status to trend' : 'Reject a status from the trends',
    tags,
    auth: 'moderator',
    scope: 'admin:write',
    params: idParams,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params }) => {
      const row = await findVisibleStatus(app.db, params.id, viewer);
      if (!row) throw notFound('Status');
      if (row.visibility !== 'public' || row.reblog_of_id) throw invalid('Only public original statuses trend', 'id');
      await reviewStatusTrend(app.db, row.id, approve, viewer!.accountId);
      await recordAudit(app.db, { actorAccountId: viewer!.accountId, action: approve ? 'trend.status_approve' : 'trend.status_reject', targetType: 'status', targetId: row.id, targetAccountId: row.account_id });
      return getVisibleStatus(app, row.id, viewer);
    },
  });
}

/** Links and their publishers: Medired makes no link previews, so none ever trend. */
const trendLinks = defineRoute({
  method: 'get',
  path: '/api/v1/admin/trends/links',
  summary: 'Links trending this week: none, Medired makes no link previews',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  query: trendQuery,
  handler: async () => [],
});

const publishers = defineRoute({
  method: 'get',
  path: '/api/v1/admin/trends/links/publishers',
  summary: 'Publishers of trending links: none, Medired makes no link previews',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  query: trendQuery,
  handler: async () => [],
});

function noSuchLink(path: 'links' | 'links/publishers', approve: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/trends/${path}/:id{[0-9]+}/${approve ? 'approve' : 'reject'}`,
    summary: `${approve ? 'Approve' : 'Reject'} a trending ${path === 'links' ? 'link' : 'publisher'}: there are none (no link previews)`,
    tags,
    auth: 'moderator',
    scope: 'admin:write',
    params: idParams,
    errors: ['validation_failed'],
    handler: async () => {
      throw invalid(`There is no trending ${path === 'links' ? 'link' : 'publisher'} with this id: Medired makes no link previews`, 'id');
    },
  });
}

// ---- hashtags ----

const listTags = defineRoute({
  method: 'get',
  path: '/api/v1/admin/tags',
  summary: 'Every hashtag with its review, newest first (`name` filters by prefix)',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  query: pageQuery(100, 200).extend({ name: z.string().trim().max(100).optional() }),
  handler: async ({ app, query, c }) => {
    const rows = await reviewedTagPage(app.db, { maxId: query.max_id, minId: query.min_id ?? query.since_id, limit: query.limit, name: query.name });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return toAdminTags(app, rows);
  },
});

const showTag = defineRoute({
  method: 'get',
  path: '/api/v1/admin/tags/:id{[0-9]+}',
  summary: 'One hashtag with its review',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => oneAdminTag(app, params.id),
});

const updateTag = putAndPatch({
  path: '/api/v1/admin/tags/:id{[0-9]+}',
  summary: 'Review a hashtag: trendable (may trend), usable (linked in new statuses), listable (offered in search)',
  tags,
  auth: 'moderator',
  scope: 'admin:write',
  params: idParams,
  body: z.object({ trendable: zBool.optional(), usable: zBool.optional(), listable: zBool.optional() }),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, body }) => {
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as { trendable?: boolean; usable?: boolean; listable?: boolean };
    const row = await reviewTag(app.db, params.id, changes);
    if (!row) throw notFound('Tag');
    await recordAudit(app.db, { actorAccountId: viewer!.accountId, action: 'tag.review', targetType: 'tag', targetId: row.id, data: { name: row.name, ...changes } });
    return (await toAdminTags(app, [row]))[0];
  },
});

export const adminTrendRoutes: AnyRoute[] = [
  trendTags,
  reviewTagTrend(true),
  reviewTagTrend(false),
  trendStatuses,
  reviewStatus(true),
  reviewStatus(false),
  trendLinks,
  noSuchLink('links', true),
  noSuchLink('links', false),
  publishers,
  noSuchLink('links/publishers', true),
  noSuchLink('links/publishers', false),
  listTags,
  showTag,
  ...updateTag,
];
