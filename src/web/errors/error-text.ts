import type { z } from 'zod';
import { AppError, type ErrorCode, type ErrorDetail, type MessageParams } from '../../errors.js';
import { codeKey, issueDetail } from '../../http/errors.js';
import type { FieldErrors } from '../components/form-fields.js';
import { t, type Lang, type MessageKey } from '../i18n/i18n.js';
import { es } from '../i18n/es.js';

/** True when `key` names a message of the catalogues (keys read back from a JSON body are strings). */
export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.hasOwn(es, key);
}

/**
 * What an error says in `lang`: its key translated, or else the generic text of its code. The
 * English message is never shown on a page; an error without a key says the generic text of its
 * code, so no English sentence reaches a Spanish page.
 */
export function messageText(lang: Lang, m: { key?: unknown; params?: MessageParams | undefined }, code: ErrorCode = 'validation_failed'): string {
  if (isMessageKey(m.key)) return t(lang, m.key, m.params);
  return t(lang, code === 'validation_failed' ? 'errors.validation.invalid' : codeKey[code]);
}

/** The whole error in `lang` (its own key, or its code's text); unknown errors say the generic one. */
export function errorText(lang: Lang, err: unknown): string {
  if (!(err instanceof AppError)) return t(lang, 'errors.code.internal');
  if (err.key && err.key !== codeKey[err.code]) return t(lang, err.key, err.params);
  // A validation error says its first detail, which is more useful than "check the form".
  const first = err.details?.[0];
  if (first) return messageText(lang, first, err.code);
  return t(lang, codeKey[err.code]);
}

/** Per-field errors in `lang`, from error details (the first problem of each field wins). */
export function detailsToFieldErrors(lang: Lang, details: readonly ErrorDetail[], code: ErrorCode = 'validation_failed'): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of details) errors[d.field || '_form'] ??= messageText(lang, d, code);
  return errors;
}

/** Per-field errors in `lang` of a domain error (its details, or the whole error on `_form`). */
export function fieldErrorsInLang(lang: Lang, err: AppError): FieldErrors {
  const errors = detailsToFieldErrors(lang, err.details ?? [], err.code);
  if (Object.keys(errors).length === 0) errors._form = errorText(lang, err);
  return errors;
}

/** Per-field errors in `lang` of a failed input schema, with the same keys the API sends. */
export function zodFieldErrors(lang: Lang, error: z.ZodError): FieldErrors {
  return detailsToFieldErrors(
    lang,
    error.issues.map((issue) => {
      const d = issueDetail(issue);
      return { ...d, field: String(issue.path[0] ?? '_form') };
    }),
  );
}

/** A JSON error body as read back from a response (`src/http/errors.ts` ErrorBody, loosely typed). */
export interface ErrorBodyLike {
  code?: string;
  error?: string;
  key?: unknown;
  params?: MessageParams;
  details?: { key?: unknown; params?: MessageParams }[];
}

/** What a JSON error body says in `lang`: its first detail, or its key, or its code's generic text. */
export function errorBodyText(lang: Lang, body: ErrorBodyLike): string {
  const code = (typeof body.code === 'string' && body.code in codeKey ? body.code : 'internal') as ErrorCode;
  const first = body.details?.[0];
  if (first && isMessageKey(first.key) && (!isMessageKey(body.key) || body.key === codeKey[code])) return messageText(lang, first, code);
  if (isMessageKey(body.key)) return t(lang, body.key, body.params);
  return t(lang, codeKey[code]);
}
