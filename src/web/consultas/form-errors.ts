import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { FieldErrors } from '../components/form-fields.js';
import { fieldErrorsInLang, zodFieldErrors } from '../errors/error-text.js';
import type { Lang } from '../i18n/i18n.js';

/** Parses a form with a schema; returns the data, or per-field errors (in `lang`) for the page to show. */
export function parseForm<T>(lang: Lang, schema: z.ZodType<T>, form: Record<string, unknown>): { data: T; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(form);
  if (result.success) return { data: result.data, errors: null };
  return { data: null, errors: zodFieldErrors(lang, result.error) };
}

/** Field errors (in `lang`) of a domain error (its details), or null when it is not an input error. */
export function fieldErrorsOfAppError(lang: Lang, err: unknown): FieldErrors | null {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') return null;
  return fieldErrorsInLang(lang, err);
}
