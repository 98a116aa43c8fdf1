import { z } from 'zod';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zId, zList } from '../http/schemas.js';
import {
  acceptRequests,
  dismissRequests,
  pendingRequest,
  pendingRequests,
  policyOf,
  toRequestEntities,
  toV1Policy,
  updatePolicy,
} from './notification-requests.service.js';

/**
 * Mastodon 4.3's notification filtering: the policy (`/api/v2/notifications/policy`, and v1's
 * boolean form) and the requests of the senders whose notifications it kept aside
 * (`/api/v1/notifications/requests`). The rules are in `notification-filtering.ts`.
 */
const tags = ['notifications'];
const zAnswer = z.enum(['accept', 'filter', 'drop']);

const getPolicy = defineRoute({
  method: 'get',
  path: '/api/v2/notifications/policy',
  summary: 'Your notification filtering policy (Mastodon 4.3): accept, filter or drop notifications from strangers',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  handler: async ({ app, viewer }) => policyOf(app, viewer!),
});

const updatePolicyV2 = putAndPatch({
  path: '/api/v2/notifications/policy',
  summary: 'Change your notification filtering policy: for_not_following, for_not_followers, for_new_accounts, for_private_mentions, for_limited_accounts',
  description: 'Each is accept, filter (kept aside under the sender\'s request) or drop (never recorded). Fields left out stay as they were.',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  body: z.object({
    for_not_following: zAnswer.optional(),
    for_not_followers: zAnswer.optional(),
    for_new_accounts: zAnswer.optional(),
    for_private_mentions: zAnswer.optional(),
    for_limited_accounts: zAnswer.optional(),
  }),
  handler: async ({ app, viewer, body }) => updatePolicy(app, viewer!, body),
});

const getPolicyV1 = defineRoute({
  method: 'get',
  path: '/api/v1/notifications/policy',
  summary: 'Your notification filtering policy in v1\'s form: filter_* booleans (true: not accepted)',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  handler: async ({ app, viewer }) => toV1Policy(await policyOf(app, viewer!)),
});

const asAnswer = (v: boolean | undefined) => (v === undefined ? undefined : v ? ('filter' as const) : ('accept' as const));

const updatePolicyV1 = putAndPatch({
  path: '/api/v1/notifications/policy',
  summary: 'Change your notification filtering policy in v1\'s form: true filters, false accepts',
  tags,
  auth: 'user',
  scope: 'write:notifications',
  body: z.object({
    filter_not_following: zBool.optional(),
    filter_not_followers: zBool.optional(),
    filter_new_accounts: zBool.optional(),
    filter_private_mentions: zBool.optional(),
  }),
  handler: async ({ app, viewer, body }) =>
    toV1Policy(
      await updatePolicy(app, viewer!, {
        for_not_following: asAnswer(body.filter_not_following),
        for_not_followers: asAnswer(body.filter_not_followers),
        for_new_accounts: asAnswer(body.filter_new_accounts),
        for_private_mentions: asAnswer(body.filter_private_mentions),
      }),
    ),
});

const listRequests = defineRoute({
  method: 'get',
  path: '/api/v1/notifications/requests',
  summary: 'The senders whose notifications your policy kept aside, newest first (Mastodon 4.3)',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  query: pageQuery(40, 80),
  handler: async ({ app, viewer, query, c }) => {
    const rows = await pendingRequests(app, viewer!, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return toRequestEntities(app, viewer!, rows);
  },
});

const merged = defineRoute({
  method: 'get',
  path: '/api/v1/notifications/requests/merged',
  summary: 'Whether accepted requests have joined your notifications (always at once here)',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  handler: async () => ({ merged: true }),
});

const getRequest = defineRoute({
  method: 'get',
  path: '/api/v1/notifications/requests/:id{[0-9]+}',
  summary: 'One of your notification requests',
  tags,
  auth: 'user',
  scope: 'read:notifications',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => (await toRequestEntities(app, viewer!, [await pendingRequest(app, viewer!, params.id)]))[0],
});

function answerOne(accept: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/notifications/requests/:id{[0-9]+}/${accept ? 'accept' : 'dismiss'}`,
    summary: accept
      ? 'Accept a request: its notifications join your list and its sender is never filtered again'
      : 'Dismiss a request: the notifications it kept aside are deleted',
    tags,
    auth: 'user',
    scope: 'write:notifications',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      const row = await pendingRequest(app, viewer!, params.id);
      await (accept ? acceptRequests : dismissRequests)(app, viewer!, [row.id]);
      return {};
    },
  });
}

function answerMany(accept: boolean) {
  return defineRoute({
    method: 'post',
    path: `/api/v1/notifications/requests/${accept ? 'accept' : 'dismiss'}`,
    summary: accept ? 'Accept several requests (`id[]`)' : 'Dismiss several requests (`id[]`)',
    tags,
    auth: 'user',
    scope: 'write:notifications',
    body: z.object({ id: zList(zId).refine((ids) => ids.length >= 1 && ids.length <= 200, 'give between 1 and 200 ids') }),
    handler: async ({ app, viewer, body }) => {
      await (accept ? acceptRequests : dismissRequests)(app, viewer!, body.id);
      return {};
    },
  });
}

export const notificationRequestRoutes: AnyRoute[] = [
  getPolicy,
  ...updatePolicyV2,
  getPolicyV1,
  ...updatePolicyV1,
  listRequests,
  merged,
  answerMany(true),
  answerMany(false),
  getRequest,
  answerOne(true),
  answerOne(false),
];
