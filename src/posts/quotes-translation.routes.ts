import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { pageQuery } from '../http/pagination.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zId } from '../http/schemas.js';
import { findVisibleStatus } from './posts.repository.js';
import { getVisibleStatus } from './status-views.js';

/**
 * Mastodon's quote posts (4.5) and translations (4.0), which Medired does not have: nobody can
 * quote a status here (every status's policy is `nobody`) and no translation service is set up
 * (`configuration.translation.enabled` is false). The routes answer as Mastodon does in that
 * state: a status has no quotes, only `nobody` is an acceptable quote policy, and a translation
 * is refused as ineligible.
 */
const tags = ['statuses'];

const quotes = defineRoute({
  method: 'get',
  path: '/api/v1/statuses/:id{[0-9]+}/quotes',
  summary: 'Statuses quoting this one (Mastodon 4.5): always none, Medired has no quote posts',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  query: pageQuery(20, 40),
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    if (!(await findVisibleStatus(app.db, params.id, viewer))) throw notFound('Status');
    return [];
  },
});

/** The author's own status (403 for another's), as the quote routes require. */
async function ownStatus(app: AppContext, viewer: Viewer, id: string) {
  const row = await findVisibleStatus(app.db, id, viewer);
  if (!row) throw notFound('Status');
  if (row.account_id !== viewer.accountId) throw forbidden();
  return row;
}

const revoke = defineRoute({
  method: 'post',
  path: '/api/v1/statuses/:id{[0-9]+}/quotes/:quoting_status_id{[0-9]+}/revoke',
  summary: 'Revoke a quote of your status (Mastodon 4.5): there are none to revoke here',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: z.object({ id: zId, quoting_status_id: zId }),
  errors: ['not_found', 'forbidden', 'validation_failed'],
  handler: async ({ app, viewer, params }) => {
    await ownStatus(app, viewer!, params.id);
    throw invalid('That status does not quote yours: Medired has no quote posts', 'quoting_status_id');
  },
});

const interactionPolicy = putAndPatch({
  path: '/api/v1/statuses/:id{[0-9]+}/interaction_policy',
  summary: 'Change who may quote your status (Mastodon 4.5): only `nobody`, Medired has no quote posts',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: z.object({ quote_approval_policy: z.enum(['public', 'followers', 'nobody']).optional() }),
  errors: ['not_found', 'forbidden', 'validation_failed'],
  handler: async ({ app, viewer, params, body }) => {
    await ownStatus(app, viewer!, params.id);
    if (body.quote_approval_policy && body.quote_approval_policy !== 'nobody') {
      throw invalid('Statuses cannot be quoted on Medired: the only quote policy is nobody', 'quote_approval_policy');
    }
    return getVisibleStatus(app, params.id, viewer);
  },
});

const translate = defineRoute({
  method: 'post',
  path: '/api/v1/statuses/:id{[0-9]+}/translate',
  summary: 'Translate a status: refused, no translation service is configured (as Mastodon answers an ineligible one)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  body: z.object({ lang: z.string().max(10).optional() }),
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => {
    if (!(await findVisibleStatus(app.db, params.id, viewer))) throw notFound('Status');
    throw new AppError('forbidden', 'This status cannot be translated: no translation service is configured on this server');
  },
});

export const quoteTranslationRoutes: AnyRoute[] = [quotes, revoke, ...interactionPolicy, translate];
