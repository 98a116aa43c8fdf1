import type { Context } from 'hono';
import type { z } from 'zod';
import { WorkAbortedError } from '../db/abort-scope.js';
import { badInputState } from '../db/errors.js';
import { AppError, messageKeyOf, type ErrorCode, type ErrorDetail, type ErrorKey, type MessageParams } from '../errors.js';
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

/** The generic message key of each code: what a page says when an error has no key of its own. */
export const codeKey: Record<ErrorCode, ErrorKey> = {
  bad_request: 'errors.code.bad_request',
  validation_failed: 'errors.code.validation_failed',
  unauthorized: 'errors.code.unauthorized',
  mfa_required: 'errors.code.mfa_required',
  forbidden: 'errors.code.forbidden',
  csrf_failed: 'errors.code.csrf_failed',
  not_found: 'errors.code.not_found',
  gone: 'errors.code.gone',
  conflict: 'errors.code.conflict',
  payload_too_large: 'errors.code.payload_too_large',
  unsupported_media_type: 'errors.code.unsupported_media_type',
  rate_limited: 'errors.code.rate_limited',
  service_unavailable: 'errors.code.service_unavailable',
  internal: 'errors.code.internal',
};

/**
 * The JSON error shape. `error` is Mastodon's field (clients show it, in English); `code` is
 * stable for programs; `key` (with `params`) is the stable message key, the same the web pages
 * translate; `details` lists per-field problems, each with its own key.
 */
export interface ErrorBody {
  error: string;
  code: ErrorCode;
  key: ErrorKey;
  params?: MessageParams;
  details?: { field?: string; message: string; key: ErrorKey; params?: MessageParams }[];
}

/** A detail as the body carries it: always with a key (the generic input one when it had none). */
function detailBody(d: ErrorDetail): NonNullable<ErrorBody['details']>[number] {
  return { ...(d.field !== undefined ? { field: d.field } : {}), message: d.message, key: d.key ?? 'errors.validation.invalid', ...(d.params ? { params: d.params } : {}) };
}

export function errorBody(err: AppError): ErrorBody {
  return {
    error: err.message,
    code: err.code,
    key: err.key ?? codeKey[err.code],
    ...(err.params ? { params: err.params } : {}),
    ...(err.details ? { details: err.details.map(detailBody) } : {}),
  };
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
    return c.json({ error: message, code: 'validation_failed', key: 'errors.validation.notStorable', details: [{ message, key: 'errors.validation.notStorable' }] } satisfies ErrorBody, 422);
  }
  if (err instanceof WorkAbortedError) {
    // Nobody is listening: 499 (client closed request) is only for the logs.
    log.debug('client disconnected; work stopped', { requestId, method: c.req.method, path: c.req.path });
    return new Response(null, { status: 499 });
  }
  log.error('unhandled error', { requestId, method: c.req.method, path: c.req.path, err });
  return c.json({ error: 'Something went wrong on our side. Please try again.', code: 'internal', key: codeKey.internal }, 500);
}

/** The limit of a size issue, as a number for the message's `{min}`/`{max}`. */
const limit = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0);

/**
 * The stable key of one zod issue: the key its schema declared (`keyed` in src/errors.ts), or
 * else a generic one for its kind (too long, required, not an e-mail address …) with the limit as
 * a parameter, so every input problem can be said in the reader's language.
 */
export function issueKey(issue: z.core.$ZodIssue): { key: ErrorKey; params?: MessageParams } {
  const params: MessageParams = {};
  if (issue.code === 'too_big') params.max = limit(issue.maximum);
  if (issue.code === 'too_small') params.min = limit(issue.minimum);
  if (issue.code === 'custom' && issue.params) {
    for (const [k, v] of Object.entries(issue.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  const withParams = (key: ErrorKey) => (Object.keys(params).length > 0 ? { key, params } : { key });
  const declared = messageKeyOf(issue.message);
  if (declared) return withParams(declared);
  switch (issue.code) {
    case 'too_big':
      return withParams(issue.origin === 'string' ? 'errors.validation.tooLong' : issue.origin === 'array' || issue.origin === 'set' ? 'errors.validation.tooMany' : 'errors.validation.tooBig');
    case 'too_small':
      if (issue.origin === 'string') return withParams(params.min === 1 ? 'errors.validation.required' : 'errors.validation.tooShort');
      return withParams(issue.origin === 'array' || issue.origin === 'set' ? 'errors.validation.tooFew' : 'errors.validation.tooSmall');
    case 'invalid_type':
      return { key: /received undefined|received null/.test(issue.message) ? 'errors.validation.required' : 'errors.validation.invalidType' };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'errors.validation.email' : issue.format === 'url' ? 'errors.validation.url' : 'errors.validation.invalidFormat' };
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'errors.validation.invalidChoice' };
    default:
      return withParams('errors.validation.invalid');
  }
}

/** One zod issue as an error detail, dotted field path and stable key included. */
export function issueDetail(issue: z.core.$ZodIssue, where = ''): ErrorDetail {
  return { field: issue.path.map(String).join('.') || where, message: issue.message, ...issueKey(issue) };
}

/** A failed input schema as the validation error every entrance throws. */
export function validationError(error: z.ZodError, where: string): AppError {
  const details = error.issues.map((issue) => issueDetail(issue, where));
  const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
  return new AppError('validation_failed', `Validation failed: ${summary}`, { details, key: codeKey.validation_failed });
}
