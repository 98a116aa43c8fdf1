import { z } from 'zod';
import { APPEAL_RATE_LIMITS } from './moderation-limits.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import type { Db } from '../db/connect.js';
import { createAppeal, decideAppeal, getAppeal, listAppeals, listOwnAppeals, type AppealRow } from './appeals.service.js';
import { actionEntities, toAppealEntity } from './moderation-entities.js';
import { findActionsByIds } from './moderation.repository.js';
import { appealDecisionInput, appealInput } from './moderation.js';

const tags = ['appeals'];

async function appealEntities(db: Db, rows: AppealRow[], staff: boolean) {
  const actions = await findActionsByIds(db, rows.map((r) => r.action_id));
  const entities = new Map((await actionEntities(db, actions, staff)).map((a) => [a.id, a]));
  return rows.map((r) => toAppealEntity(r, entities.get(r.action_id) ?? null));
}

const create = defineRoute({
  method: 'post',
  path: '/api/v1/medired/appeals',
  summary: 'Appeal a moderation decision about you (once per decision; a second appeal is refused with 422)',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  body: appealInput,
  errors: ['not_found'],
  rateLimits: APPEAL_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => (await appealEntities(app.db, [await createAppeal(app.db, viewer!.accountId, body)], false))[0],
});

const mine = defineRoute({
  method: 'get',
  path: '/api/v1/medired/appeals',
  summary: 'Your appeals and their decisions',
  tags,
  auth: 'user-even-suspended',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => appealEntities(app.db, await listOwnAppeals(app.db, viewer!.accountId), false),
});

const queue = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/appeals',
  summary: 'Appeals to decide (moderators), newest first',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  query: pageQuery(20, 80).extend({ status: z.enum(['pending', 'approved', 'rejected']).default('pending') }),
  handler: async ({ app, query, c }) => {
    const rows = await listAppeals(app.db, { status: query.status, maxId: query.max_id, minId: query.min_id ?? query.since_id, limit: query.limit });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return appealEntities(app.db, rows, true);
  },
});

const getOne = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/appeals/:id{[0-9]+}',
  summary: 'One appeal with the decision it is about (moderators)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => (await appealEntities(app.db, [await getAppeal(app.db, params.id)], true))[0],
});

function decide(approve: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/medired/admin/appeals/:id{[0-9]+}/${approve ? 'approve' : 'reject'}`,
    summary: approve ? 'Uphold an appeal: the action is reverted and the author told' : 'Reject an appeal; the author is told why',
    tags,
    auth: 'moderator',
    scope: 'admin:write:reports',
    params: idParams,
    body: appealDecisionInput,
    errors: ['not_found', 'conflict', 'forbidden'],
    handler: async ({ app, viewer, params, body }) =>
      (await appealEntities(app.db, [await decideAppeal(app, viewer!.accountId, params.id, approve, body.reason)], true))[0],
  });
}

export const appealRoutes: AnyRoute[] = [create, mine, queue, getOne, decide(true), decide(false)];
