import { z } from 'zod';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zId, zList } from '../http/schemas.js';
import { follow, listFollows, unfollow } from './follows.service.js';
import { relationships, relationshipWith } from './relationships.js';

const tags = ['accounts'];

const relationshipsRoute = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/relationships',
  summary: 'Relationships of the signed-in account with the given accounts',
  tags,
  auth: 'user',
  scope: 'read:follows',
  query: z.object({ id: zList(zId).default([]) }),
  handler: async ({ app, viewer, query }) => relationships(app.db, viewer!.accountId, query.id.slice(0, 40)),
});

const followRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/follow',
  summary: 'Follow an account; a locked account gets a follow request instead (`requested: true`)',
  tags,
  auth: 'user',
  scope: 'write:follows',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await follow(app, viewer!.accountId, params.id);
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

const unfollowRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/unfollow',
  summary: 'Stop following an account, or withdraw a pending follow request',
  tags,
  auth: 'user',
  scope: 'write:follows',
  params: idParams,
  handler: async ({ app, viewer, params }) => {
    await unfollow(app, viewer!.accountId, params.id);
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

function followListRoute(direction: 'followers' | 'following') {
  return defineRoute({
    method: 'get',
    path: `/api/v1/accounts/:id{[0-9]+}/${direction}`,
    summary: direction === 'followers' ? 'Accounts that follow this account' : 'Accounts this account follows',
    tags,
    auth: 'optional',
    params: idParams,
    query: pageQuery(40, 80),
    errors: ['not_found', 'gone'],
    handler: async ({ app, params, query, viewer, c }) => {
      await getVisibleAccount(app.db, params.id, viewer);
      const page = await listFollows(app.db, params.id, direction, { maxId: query.max_id, sinceId: query.since_id ?? query.min_id, limit: query.limit });
      const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
      const link = linkHeader(c.req.url, page.map((p) => p.cursor));
      if (link) c.header('Link', link);
      return page.flatMap((p) => (rows.has(p.accountId) ? [toMastodonAccount(rows.get(p.accountId)!, app.config)] : []));
    },
  });
}

export const followRoutes: AnyRoute[] = [relationshipsRoute, followRoute, unfollowRoute, followListRoute('followers'), followListRoute('following')];
