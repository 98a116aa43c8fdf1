/**
 * The local path to go to after signing in, or `/`. Only same-origin absolute paths are accepted:
 * not `//host`, not `/\host`, no scheme, and no control characters or backslashes anywhere,
 * because browsers drop tabs and newlines and treat `\` as `/` (so "/\t/evil.example" would
 * become "//evil.example"). The value is resolved against a dummy origin and must stay on it.
 */
export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 1000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\\\u0000-\u001f\u007f\s]/.test(value)) return fallback;
  try {
    const url = new URL(value, 'http://return.invalid');
    if (url.origin !== 'http://return.invalid') return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

/** A link to the sign-in page that comes back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return returnTo === '/' ? '/auth/sign_in' : `/auth/sign_in?return_to=${encodeURIComponent(returnTo)}`;
}
