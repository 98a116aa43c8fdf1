import type { Context } from 'hono';
import { WorkAbortedError } from '../db/abort-scope.js';
import { badInputState } from '../db/errors.js';
import { AppError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';

/** The one mapping from domain error codes to HTTP statuses. */
export const httpStatusOf: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503> = {
  bad_request: 400,
  validation_failed: 422,
  unauthorized: 401,
  mfa_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
  internal: 500,
};

/**
 * The JSON error shape. `error` is Mastodon's field (clients show it); `code` is stable for
 * programs; `details` lists per-field problems.
 */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
  details?: { field?: string; message: string }[];
}

export function errorBody(err: AppError): ErrorBody {
  return { error: err.message, code: err.code, ...(err.details ? { details: err.details } : {}) };
}

/** Turns any thrown value into a JSON response; unknown errors become a 500 without internals. */
export function errorResponse(c: Context, err: unknown, log: Logger): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(err), httpStatusOf[err.code]);
  }
  const requestId = c.get('requestId' as never) as string | undefined;
  const state = badInputState(err);
  if (state) {
    // A safety net: the boundary should have refused the value. The values are not logged.
    log.warn('bad input reached the database', { requestId, method: c.req.method, path: c.req.path, sqlState: state });
    const message = 'A value in the request cannot be stored (invalid characters, a number out of range or a value too long)';
    return c.json({ error: message, code: 'validation_failed', details: [{ message }] } satisfies ErrorBody, 422);
  }
  if (err instanceof WorkAbortedError) {
    // Nobody is listening: 499 (client closed request) is only for the logs.
    log.debug('client disconnected; work stopped', { requestId, method: c.req.method, path: c.req.path });
    return new Response(null, { status: 499 });
  }
  log.error('unhandled error', { requestId, method: c.req.method, path: c.req.path, err });
  return c.json({ error: 'Something went wrong on our side. Please try again.', code: 'internal' }, 500);
}
