import { countFollowRequests } from '../relations/relations.repository.js';
import { toCredentialAccount } from './accounts.serializer.js';
import { removeProfileImage } from './accounts.service.js';
import { defineRoute, type AnyRoute } from '../http/route.js';

/** `DELETE /api/v1/profile/avatar` and `/header` (Mastodon 4.2): the signed-in account's own images. */
const removeRoute = (image: 'avatar' | 'header') =>
  defineRoute({
    method: 'delete',
    path: `/api/v1/profile/${image}`,
    summary: `Remove your profile ${image}; answers your account`,
    tags: ['accounts'],
    auth: 'user',
    scope: 'write:accounts',
    handler: async ({ app, viewer }) => {
      const row = await removeProfileImage(app, viewer!.accountId, image);
      return toCredentialAccount(row, app.config, { locale: viewer!.locale, staffRole: viewer!.staffRole, followRequestsCount: await countFollowRequests(app.db, row.id) });
    },
  });

export const profileImageRoutes: AnyRoute[] = [removeRoute('avatar'), removeRoute('header')];
