import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { apiRoutes } from '../app.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { mastodonCompatibility, MASTODON_API_FAMILIES } from './version.js';

let t: TestApp;
let admin: TestUser;
let user: TestUser;
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

interface Rule {
  id: string;
  text: string;
  hint: string;
  translations: Record<string, { text: string; hint: string }>;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser({ username: 'la_admin' });
  await t.setStaffRole(admin, 'admin');
  admin = { ...admin, token: (await issueAccessToken(t.ctx.db, { userId: admin.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token };
  user = await t.createUser({ username: 'un_paciente' });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/instance/rules', () => {
  it('gives the default rules for health content, in Spanish or, when asked, English', async () => {
    const es = await json<Rule[]>(t.request('GET', '/api/v1/instance/rules'));
    expect(es.length).toBeGreaterThanOrEqual(5);
    expect(es.map((r) => r.text).join(' ')).toMatch(/desinformación médica/);
    expect(es.map((r) => r.text).join(' ')).toMatch(/datos personales/);
    const en = await json<Rule[]>(t.request('GET', '/api/v1/instance/rules', { headers: { 'accept-language': 'en-GB,en;q=0.9' } }));
    expect(en[0]!.text).toBe('Do not spread medical misinformation.');
    expect(en[0]!.translations.es!.text).toBe(es[0]!.text);
    for (const r of es) expect(Object.keys(r).sort()).toEqual(['hint', 'id', 'text', 'translations']);
  });

  it('lets administrators add, change and remove rules (audited); others get 403', async () => {
    const created = await t.request('POST', '/api/v1/medired/admin/rules', { token: admin.token, json: { text: 'No compartas recetas.', text_en: 'Do not share prescriptions.', position: 99 } });
    expect(created.status).toBe(200);
    const rule = await json<Rule>(created);
    expect((await json<Rule[]>(t.request('GET', '/api/v1/instance/rules'))).at(-1)!.text).toBe('No compartas recetas.');
    const edited = await json<Rule>(t.request('PUT', `/api/v1/medired/admin/rules/${rule.id}`, { token: admin.token, json: { text: 'No compartas recetas médicas.' } }));
    expect(edited.text).toBe('No compartas recetas médicas.');
    expect((await t.request('DELETE', `/api/v1/medired/admin/rules/${rule.id}`, { token: admin.token })).status).toBe(200);
    expect((await json<Rule[]>(t.request('GET', '/api/v1/instance/rules'))).map((r) => r.id)).not.toContain(rule.id);
    expect((await t.request('DELETE', `/api/v1/medired/admin/rules/${rule.id}`, { token: admin.token })).status).toBe(404);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'rule').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['instance.rule_create', 'instance.rule_update', 'instance.rule_delete']);
    expect((await t.request('POST', '/api/v1/medired/admin/rules', { token: user.token, json: { text: 'Mía' } })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/medired/admin/rules', { token: admin.token, json: { text: '' } })).status).toBe(422);
  });
});

describe('the instance entities', () => {
  it('v2 has api_versions, icon, vapid, streaming, rules and the contact account; v1 has configuration.accounts, rules and contact_account', async () => {
    const v2 = await json<Record<string, any>>(t.request('GET', '/api/v2/instance'));
    expect(v2.api_versions).toEqual({ mastodon: expect.any(Number) });
    expect(v2.icon[0]).toMatchObject({ src: expect.stringMatching(/^http/), size: expect.stringMatching(/^\d+x\d+$/) });
    expect(v2.configuration.vapid.public_key).toMatch(/^[A-Za-z0-9_-]{80,}$/);
    expect(v2.configuration.urls.streaming).toMatch(/^wss?:\/\//);
    expect(v2.rules.length).toBeGreaterThan(0);
    expect(v2.contact.account).toMatchObject({ id: admin.accountId, username: 'la_admin' });
    const v1 = await json<Record<string, any>>(t.request('GET', '/api/v1/instance'));
    expect(v1.configuration.accounts).toEqual({ max_featured_tags: 10, max_pinned_statuses: 5 });
    expect(v1.rules).toEqual(v2.rules);
    expect(v1.contact_account.id).toBe(admin.accountId);
    expect(v1.version).toBe(v2.version);
  });

  it('claims only the Mastodon release whose client-visible families are all served', async () => {
    const v2 = await json<{ version: string; api_versions: { mastodon: number } }>(t.request('GET', '/api/v2/instance'));
    const claimed = mastodonCompatibility(apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect(v2.version).toBe(claimed.version);
    expect(v2.version).toMatch(/^\d+\.\d+\.\d+ \(compatible; Medired /);
    expect(v2.api_versions.mastodon).toBe(claimed.apiVersion);
    // Every family of the claimed release and before is really routed.
    const order = (v: string) => v.split('.').map(Number).reduce((n, p) => n * 1000 + p, 0);
    const routed = new Set(apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`.replace(/\{(?:[^{}]|\{[^{}]*\})*\}/g, '').replace(/:[a-z_]+/gi, ':p')));
    for (const f of MASTODON_API_FAMILIES.filter((f) => order(f.since) <= order(claimed.release))) {
      expect(routed.has(f.route.replace(/:[a-z_]+/gi, ':p')), f.family).toBe(true);
    }
  });

  it('rises with the routes and falls without them', () => {
    const all = MASTODON_API_FAMILIES.map((f) => f.route);
    expect(mastodonCompatibility(all)).toMatchObject({ release: '4.3.0', apiVersion: 2, missing: [] });
    expect(mastodonCompatibility(all.filter((r) => r !== 'GET /api/v1/lists'))).toMatchObject({ release: '2.0.0', apiVersion: 0, missing: ['lists'] });
    expect(mastodonCompatibility(all.filter((r) => r !== 'GET /api/v2/notifications/policy')).release).toBe('4.2.0');
  });
});

describe('the other instance endpoints', () => {
  it('answers an extended description, and empty peers, domain blocks and translation languages (no federation, no translation)', async () => {
    const description = await json<{ updated_at: string; content: string }>(t.request('GET', '/api/v1/instance/extended_description'));
    expect(description.content).toMatch(/^<p>/);
    expect(new Date(description.updated_at).getTime()).not.toBeNaN();
    expect(await json(t.request('GET', '/api/v1/instance/peers'))).toEqual([]);
    expect(await json(t.request('GET', '/api/v1/instance/domain_blocks'))).toEqual([]);
    expect(await json(t.request('GET', '/api/v1/instance/translation_languages'))).toEqual({});
    expect(await json(t.request('GET', '/api/v1/instance/languages'))).toEqual([
      { code: 'es', name: 'Spanish' },
      { code: 'en', name: 'English' },
    ]);
  });

  it('counts this week’s statuses, logins and registrations, for 12 weeks', async () => {
    await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: 'Una', visibility: 'public' } });
    await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: 'Dos', visibility: 'public' } });
    const weeks = await json<{ week: string; statuses: string; logins: string; registrations: string }[]>(t.request('GET', '/api/v1/instance/activity'));
    expect(weeks).toHaveLength(12);
    const [now, before] = weeks;
    expect(Number(now!.week) - Number(before!.week)).toBe(7 * 86_400);
    expect(new Date(Number(now!.week) * 1000).getUTCDay()).toBe(1);
    expect(Number(now!.statuses)).toBe(2);
    expect(Number(now!.registrations)).toBe(2);
    // Each user was given a token (an app sign-in): two logins, counted once per user.
    expect(Number(now!.logins)).toBe(2);
    expect(before).toMatchObject({ statuses: '0', logins: '0', registrations: '0' });
  });
});
