import { AppError } from '../../errors.js';
import { t, type Lang } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { fieldErrorsInLang } from '../errors/error-text.js';

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

/** Field errors (in `lang`) of a failed AppError (validation details), keyed by field, with `_form` for the rest. */
export function fieldErrorsOf(lang: Lang, err: AppError): Record<string, string> {
  return fieldErrorsInLang(lang, new AppError(err.code, err.message, { details: (err.details ?? []).map((d) => ({ ...d, field: d.field && d.field !== 'body' ? d.field : '_form' })), ...(err.key ? { key: err.key } : {}), ...(err.params ? { params: err.params } : {}) }));
}
