import { z } from 'zod';
import { safeReturnTo } from './auth/return-to.js';
import type { WebContext } from './web-context.js';

/**
 * The body schema of a form whose page checks its own fields (with messages in the reader's
 * language): every posted field, as `normalizeParams` parsed it (Rails-style `a[b]` keys).
 */
export const formFields = z.record(z.string(), z.unknown());

/** A web form's fields, for handlers that read them with `field` and `fileField`. */
export type FormFields = z.infer<typeof formFields>;

/** The path parameter `id` of a form route (a positive integer id). */
export const idParam = z.object({ id: z.string().regex(/^[0-9]{1,19}$/) });

/** Path parameters of a form route, as strings (the route's path pattern has checked their shape). */
export function pathParams<K extends string>(...names: K[]): z.ZodType<Record<K, string>> {
  return z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) as unknown as z.ZodType<Record<K, string>>;
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

/** The same page with another status (a form shown again after a refusal such as a rate limit). */
export async function withStatus(page: Response | Promise<Response>, status: number): Promise<Response> {
  const res = await page;
  return new Response(res.body, { status, headers: res.headers });
}
