import { z } from 'zod';
import type { MastodonAccount } from '../accounts/accounts.serializer.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { directoryFilters, type DirectoryStats } from './directory.js';
import { directoryCategories, healthDirectory, mastodonDirectory, DIRECTORY_MAX_OFFSET } from './directory.service.js';

/**
 * `GET /api/v1/directory`: Mastodon's profile directory (every account here is local, so `local`
 * changes nothing; offset pagination without Link headers, as Mastodon's), extended with the
 * health directory's filters and orders under `medired[…]`; and
 * `GET /api/v1/medired/directory/categories`.
 */
const number = () => z.coerce.number({ message: 'must be a number' }).int();

/** A directory entry: the Account entity with its standing figures in `medired.directory_stats`. */
function withStats(account: MastodonAccount, stats: DirectoryStats) {
  return {
    ...account,
    medired: {
      ...account.medired,
      directory_stats: { influence: stats.influence, helpful_answers: stats.helpfulAnswers, median_response_seconds: stats.responseSeconds, accepts_online_requests: stats.acceptsRequests },
    },
  };
}

const directory = defineRoute({
  method: 'get',
  path: '/api/v1/directory',
  summary: 'Discoverable accounts (Mastodon), or the health directory with medired[…] filters',
  description:
    "Without `medired[…]` parameters: Mastodon's profile directory (discoverable accounts, `order=active|new`). With any `medired[…]` parameter: " +
    'discoverable professionals and organisations only, filtered by `medired[role]` (all|professional|organization), `medired[profession]`, `medired[specialty]`, ' +
    '`medired[organization_type]`, `medired[country]`, `medired[city]` (the account\'s place or a practice address), `medired[verified]`, `medired[language]` (spoken in the practice), ' +
    '`medired[accepts_requests]` and `medired[q]` (free text read like a search: "pediatra Sevilla"), sorted by `medired[order]` = influence|followers|helpful|response|new|active ' +
    `(default: \`order\`); each account carries \`medired.directory_stats\`. The health directory answers no accounts beyond offset ${DIRECTORY_MAX_OFFSET}: refine the filters.`,
  tags: ['directory'],
  auth: 'optional',
  query: z.object({
    offset: number().min(0).max(100_000).default(0),
    limit: number().min(1).default(40).transform((n) => Math.min(n, 80)),
    order: z.enum(['active', 'new'], { message: 'must be active or new' }).default('active'),
    local: z.string().max(10).optional(),
    medired: directoryFilters.optional(),
  }),
  handler: async ({ app, viewer, query }) => {
    if (!query.medired) return mastodonDirectory(app, viewer, query);
    const { order, ...filters } = query.medired;
    const page = await healthDirectory(app, viewer, filters, { order: order ?? query.order, offset: query.offset, limit: query.limit });
    return page.entries.map((e) => withStats(e.account, e.stats));
  },
});

const categories = defineRoute({
  method: 'get',
  path: '/api/v1/medired/directory/categories',
  summary: 'The health directory by profession, specialty, kind of organisation and city: how many accounts each holds and the most followed of each',
  tags: ['directory'],
  auth: 'optional',
  handler: async ({ app, viewer }) => directoryCategories(app, viewer),
});

export const directoryRoutes: AnyRoute[] = [directory, categories];
