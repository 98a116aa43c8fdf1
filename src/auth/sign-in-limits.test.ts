import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { createBrowser } from './test-browser.js';

const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let alice: TestUser;
let client: { client_id: string; client_secret: string };
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
  alice = await t.createUser();
  const res = await t.request('POST', '/api/v1/apps', { json: { client_name: 'Limites', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read' } });
  client = (await res.json()) as typeof client;
});
afterAll(async () => {
  await t.close();
});

function expectRateLimitHeaders(res: Response) {
  expect(res.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
  expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(res.headers.get('x-ratelimit-reset')).toBeTruthy();
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
}

describe('sign-in rate limits', () => {
  it('limits attempts per account (5 per 15 minutes) even from different IPs', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await createBrowser(t, `192.0.2.${10 + i}`).signIn(alice.username.toUpperCase(), 'wrong password attempt');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expectRateLimitHeaders(last!);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('5');
    // Even the right password is refused while the account is limited.
    expect((await createBrowser(t, '192.0.2.99').signIn(alice.username, PASSWORD)).status).toBe(429);
  });

  it('counts the account, not the typed login: username, e-mail and their case variants share one budget', async () => {
    const carol = await t.createUser();
    const email = `${carol.username}@example.test`;
    const logins = [carol.username, email, carol.username.toUpperCase(), email.toUpperCase(), `@${carol.username}`];
    const statuses: number[] = [];
    for (const [i, login] of logins.entries()) statuses.push((await createBrowser(t, `192.0.2.${120 + i}`).signIn(login, 'wrong password attempt')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The sixth attempt is refused whichever way the account is named, through either entrance.
    const web = await createBrowser(t, '192.0.2.130').signIn(email, PASSWORD);
    expect(web.status).toBe(429);
    expect(web.headers.get('x-ratelimit-limit')).toBe('5');
    const grant = await t.request('POST', '/oauth/token', {
      ip: '192.0.2.131',
      form: { grant_type: 'password', username: carol.username, password: PASSWORD, client_id: client.client_id, client_secret: client.client_secret },
    });
    expect(grant.status).toBe(429);
  });

  it('limits a login that names no account as well, with the same answers as for a real one', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await createBrowser(t, `192.0.2.${140 + i}`).signIn(i % 2 ? 'Nobody_Here' : 'nobody_here', 'wrong password attempt');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expectRateLimitHeaders(last!);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('5');
  });

  it('limits attempts per IP (20 per 5 minutes) across different accounts', async () => {
    const browser = createBrowser(t, '192.0.2.200');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await browser.signIn(`someone_${i}`, 'wrong password attempt');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    expectRateLimitHeaders(last!);
    expect(last!.headers.get('x-ratelimit-limit')).toBe('20');
  });

  it('applies the same per-account limit to the OAuth password grant', async () => {
    const bob = await t.createUser();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await t.request('POST', '/oauth/token', {
        ip: `192.0.2.${50 + i}`,
        form: { grant_type: 'password', username: bob.username, password: 'wrong password attempt', client_id: client.client_id, client_secret: client.client_secret },
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expectRateLimitHeaders(last!);
  });
});
