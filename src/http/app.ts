import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { resolveAccessToken } from '../auth/viewer-cache.js';
import { clientFromAccessToken, SESSION_COOKIE, viewerFromSession, viewerFromSignUpToken, type OAuthClient, type Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import { stopWorkOfGoneClients } from './client-gone.js';
import { crossOriginAccess, opensInPopup } from './cors.js';
import { UNSTORABLE_MESSAGE, unstorableUrlPart } from './params.js';
import { errorResponse } from './errors.js';
import type { HonoEnv } from './hono-env.js';
import { buildOpenApi } from './openapi.js';
import { API_RATE_LIMIT, applyRateLimit } from './rate-limit.js';
import { mountRoutes, type AnyRoute } from './route.js';

/** Largest request body accepted (media uploads included). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Who is calling: a user (bearer token or session cookie), or an application alone (an app-only
 * client-credentials token: no viewer, but `client` names the app, as Mastodon's registration needs).
 */
async function resolveViewer(
  app: AppContext,
  authorization: string | undefined,
  sessionToken: string | undefined,
): Promise<{ viewer: Viewer | null; client: OAuthClient | null; signUp?: Viewer }> {
  if (authorization) {
    // HTTP Basic carries client credentials to /oauth/token and /oauth/revoke, not a user.
    if (/^Basic\s/i.test(authorization)) return { viewer: null, client: null };
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>"');
    const viewer = await resolveAccessToken(app, match[1]!);
    if (viewer) return { viewer, client: null };
    const client = await clientFromAccessToken(app.db, match[1]!);
    if (client) return { viewer: null, client };
    // The token of a sign-up still waiting for its e-mail confirmation: no viewer, except for the
    // routes that serve it (`acceptsSignUpToken`, route.ts), which refuse it with 401 otherwise.
    const signUp = await viewerFromSignUpToken(app.db, match[1]!);
    if (signUp) return { viewer: null, client: null, signUp };
    throw new AppError('unauthorized', 'The access token is invalid');
  }
  if (sessionToken) return { viewer: await viewerFromSession(app.db, sessionToken, app.config.sessionIdleMinutes), client: null };
  return { viewer: null, client: null };
}

/** What the application is made of, assembled by `src/app.ts` from the domains. */
export interface HttpParts {
  /** The JSON API routes; the OpenAPI document is generated from them. */
  apiRoutes: AnyRoute[];
  /** Paths whose bodies may be larger than `MAX_BODY_BYTES` (media uploads), and their limit. */
  largeBodies?: { paths: readonly string[]; maxBytes: number };
  /**
   * Origins pages may load in frames (the CSP's `frame-src`, exactly these): the video players a
   * visitor loads with a click. None when empty.
   */
  frameSources?: readonly string[];
  /** Checks every request passes before anything is done for it (the IP `no_access` blocks). */
  gates?: MiddlewareHandler<HonoEnv>[];
  /** Mounted after the API in this order (files, then the web interface with its fallback). */
  mounts?: ((hono: Hono<HonoEnv>, app: AppContext) => void)[];
}

/**
 * Builds the HTTP application from its parts: middleware (request ids, security headers, body
 * limits, the viewer, the API-wide rate limit), the JSON API, OpenAPI, then the other mounts and
 * the error handling. Knows no domain: `src/app.ts` hands it the routes.
 */
export function createHttpApp(app: AppContext, parts: HttpParts): Hono<HonoEnv> {
  const routes = parts.apiRoutes;
  // strict: false — `/api/v1/instance/` is `/api/v1/instance`, as clients and Mastodon treat it.
  const hono = new Hono<HonoEnv>({ strict: false });
  const log = app.log.child('http');

  // A client that disconnects stops its database work (src/db/abort-scope.ts).
  hono.use(stopWorkOfGoneClients());
  hono.use(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    c.set('log', log.child('request', { requestId }));
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    log.debug('request', { requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  hono.use(crossOriginAccess());
  for (const gate of parts.gates ?? []) hono.use(gate);
  // API answers are about someone (a message, a care request, a private group's post…): no cache
  // on the way may keep them, as Mastodon answers; a route that is public says so itself.
  hono.use(async (c, next) => {
    await next();
    if (c.req.path.startsWith('/api/') && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'private, no-store');
  });
  hono.use(async (c, next) => {
    if (opensInPopup(c.req.path)) c.header('Cross-Origin-Opener-Policy', 'unsafe-none');
    await next();
  });
  // overwrite: false lets a page tighten or extend a header itself (the OAuth consent page must
  // allow its form to redirect to the client's registered redirect URI: CSP form-action).
  const frameSrc = parts.frameSources?.length ? [...parts.frameSources] : ["'none'"];
  hono.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'], mediaSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"], frameSrc, frameAncestors: ["'none'"], formAction: ["'self'"], baseUri: ["'none'"] }, crossOriginResourcePolicy: false, overwrite: false }));
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', `The request body is larger than ${maxSize / 1024 / 1024} MB`);
      },
    });
  const defaultBodyLimit = limitBody(MAX_BODY_BYTES);
  // Media uploads may carry a video, larger than any other request.
  const large = parts.largeBodies;
  const largeBodyLimit = large ? limitBody(large.maxBytes) : defaultBodyLimit;
  // Web forms with files (composers take up to four attachments, a gallery pair two images) get
  // room for four of the largest uploads, so an over-size file comes back as the form's own field
  // error with everything typed kept, not as a refused body.
  const webUploadLimit = large ? limitBody(large.maxBytes * 4) : defaultBodyLimit;
  const isWebUpload = (path: string, type: string | undefined) => !path.startsWith('/api/') && (type ?? '').toLowerCase().startsWith('multipart/form-data');
  hono.use((c, next) => {
    if (large?.paths.includes(c.req.path.replace(/(.)\/+$/, '$1'))) return largeBodyLimit(c, next);
    if (isWebUpload(c.req.path, c.req.header('content-type'))) return webUploadLimit(c, next);
    return defaultBodyLimit(c, next);
  });
  // No part of the URL (path segments, query keys and values) may hold what PostgreSQL cannot
  // store; API routes check their bodies too (route.ts), web forms rely on the error mapping.
  // Files (/media/, /static/) are looked up on disk, where such a name just matches nothing (404).
  hono.use(async (c, next) => {
    const field = /^\/(media|static)\//.test(c.req.path) ? null : unstorableUrlPart(new URL(c.req.url));
    if (field) throw new AppError('validation_failed', `Validation failed: ${field}: ${UNSTORABLE_MESSAGE}`, { details: [{ field, message: UNSTORABLE_MESSAGE, key: 'errors.validation.unstorable' }], key: 'errors.code.validation_failed' });
    await next();
  });
  hono.use(async (c, next) => {
    c.set('viewer', null);
    c.set('oauthClient', null);
    c.set('signUpViewer', null);
    c.set('lang', 'es');
    const { viewer, client, signUp } = await resolveViewer(app, c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    // Web pages see a session still waiting for its second factor as nobody, except the sign-in
    // pages that finish it (API routes refuse it with `mfa_required` in route.ts).
    const pendingHidden = viewer?.mfaPending && !c.req.path.startsWith('/auth/') && !c.req.path.startsWith('/api/');
    c.set('viewer', pendingHidden ? null : viewer);
    c.set('oauthClient', client);
    c.set('signUpViewer', signUp ?? null);
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/oauth/')) {
      await applyRateLimit(c, app, API_RATE_LIMIT, { viewer, body: undefined });
    }
    await next();
  });

  const openApi = buildOpenApi(routes, { title: `${app.config.instanceName} API`, version: '1.0.0', serverUrl: app.config.publicUrl });
  hono.get('/api/openapi.json', (c) => c.json(openApi));
  mountRoutes(hono, app, routes);
  for (const mount of parts.mounts ?? []) mount(hono, app);

  hono.notFound((c) => c.json({ error: 'Record not found', code: 'not_found', key: 'errors.code.not_found' }, 404));
  hono.onError((err, c) => errorResponse(c, err, log));
  return hono;
}
