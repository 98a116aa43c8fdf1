import { defineRoute, type AnyRoute } from '../http/route.js';
import { linkHeader } from '../http/pagination.js';
import { idParams } from '../http/schemas.js';
import { CARE_REQUEST_RATE_LIMITS } from './care-request-limits.js';
import { toCareRequestEntities } from './care-request-entity.js';
import { answerCareRequestInput, careRequestListQuery, createCareRequestInput } from './care-requests.js';
import { answerCareRequest, closeCareRequest, createCareRequest, getCareRequest, listReceivedRequests, listSentRequests } from './care-requests.service.js';

const tags = ['care_requests'];
const base = '/api/v1/medired/care_requests';

const create = defineRoute({
  method: 'post',
  path: base,
  summary: 'Send a care request (appointment with up to three preferred slots, question about a service, administrative matter) to a professional or organisation that accepts online requests; its text is the first message of a private conversation',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: createCareRequestInput,
  errors: ['forbidden', 'conflict', 'rate_limited'],
  rateLimits: CARE_REQUEST_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => (await toCareRequestEntities(app, [await createCareRequest(app, viewer!, body)]))[0],
});

const received = defineRoute({
  method: 'get',
  path: base,
  summary: 'Care requests you received, newest first (filter by state: new, answered, closed); Link header pagination',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: careRequestListQuery,
  handler: async ({ c, app, viewer, query }) => {
    const rows = await listReceivedRequests(app, viewer!, query);
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return toCareRequestEntities(app, rows);
  },
});

const sent = defineRoute({
  method: 'get',
  path: `${base}/sent`,
  summary: 'Care requests you sent, newest first; Link header pagination',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: careRequestListQuery,
  handler: async ({ c, app, viewer, query }) => {
    const rows = await listSentRequests(app, viewer!, query);
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return toCareRequestEntities(app, rows);
  },
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'One care request (its two parties only)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => (await toCareRequestEntities(app, [await getCareRequest(app, viewer!, params.id)]))[0],
});

const answer = defineRoute({
  method: 'post',
  path: `${base}/:id/answer`,
  summary: "Answer a care request you received: a message into its conversation (the first one sets the state to answered)",
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: answerCareRequestInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params, body }) => (await toCareRequestEntities(app, [(await answerCareRequest(app, viewer!, params.id, body.text)).request]))[0],
});

const close = defineRoute({
  method: 'post',
  path: `${base}/:id/close`,
  summary: 'Close a care request (either party); its conversation stays',
  tags,
  auth: 'user',
  scope: 'write:conversations',
  params: idParams,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params }) => (await toCareRequestEntities(app, [await closeCareRequest(app, viewer!, params.id)]))[0],
});

/** Care requests' JSON API (`/sent` before `/:id` so it matches first). */
export const careRequestRoutes: AnyRoute[] = [create, received, sent, show, answer, close];
