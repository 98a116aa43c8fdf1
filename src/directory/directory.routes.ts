import { z } from 'zod';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { directoryAccountIds } from './directory.repository.js';

/**
 * `GET /api/v1/directory`: the profile directory of Mastodon (every account here is local, so
 * `local` changes nothing). Offset pagination without Link headers, as Mastodon's.
 */
const number = () => z.coerce.number({ message: 'must be a number' }).int();

export const directoryRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/v1/directory',
    summary: 'Discoverable accounts, most recently active or newest first',
    tags: ['directory'],
    auth: 'optional',
    query: z.object({
      offset: number().min(0).max(100_000).default(0),
      limit: number().min(1).default(40).transform((n) => Math.min(n, 80)),
      order: z.enum(['active', 'new'], { message: 'must be active or new' }).default('active'),
      local: z.string().max(10).optional(),
    }),
    handler: async ({ app, viewer, query }) => {
      const ids = await directoryAccountIds(app.db, viewer?.accountId ?? null, query);
      const rows = new Map((await findAccountsByIds(app.db, ids)).map((row) => [row.id, row]));
      return ids.flatMap((id) => (rows.has(id) ? [toMastodonAccount(rows.get(id)!, app.config)] : []));
    },
  }),
];
