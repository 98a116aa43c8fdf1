import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { rescheduleInput } from './scheduled-statuses.js';
import { cancelScheduledStatus, getScheduledStatus, listScheduledStatuses, rescheduleStatus } from './scheduled-statuses.service.js';

const tags = ['scheduled_statuses'];

const list = defineRoute({
  method: 'get',
  path: '/api/v1/scheduled_statuses',
  summary: 'Your scheduled statuses, newest first (schedule one with `scheduled_at` on POST /api/v1/statuses)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: pageQuery(20, 40),
  handler: async ({ app, viewer, query, c }) => {
    const page = await listScheduledStatuses(app, viewer!, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    const link = linkHeader(c.req.url, page.map((s) => s.id));
    if (link) c.header('Link', link);
    return page;
  },
});

const show = defineRoute({
  method: 'get',
  path: '/api/v1/scheduled_statuses/:id{[0-9]+}',
  summary: 'One of your scheduled statuses',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => getScheduledStatus(app, viewer!, params.id),
});

const update = putAndPatch({
  path: '/api/v1/scheduled_statuses/:id{[0-9]+}',
  summary: 'Move one of your scheduled statuses to another time (at least 5 minutes ahead)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: rescheduleInput,
  errors: ['not_found', 'validation_failed'],
  handler: async ({ app, viewer, params, body }) => rescheduleStatus(app, viewer!, params.id, body.scheduled_at),
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/v1/scheduled_statuses/:id{[0-9]+}',
  summary: 'Cancel one of your scheduled statuses',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await cancelScheduledStatus(app, viewer!, params.id);
    return {};
  },
});

export const scheduledStatusRoutes: AnyRoute[] = [list, show, ...update, remove];
