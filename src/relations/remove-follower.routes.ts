import { getVisibleAccount } from '../accounts/accounts.service.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { unfollow } from './follows.service.js';
import { relationshipWith } from './relationships.js';

/**
 * `POST /api/v1/accounts/:id/remove_from_followers` (Mastodon 3.5): the account stops following
 * you (its pending request goes too), as if it had unfollowed; answers your relationship with it.
 */
export const removeFollowerRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/v1/accounts/:id{[0-9]+}/remove_from_followers',
    summary: 'Remove an account from your followers',
    tags: ['accounts'],
    auth: 'user',
    scope: 'write:follows',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await getVisibleAccount(app.db, params.id, viewer);
      await unfollow(app, params.id, viewer!.accountId);
      return relationshipWith(app.db, viewer!.accountId, params.id);
    },
  }),
];
