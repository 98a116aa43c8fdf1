import type { MessageKey } from './web/i18n/es.js';

/**
 * Domain errors. Services throw these; `src/http/errors.ts` maps each code to an HTTP status in
 * one place. Messages are written for the person using the API and never contain internals.
 *
 * Every error a person can see also carries a stable message key (`key`, with `params` for its
 * placeholders): the English `message` stays what API clients read, and web pages show the key
 * translated in the reader's language (`src/web/i18n/error-text.ts`). Keys are the catalogue keys
 * of the web interface, so the type-checker refuses a key that has no translation.
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

/** A stable message key: one of the web catalogues' keys (type-only import: no runtime dependency). */
export type ErrorKey = MessageKey;
/** Values for the `{name}` placeholders of a message key. */
export type MessageParams = Record<string, string | number>;

export interface ErrorDetail {
  /** The input field the problem is about, dotted (`poll.options.0`), when there is one. */
  field?: string;
  /** English, for API clients. */
  message: string;
  /** The stable key of the message, translated where the page is rendered. */
  key?: ErrorKey;
  params?: MessageParams;
}

export interface AppErrorOptions {
  cause?: unknown;
  details?: ErrorDetail[];
  key?: ErrorKey;
  params?: MessageParams;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  /** The stable key of `message`; absent when only the generic text of `code` applies. */
  readonly key: ErrorKey | undefined;
  readonly params: MessageParams | undefined;
  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details;
    this.key = options.key;
    this.params = options.params;
  }
}

export const notFound = (what = 'Record', key?: ErrorKey) => new AppError('not_found', `${what} not found`, key ? { key } : {});
export const forbidden = (message = 'This action is not allowed', key?: ErrorKey, params?: MessageParams) => new AppError('forbidden', message, { ...(key ? { key } : {}), ...(params ? { params } : {}) });
export const unauthorized = (message = 'The access token is invalid', key?: ErrorKey) => new AppError('unauthorized', message, key ? { key } : {});
export const conflict = (message: string, key?: ErrorKey, params?: MessageParams) => new AppError('conflict', message, { ...(key ? { key } : {}), ...(params ? { params } : {}) });
/** An input error about one field; `key` (and `params`) say it in the reader's language. */
export const invalid = (message: string, field?: string, key?: ErrorKey, params?: MessageParams) => {
  const detail: ErrorDetail = { ...(field ? { field } : {}), message, ...(key ? { key } : {}), ...(params ? { params } : {}) };
  return new AppError('validation_failed', message, { details: [detail], ...(key ? { key } : {}), ...(params ? { params } : {}) });
};

const keyOfMessage = new Map<string, ErrorKey>();

/**
 * The English message of an input-schema check, tied to its stable key: `z.string().regex(re,
 * keyed('accounts.username.invalidChars', 'may only use letters, digits and underscores'))`.
 * zod keeps the English text as the message (what API clients read); the boundary finds
 * the key again with `messageKeyOf`. One English text has one key.
 */
export function keyed(key: ErrorKey, message: string): string {
  const known = keyOfMessage.get(message);
  if (known && known !== key) throw new Error(`The message "${message}" is already keyed as ${known}`);
  keyOfMessage.set(message, key);
  return message;
}

/** The key a schema message was declared with (`keyed`), if any. */
export function messageKeyOf(message: string): ErrorKey | undefined {
  return keyOfMessage.get(message);
}
