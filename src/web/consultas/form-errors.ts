import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { FieldErrors } from '../components/form-fields.js';

/** Parses a form with a schema; returns the data, or per-field errors for the page to show. */
export function parseForm<T>(schema: z.ZodType<T>, form: Record<string, unknown>): { data: T; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(form);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { data: null, errors };
}

/** Field errors of a domain error (its details), or null when it is not an input error. */
export function fieldErrorsOfAppError(err: unknown): FieldErrors | null {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') return null;
  const errors: FieldErrors = {};
  for (const d of err.details ?? [{ message: err.message }]) errors[d.field ?? '_form'] ??= d.message;
  if (Object.keys(errors).length === 0) errors._form = err.message;
  return errors;
}
