import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { hasScope, type Viewer } from '../auth/viewer.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { safeEqual } from '../auth/tokens.js';
import { normalizeParams } from './params.js';
import { applyRateLimit, type RateLimitRule } from './rate-limit.js';
import type { HonoEnv } from './hono-env.js';
import { validationError } from './errors.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route. `optional` resolves the viewer when there is one; `user` needs a signed-in
 * account that is not suspended; `moderator` and `admin` need that staff role (admins are
 * moderators too) and a completed second factor.
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
  handler: (ctx: RouteContext<Q, B, P>) => Promise<unknown>;
}

/** Declares a route; a function only so that TypeScript infers the schema types for the handler. */
export function defineRoute<Q = unknown, B = unknown, P = unknown>(spec: RouteSpec<Q, B, P>): RouteSpec<Q, B, P> {
  return spec;
}

// biome-ignore lint: the list mixes routes of different input types
export type AnyRoute = RouteSpec<any, any, any>;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function parseWith<T>(schema: z.ZodType<T> | undefined, input: unknown, where: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

async function readBody(c: Context<HonoEnv>): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const text = await c.req.text();
    if (!text.trim()) return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // fall through to the error below
    }
    throw new AppError('bad_request', 'The request body is not a valid JSON object');
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await c.req.formData();
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
  if (spec.auth === 'moderator' && viewer.staffRole === 'user') throw new AppError('forbidden', 'This action is for moderators');
  if (spec.auth === 'admin' && viewer.staffRole !== 'admin') throw new AppError('forbidden', 'This action is for administrators');
  if ((spec.auth === 'moderator' || spec.auth === 'admin') && !viewer.mfaEnabled) {
    throw new AppError('forbidden', 'Staff actions require two-factor authentication: enable it in Settings → Security (/settings/security) first');
  }
}

/** Cookie-authenticated writes must prove they come from our own pages (synchroniser token). */
function checkCsrf(c: Context<HonoEnv>, viewer: Viewer | null, body: Record<string, unknown>): void {
  if (!viewer || viewer.via !== 'session' || !UNSAFE_METHODS.has(c.req.method)) return;
  const sent = c.req.header('x-csrf-token') ?? (typeof body._csrf === 'string' ? body._csrf : '');
  if (!viewer.csrfToken || !sent || !safeEqual(sent, viewer.csrfToken)) {
    throw new AppError('csrf_failed', 'The form has expired. Reload the page and try again.');
  }
}

/** Mounts declared routes on a Hono app: parsing, validation, auth, CSRF and rate limits. */
export function mountRoutes(hono: Hono<HonoEnv>, app: AppContext, routes: AnyRoute[]): void {
  for (const spec of routes) {
    hono.on(spec.method.toUpperCase(), spec.path, async (c) => {
      const resolved = c.get('viewer');
      // A session still waiting for its second factor must not read anything as its user.
      const viewer = resolved?.mfaPending && (spec.auth === 'none' || spec.auth === 'optional') ? null : resolved;
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
