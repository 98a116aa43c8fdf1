import type { Context } from 'hono';
import { z } from 'zod';
import { linkHeader, pageQuery } from '../http/pagination.js';
import type { HonoEnv } from '../http/hono-env.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zList } from '../http/schemas.js';
import { pageFromQuery } from './timeline-page.js';
import { accountArticles, accountStatuses, directTimeline, homeTimeline, publicTimeline, tagTimeline, type TimelineResult } from './timelines.service.js';

const tags = ['timelines'];

const hashtagName = z.string().regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'must be a hashtag name (letters, digits, _)').transform((s) => s.replace(/^#/, ''));

const publicFilters = {
  local: zBool.optional(),
  remote: zBool.optional(),
  only_media: zBool.optional(),
};

/** Sets Mastodon's Link header for the page and returns its statuses. */
function respond(c: Context<HonoEnv>, result: TimelineResult) {
  const link = result.nextMaxId && result.prevMinId ? linkHeader(c.req.url, [result.prevMinId, result.nextMaxId]) : undefined;
  if (link) c.header('Link', link);
  return result.statuses;
}

const home = defineRoute({
  method: 'get',
  path: '/api/v1/timelines/home',
  summary: 'Statuses of the signed-in account and of the accounts it follows, newest first',
  description: 'Pull model: the cost grows with the number of accounts followed, not with the number of posts or followers.',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: pageQuery(20, 40),
  handler: async ({ c, app, viewer, query }) => respond(c, await homeTimeline(app, viewer!, pageFromQuery(query))),
});

const publicRoute = defineRoute({
  method: 'get',
  path: '/api/v1/timelines/public',
  summary: 'Public statuses (no replies to others, no reblogs), newest first',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  query: pageQuery(20, 40).extend(publicFilters),
  handler: async ({ c, app, viewer, query }) =>
    respond(c, await publicTimeline(app, viewer, pageFromQuery(query), { local: query.local, remote: query.remote, onlyMedia: query.only_media })),
});

const direct = defineRoute({
  method: 'get',
  path: '/api/v1/timelines/direct',
  summary: 'Your private messages as statuses, newest first (Mastodon\'s deprecated direct timeline; use conversations)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: pageQuery(20, 40),
  handler: async ({ c, app, viewer, query }) => respond(c, await directTimeline(app, viewer!, pageFromQuery(query))),
});

const link = defineRoute({
  method: 'get',
  path: '/api/v1/timelines/link',
  summary: 'Statuses sharing a trending link (Mastodon 4.3): none, statuses here have no link cards and no link trends',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  query: pageQuery(20, 40).extend({ url: z.string().max(2000) }),
  handler: async () => [],
});

const tag = defineRoute({
  method: 'get',
  path: '/api/v1/timelines/tag/:hashtag',
  summary: 'Public statuses with a hashtag (refined by any[], all[], none[])',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: z.object({ hashtag: hashtagName }),
  query: pageQuery(20, 40).extend({
    ...publicFilters,
    any: zList(hashtagName).refine((a) => a.length <= 10, 'at most 10 hashtags').optional(),
    all: zList(hashtagName).refine((a) => a.length <= 10, 'at most 10 hashtags').optional(),
    none: zList(hashtagName).refine((a) => a.length <= 10, 'at most 10 hashtags').optional(),
  }),
  handler: async ({ c, app, viewer, params, query }) =>
    respond(
      c,
      await tagTimeline(app, viewer, params.hashtag, pageFromQuery(query), {
        local: query.local,
        remote: query.remote,
        onlyMedia: query.only_media,
        any: query.any,
        all: query.all,
        none: query.none,
      }),
    ),
});

const accountStatusesRoute = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/:id{[0-9]+}/statuses',
  summary: "An account's statuses as the viewer may see them",
  description: 'Medired extension: `kind=article` lists only articles (the blog), `kind=note` only short posts.',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: idParams,
  query: pageQuery(20, 40).extend({
    only_media: zBool.optional(),
    exclude_replies: zBool.optional(),
    exclude_reblogs: zBool.optional(),
    pinned: zBool.optional(),
    tagged: hashtagName.optional(),
    kind: z.enum(['article', 'note'], { message: 'must be article or note' }).optional(),
  }),
  errors: ['not_found', 'gone'],
  handler: async ({ c, app, viewer, params, query }) =>
    respond(
      c,
      await accountStatuses(app, viewer, params.id, pageFromQuery(query), {
        onlyMedia: query.only_media,
        excludeReplies: query.exclude_replies,
        excludeReblogs: query.exclude_reblogs,
        pinned: query.pinned,
        tagged: query.tagged,
        kind: query.kind,
      }),
    ),
});

const articles = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id{[0-9]+}/articles',
  summary: "A professional's blog: their articles, newest first",
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: idParams,
  query: pageQuery(20, 40),
  errors: ['not_found', 'gone'],
  handler: async ({ c, app, viewer, params, query }) => respond(c, await accountArticles(app, viewer, params.id, pageFromQuery(query))),
});

export const timelineRoutes: AnyRoute[] = [home, publicRoute, direct, link, tag, accountStatusesRoute, articles];
