import type { Viewer } from '../../auth/viewer.js';
import { safeEqual } from '../../auth/tokens.js';
import { AppError } from '../../errors.js';
import { normalizeParams } from '../../http/params.js';
import type { WebContext } from '../web-context.js';

/** The fields of a urlencoded or multipart form post (empty object for other bodies). */
export async function readForm(c: WebContext): Promise<Record<string, unknown>> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return {};
  return normalizeParams([...(await c.req.formData()).entries()]);
}

/** A string field of a form ('' when absent or not a string). */
export function str(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}

/** Checks the session's synchroniser token sent in the `_csrf` field of a signed-in form post. */
export function checkSessionCsrf(viewer: Viewer, form: Record<string, unknown>): void {
  const sent = str(form, '_csrf');
  if (viewer.via !== 'session' || !viewer.csrfToken || !sent || !safeEqual(sent, viewer.csrfToken)) {
    throw new AppError('csrf_failed', 'The form has expired. Reload the page and try again.');
  }
}

/** Field errors of a failed AppError (validation details), keyed by field, with `_form` for the rest. */
export function fieldErrorsOf(err: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of err.details ?? []) {
    const key = d.field && d.field !== 'body' ? d.field : '_form';
    errors[key] ??= d.message;
  }
  if (Object.keys(errors).length === 0) errors._form = err.message;
  return errors;
}
