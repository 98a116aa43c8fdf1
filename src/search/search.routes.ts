import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zBool, zId } from '../http/schemas.js';
import { SEARCH_MAX_OFFSET, search, searchAccounts } from './search.service.js';

const tags = ['search'];

const offset = z.coerce
  .number({ message: 'must be a number' })
  .int()
  .min(0)
  .max(SEARCH_MAX_OFFSET, `must be at most ${SEARCH_MAX_OFFSET}: results are ranked by relevance and deeper pages are not served; refine the query instead`)
  .default(0);
const limit = (byDefault: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1)
    .default(byDefault)
    .transform((n) => Math.min(n, max));
const q = z.string().trim().min(1, 'must not be empty').max(500);

const searchV2 = defineRoute({
  method: 'get',
  path: '/api/v2/search',
  summary: 'Search accounts, statuses (posts and articles) and hashtags',
  description:
    'Full-text search in Spanish and English, accent-insensitive ("nutricion" finds "nutrición"). Accounts and hashtags match while typing (the last word as a prefix). ' +
    `Paged with limit/offset as in Mastodon; offset is capped at ${SEARCH_MAX_OFFSET}.`,
  tags,
  auth: 'optional',
  scope: 'read:search',
  query: z.object({
    q,
    type: z.enum(['accounts', 'statuses', 'hashtags'], { message: 'must be accounts, statuses or hashtags' }).optional(),
    resolve: zBool.optional(),
    following: zBool.optional(),
    account_id: zId.optional(),
    exclude_unreviewed: zBool.optional(),
    limit: limit(20, 40),
    offset,
  }),
  handler: async ({ app, viewer, query }) =>
    search(app, viewer, { q: query.q, type: query.type, following: query.following, accountId: query.account_id, limit: query.limit, offset: query.offset }),
});

const accountsSearch = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/search',
  summary: 'Accounts by handle, name, specialty or city, matching while typing',
  tags: ['accounts', ...tags],
  auth: 'user',
  scope: 'read:accounts',
  query: z.object({ q, resolve: zBool.optional(), following: zBool.optional(), limit: limit(40, 80), offset }),
  handler: async ({ app, viewer, query }) => searchAccounts(app, viewer, query.q, { following: query.following, limit: query.limit, offset: query.offset }),
});

export const searchRoutes: AnyRoute[] = [searchV2, accountsSearch];
