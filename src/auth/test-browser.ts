import type { TestApp } from '../testing/test-app.js';

/** Test helper: a browser with a cookie jar driving the app in memory (no redirects followed). */
export interface TestBrowser {
  cookies: Map<string, string>;
  request(method: string, url: string, options?: { form?: Record<string, string>; headers?: Record<string, string>; json?: unknown }): Promise<Response>;
  /** GETs a page and returns its first hidden `_csrf` value (of the form posting to `action`). */
  csrfOf(url: string, action?: string): Promise<string>;
  /** Signs in through the web form; returns the response (303 on success). */
  signIn(login: string, password: string, returnTo?: string): Promise<Response>;
}

/** The `_csrf` value of the page's first form (or of the form posting to `action`). */
export function csrfIn(html: string, action?: string): string {
  const from = action ? html.indexOf(`action="${action}"`) : 0;
  const match = /name="_csrf" value="([^"]*)"/.exec(html.slice(Math.max(0, from)));
  if (!match) throw new Error('no _csrf field on the page');
  return match[1]!;
}

export function createBrowser(t: TestApp, ip = '198.51.100.7', userAgent = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0'): TestBrowser {
  const cookies = new Map<string, string>();
  const browser: TestBrowser = {
    cookies,
    async request(method, url, options = {}) {
      const headers: Record<string, string> = { 'x-test-client-ip': ip, 'user-agent': userAgent, ...options.headers };
      if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      let body: string | undefined;
      if (options.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(options.form).toString();
      } else if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.json);
      }
      const res = await t.hono.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (!value || /max-age=0/i.test(line)) cookies.delete(name);
        else cookies.set(name, value);
      }
      return res;
    },
    async csrfOf(url, action) {
      const res = await browser.request('GET', url);
      return csrfIn(await res.text(), action);
    },
    async signIn(login, password, returnTo) {
      const csrf = await browser.csrfOf('/auth/sign_in?force=1', '/auth/sign_in');
      return browser.request('POST', '/auth/sign_in', { form: { _csrf: csrf, login, password, ...(returnTo ? { return_to: returnTo } : {}) } });
    },
  };
  return browser;
}
