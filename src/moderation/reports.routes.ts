import { z } from 'zod';
import { REPORT_RATE_LIMITS } from './moderation-limits.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zId } from '../http/schemas.js';
import { reportInput, zReportCategory } from './moderation.js';
import { toAdminReportEntities, toReportEntity } from './moderation-entities.js';
import { assignReport, changeReportCategory, createReport, getReport, listReports, setReportResolved } from './reports.service.js';

const tags = ['reports'];

/** At most 10 reports an hour per account and 20 per address: enough for real problems, not for brigading. */
const create = defineRoute({
  method: 'post',
  path: '/api/v1/reports',
  summary: 'Report an account, some of its posts, or other content (Medired: target_type and target_id)',
  description:
    'Categories: health_misinformation, spam, harassment, privacy, impersonation, other (Mastodon\'s legal and violation map to other). ' +
    'For Consulta content and messages send target_type (consulta_question, consulta_answer, consulta_comment, message …) and target_id.',
  tags,
  auth: 'user',
  scope: 'write:reports',
  body: reportInput,
  errors: ['not_found'],
  rateLimits: REPORT_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => toReportEntity(app, await createReport(app.db, viewer!, body)),
});

const list = defineRoute({
  method: 'get',
  path: '/api/v1/admin/reports',
  summary: 'The report queue (moderators), newest first',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  query: pageQuery(20, 80).extend({ resolved: zBool.optional(), account_id: zId.optional(), target_account_id: zId.optional() }),
  handler: async ({ app, viewer, query, c }) => {
    const rows = await listReports(app.db, {
      resolved: query.resolved ?? false,
      accountId: query.account_id,
      targetAccountId: query.target_account_id,
      maxId: query.max_id,
      minId: query.min_id ?? query.since_id,
      limit: query.limit,
    });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return toAdminReportEntities(app, rows, viewer!);
  },
});

const getOne = defineRoute({
  method: 'get',
  path: '/api/v1/admin/reports/:id{[0-9]+}',
  summary: 'One report with its statuses and the actions taken (moderators)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => (await toAdminReportEntities(app, [await getReport(app.db, params.id)], viewer!))[0],
});

function resolveRoute(resolved: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/reports/:id{[0-9]+}/${resolved ? 'resolve' : 'reopen'}`,
    summary: resolved ? 'Mark a report as handled' : 'Open a handled report again',
    tags,
    auth: 'moderator',
    scope: 'admin:write:reports',
    params: idParams,
    body: z.object({}).passthrough(),
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await toAdminReportEntities(app, [await setReportResolved(app.db, viewer!.accountId, params.id, resolved)], viewer!))[0],
  });
}

const update = putAndPatch({
  path: '/api/v1/admin/reports/:id{[0-9]+}',
  summary: 'Change the category of a report (Mastodon\'s spam, legal, violation, other, or Medired\'s own)',
  tags,
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: idParams,
  body: z.object({ category: zReportCategory.optional() }),
  errors: ['not_found', 'validation_failed'],
  handler: async ({ app, viewer, params, body }) => {
    const row = body.category ? await changeReportCategory(app.db, viewer!.accountId, params.id, body.category) : await getReport(app.db, params.id);
    return (await toAdminReportEntities(app, [row], viewer!))[0];
  },
});

function assignRoute(assign: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/reports/:id{[0-9]+}/${assign ? 'assign_to_self' : 'unassign'}`,
    summary: assign ? 'Take a report: you are its assigned moderator' : 'Leave a report: nobody is assigned to it',
    tags,
    auth: 'moderator',
    scope: 'admin:write:reports',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await toAdminReportEntities(app, [await assignReport(app.db, viewer!.accountId, params.id, assign)], viewer!))[0],
  });
}

export const reportRoutes: AnyRoute[] = [create, list, getOne, ...update, assignRoute(true), assignRoute(false), resolveRoute(true), resolveRoute(false)];
