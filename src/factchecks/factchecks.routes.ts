import { defineRoute, type AnyRoute } from '../http/route.js';
import { FACT_CHECK_RATE_LIMITS } from './factcheck-limits.js';
import { idParams } from '../http/schemas.js';
import { factCheckInput, factCheckTargetQuery, ratingInput } from './factchecks.js';
import { createFactCheck, deleteFactCheck, factChecksFor, getFactCheck, rateFactCheck } from './factchecks.service.js';

const tags = ['fact_checks'];
const base = '/api/v1/medired/fact_checks';

const list = defineRoute({
  method: 'get',
  path: base,
  summary: 'Fact-check notes about a status or a consulta answer (public ones; all of them for verified professionals and staff)',
  tags,
  auth: 'optional',
  query: factCheckTargetQuery,
  errors: ['not_found'],
  handler: async ({ app, viewer, query }) => factChecksFor(app, viewer, query.target_type, query.target_id),
});

const create = defineRoute({
  method: 'post',
  path: base,
  summary: 'Attach a fact-check note with 1–5 source links to a status or consulta answer (verified professionals only)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: factCheckInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  rateLimits: FACT_CHECK_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => getFactCheck(app, viewer, await createFactCheck(app, viewer!, body)),
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'One fact-check note, if the viewer may see it',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => getFactCheck(app, viewer, params.id),
});

const rate = defineRoute({
  method: 'post',
  path: `${base}/:id/rate`,
  summary: "Rate another professional's note helpful (helpful=true) or unhelpful; rating again changes it (verified professionals only)",
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: ratingInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => {
    await rateFactCheck(app, viewer!, params.id, body.helpful);
    return getFactCheck(app, viewer, params.id);
  },
});

const remove = defineRoute({
  method: 'delete',
  path: `${base}/:id`,
  summary: 'Delete your note (staff: any note)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => {
    await deleteFactCheck(app, viewer!, params.id);
    return {};
  },
});

/** Fact-check notes' JSON API. */
export const factCheckRoutes: AnyRoute[] = [list, create, show, rate, remove];
