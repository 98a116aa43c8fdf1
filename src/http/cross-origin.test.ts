import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../app.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { isCrossOriginPath } from './cors.js';

let t: TestApp;
let user: TestUser;
let statusId: string;

beforeAll(async () => {
  t = await createTestApp();
  user = await t.createUser({ username: 'cross_origin_user' });
  const posted = await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: 'Hola #salud', visibility: 'public' } });
  statusId = ((await posted.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

const PLACEHOLDER = /:(\w+)(\{[^}]*\})?/g;
function fillPath(path: string): string {
  return path.replace(PLACEHOLDER, (_all, param: string) => (param === 'hashtag' || param === 'tag' || param === 'name' ? 'salud' : param === 'handle' ? 'cross_origin_user' : statusId));
}

const APP_ORIGIN = 'https://app.example';
const apiRoutes = routeTable.filter((route) => !route.form && isCrossOriginPath(route.path));

/** What a response says, without the parts that differ between two identical requests. */
async function outcome(response: Response): Promise<string> {
  const text = await response.text();
  return `${response.status} ${text.replace(/"(id|created_at|request_id)":"[^"]*"/g, '')}`;
}

describe('browser apps on another origin', () => {
  it('get an answer to the preflight of every API route, before any token is looked at', async () => {
    expect(apiRoutes.length).toBeGreaterThan(50);
    for (const route of apiRoutes) {
      const response = await t.request('OPTIONS', fillPath(route.path), {
        headers: { origin: APP_ORIGIN, 'access-control-request-method': route.method.toUpperCase(), 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-allow-methods')).toContain(route.method.toUpperCase());
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('may read answers, errors included, and the Link header of a page', async () => {
    const ok = await t.request('GET', '/api/v1/timelines/public?limit=1', { headers: { origin: APP_ORIGIN } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    expect(ok.headers.get('access-control-expose-headers')).toContain('Link');
    const refused = await t.request('GET', '/api/v1/accounts/verify_credentials', { headers: { origin: APP_ORIGIN } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    const badToken = await t.request('GET', '/api/v1/accounts/verify_credentials', { headers: { origin: APP_ORIGIN, authorization: 'Bearer nope' } });
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get('access-control-allow-origin')).toBe('*');
    const token = await t.request('OPTIONS', '/oauth/token', { headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(token.status).toBe(204);
    expect(token.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('do not get cross-origin access to web pages, and pages keep their opener policy except the sign-in popup', async () => {
    const home = await t.request('GET', '/about', { headers: { origin: APP_ORIGIN } });
    expect(home.headers.get('access-control-allow-origin')).toBeNull();
    expect(home.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    for (const page of ['/auth/sign_in', '/oauth/authorize?client_id=x&redirect_uri=urn:ietf:wg:oauth:2.0:oob&response_type=code']) {
      const response = await t.request('GET', page);
      expect(response.headers.get('cross-origin-opener-policy'), page).toBe('unsafe-none');
      expect(response.headers.get('content-security-policy'), page).toContain("frame-ancestors 'none'");
    }
  });
});

describe('a path with a trailing slash', () => {
  it('is the same route as the path without it, for every route in the route table', async () => {
    for (const route of routeTable) {
      // Event streams never end; their paths are matched by the same router (checked below).
      if (route.method !== 'get' || route.path.startsWith('/api/v1/streaming')) continue;
      const path = fillPath(route.path);
      const options = { token: user.token };
      const plain = await outcome(await t.request('GET', path, options));
      const slashed = await outcome(await t.request('GET', `${path}/`, options));
      expect(slashed, `GET ${route.path}/`).toBe(plain);
    }
  }, 120_000);

  it('API answers are kept by no cache on the way', async () => {
    for (const path of ['/api/v1/accounts/verify_credentials', '/api/v1/notifications', '/api/v1/timelines/home']) {
      const response = await t.request('GET', path, { token: user.token });
      expect(response.headers.get('cache-control'), path).toBe('private, no-store');
    }
  });

  it('works for posting too (a report, a status)', async () => {
    const posted = await t.request('POST', '/api/v1/statuses/', { token: user.token, json: { status: 'Con barra final', visibility: 'public' } });
    expect(posted.status).toBe(200);
    const stream = await t.request('GET', '/api/v1/streaming/health/');
    expect(stream.status).toBe(200);
    const instance = await t.request('GET', '/api/v1/instance/');
    expect(instance.status).toBe(200);
    expect(((await instance.json()) as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
