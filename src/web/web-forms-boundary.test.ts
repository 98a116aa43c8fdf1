import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../app.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession, type WebSession } from './testing/web-session.js';

/**
 * The web forms go through the same boundary as the API (`defineFormRoute` in src/http/route.ts):
 * sign-in, CSRF, suspension, validation that keeps what was typed, and the action's rate limits.
 */
describe('web form boundary', () => {
  let t: TestApp;
  let ana: TestUser;
  let anaWeb: WebSession;

  beforeAll(async () => {
    // Real limits (factor 1) so that the posting limit of the API applies as configured.
    t = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
    ana = await t.createUser({ username: 'ana_forms' });
    anaWeb = await webSession(t, ana);
  });
  afterAll(() => t.close());

  it('sends a form post without a session to sign in, back to the page it came from', async () => {
    const res = await t.request('POST', '/statuses', { form: { status: 'Hola' }, headers: { accept: 'text/html', referer: 'http://medired.test/public' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign_in?return_to=%2Fpublic');
  });

  it('refuses a form post with a wrong CSRF token with the HTML error page, and posts nothing', async () => {
    const res = await t.request('POST', '/statuses', { form: { status: 'Sin token válido', _csrf: 'x'.repeat(43) }, headers: { cookie: anaWeb.cookie, accept: 'text/html' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    const statuses = await (await t.request('GET', `/api/v1/accounts/${ana.accountId}/statuses`)).json();
    expect(statuses).toHaveLength(0);
  });

  it('keeps what was typed and marks the field when the input is refused (422)', async () => {
    const res = await anaWeb.post('/statuses', { status: 'Texto que escribí con cuidado', visibility: 'nadie' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Texto que escribí con cuidado');
    expect(html).toMatch(/aria-invalid="true"|field-error|error/);
  });

  it('applies the posting limit of the API to the web composer (the 31st post in a minute is refused, typed text kept)', async () => {
    const user = await t.createUser({ username: 'prolific_writer' });
    const web = await webSession(t, user);
    for (let i = 1; i <= 30; i++) {
      const res = await web.post('/statuses', { status: `Publicación número ${i}` });
      expect(res.status).toBe(303);
    }
    const refused = await web.post('/statuses', { status: 'La publicación 31 que no debe salir' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.text()).toContain('La publicación 31 que no debe salir');
    // One budget for the action, whichever entrance is used.
    expect((await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: 'Por la API' } })).status).toBe(429);
    const article = await web.post('/articles/new', { title: 'Un artículo de más', status: 'Cuerpo del artículo', language: 'es', visibility: 'public' });
    expect(article.status).toBe(429);
    expect(await article.text()).toContain('Un artículo de más');
  });

  it('applies the verification request limit of the API to the web form as well', async () => {
    const doctor = await t.createUser({ username: 'dr_limit', kind: 'professional' });
    const web = await webSession(t, doctor);
    const form = { profession: 'physician', license_number: 'MED-12345', license_country: 'ES', specialty: 'cardiology', issuing_body: 'Colegio de Médicos' };
    for (let i = 1; i <= 10; i++) {
      const res = await web.post('/settings/verification', form);
      expect([303, 422]).toContain(res.status);
    }
    const refused = await web.post('/settings/verification', form);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('MED-12345');
  });

  it('refuses form posts of a suspended account', async () => {
    const user = await t.createUser({ username: 'suspended_forms' });
    const web = await webSession(t, user);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', user.accountId).execute();
    const res = await web.post('/statuses', { status: 'No debería publicarse' });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    const posted = await t.ctx.db.selectFrom('statuses').select('id').where('account_id', '=', user.accountId).execute();
    expect(posted).toHaveLength(0);
  });

  it('declares every web form route in the route table with who may use it', () => {
    const forms = routeTable.filter((r) => r.form);
    expect(forms.length).toBeGreaterThanOrEqual(37);
    for (const route of forms) expect(['none', 'optional', 'user', 'user-even-suspended', 'moderator', 'admin']).toContain(route.auth);
    expect(forms.find((r) => r.path === '/statuses')?.rateLimits?.map((r) => r.name)).toEqual(['statuses', 'statuses_3h']);
  });
});

describe('page rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A hundredth of the real limits: 3 pages per window for one address.
    t = await createTestApp({ RATE_LIMIT_FACTOR: '0.01' });
  });
  afterAll(() => t.close());

  it('answers a flood of page requests from one address with a 429 page, and other visitors still get pages', async () => {
    for (let i = 0; i < 3; i++) expect((await t.request('GET', '/public', { headers: { accept: 'text/html' }, ip: '198.51.100.7' })).status).toBe(200);
    const refused = await t.request('GET', '/consultas', { headers: { accept: 'text/html' }, ip: '198.51.100.7' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await refused.text()).toContain('Demasiadas peticiones');
    expect((await t.request('GET', '/public', { headers: { accept: 'text/html' }, ip: '198.51.100.8' })).status).toBe(200);
  });
});
