import { z } from 'zod';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool } from '../http/schemas.js';
import { block, listBlocksOrMutes, mute, unblock, unmute } from './blocks-mutes.service.js';
import { followRequestRoutes } from './follow-requests.routes.js';
import { followRoutes } from './follows.routes.js';
import { relationshipWith } from './relationships.js';
import { accountNoteRoutes } from './account-notes.routes.js';

const tags = ['accounts'];

const blockRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/block',
  summary: 'Block an account: follows between you end and neither sees the other',
  tags,
  auth: 'user',
  scope: 'write:blocks',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await block(app, viewer!.accountId, params.id);
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

const unblockRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/unblock',
  summary: 'Unblock an account',
  tags,
  auth: 'user',
  scope: 'write:blocks',
  params: idParams,
  handler: async ({ app, viewer, params }) => {
    await unblock(app.db, viewer!.accountId, params.id);
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

const muteRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/mute',
  summary: 'Mute an account (its posts, and by default its notifications), optionally for a time',
  tags,
  auth: 'user',
  scope: 'write:mutes',
  params: idParams,
  body: z.object({
    notifications: zBool.default(true),
    duration: z.coerce.number({ message: 'must be a number of seconds' }).int().min(0).max(10 * 365 * 24 * 3600).default(0),
  }),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, body }) => {
    await mute(app.db, viewer!.accountId, params.id, { notifications: body.notifications, durationSeconds: body.duration });
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

const unmuteRoute = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/unmute',
  summary: 'Unmute an account',
  tags,
  auth: 'user',
  scope: 'write:mutes',
  params: idParams,
  handler: async ({ app, viewer, params }) => {
    await unmute(app.db, viewer!.accountId, params.id);
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

function listRoute(table: 'blocks' | 'mutes') {
  return defineRoute({
    method: 'get',
    path: `/api/v1/${table}`,
    summary: table === 'blocks' ? 'Accounts you block' : 'Accounts you mute',
    tags,
    auth: 'user',
    scope: table === 'blocks' ? 'read:blocks' : 'read:mutes',
    query: pageQuery(40, 80),
    handler: async ({ app, viewer, query, c }) => {
      const page = await listBlocksOrMutes(app.db, viewer!.accountId, table, {
        maxId: query.max_id,
        sinceId: query.since_id,
        minId: query.min_id,
        limit: query.limit,
      });
      const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
      const link = linkHeader(c.req.url, page.map((p) => p.cursor));
      if (link) c.header('Link', link);
      return page.flatMap((p) => {
        const row = rows.get(p.accountId);
        if (!row) return [];
        const account = toMastodonAccount(row, app.config);
        return [table === 'mutes' ? { ...account, mute_expires_at: p.expiresAt ? p.expiresAt.toISOString() : null } : account];
      });
    },
  });
}

/** Every route of relations between accounts: follows, follow requests, blocks and mutes. */
export const relationRoutes: AnyRoute[] = [...followRoutes, ...followRequestRoutes, blockRoute, unblockRoute, muteRoute, unmuteRoute, listRoute('blocks'), listRoute('mutes'), ...accountNoteRoutes];
