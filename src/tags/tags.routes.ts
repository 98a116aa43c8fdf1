import { z } from 'zod';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import { linkHeader } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zId } from '../http/schemas.js';
import { toMastodonTags } from './tag-entity.js';
import { featuredTags, followedTagPage, recentlyUsedTags, type FeaturedTagRow } from './tags.repository.js';
import { featureTag, featureTagByName, followTag, tagByName, unfeatureTag, unfeatureTagByName, unfollowTag } from './tags.service.js';
import type { AppContext } from '../app-context.js';
import { tagUrl } from '../posts/status-entity.js';

const tags = ['tags'];
const nameParams = z.object({ name: z.string().max(200, 'must be a hashtag name') });

/** Mastodon's FeaturedTag entity. */
function toFeaturedTag(app: AppContext, r: FeaturedTagRow) {
  return {
    id: r.id,
    name: r.name,
    url: tagUrl(app.config, r.name),
    statuses_count: Number(r.statuses_count ?? 0),
    last_status_at: r.last_status_at ? new Date(r.last_status_at).toISOString().slice(0, 10) : null,
  };
}

const routes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/tags/:name',
    summary: 'A hashtag: its use over the last week and whether you follow it',
    tags,
    auth: 'optional',
    params: nameParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await toMastodonTags(app, [await tagByName(app, params.name)], viewer?.accountId ?? null))[0],
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/tags/:name/follow',
    summary: "Follow a hashtag: its public statuses enter your home timeline",
    tags,
    auth: 'user',
    scope: 'write:follows',
    params: nameParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await toMastodonTags(app, [await followTag(app, viewer!.accountId, params.name)], viewer!.accountId))[0],
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/tags/:name/unfollow',
    summary: 'Stop following a hashtag',
    tags,
    auth: 'user',
    scope: 'write:follows',
    params: nameParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await toMastodonTags(app, [await unfollowTag(app, viewer!.accountId, params.name)], viewer!.accountId))[0],
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/tags/:name/feature',
    summary: 'Feature a hashtag on your profile (Mastodon 4.4); answers the Tag',
    tags,
    auth: 'user',
    scope: 'write:accounts',
    params: nameParams,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params }) => (await toMastodonTags(app, [await featureTagByName(app, viewer!.accountId, params.name)], viewer!.accountId))[0],
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/tags/:name/unfeature',
    summary: 'Stop featuring a hashtag on your profile',
    tags,
    auth: 'user',
    scope: 'write:accounts',
    params: nameParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await toMastodonTags(app, [await unfeatureTagByName(app, viewer!.accountId, params.name)], viewer!.accountId))[0],
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/followed_tags',
    summary: 'The hashtags you follow, most recently followed first',
    tags,
    auth: 'user',
    scope: 'read:follows',
    query: z.object({
      max_id: zId.optional(),
      since_id: zId.optional(),
      min_id: zId.optional(),
      limit: z.coerce.number({ message: 'must be a number' }).int().min(1).default(100).transform((n) => Math.min(n, 200)),
    }),
    handler: async ({ c, app, viewer, query }) => {
      const rows = await followedTagPage(app.db, viewer!.accountId, { maxId: query.max_id, sinceId: query.since_id ?? query.min_id, limit: query.limit });
      const link = linkHeader(c.req.url, rows.map((r) => r.cursor));
      if (link) c.header('Link', link);
      return toMastodonTags(app, rows, viewer!.accountId);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/featured_tags',
    summary: 'The hashtags you feature on your profile',
    tags,
    auth: 'user',
    scope: 'read:accounts',
    handler: async ({ app, viewer }) => (await featuredTags(app.db, viewer!.accountId)).map((r) => toFeaturedTag(app, r)),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/featured_tags',
    summary: 'Feature a hashtag on your profile (at most 10)',
    tags,
    auth: 'user',
    scope: 'write:accounts',
    body: z.object({ name: z.string().trim().min(1, 'must not be empty').max(101, 'must be a hashtag name') }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => {
      const id = await featureTag(app, viewer!.accountId, body.name);
      return toFeaturedTag(app, (await featuredTags(app.db, viewer!.accountId)).find((r) => r.tag_id === id)!);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/featured_tags/:id{[0-9]+}',
    summary: 'Stop featuring a hashtag',
    tags,
    auth: 'user',
    scope: 'write:accounts',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await unfeatureTag(app, viewer!.accountId, params.id);
      return {};
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/featured_tags/suggestions',
    summary: 'Hashtags you used recently and do not feature yet',
    tags,
    auth: 'user',
    scope: 'read:accounts',
    handler: async ({ app, viewer }) => toMastodonTags(app, await recentlyUsedTags(app.db, viewer!.accountId, 10), viewer!.accountId),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/accounts/:id{[0-9]+}/featured_tags',
    summary: 'The hashtags an account features on its profile',
    tags,
    auth: 'optional',
    scope: 'read:accounts',
    params: idParams,
    errors: ['not_found', 'gone'],
    handler: async ({ app, viewer, params }) => {
      await getVisibleAccount(app.db, params.id, viewer);
      return (await featuredTags(app.db, params.id)).map((r) => toFeaturedTag(app, r));
    },
  }),
];

export const tagRoutes: AnyRoute[] = routes;
