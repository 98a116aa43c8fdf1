import { safeReturnTo } from './auth/return-to.js';
import { safeEqual } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import { normalizeParams } from '../http/params.js';
import type { WebContext } from './web-context.js';

/**
 * Reads a web form post from a signed-in user: parses the body (urlencoded or multipart, with
 * Rails-style `a[b]` keys) and checks the session's CSRF token in the `_csrf` field.
 * Throws `unauthorized` without a session and `csrf_failed` when the token is missing or wrong.
 */
export async function readSignedInForm(c: WebContext): Promise<{ viewer: Viewer; form: Record<string, unknown> }> {
  const viewer = c.get('viewer');
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  let form: Record<string, unknown> = {};
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    form = normalizeParams([...(await c.req.formData()).entries()]);
  }
  if (!viewer || viewer.via !== 'session') throw new AppError('unauthorized', 'This action needs you to be signed in');
  const sent = typeof form._csrf === 'string' ? form._csrf : (c.req.header('x-csrf-token') ?? '');
  if (!viewer.csrfToken || !sent || !safeEqual(sent, viewer.csrfToken)) {
    throw new AppError('csrf_failed', 'The form has expired. Reload the page and try again.');
  }
  if (viewer.mfaPending) throw new AppError('mfa_required', 'Enter your two-factor authentication code first');
  if (viewer.suspended) throw new AppError('forbidden', 'Your account is suspended');
  return { viewer, form };
}

/** A string field of a parsed form ('' when absent). */
export function field(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v : '';
}

/** An uploaded, non-empty file of a parsed form. */
export function fileField(form: Record<string, unknown>, name: string): File | undefined {
  const v = form[name];
  return v instanceof File && v.size > 0 ? v : undefined;
}

/**
 * A same-site path to go back to after a form post: only local absolute paths are accepted,
 * anything else (other hosts, `//evil`, schemes) falls back to `fallback`.
 */
export function safeReturnPath(value: unknown, fallback: string): string {
  // One rule for every local redirect target (no `//host`, backslashes or control characters).
  return safeReturnTo(value, fallback);
}

/** Requires a signed-in (and past the second factor) viewer for a page; redirects to sign-in otherwise. */
export function signInRedirect(c: WebContext): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/auth/sign_in?return_to=${encodeURIComponent(url.pathname + url.search)}`, 303);
}
