import type { Context } from 'hono';
import { z } from 'zod';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import type { AppContext } from '../app-context.js';
import { applyFilters } from '../filters/filter-matching.js';
import type { HonoEnv } from '../http/hono-env.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zId } from '../http/schemas.js';
import { loadStatuses } from '../posts/status-views.js';
import { toMastodonTags } from '../tags/tag-entity.js';
import { trendingTags } from '../tags/tags.repository.js';
import { dismissSuggestion, suggestedAccounts, trendingStatusIds } from './explore.repository.js';

/**
 * Explore: who to follow and what is trending, computed from this instance's own recent public
 * activity (the last week). Trends need no account, as in Mastodon.
 */

const TREND_WINDOW_MS = 7 * 86_400_000;
const since = () => new Date(Date.now() - TREND_WINDOW_MS);

const limitQuery = (def: number, max: number) => z.coerce.number({ message: 'must be a number' }).int().min(1).default(def).transform((n) => Math.min(n, max));
const trendQuery = (def: number, max: number) => z.object({ limit: limitQuery(def, max), offset: z.coerce.number({ message: 'must be a number' }).int().min(0).max(10_000).default(0) });

/** Mastodon's offset Link header on trends: `next` when the page was full. */
function offsetLink(c: Context<HonoEnv>, offset: number, limit: number, count: number): void {
  const links: string[] = [];
  const at = (o: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set('offset', String(o));
    return url.toString();
  };
  if (count >= limit) links.push(`<${at(offset + limit)}>; rel="next"`);
  if (offset > 0) links.push(`<${at(Math.max(0, offset - limit))}>; rel="prev"`);
  if (links.length) c.header('Link', links.join(', '));
}

async function suggestions(app: AppContext, me: string, limit: number) {
  const found = await suggestedAccounts(app.db, me, limit);
  const rows = new Map((await findAccountsByIds(app.db, found.map((f) => f.id))).map((r) => [r.id, r]));
  return found.flatMap((f) => (rows.has(f.id) ? [{ verified: f.verified, account: toMastodonAccount(rows.get(f.id)!, app.config) }] : []));
}

const trendTags = (path: string) =>
  defineRoute({
    method: 'get',
    path,
    summary: 'Hashtags used by the most accounts in public statuses this week, with their history',
    tags: ['trends'],
    auth: 'optional',
    query: trendQuery(10, 20),
    handler: async ({ c, app, viewer, query }) => {
      const tags = await trendingTags(app.db, since(), query.offset, query.limit);
      offsetLink(c, query.offset, query.limit, tags.length);
      return toMastodonTags(app, tags, viewer?.accountId ?? null);
    },
  });

const routes = [
  defineRoute({
    method: 'get',
    path: '/api/v2/suggestions',
    summary: 'Accounts you may want to follow: verified professionals and organisations first, then the most followed',
    tags: ['suggestions'],
    auth: 'user',
    scope: 'read:accounts',
    query: z.object({ limit: limitQuery(40, 80) }),
    handler: async ({ app, viewer, query }) =>
      (await suggestions(app, viewer!.accountId, query.limit)).map((s) => ({
        source: s.verified ? 'staff' : 'global',
        sources: [s.verified ? 'featured' : 'most_followed'],
        account: s.account,
      })),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/suggestions',
    summary: 'Accounts you may want to follow (v1: accounts only)',
    tags: ['suggestions'],
    auth: 'user',
    scope: 'read:accounts',
    query: z.object({ limit: limitQuery(40, 80) }),
    handler: async ({ app, viewer, query }) => (await suggestions(app, viewer!.accountId, query.limit)).map((s) => s.account),
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/suggestions/:account_id{[0-9]+}',
    summary: 'Stop suggesting an account to you',
    tags: ['suggestions'],
    auth: 'user',
    scope: 'write:accounts',
    params: z.object({ account_id: zId }),
    errors: ['not_found', 'gone'],
    handler: async ({ app, viewer, params }) => {
      await getVisibleAccount(app.db, params.account_id, viewer);
      await dismissSuggestion(app.db, viewer!.accountId, params.account_id);
      return {};
    },
  }),
  trendTags('/api/v1/trends/tags'),
  trendTags('/api/v1/trends'),
  defineRoute({
    method: 'get',
    path: '/api/v1/trends/statuses',
    summary: 'Public statuses of this week with the most favourites and reblogs',
    tags: ['trends'],
    auth: 'optional',
    query: trendQuery(20, 40),
    handler: async ({ c, app, viewer, query }) => {
      const ids = await trendingStatusIds(app.db, since(), query.offset, query.limit);
      offsetLink(c, query.offset, query.limit, ids.length);
      return applyFilters(app, viewer, 'public', await loadStatuses(app, ids, viewer));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/trends/links',
    summary: 'Trending links: none, as Medired makes no link preview cards (statuses have `card: null`)',
    tags: ['trends'],
    auth: 'optional',
    query: trendQuery(10, 20),
    handler: async () => [],
  }),
];

export const exploreRoutes: AnyRoute[] = routes;
