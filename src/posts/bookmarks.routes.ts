import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { bookmarksPage } from './bookmarks.repository.js';
import { bookmark, pin, unbookmark, unpin } from './bookmarks.service.js';
import { getVisibleStatus, loadStatuses } from './status-views.js';
import { muteConversation, unmuteConversation } from './conversation-mutes.service.js';

const tags = ['statuses'];

function action(path: string, summary: string, scope: string, errors: ('not_found' | 'validation_failed')[], run: (app: AppContext, viewer: Viewer, id: string) => Promise<string>) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/statuses/:id{[0-9]+}/${path}`,
    summary,
    tags,
    auth: 'user',
    scope,
    params: idParams,
    errors,
    handler: async ({ app, viewer, params }) => getVisibleStatus(app, await run(app, viewer!, params.id), viewer),
  });
}

const bookmarks = defineRoute({
  method: 'get',
  path: '/api/v1/bookmarks',
  summary: 'Statuses you bookmarked (and may still see), newest bookmark first',
  tags: ['bookmarks'],
  auth: 'user',
  scope: 'read:bookmarks',
  query: pageQuery(20, 40),
  handler: async ({ app, viewer, query, c }) => {
    const page = await bookmarksPage(app.db, viewer!, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    const link = linkHeader(c.req.url, page.map((p) => p.cursor));
    if (link) c.header('Link', link);
    return loadStatuses(app, page.map((p) => p.id), viewer);
  },
});

/** Bookmarks (Mastodon's `bookmarks` family), pins to one's profile and conversation mutes. */
export const bookmarkRoutes: AnyRoute[] = [
  action('bookmark', 'Bookmark a status', 'write:bookmarks', ['not_found'], bookmark),
  action('unbookmark', 'Remove a bookmark', 'write:bookmarks', ['not_found'], unbookmark),
  action('pin', 'Pin one of your statuses to your profile (at most 5; not private messages)', 'write:accounts', ['not_found', 'validation_failed'], pin),
  action('unpin', 'Unpin a status from your profile', 'write:accounts', ['not_found'], unpin),
  action('mute', 'Mute the conversation of a status: no more notifications about its thread (Status.muted)', 'write:mutes', ['not_found'], muteConversation),
  action('unmute', 'Unmute the conversation of a status', 'write:mutes', ['not_found'], unmuteConversation),
  bookmarks,
];
