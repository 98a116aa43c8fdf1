/**
 * Domain errors. Services throw these; `src/http/errors.ts` maps each code to an HTTP status in
 * one place. Messages are written for the person using the API and never contain internals.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'mfa_required'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'gone'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal';

export interface ErrorDetail {
  /** The input field the problem is about, dotted (`poll.options.0`), when there is one. */
  field?: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: ErrorDetail[] } = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'This action is not allowed') => new AppError('forbidden', message);
export const unauthorized = (message = 'The access token is invalid') => new AppError('unauthorized', message);
export const conflict = (message: string) => new AppError('conflict', message);
export const invalid = (message: string, field?: string) =>
  new AppError('validation_failed', message, { details: [field ? { field, message } : { message }] });
