import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { authorizeFollowRequest, listFollowRequests, rejectFollowRequest } from './follow-requests.service.js';
import { relationshipWith } from './relationships.js';

const tags = ['follow_requests'];

const listRoute = defineRoute({
  method: 'get',
  path: '/api/v1/follow_requests',
  summary: 'Accounts asking to follow you (a locked account), newest request first',
  tags,
  auth: 'user',
  scope: 'read:follows',
  query: pageQuery(40, 80),
  handler: async ({ app, viewer, query, c }) => {
    const page = await listFollowRequests(app.db, viewer!.accountId, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
    const link = linkHeader(c.req.url, page.map((p) => p.cursor));
    if (link) c.header('Link', link);
    return page.flatMap((p) => (rows.has(p.accountId) ? [toMastodonAccount(rows.get(p.accountId)!, app.config)] : []));
  },
});

function answerRoute(answer: 'authorize' | 'reject') {
  return defineRoute({
    method: 'post',
    path: `/api/v1/follow_requests/:id{[0-9]+}/${answer}`,
    summary: answer === 'authorize' ? 'Accept a follow request: the account becomes your follower' : 'Reject a follow request',
    tags,
    auth: 'user',
    scope: 'write:follows',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      if (answer === 'authorize') await authorizeFollowRequest(app, viewer!.accountId, params.id);
      else await rejectFollowRequest(app.db, viewer!.accountId, params.id);
      return relationshipWith(app.db, viewer!.accountId, params.id);
    },
  });
}

export const followRequestRoutes: AnyRoute[] = [listRoute, answerRoute('authorize'), answerRoute('reject')];
