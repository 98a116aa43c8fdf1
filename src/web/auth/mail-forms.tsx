import type { Child } from 'hono/jsx';
import type { AppContext } from '../../app-context.js';
import { anonymousCsrfToken } from '../../auth/anonymous-csrf.js';
import type { AppError } from '../../errors.js';
import type { RateLimitRule } from '../../http/rate-limit.js';
import { Flash } from '../components/flash.js';
import { TextField } from '../components/form-fields.js';
import { errorText } from '../errors/error-text.js';
import { t, type Lang, type MessageKey } from '../i18n/i18n.js';
import { renderPage, type PageStatus } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { authStyles, str } from './web-auth.js';

/**
 * Shared parts of the small pages around e-mail links (forgot password, resend confirmation):
 * one e-mail field, posted with the anonymous CSRF pair, limited per IP and per address.
 */

/** The address typed in a form, normalised for counting (the limit is per address, however written). */
export function typedEmail(form: Record<string, unknown>): string {
  return str(form, 'email').trim().toLowerCase().slice(0, 320);
}

/** Limits of a form that sends a mail to a typed address: per IP, and per address whatever the IP. */
export function mailFormLimits(name: string): RateLimitRule<Record<string, unknown>>[] {
  return [
    { name: `${name}_ip`, limit: 10, windowSeconds: 15 * 60, by: 'ip' },
    { name: `${name}_email`, limit: 3, windowSeconds: 60 * 60, by: ({ body }) => (typedEmail(body) ? `email:${typedEmail(body)}` : null) },
  ];
}

/** A page of the auth section with a title, an optional lead, a message and any content. */
export function authPage(c: WebContext, title: string, content: Child, status: PageStatus = 200) {
  return renderPage(c, { title, noindex: true, section: 'auth', head: authStyles }, <section class="auth-page narrow">{content}</section>, status);
}

/** The one-field e-mail form (`action` is its own path). */
export function EmailForm(props: { lang: Lang; csrf: string; action: string; submit: MessageKey; email?: string; error?: string | undefined }) {
  return (
    <form method="post" action={props.action} class="stack-form">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <TextField name="email" type="email" label={t(props.lang, 'mail.forgot.email')} value={props.email ?? ''} autocomplete="email" required maxLength={320} spellcheck={false} error={props.error} />
      <p class="actions">
        <button type="submit" class="button">{t(props.lang, props.submit)}</button>
      </p>
    </form>
  );
}

/** The e-mail form page: title, lead, the form, and a message above it (sent, or an error). */
export function emailFormPage(
  c: WebContext,
  app: AppContext,
  page: { title: MessageKey; lead: MessageKey; action: string; submit: MessageKey },
  state: { email?: string; notice?: MessageKey; error?: string; fieldError?: string; status?: PageStatus } = {},
) {
  const lang = c.get('lang');
  return authPage(
    c,
    t(lang, page.title),
    <>
      <h1>{t(lang, page.title)}</h1>
      <p class="lead">{t(lang, page.lead)}</p>
      {state.notice ? <Flash kind="success">{t(lang, state.notice)}</Flash> : null}
      {state.error ? <Flash kind="error">{state.error}</Flash> : null}
      <EmailForm lang={lang} csrf={anonymousCsrfToken(c, app.config)} action={page.action} submit={page.submit} email={state.email ?? ''} error={state.fieldError} />
    </>,
    state.status ?? 200,
  );
}

/** What a refused e-mail form says: the CSRF and rate-limit texts of the auth pages, else the error's own. */
export function mailFormError(lang: Lang, err: AppError): string {
  if (err.code === 'csrf_failed') return t(lang, 'auth.error.csrf');
  if (err.code === 'rate_limited') return t(lang, 'auth.error.rateLimited');
  return errorText(lang, err);
}

/** The 4xx statuses these pages answer with. */
export function pageStatusOf(status: number): PageStatus {
  return ([400, 403, 404, 410, 422, 429] as const).find((s) => s === status) ?? 400;
}
