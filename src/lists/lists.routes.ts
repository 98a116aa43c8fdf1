import { z } from 'zod';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zId, zList } from '../http/schemas.js';
import { pageFromQuery } from '../timelines/timeline-page.js';
import { listMemberPage, listsHolding, findLists, type ListRow } from './lists.repository.js';
import { addMembers, assertVisibleAccount, changeList, createList, getOwnList, listTimeline, removeList, removeMembers } from './lists.service.js';

const tags = ['lists'];

/** Mastodon's List entity. */
const toList = (l: ListRow) => ({ id: l.id, title: l.title, replies_policy: l.replies_policy, exclusive: l.exclusive });

const zTitle = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const zPolicy = z.enum(['followed', 'list', 'none'], { message: 'must be followed, list or none' });
const accountIds = z.object({ account_ids: zList(zId).refine((a) => a.length > 0 && a.length <= 100, 'must name 1 to 100 accounts') });

const routes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/lists',
    summary: 'Your lists',
    tags,
    auth: 'user',
    scope: 'read:lists',
    handler: async ({ app, viewer }) => (await findLists(app.db, viewer!.accountId)).map(toList),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/lists',
    summary: 'Create a list',
    tags,
    auth: 'user',
    scope: 'write:lists',
    body: z.object({ title: zTitle, replies_policy: zPolicy.optional(), exclusive: zBool.optional() }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => toList(await createList(app, viewer!.accountId, body)),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/lists/:id{[0-9]+}',
    summary: 'One of your lists',
    tags,
    auth: 'user',
    scope: 'read:lists',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => toList(await getOwnList(app, viewer!.accountId, params.id)),
  }),
  ...putAndPatch({
    path: '/api/v1/lists/:id{[0-9]+}',
    summary: 'Rename a list or change its replies policy or exclusivity',
    tags,
    auth: 'user',
    scope: 'write:lists',
    params: idParams,
    body: z.object({ title: zTitle.optional(), replies_policy: zPolicy.optional(), exclusive: zBool.optional() }),
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => toList(await changeList(app, viewer!.accountId, params.id, body)),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/lists/:id{[0-9]+}',
    summary: 'Delete a list',
    tags,
    auth: 'user',
    scope: 'write:lists',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await removeList(app, viewer!.accountId, params.id);
      return {};
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/lists/:id{[0-9]+}/accounts',
    summary: "A list's accounts (limit=0 for all of them)",
    tags,
    auth: 'user',
    scope: 'read:lists',
    params: idParams,
    query: z.object({
      max_id: zId.optional(),
      since_id: zId.optional(),
      limit: z.coerce.number({ message: 'must be a number' }).int().min(0).default(40).transform((n) => Math.min(n, 80)),
    }),
    errors: ['not_found'],
    handler: async ({ c, app, viewer, params, query }) => {
      const list = await getOwnList(app, viewer!.accountId, params.id);
      const page = await listMemberPage(app.db, list, { maxId: query.max_id, sinceId: query.since_id, limit: query.limit === 0 ? null : query.limit });
      if (query.limit !== 0) {
        const link = linkHeader(c.req.url, page.map((p) => p.cursor));
        if (link) c.header('Link', link);
      }
      const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
      return page.flatMap((p) => (rows.has(p.accountId) ? [toMastodonAccount(rows.get(p.accountId)!, app.config)] : []));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/lists/:id{[0-9]+}/accounts',
    summary: 'Add accounts you follow to a list (account_ids[])',
    tags,
    auth: 'user',
    scope: 'write:lists',
    params: idParams,
    body: accountIds,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => {
      await addMembers(app, viewer!.accountId, params.id, body.account_ids);
      return {};
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/lists/:id{[0-9]+}/accounts',
    summary: 'Remove accounts from a list (account_ids[])',
    tags,
    auth: 'user',
    scope: 'write:lists',
    params: idParams,
    body: accountIds,
    errors: ['not_found'],
    handler: async ({ app, viewer, params, body }) => {
      await removeMembers(app, viewer!.accountId, params.id, body.account_ids);
      return {};
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/accounts/:id{[0-9]+}/lists',
    summary: 'Your lists that hold this account',
    tags,
    auth: 'user',
    scope: 'read:lists',
    params: idParams,
    errors: ['not_found', 'gone'],
    handler: async ({ app, viewer, params }) => {
      await assertVisibleAccount(app, params.id, viewer!);
      return (await listsHolding(app.db, viewer!.accountId, params.id)).map(toList);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/timelines/list/:list_id{[0-9]+}',
    summary: "A list's timeline: its members' statuses you may see, newest first",
    tags: ['timelines'],
    auth: 'user',
    scope: 'read:lists',
    params: z.object({ list_id: zId }),
    query: pageQuery(20, 40),
    errors: ['not_found'],
    handler: async ({ c, app, viewer, params, query }) => {
      const result = await listTimeline(app, viewer!, params.list_id, pageFromQuery(query));
      const link = result.nextMaxId && result.prevMinId ? linkHeader(c.req.url, [result.prevMinId, result.nextMaxId]) : undefined;
      if (link) c.header('Link', link);
      return result.statuses;
    },
  }),
];

export const listRoutes: AnyRoute[] = routes;
