import type { TestApp } from './test-app.js';

/** The double-submit CSRF pair a sign-in or forgot-password page would have handed a browser. */
export const TEST_ANON_CSRF = 'testAnonymousCsrf_0123456789abcdefghijklmnop';

/** Posts a visitor's form (`csrf: 'anonymous'` routes) the way a browser would, as HTML. */
export function postAnonymousForm(t: TestApp, url: string, form: Record<string, string>, options: { ip?: string; cookie?: string } = {}): Promise<Response> {
  return t.request('POST', url, {
    form: { ...form, _csrf: TEST_ANON_CSRF },
    headers: { accept: 'text/html', cookie: [`medired_csrf=${TEST_ANON_CSRF}`, options.cookie].filter(Boolean).join('; ') },
    ...(options.ip ? { ip: options.ip } : {}),
  });
}

/** The session cookie (`medired_session=…`) a response sets, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  const header = res.headers.getSetCookie().find((c) => c.startsWith('medired_session='));
  return header?.split(';')[0];
}
