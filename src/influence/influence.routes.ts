import { getVisibleAccount } from '../accounts/accounts.service.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { influenceOf } from './influence.service.js';

/** `GET /api/v1/medired/accounts/:id/influence`: an account's stored influence score and what it is made of. */
const show = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id/influence',
  summary: "An account's influence score (0–100) and its breakdown: engagement, reach, answers, endorsements, response times, penalties",
  description: 'Professionals and organisations only (others answer `score: null`). Recomputed by a background job within minutes of a change; see the README for the formula.',
  tags: ['influence'],
  auth: 'optional',
  params: idParams,
  errors: ['not_found', 'gone'],
  handler: async ({ app, params, viewer }) => {
    const account = await getVisibleAccount(app.db, params.id, viewer);
    return influenceOf(app, account.id);
  },
});

export const influenceRoutes: AnyRoute[] = [show];
