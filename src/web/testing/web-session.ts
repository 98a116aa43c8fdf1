import { signIn } from '../../auth/sessions.service.js';
import type { TestApp, TestUser } from '../../testing/test-app.js';

/** A signed-in browser for page tests: the session cookie and the CSRF token forms carry. */
export interface WebSession {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, form: Record<string, string> | FormData, options?: { csrf?: boolean }): Promise<Response>;
}

/** Signs a test user in through the session service and returns helpers that send its cookie. */
export async function webSession(app: TestApp, user: TestUser, extraCookie = ''): Promise<WebSession> {
  const started = await signIn(app.ctx, { login: user.username, password: 'correct horse battery staple', ip: '203.0.113.9', userAgent: 'vitest' });
  const cookie = `medired_session=${started.sessionToken}${extraCookie ? `; ${extraCookie}` : ''}`;
  return {
    cookie,
    csrf: started.csrfToken,
    get: (url, headers = {}) => app.request('GET', url, { headers: { cookie, accept: 'text/html', ...headers } }),
    post: (url, form, options = {}) => {
      const withCsrf = options.csrf === false ? form : form instanceof FormData ? (form.set('_csrf', started.csrfToken), form) : { ...form, _csrf: started.csrfToken };
      return app.request('POST', url, { form: withCsrf, headers: { cookie, accept: 'text/html' } });
    },
  };
}

/**
 * A staff member's web session already past its second factor (staff test users have TOTP
 * enabled by `setStaffRole`/`staffUser`), as if they had typed their code at sign-in.
 */
export async function staffWebSession(app: TestApp, user: TestUser): Promise<WebSession> {
  const session = await webSession(app, user);
  await app.ctx.db.updateTable('sessions').set({ mfa_passed: true, expires_at: new Date(Date.now() + 3600_000) }).where('user_id', '=', user.userId).execute();
  return session;
}
