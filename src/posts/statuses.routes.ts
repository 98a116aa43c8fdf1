import { forbidden, invalid, notFound } from '../errors.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zId, zList } from '../http/schemas.js';
import { z } from 'zod';
import { mediaRoutes } from '../media/media.routes.js';
import { interactionRoutes } from './interactions.routes.js';
import { POSTING_RATE_LIMITS } from './limits.js';
import { createStatusInput, editStatusInput } from './posts.js';
import { findVisibleStatus } from './posts.repository.js';
import { withOpenedText } from '../messages/sealed-text.js';
import { getVisibleStatus, loadStatuses } from './status-views.js';
import { quoteTranslationRoutes } from './quotes-translation.routes.js';
import { oembedRoutes } from './oembed.routes.js';
import { deleteStatus } from './status-deletion.service.js';
import { createStatus, editStatus } from './statuses.service.js';
import { scheduleStatus } from '../scheduled-statuses/scheduled-statuses.service.js';
import { statusContext, statusHistory } from './threads.service.js';
import { countStatusView } from '../analytics/view-counting.js';

const tags = ['statuses'];
const idempotencyKeyOf = (header: string | undefined) => (header ? header.trim().slice(0, 200) || undefined : undefined);

const create = defineRoute({
  method: 'post',
  path: '/api/v1/statuses',
  summary: 'Publish a post (or, with kind=article, an article with title, markdown body and cover), with a poll or scheduled for later',
  description:
    'Mastodon parameters (`poll[...]`, `scheduled_at`: a ScheduledStatus is returned instead) plus Medired\'s `kind=article`, `title` and `cover_media_id`. An `Idempotency-Key` header makes retries within an hour return the first status.',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: createStatusInput,
  errors: ['not_found', 'conflict', 'validation_failed'],
  rateLimits: [...POSTING_RATE_LIMITS],
  handler: async ({ app, viewer, body, c }) => {
    const key = idempotencyKeyOf(c.req.header('idempotency-key'));
    // As Mastodon: a time in the future schedules the post (a ScheduledStatus); one in the past posts now.
    const at = body.scheduled_at;
    if (at && at.getTime() > Date.now()) return scheduleStatus(app, viewer!, { ...body, scheduled_at: at }, key);
    const id = await createStatus(app, viewer!, body, key);
    return getVisibleStatus(app, id, viewer);
  },
});

/** Mastodon 4.3's `GET /api/v1/statuses?id[]=`: several statuses at once (at most 20). */
const MAX_STATUSES_AT_ONCE = 20;

const index = defineRoute({
  method: 'get',
  path: '/api/v1/statuses',
  summary: 'Several statuses by id (`id[]`, at most 20): those you may see, in the order asked',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  query: z.object({ id: zList(zId).default([]) }),
  errors: ['validation_failed'],
  handler: async ({ app, viewer, query }) => {
    const ids = [...new Set(query.id)];
    if (ids.length > MAX_STATUSES_AT_ONCE) throw invalid(`Ask for at most ${MAX_STATUSES_AT_ONCE} statuses`, 'id');
    return loadStatuses(app, ids, viewer);
  },
});

const show = defineRoute({
  method: 'get',
  path: '/api/v1/statuses/:id{[0-9]+}',
  summary: 'A status',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params, c }) => {
    const status = await getVisibleStatus(app, params.id, viewer);
    // Counted for the author's statistics (aggregate, deduplicated per day; never waits).
    countStatusView(app, c, status, c.get('viewer')?.accountId ?? null);
    return status;
  },
});

const edit = putAndPatch({
  path: '/api/v1/statuses/:id{[0-9]+}',
  summary: 'Edit one of your statuses (earlier versions are kept in its history)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: editStatusInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => {
    await editStatus(app, viewer!, params.id, body);
    return getVisibleStatus(app, params.id, viewer);
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/v1/statuses/:id{[0-9]+}',
  summary: 'Delete a status (its author, or a moderator); answers with the status and its source text',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => deleteStatus(app, viewer!, params.id),
});

const context = defineRoute({
  method: 'get',
  path: '/api/v1/statuses/:id{[0-9]+}/context',
  summary: 'The thread around a status: ancestors and descendants the viewer may see',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => statusContext(app, params.id, viewer),
});

const history = defineRoute({
  method: 'get',
  path: '/api/v1/statuses/:id{[0-9]+}/history',
  summary: 'Every version of a status, oldest first',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => statusHistory(app, params.id, viewer),
});

const source = defineRoute({
  method: 'get',
  path: '/api/v1/statuses/:id{[0-9]+}/source',
  summary: 'The source text of one of your statuses, for editing',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => {
    const found = await findVisibleStatus(app.db, params.id, viewer);
    if (!found) throw notFound('Status');
    const row = withOpenedText(app.sealer, found);
    if (row.account_id !== viewer!.accountId) throw forbidden('Only the author may read the source of this status');
    return { id: row.id, text: row.content_source, spoiler_text: row.spoiler_text, medired: { kind: row.kind, title: row.title, cover_media_id: row.cover_media_id } };
  },
});

/** Statuses, favourites and reblogs, and media uploads (which exist to be attached to statuses). */
export const statusRoutes: AnyRoute[] = [create, index, show, ...edit, remove, context, history, source, ...interactionRoutes, ...quoteTranslationRoutes, ...oembedRoutes, ...mediaRoutes];
