import { z } from 'zod';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zId, zList } from '../http/schemas.js';
import { relationshipWith } from '../relations/relationships.js';
import { endorsementPage, familiarFollowers } from './endorsements.repository.js';
import { endorse, unendorse } from './endorsements.service.js';

const tags = ['accounts'];

/** Endorsing: Mastodon's `pin`/`unpin`, and since 4.4 also `endorse`/`unendorse`. */
function endorseRoute(path: 'pin' | 'endorse' | 'unpin' | 'unendorse') {
  const on = path === 'pin' || path === 'endorse';
  return defineRoute({
    method: 'post',
    path: `/api/v1/accounts/:id{[0-9]+}/${path}`,
    summary: on ? 'Endorse (feature on your profile) an account you follow' : 'Stop endorsing an account',
    tags,
    auth: 'user',
    scope: 'write:accounts',
    params: idParams,
    errors: on ? ['not_found', 'gone', 'validation_failed'] : ['not_found', 'gone'],
    handler: async ({ app, viewer, params }) => {
      await (on ? endorse : unendorse)(app, viewer!, params.id);
      return relationshipWith(app.db, viewer!.accountId, params.id);
    },
  });
}

const routes = [
  endorseRoute('pin'),
  endorseRoute('unpin'),
  endorseRoute('endorse'),
  endorseRoute('unendorse'),
  defineRoute({
    method: 'get',
    path: '/api/v1/accounts/:id{[0-9]+}/endorsements',
    summary: 'The accounts someone features on their profile (Mastodon 4.4)',
    tags,
    auth: 'optional',
    scope: 'read:accounts',
    params: idParams,
    query: pageQuery(40, 80),
    errors: ['not_found', 'gone'],
    handler: async ({ c, app, viewer, params, query }) => {
      await getVisibleAccount(app.db, params.id, viewer);
      const page = await endorsementPage(app.db, params.id, { maxId: query.max_id, sinceId: query.since_id ?? query.min_id, limit: query.limit });
      const link = linkHeader(c.req.url, page.map((p) => p.cursor));
      if (link) c.header('Link', link);
      const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
      return page.flatMap((p) => {
        const row = rows.get(p.accountId);
        return row && !row.suspended_at ? [toMastodonAccount(row, app.config)] : [];
      });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/endorsements',
    summary: 'The accounts you endorse',
    tags,
    auth: 'user',
    scope: 'read:accounts',
    query: pageQuery(40, 80),
    handler: async ({ c, app, viewer, query }) => {
      const page = await endorsementPage(app.db, viewer!.accountId, { maxId: query.max_id, sinceId: query.since_id ?? query.min_id, limit: query.limit });
      const link = linkHeader(c.req.url, page.map((p) => p.cursor));
      if (link) c.header('Link', link);
      const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
      return page.flatMap((p) => (rows.has(p.accountId) ? [toMastodonAccount(rows.get(p.accountId)!, app.config)] : []));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/accounts/familiar_followers',
    summary: 'For each account (id[]), the accounts you follow that follow it',
    tags,
    auth: 'user',
    scope: 'read:follows',
    query: z.object({ id: zList(zId).refine((a) => a.length <= 40, 'at most 40 accounts').optional() }),
    handler: async ({ app, viewer, query }) => {
      const ids = [...new Set(query.id ?? [])];
      const byAccount = await familiarFollowers(app.db, viewer!.accountId, ids, 40);
      const rows = new Map((await findAccountsByIds(app.db, [...byAccount.values()].flat())).map((r) => [r.id, toMastodonAccount(r, app.config)]));
      return ids.map((id) => ({ id, accounts: byAccount.get(id)!.flatMap((a) => (rows.has(a) ? [rows.get(a)!] : [])) }));
    },
  }),
];

export const endorsementRoutes: AnyRoute[] = routes;
