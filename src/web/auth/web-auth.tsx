import { AppError } from '../../errors.js';
import { t } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';

/** The stylesheet of the auth and security pages, for their `head`. */
export const authStyles = <link rel="stylesheet" href={staticUrl('auth.css')} />;

/** A string field of a form ('' when absent or not a string). */
export function str(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}

/** The page answered to a form post refused for a missing or wrong CSRF token (403). */
export function csrfRefusedPage(c: WebContext) {
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t(lang, 'error.forbidden.title'), noindex: true },
    <section class="error-page narrow">
      <h1>{t(lang, 'error.forbidden.title')}</h1>
      <p>{t(lang, 'auth.error.csrf')}</p>
    </section>,
    403,
  );
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
