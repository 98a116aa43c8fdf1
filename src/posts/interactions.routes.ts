import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { favouritedByPage, ownFavouritesPage, rebloggedByPage } from './interaction-lists.repository.js';
import { favourite, reblog, unfavourite, unreblog } from './interactions.service.js';
import { reblogInput } from './posts.js';
import { findVisibleStatus } from './posts.repository.js';
import { getVisibleStatus, loadStatuses } from './status-views.js';

const tags = ['statuses'];

function action(path: string, summary: string, scope: string, run: (app: AppContext, viewer: Viewer, id: string) => Promise<string>) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/statuses/:id{[0-9]+}/${path}`,
    summary,
    tags,
    auth: 'user',
    scope,
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => getVisibleStatus(app, await run(app, viewer!, params.id), viewer),
  });
}

const reblogRoute = defineRoute({
  method: 'post',
  path: '/api/v1/statuses/:id{[0-9]+}/reblog',
  summary: 'Reblog (boost) a status; followers-only and direct statuses cannot be reblogged',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: reblogInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => getVisibleStatus(app, await reblog(app, viewer!, params.id, body.visibility), viewer),
});

function accountList(path: string, summary: string, list: typeof favouritedByPage) {
  return defineRoute({
    method: 'get',
    path: `/api/v1/statuses/:id{[0-9]+}/${path}`,
    summary,
    tags,
    auth: 'optional',
    scope: 'read:statuses',
    params: idParams,
    query: pageQuery(40, 80),
    errors: ['not_found'],
    handler: async ({ app, viewer, params, query, c }) => {
      const status = await findVisibleStatus(app.db, params.id, viewer);
      if (!status) throw notFound('Status');
      const page = await list(app.db, status.reblog_of_id ?? status.id, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
      const accounts = new Map((await findAccountsByIds(app.db, page.map((p) => p.id))).map((a) => [a.id, a]));
      const link = linkHeader(c.req.url, page.map((p) => p.cursor));
      if (link) c.header('Link', link);
      return page.flatMap((p) => (accounts.has(p.id) ? [toMastodonAccount(accounts.get(p.id)!, app.config)] : []));
    },
  });
}

const favourites = defineRoute({
  method: 'get',
  path: '/api/v1/favourites',
  summary: 'Statuses you favourited, newest favourite first',
  tags: ['favourites'],
  auth: 'user',
  scope: 'read:favourites',
  query: pageQuery(20, 40),
  handler: async ({ app, viewer, query, c }) => {
    const page = await ownFavouritesPage(app.db, viewer!.accountId, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    const link = linkHeader(c.req.url, page.map((p) => p.cursor));
    if (link) c.header('Link', link);
    return loadStatuses(app, page.map((p) => p.id), viewer);
  },
});

export const interactionRoutes: AnyRoute[] = [
  action('favourite', 'Favourite a status', 'write:favourites', favourite),
  action('unfavourite', 'Remove a favourite', 'write:favourites', unfavourite),
  reblogRoute,
  action('unreblog', 'Undo a reblog', 'write:statuses', unreblog),
  accountList('favourited_by', 'Accounts that favourited a status', favouritedByPage),
  accountList('reblogged_by', 'Accounts that reblogged a status', rebloggedByPage),
  favourites,
];
