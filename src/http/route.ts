import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { readerOf } from '../auth/reader.js';
import { missingStaffPower } from '../auth/staff-power.js';
import { hasScope, type Viewer } from '../auth/viewer.js';
import { resolveAccessToken } from '../auth/viewer-cache.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { safeEqual } from '../auth/tokens.js';
import { checkAnonymousCsrf } from '../auth/anonymous-csrf.js';
import { assertJsonDepth, normalizeParams, UNSTORABLE_MESSAGE, unstorableField } from './params.js';
import { applyRateLimit, type RateLimitRule } from './rate-limit.js';
import type { HonoEnv } from './hono-env.js';
import { httpStatusOf, validationError } from './errors.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route. `optional` resolves the viewer when there is one, as a reader
 * (`readerOf`: a suspended account reads as an anonymous visitor); `user` needs a signed-in
 * account that is not suspended; `moderator` and `admin` need staff power (`hasStaffPower`: that
 * staff role, admins being moderators too, and two-factor authentication enabled) and a
 * completed second factor.
 */
export type AuthRequirement = 'none' | 'optional' | 'user' | 'user-even-suspended' | 'moderator' | 'admin';

export interface RouteContext<Q, B, P> {
  c: Context<HonoEnv>;
  app: AppContext;
  log: Logger;
  /** Signed-in account; always set when `auth` is `user`, `moderator` or `admin`. */
  viewer: Viewer | null;
  query: Q;
  body: B;
  params: P;
}

/** A route declared as data: the API description is generated from these. */
export interface RouteSpec<Q = unknown, B = unknown, P = unknown> {
  method: HttpMethod;
  /** Hono path syntax, e.g. `/api/v1/statuses/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthRequirement;
  /** OAuth scope a bearer token needs (web sessions have every scope). */
  scope?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Error codes the route may answer with besides validation, auth and rate limits. */
  errors?: ErrorCode[];
  /** Rate limits beyond the API-wide one. */
  rateLimits?: RateLimitRule<B>[];
  /** Extra response description for the OpenAPI document (defaults to JSON). */
  responseDescription?: string;
  /** Hidden from the OpenAPI document (e.g. HTML form endpoints). */
  internal?: boolean;
  /**
   * Also accepts the bearer token in the `access_token` query parameter, for clients that cannot
   * set headers (Mastodon's streaming API: EventSource, WebSocket). Nowhere else: URLs are logged.
   */
  acceptsQueryToken?: boolean;
  /**
   * Also accepts the token a sign-up got (`POST /api/v1/accounts`) while its e-mail address still
   * waits for confirmation; the viewer then has `emailUnconfirmed` (Mastodon's `/api/v1/emails/*`).
   * Every other route refuses such a token, as if it did not exist.
   */
  acceptsSignUpToken?: boolean;
  /** Set on web form routes (see `defineFormRoute`): the answer is a page or a redirect, not JSON. */
  form?: FormBehaviour<P>;
  handler: (ctx: RouteContext<Q, B, P>) => Promise<unknown>;
}

/** What a form route's `onError` receives: the request, and the form as it was typed. */
export interface FormErrorContext<P> {
  c: Context<HonoEnv>;
  app: AppContext;
  viewer: Viewer | null;
  /** Path parameters, parsed when they were valid (undefined otherwise). */
  params: P | undefined;
  /** Every field of the posted form, unparsed, so the page can show what was typed. */
  raw: Record<string, unknown>;
  /** The HTTP status of the refusal (422 for validation, 429 for rate limits…). */
  status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;
}

/** The HTML side of a web form route. */
export interface FormBehaviour<P> {
  /**
   * `session` (default): a signed-in browser posts with its session's synchroniser token.
   * `anonymous`: a visitor's form (sign-in, sign-up) carries the double-submit cookie token.
   */
  csrf: 'session' | 'anonymous';
  /** Keeps a session that still waits for its second factor (the two-factor step, sign-out). */
  allowPendingSecondFactor?: boolean;
  /**
   * Renders the form again when the post is refused after authentication (a wrong CSRF token,
   * validation, rate limits, a domain error): returns the page, or undefined for the generic
   * HTML error page (which is what a wrong CSRF token gets unless the form says otherwise).
   */
  onError?: (ctx: FormErrorContext<P>, err: AppError) => Response | undefined | Promise<Response | undefined>;
}

/** The viewer a route's handler gets: always an account unless the route is open to visitors. */
export type ViewerFor<A extends AuthRequirement> = A extends 'none' | 'optional' ? Viewer | null : Viewer;

/** What a form route's handler receives: the route context, its viewer typed by `auth`. */
export type FormRouteContext<B, P, A extends AuthRequirement> = Omit<RouteContext<Record<string, unknown>, B, P>, 'viewer'> & { viewer: ViewerFor<A> };

/** The declaration of a web form route: the API route declaration, answered with HTML. */
export interface FormRouteSpec<B = unknown, P = unknown, A extends AuthRequirement = AuthRequirement> {
  /** Hono path syntax. Form routes are POSTs. */
  path: string;
  summary: string;
  auth: A;
  scope?: string;
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  errors?: ErrorCode[];
  rateLimits?: RateLimitRule<B>[];
  csrf?: 'session' | 'anonymous';
  allowPendingSecondFactor?: boolean;
  onError?: FormBehaviour<P>['onError'];
  /** Answers a redirect (303 after a successful post) or a page. */
  handler: (ctx: FormRouteContext<B, P, A>) => Promise<Response> | Response;
}

/** Declares a route; a function only so that TypeScript infers the schema types for the handler. */
export function defineRoute<Q = unknown, B = unknown, P = unknown>(spec: RouteSpec<Q, B, P>): RouteSpec<Q, B, P> {
  return spec;
}

/**
 * Declares a web form route with the same boundary as an API route (body schema, auth, CSRF,
 * scopes, rate limits, error mapping); it answers HTML, is hidden from the OpenAPI document, and
 * sends visitors who are not signed in to the sign-in page.
 */
export function defineFormRoute<B = Record<string, unknown>, P = Record<string, string>, A extends AuthRequirement = AuthRequirement>(spec: FormRouteSpec<B, P, A>): RouteSpec<Record<string, unknown>, B, P> {
  const { csrf = 'session', allowPendingSecondFactor, onError, handler, ...rest } = spec;
  const open = spec.auth === 'none' || spec.auth === 'optional';
  return {
    ...rest,
    method: 'post',
    tags: ['web'],
    internal: true,
    form: { csrf, ...(allowPendingSecondFactor ? { allowPendingSecondFactor } : {}), ...(onError ? { onError } : {}) },
    handler: async (ctx) => {
      // The boundary has already refused visitors on routes that need an account (checkAuth).
      if (!open && !ctx.viewer) throw new AppError('unauthorized', 'This action needs you to be signed in');
      return handler(ctx as FormRouteContext<B, P, A>);
    },
  };
}

// biome-ignore lint: the list mixes routes of different input types
export type AnyRoute = RouteSpec<any, any, any>;

/**
 * Mastodon's `update` routes answer both PUT and PATCH (Rails declares both): the same
 * declaration, once for each method, so both are in the route table and its tests.
 */
export function putAndPatch<Q, B, P>(spec: Omit<RouteSpec<Q, B, P>, 'method'>): [RouteSpec<Q, B, P>, RouteSpec<Q, B, P>] {
  return [
    { ...spec, method: 'put' },
    { ...spec, method: 'patch' },
  ];
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function parseWith<T>(schema: z.ZodType<T> | undefined, input: unknown, where: string): T {
  if (!schema) return undefined as T;
  const unstorable = unstorableField(input, where);
  if (unstorable) {
    throw new AppError('validation_failed', `Validation failed: ${unstorable}: ${UNSTORABLE_MESSAGE}`, { details: [{ field: unstorable, message: UNSTORABLE_MESSAGE, key: 'errors.validation.unstorable' }], key: 'errors.code.validation_failed' });
  }
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

async function readBody(c: Context<HonoEnv>): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const text = await c.req.text();
    if (!text.trim()) return {};
    assertJsonDepth(text);
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // fall through to the error below
    }
    throw new AppError('bad_request', 'The request body is not a valid JSON object');
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch (err) {
      // A client that went away is not a malformed body: the gone-client handling answers it.
      if (c.req.raw.signal.aborted) throw err;
      throw new AppError('bad_request', 'The request body is not valid form data (a missing or wrong multipart boundary, or a body cut short)');
    }
    return normalizeParams([...form.entries()]);
  }
  if (!type) return {};
  throw new AppError('unsupported_media_type', 'Send the body as JSON, form-urlencoded or multipart form data');
}

function checkAuth(spec: AnyRoute, viewer: Viewer | null): void {
  if (spec.auth === 'none' || spec.auth === 'optional') return;
  if (!viewer) throw new AppError('unauthorized', 'This action needs you to be signed in');
  if (viewer.mfaPending) throw new AppError('mfa_required', 'Enter your two-factor authentication code first');
  if (spec.scope && !hasScope(viewer.scopes, spec.scope)) {
    throw new AppError('forbidden', `This action is outside the granted scopes (needs ${spec.scope})`);
  }
  if (viewer.suspended && spec.auth !== 'user-even-suspended') {
    throw new AppError('forbidden', 'Your account is suspended');
  }
  if (spec.auth !== 'moderator' && spec.auth !== 'admin') return;
  const missing = missingStaffPower(viewer, spec.auth);
  if (missing === 'role') throw new AppError('forbidden', spec.auth === 'admin' ? 'This action is for administrators' : 'This action is for moderators', { key: spec.auth === 'admin' ? 'staff.adminsOnly' : 'staff.moderatorsOnly' });
  if (missing) throw new AppError('forbidden', 'Staff actions require two-factor authentication: enable it in Settings → Security (/settings/security) first', { key: 'staff.needsMfa' });
}

/** Cookie-authenticated writes must prove they come from our own pages (synchroniser token). */
function checkCsrf(c: Context<HonoEnv>, viewer: Viewer | null, body: Record<string, unknown>): void {
  if (!viewer || viewer.via !== 'session' || !UNSAFE_METHODS.has(c.req.method)) return;
  const sent = c.req.header('x-csrf-token') ?? (typeof body._csrf === 'string' ? body._csrf : '');
  if (!viewer.csrfToken || !sent || !safeEqual(sent, viewer.csrfToken)) {
    throw new AppError('csrf_failed', 'The form has expired. Reload the page and try again.');
  }
}

/** Where a refused form post sends a visitor who is not signed in: sign-in, then back to the form's page. */
function signInRedirect(c: Context<HonoEnv>, app: AppContext, raw: Record<string, unknown>): Response {
  const target = typeof raw.return_to === 'string' ? raw.return_to : refererPath(c, app);
  const back = target && /^\/(?![/\\])[^\s\\]*$/.test(target) ? target : '/';
  return c.redirect(back === '/' ? '/auth/sign_in' : `/auth/sign_in?return_to=${encodeURIComponent(back)}`, 303);
}

function refererPath(c: Context<HonoEnv>, app: AppContext): string | null {
  const referer = c.req.header('referer');
  if (!referer) return null;
  try {
    const url = new URL(referer);
    const ours = [new URL(c.req.url).origin, new URL(app.config.publicUrl).origin];
    return ours.includes(url.origin) ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/** The form-route pipeline: the API boundary's steps, with refusals answered for a browser. */
async function runFormRoute(c: Context<HonoEnv>, app: AppContext, spec: AnyRoute, form: FormBehaviour<unknown>): Promise<Response> {
  const resolved = c.get('viewer');
  // Forms are pages of a browser: only a browser session signs them (bearer tokens do not).
  const session = resolved?.via === 'session' ? resolved : null;
  const viewer = session?.mfaPending && !form.allowPendingSecondFactor && (spec.auth === 'none' || spec.auth === 'optional') ? null : session;
  const rawQuery = normalizeParams(new URL(c.req.url).searchParams.entries());
  const raw = { ...rawQuery, ...(await readBody(c)) };
  const signedIn = viewer && (!viewer.mfaPending || form.allowPendingSecondFactor);
  if (spec.auth !== 'none' && spec.auth !== 'optional' && !signedIn) {
    if (viewer?.mfaPending) return c.redirect('/auth/two_factor', 303);
    return signInRedirect(c, app, raw);
  }
  let params: unknown;
  const refuse = async (err: unknown): Promise<Response> => {
    if (!(err instanceof AppError) || !form.onError) throw err;
    const page = await form.onError({ c, app, viewer, params, raw, status: httpStatusOf[err.code] }, err);
    if (!page) throw err;
    return page;
  };
  try {
    if (form.csrf === 'anonymous') checkAnonymousCsrf(c, app.config, raw._csrf);
    else checkCsrf(c, viewer, raw);
  } catch (err) {
    return refuse(err);
  }
  if (!(form.allowPendingSecondFactor && viewer?.mfaPending)) checkAuth(spec, spec.auth === 'none' ? null : viewer);
  params = parseWith(spec.params, c.req.param(), 'path');
  try {
    const body = parseWith(spec.body, raw, 'body');
    for (const rule of spec.rateLimits ?? []) await applyRateLimit(c, app, rule, { viewer, body });
    const result = await spec.handler({ c, app, log: c.get('log'), viewer, query: rawQuery, body, params });
    return result as Response;
  } catch (err) {
    return refuse(err);
  }
}

/** The viewer of an `access_token` query parameter (routes with `acceptsQueryToken`); 401 when invalid. */
async function viewerFromQueryToken(c: Context<HonoEnv>, app: AppContext): Promise<Viewer | null> {
  const token = c.req.query('access_token');
  if (!token) return null;
  const viewer = await resolveAccessToken(app, token);
  if (!viewer) throw new AppError('unauthorized', 'The access token is invalid');
  c.set('viewer', viewer);
  return viewer;
}

/** Mounts declared routes on a Hono app: parsing, validation, auth, CSRF and rate limits. */
export function mountRoutes(hono: Hono<HonoEnv>, app: AppContext, routes: AnyRoute[]): void {
  for (const spec of routes) {
    const form = spec.form;
    if (form) {
      hono.on(spec.method.toUpperCase(), spec.path, (c) => runFormRoute(c, app, spec, form));
      continue;
    }
    hono.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const resolved =
        c.get('viewer') ?? (spec.acceptsQueryToken ? await viewerFromQueryToken(c, app) : null) ?? (spec.acceptsSignUpToken ? c.get('signUpViewer') : null);
      // Where signing in is optional, the viewer is a reader: a session still waiting for its
      // second factor, or a suspended account, reads only what an anonymous visitor reads.
      const viewer = spec.auth === 'none' || spec.auth === 'optional' ? readerOf(resolved) : resolved;
      const log = c.get('log');
      const hasBody = UNSAFE_METHODS.has(c.req.method);
      const rawQuery = normalizeParams(new URL(c.req.url).searchParams.entries());
      const rawBody = hasBody ? { ...rawQuery, ...(await readBody(c)) } : {};
      checkCsrf(c, viewer, rawBody);
      checkAuth(spec, spec.auth === 'none' ? null : viewer);
      const params = parseWith(spec.params, c.req.param(), 'path');
      const query = parseWith(spec.query, rawQuery, 'query');
      const body = parseWith(spec.body, rawBody, 'body');
      for (const rule of spec.rateLimits ?? []) await applyRateLimit(c, app, rule, { viewer, body });
      const result = await spec.handler({ c, app, log, viewer, query, body, params });
      if (result instanceof Response) return result;
      return c.json(result as object);
    });
  }
}
