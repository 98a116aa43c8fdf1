import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { voteInput } from './polls.js';
import { getPoll, vote } from './polls.service.js';

const tags = ['polls'];

const show = defineRoute({
  method: 'get',
  path: '/api/v1/polls/:id{[0-9]+}',
  summary: 'A poll (of a status the viewer may see)',
  tags,
  auth: 'optional',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => getPoll(app, viewer, params.id),
});

const votes = defineRoute({
  method: 'post',
  path: '/api/v1/polls/:id{[0-9]+}/votes',
  summary: 'Vote in a poll: `choices[]` are option indexes (one unless the poll is multiple-choice); not in your own poll, once, before it ends',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: voteInput,
  errors: ['not_found', 'validation_failed'],
  handler: async ({ app, viewer, params, body }) => vote(app, viewer!, params.id, body.choices),
});

export const pollRoutes: AnyRoute[] = [show, votes];
