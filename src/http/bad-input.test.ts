import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { createBrowser } from '../auth/test-browser.js';
import { apiRoutes } from '../app.js';
import type { AnyRoute } from './route.js';

let t: TestApp;
let staff: TestUser;
let other: TestUser;
let statusId: string;

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.createUser({ username: 'bad_input_staff' });
  other = await t.createUser({ username: 'bad_input_other' });
  // An admin with two-factor passes every route's auth check (admins are moderators and users too).
  await t.setStaffRole(staff, 'admin');
  const posted = await t.request('POST', '/api/v1/statuses', { token: other.token, json: { status: 'Hola #salud', visibility: 'public' } });
  statusId = ((await posted.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

const LONG = 'x'.repeat(100_000);
/** Values for one parameter in a URL (path segment or query value), already encoded. */
const URL_VALUES = ['%00', 'a%00b', '%ED%A0%80', '9223372036854775808', '18446744073709551616', '1e400', '-1', LONG];
/** Values for one body field, sent as JSON: NUL bytes, a lone surrogate, huge numbers, wrong types, too long. */
const BODY_VALUES: unknown[] = ['\u0000', 'a\u0000b', '\ud800', 9223372036854775808, '9223372036854775808', '18446744073709551616', 1e308, -1, 1.5, true, ['x', '\u0000'], { a: '\u0000' }, LONG];

/** Parameter names a zod schema declares (input and output side, so preprocessed objects count). */
function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const keys = new Set<string>();
  for (const io of ['input', 'output'] as const) {
    try {
      const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      for (const key of Object.keys(json.properties ?? {})) keys.add(key);
    } catch {
      // not representable: no named keys
    }
  }
  return [...keys];
}

const PLACEHOLDER = /:(\w+)(\{[^}]*\})?/g;

/** The route's path with every placeholder filled by a well-formed value, except `bad` for `name`. */
function fillPath(path: string, name?: string, bad?: string): string {
  return path.replace(PLACEHOLDER, (_all, param: string) => {
    if (param === name) return bad!;
    return param === 'hashtag' || param === 'tag' ? 'salud' : statusId;
  });
}

interface Probe {
  route: string;
  method: string;
  url: string;
  body?: string;
  what: string;
}

/** Every probe for one route: each bad value in each of its path, query and body parameters. */
function probesFor(route: AnyRoute): Probe[] {
  const method = route.method.toUpperCase();
  const label = `${method} ${route.path}`;
  const probes: Probe[] = [];
  for (const [, name] of route.path.matchAll(PLACEHOLDER)) {
    for (const value of URL_VALUES) probes.push({ route: label, method, url: fillPath(route.path, name, value), what: `path ${name}=${value.slice(0, 30)}` });
  }
  const url = fillPath(route.path);
  for (const key of keysOf(route.query)) {
    for (const value of URL_VALUES) probes.push({ route: label, method, url: `${url}?${key}=${value}`, what: `query ${key}=${value.slice(0, 30)}` });
    probes.push({ route: label, method, url: `${url}?${key}[]=%00&${key}[]=1`, what: `query ${key}[] array` });
    probes.push({ route: label, method, url: `${url}?${key}[a]=1`, what: `query ${key}[a] object` });
  }
  if (route.method !== 'get') {
    for (const key of keysOf(route.body)) {
      for (const value of BODY_VALUES) probes.push({ route: label, method, url, body: JSON.stringify({ [key]: value }), what: `body ${key}=${JSON.stringify(value).slice(0, 30)}` });
      // A number JSON can write but not hold (parsed as Infinity).
      probes.push({ route: label, method, url, body: `{${JSON.stringify(key)}: 1e400}`, what: `body ${key}=1e400` });
    }
  }
  return probes;
}

async function send(probe: Probe): Promise<number> {
  const headers: Record<string, string> = { authorization: `Bearer ${staff.token}`, 'x-test-client-ip': '203.0.113.9' };
  if (probe.body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.hono.request(probe.url, { method: probe.method, headers, ...(probe.body !== undefined ? { body: probe.body } : {}) });
  // A stream (the streaming API) never ends by itself: its status is the answer.
  if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
  else await res.arrayBuffer();
  return res.status;
}

/** Web pages and their parameters (path placeholders as `$`, followed by the query names they read). */
const PAGES: { path: string; query: string[] }[] = [
  { path: '/', query: ['max_id'] },
  { path: '/public', query: ['max_id'] },
  { path: '/tags/$', query: ['max_id'] },
  { path: '/search', query: ['q', 'type', 'max_id'] },
  { path: '/directory', query: ['q', 'role', 'profession', 'specialty', 'organization_type', 'country', 'city', 'verified', 'language', 'accepts_requests', 'order', 'page'] },
  { path: '/consultas', query: ['tag', 'specialty', 'sort', 'max_id', 'status'] },
  { path: '/consultas/$', query: [] },
  { path: '/consultas/$/edit', query: [] },
  { path: '/@$', query: ['max_id', 'tab'] },
  { path: '/@$/articles', query: ['max_id'] },
  { path: '/@$/followers', query: ['max_id'] },
  { path: '/@$/following', query: ['max_id'] },
  { path: '/@bad_input_other/$', query: [] },
  { path: '/@bad_input_other/$/edit', query: [] },
  { path: '/statuses/$', query: [] },
  { path: '/alertas', query: ['max_id', 'region', 'severity'] },
  { path: '/alertas/$', query: [] },
  { path: '/alertas/$/edit', query: [] },
  { path: '/alertas.rss', query: ['region'] },
  { path: '/notifications', query: ['max_id', 'types[]'] },
  { path: '/report', query: ['account_id', 'status_id', 'question_id'] },
  { path: '/appeals/new', query: ['action_id'] },
  { path: '/admin/reports', query: ['max_id', 'resolved'] },
  { path: '/admin/reports/$', query: [] },
  { path: '/admin/verification', query: ['max_id'] },
  { path: '/admin/verification/$', query: [] },
  { path: '/admin/audit_log', query: ['max_id'] },
  { path: '/admin/appeals', query: ['max_id'] },
  { path: '/auth/sign_in', query: ['return_to'] },
  { path: '/oauth/authorize', query: ['client_id', 'redirect_uri', 'scope', 'response_type'] },
];

function pageProbes(): Probe[] {
  const probes: Probe[] = [];
  for (const page of PAGES) {
    const valid = page.path.replace('$', page.path.startsWith('/@$') ? 'bad_input_other' : page.path.startsWith('/tags') ? 'salud' : statusId);
    if (page.path.includes('$')) {
      for (const value of [...URL_VALUES, '99999999999999999999']) probes.push({ route: `page ${page.path}`, method: 'GET', url: page.path.replace('$', value), what: `path=${value.slice(0, 30)}` });
    }
    for (const key of page.query) {
      for (const value of URL_VALUES) probes.push({ route: `page ${page.path}`, method: 'GET', url: `${valid}?${key}=${value}`, what: `query ${key}=${value.slice(0, 30)}` });
    }
  }
  return probes;
}

describe('bad input never causes a server error', () => {
  it('every API route answers NUL bytes, huge numbers, wrong types and over-long values in each parameter with a 4xx', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const route of apiRoutes) {
      for (const probe of probesFor(route)) {
        const status = await send(probe);
        sent += 1;
        if (status >= 500) failures.push(`${status} ${probe.route} — ${probe.what}`);
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
    // The probes changed nothing that matters: the token still works.
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: staff.token })).status).toBe(200);
  }, 600_000);

  it('every web page answers bad path and query parameters with a 4xx or a page, never a 5xx', async () => {
    const failures: string[] = [];
    for (const probe of pageProbes()) {
      const status = await send(probe);
      if (status >= 500) failures.push(`${status} ${probe.route} — ${probe.what}`);
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('names the field that holds a NUL byte, in the path, the query and the body', async () => {
    const inBody = await t.request('POST', '/api/v1/statuses', { token: staff.token, json: { status: 'hola\u0000adiós' } });
    expect(inBody.status).toBe(422);
    expect(await inBody.json()).toMatchObject({ code: 'validation_failed', details: [{ field: 'status' }] });
    const inQuery = await t.request('GET', '/api/v2/search?q=a%00b', { token: staff.token });
    expect(inQuery.status).toBe(422);
    expect(await inQuery.json()).toMatchObject({ code: 'validation_failed', details: [{ field: 'q' }] });
    const inPath = await t.request('GET', '/tags/a%00b');
    expect(inPath.status).toBe(422);
    const inForm = await t.request('POST', '/api/v1/statuses', { token: staff.token, form: { status: 'hola', spoiler_text: 'a\u0000' } });
    expect(inForm.status).toBe(422);
    expect(await inForm.json()).toMatchObject({ details: [{ field: 'spoiler_text' }] });
  });

  it('answers a web form that carries a NUL byte with a 4xx page (the error mapping is the safety net)', async () => {
    const browser = createBrowser(t, '203.0.113.20');
    expect((await browser.signIn(other.username, 'correct horse battery staple')).status).toBe(303);
    const csrf = await browser.csrfOf('/settings/profile', '/settings/profile');
    const res = await browser.request('POST', '/settings/profile', { form: { _csrf: csrf, display_name: 'Ana\u0000', note: 'Una nota que no debe perderse' } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('text/html');
    // The settings form comes back with what was typed and the field marked.
    const html = await res.text();
    expect(html).toContain('Una nota que no debe perderse');
    expect(html).toContain('No puede contener bytes nulos');
  });

  it('refuses bodies that nest too deeply with a 400 on every route that takes a body, JSON and form keys alike', async () => {
    const deepJson = `{"a":${'['.repeat(12_000)}${']'.repeat(12_000)}}`;
    const deepKey = `a${'[b]'.repeat(5_000)}`;
    const failures: string[] = [];
    for (const route of apiRoutes.filter((r) => r.method !== 'get')) {
      const url = route.path.replace(/:([a-z_]+)(\{(?:[^{}]|\{[^}]*\})*\})?/gi, (_, name: string) => (name === 'hashtag' ? 'salud' : statusId));
      const viaJson = await t.hono.request(url, { method: route.method.toUpperCase(), headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json', 'x-test-client-ip': '203.0.113.21' }, body: deepJson });
      const viaForm = await t.hono.request(url, { method: route.method.toUpperCase(), headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/x-www-form-urlencoded', 'x-test-client-ip': '203.0.113.21' }, body: `${encodeURIComponent(deepKey)}=1` });
      for (const [how, res] of [['json', viaJson], ['form', viaForm]] as const) if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${route.path} (${how}): ${res.status}`);
    }
    expect(failures).toEqual([]);
    const refused = await t.hono.request('/api/v1/apps', { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-client-ip': '203.0.113.22' }, body: deepJson });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { key: string }).key).toBe('errors.input.tooDeep');
    const browser = createBrowser(t, '203.0.113.23');
    expect((await browser.signIn(other.username, 'correct horse battery staple')).status).toBe(303);
    const csrf = await browser.csrfOf('/settings/profile', '/settings/profile');
    const page = await browser.request('POST', '/settings/profile', { form: { _csrf: csrf, [deepKey]: '1' } });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('answers malformed multipart bodies (no boundary, a wrong one, cut short) with a 400 on every route that takes a body', async () => {
    const bodies: [string, string, string][] = [
      ['no boundary', 'multipart/form-data', 'garbage'],
      ['wrong boundary', 'multipart/form-data; boundary=ZZ', 'garbage'],
      ['cut short', 'multipart/form-data; boundary=XX', '--XX\r\nContent-Disposition: form-data; name="status"\r\n\r\nHola'],
    ];
    const failures: string[] = [];
    for (const route of apiRoutes.filter((r) => r.method !== 'get')) {
      const url = route.path.replace(/:([a-z_]+)(\{(?:[^{}]|\{[^}]*\})*\})?/gi, (_, name: string) => (name === 'hashtag' ? 'salud' : statusId));
      for (const [what, type, body] of bodies) {
        const res = await t.hono.request(url, { method: route.method.toUpperCase(), headers: { authorization: `Bearer ${staff.token}`, 'content-type': type, 'x-test-client-ip': '203.0.113.24' }, body });
        if (res.status >= 500) failures.push(`${route.method.toUpperCase()} ${route.path} (${what}): ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
    const media = await t.hono.request('/api/v2/media', { method: 'POST', headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'multipart/form-data; boundary=ZZ', 'x-test-client-ip': '203.0.113.25' }, body: 'garbage' });
    expect(media.status).toBe(400);
  });

  it('refuses ids beyond 2^63 − 1 as malformed (422), in paths and bodies alike', async () => {
    expect((await t.request('GET', '/api/v1/statuses/9223372036854775807', { token: staff.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/statuses/9223372036854775808', { token: staff.token })).status).toBe(422);
    expect((await t.request('GET', '/api/v1/accounts/9999999999999999999', { token: staff.token })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/statuses', { token: staff.token, json: { status: 'hola', in_reply_to_id: '18446744073709551616' } })).status).toBe(422);
  });
});
