import { defineRoute, type AnyRoute } from '../http/route.js';
import { ALERT_RATE_LIMITS } from './alert-limits.js';
import { idParams } from '../http/schemas.js';
import { alertInput, alertListQuery } from './alerts.js';
import { activeAlertsFor, getAlert, listAlerts, publishAlert, serializeAlerts, updateAlert, withdrawAlert } from './alerts.service.js';

const tags = ['alerts'];
const base = '/api/v1/medired/alerts';

const list = defineRoute({
  method: 'get',
  path: base,
  summary: 'Public list of health alerts: active ones, or (status=all) also those that ended in the last 30 days',
  tags,
  auth: 'optional',
  query: alertListQuery,
  handler: async ({ c, app, query }) => {
    const page = await listAlerts(app, query);
    if (page.nextMaxId) {
      const url = new URL(c.req.url);
      url.searchParams.set('max_id', page.nextMaxId);
      c.header('Link', `<${url.toString()}>; rel="next"`);
    }
    return serializeAlerts(app, page.alerts);
  },
});

const active = defineRoute({
  method: 'get',
  path: `${base}/active`,
  summary: "Alerts pinned on the signed-in account's home: from organisations it follows and for its region",
  tags,
  auth: 'user',
  scope: 'read:statuses',
  handler: async ({ app, viewer }) => serializeAlerts(app, await activeAlertsFor(app, viewer)),
});

const publish = defineRoute({
  method: 'post',
  path: base,
  summary: 'Publish a health alert (verified organisations only); expires_at is required, in the future and at most 90 days away',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: alertInput,
  errors: ['forbidden'],
  rateLimits: ALERT_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => (await serializeAlerts(app, [await publishAlert(app, viewer!, body)]))[0],
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'One health alert (active or not)',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => (await serializeAlerts(app, [await getAlert(app, params.id)]))[0],
});

const update = defineRoute({
  method: 'put',
  path: `${base}/:id`,
  summary: 'Edit your alert while it is up',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: alertInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params, body }) => (await serializeAlerts(app, [await updateAlert(app, viewer!, params.id, body)]))[0],
});

const withdraw = defineRoute({
  method: 'delete',
  path: `${base}/:id`,
  summary: 'Withdraw your alert (staff: any alert); it stops showing at once',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params }) => (await serializeAlerts(app, [await withdrawAlert(app, viewer!, params.id)]))[0],
});

/** Health alerts' JSON API (`/active` before `/:id` so it matches first). */
export const alertRoutes: AnyRoute[] = [list, active, publish, show, update, withdraw];
