import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/viewer.js';
import type { HonoEnv } from '../http/hono-env.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { sseResponse } from './sse.js';
import { assertStreamExists, assertStreamScope, authenticateStream, type StreamCredentials } from './stream-auth.js';
import { parseStream, scopeForStream, type StreamKey, type StreamName } from './streams.js';
import type { AppContext } from '../app-context.js';

const tags = ['streaming'];

const streamQuery = z.object({
  tag: z.string().max(200).optional(),
  list: z.string().max(30).optional(),
  only_media: z.enum(['true', 'false', '1', '0']).optional(),
});

/** The credentials of a streaming request, wherever the client put them. */
export function credentialsOf(c: Context<HonoEnv>): StreamCredentials {
  return {
    authorization: c.req.header('authorization'),
    queryToken: c.req.query('access_token'),
    sessionToken: getCookie(c, SESSION_COOKIE),
    origin: c.req.header('origin'),
  };
}

const DESCRIPTION =
  'Server-sent events, as Mastodon: `:)` at once, `event: <update|delete|status.update|notification|conversation>` with `data: <payload>` (a JSON string; for `delete` the status id), a `:thump` comment every 15 s. The token may be sent as `Authorization: Bearer`, or as the `access_token` query parameter; the web session cookie only from this server\'s own pages (`Origin`). The WebSocket API is `/api/v1/streaming` with `Upgrade: websocket`.';

/** One server-sent events route of Mastodon's streaming API. */
function sseRoute(path: string, stream: StreamName, summary: string): AnyRoute {
  return defineRoute({
    method: 'get',
    path: `/api/v1/streaming${path}`,
    summary,
    description: DESCRIPTION,
    tags,
    auth: 'user',
    scope: scopeForStream(stream),
    acceptsQueryToken: true,
    query: streamQuery,
    errors: ['bad_request', 'not_found', 'rate_limited'],
    responseDescription: 'text/event-stream',
    handler: async ({ app, c, query }) => {
      const media = (stream === 'public' || stream === 'public:local' || stream === 'public:remote') && (query.only_media === 'true' || query.only_media === '1');
      const key = parseStream(media ? `${stream}:media` : stream, query);
      return openSse(app, c, key);
    },
  });
}

async function openSse(app: AppContext, c: Context<HonoEnv>, key: StreamKey): Promise<Response> {
  const { viewer, credential } = await authenticateStream(app, credentialsOf(c));
  assertStreamScope(viewer, key);
  await assertStreamExists(app, viewer, key);
  return sseResponse(app, { viewer, credential, stream: key, signal: c.req.raw.signal });
}

const health = defineRoute({
  method: 'get',
  path: '/api/v1/streaming/health',
  summary: 'Whether the streaming API is up: `OK` (Mastodon)',
  tags,
  auth: 'none',
  responseDescription: 'text/plain `OK`',
  handler: async ({ c }) => c.text('OK'),
});

/** `GET /api/v1/streaming?stream=…` without a WebSocket upgrade: the same stream as server-sent events. */
const anyStream = defineRoute({
  method: 'get',
  path: '/api/v1/streaming',
  summary: 'The WebSocket API (Upgrade: websocket; ?stream= and subscribe/unsubscribe messages); a plain GET with ?stream= answers server-sent events',
  description: DESCRIPTION,
  tags,
  auth: 'user',
  scope: 'read:statuses',
  acceptsQueryToken: true,
  query: streamQuery.extend({ stream: z.string().max(40).optional() }),
  errors: ['bad_request', 'not_found', 'rate_limited'],
  responseDescription: 'text/event-stream',
  handler: async ({ app, c, query }) => openSse(app, c, parseStream(query.stream, query)),
});

export const streamingRoutes: AnyRoute[] = [
  health,
  anyStream,
  sseRoute('/user', 'user', 'Your home timeline and notifications, live (Mastodon)'),
  sseRoute('/user/notification', 'user:notification', 'Your notifications, live (Mastodon)'),
  sseRoute('/public', 'public', 'Public statuses, live (Mastodon; only_media=true for public:media)'),
  sseRoute('/public/local', 'public:local', 'Public statuses of this server, live (Mastodon)'),
  sseRoute('/public/remote', 'public:remote', 'Public statuses of other servers, live: none, Medired does not federate yet'),
  sseRoute('/hashtag', 'hashtag', 'Public statuses with a hashtag (?tag=), live (Mastodon)'),
  sseRoute('/hashtag/local', 'hashtag:local', 'Public statuses of this server with a hashtag (?tag=), live (Mastodon)'),
  sseRoute('/list', 'list', "One of your lists, live (Mastodon; someone else's list: 404)"),
  sseRoute('/direct', 'direct', 'Your direct messages, live (Mastodon)'),
];
