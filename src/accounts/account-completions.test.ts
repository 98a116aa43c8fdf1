import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/** Account, profile and instance routes Mastodon clients call that Medired lacked (issue 10). */

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let gone: TestUser;

const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  [alice, bob, gone] = await Promise.all([t.createUser({ username: 'alice' }), t.createUser({ username: 'bob' }), t.createUser({ username: 'suspendida' })]);
  await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', gone.accountId).execute();
});
afterAll(async () => {
  await t?.close();
});

describe('accounts', () => {
  it('several at once (GET /api/v1/accounts), suspended ones left out; identity proofs are always none', async () => {
    const found = await json<{ id: string }[]>(await api('GET', `/api/v1/accounts?id[]=${bob.accountId}&id[]=${gone.accountId}&id[]=${alice.accountId}`, alice));
    expect(found.map((a) => a.id)).toEqual([bob.accountId, alice.accountId]);
    expect(await json(await api('GET', `/api/v1/accounts/${bob.accountId}/identity_proofs`, undefined))).toEqual([]);
    expect((await api('GET', `/api/v1/accounts/${gone.accountId}/identity_proofs`, undefined)).status).toBe(410);
  });

  it('endorse and unendorse are pin and unpin; an account\'s endorsements are public', async () => {
    await json(await api('POST', `/api/v1/accounts/${bob.accountId}/follow`, alice));
    expect(await json(await api('POST', `/api/v1/accounts/${bob.accountId}/endorse`, alice))).toMatchObject({ id: bob.accountId, endorsed: true });
    expect((await json<{ id: string }[]>(await api('GET', `/api/v1/accounts/${alice.accountId}/endorsements`, undefined))).map((a) => a.id)).toEqual([bob.accountId]);
    expect(await json(await api('POST', `/api/v1/accounts/${bob.accountId}/unendorse`, alice))).toMatchObject({ endorsed: false });
    expect(await json(await api('GET', `/api/v1/accounts/${alice.accountId}/endorsements`, undefined))).toEqual([]);
  });

  it('features and unfeatures a hashtag by name, with `featuring` on the Tag', async () => {
    expect(await json(await api('POST', '/api/v1/tags/Caminar/feature', alice))).toMatchObject({ name: 'caminar', featuring: true });
    expect(await json(await api('POST', '/api/v1/tags/caminar/feature', alice))).toMatchObject({ featuring: true });
    expect((await json<{ name: string }[]>(await api('GET', '/api/v1/featured_tags', alice))).map((f) => f.name)).toEqual(['caminar']);
    expect(await json(await api('GET', '/api/v1/tags/caminar', bob))).toMatchObject({ featuring: false });
    expect(await json(await api('POST', '/api/v1/tags/caminar/unfeature', alice))).toMatchObject({ featuring: false });
    expect(await json(await api('GET', '/api/v1/featured_tags', alice))).toEqual([]);
  });
});

describe('the profile (Mastodon 4.6)', () => {
  it('reads and edits one\'s own profile, raw note and fields included', async () => {
    const edited = await json<{ display_name: string; note: string; fields: { name: string; value: string }[]; locked: boolean }>(
      await api('PATCH', '/api/v1/profile', alice, { display_name: 'Alice M.', note: 'Camino *cada* día', locked: true, fields_attributes: [{ name: 'Web', value: 'https://example.org' }] }),
    );
    expect(edited).toMatchObject({ display_name: 'Alice M.', note: 'Camino *cada* día', locked: true, fields: [{ name: 'Web', value: 'https://example.org', verified_at: null }], avatar: null, show_media: true });
    expect(await json(await api('GET', '/api/v1/profile', alice))).toMatchObject({ display_name: 'Alice M.', locked: true });
    expect((await api('GET', '/api/v1/profile', undefined)).status).toBe(401);
  });
});

describe('OAuth userinfo', () => {
  it('answers OpenID Connect claims for a profile token (and read tokens), by GET and POST', async () => {
    const profileOnly = (await issueAccessToken(t.ctx.db, { userId: alice.userId, applicationId: null, scopes: 'profile' })).access_token;
    const claims = await json(await t.request('GET', '/oauth/userinfo', { token: profileOnly }));
    expect(claims).toEqual({ iss: 'http://medired.test/', sub: 'http://medired.test/users/alice', name: 'Alice M.', preferred_username: 'alice', profile: 'http://medired.test/@alice', picture: expect.stringMatching(/^http:\/\/medired\.test\//) });
    expect(await json(await t.request('POST', '/oauth/userinfo', { token: alice.token }))).toMatchObject({ preferred_username: 'alice' });
    // Mastodon 4.3: a profile token may read verify_credentials, but nothing else.
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: profileOnly })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/timelines/home', { token: profileOnly })).status).toBe(403);
  });
});

describe('the instance\'s texts and the families it has nothing for', () => {
  it('serves the privacy policy and the terms of service (in force since their date), Spanish or English', async () => {
    const privacy = await json<{ content: string }>(await t.request('GET', '/api/v1/instance/privacy_policy'));
    expect(privacy.content).toContain('Argon2');
    const en = await json<{ content: string }>(await t.request('GET', '/api/v1/instance/privacy_policy', { headers: { 'accept-language': 'en' } }));
    expect(en.content).toContain('What we keep');
    const terms = await json<{ effective_date: string; effective: boolean; content: string }>(await t.request('GET', '/api/v1/instance/terms_of_service'));
    expect(terms).toMatchObject({ effective: true, succeeded_by: null });
    expect(terms.content).toContain('112');
    expect(await json(await t.request('GET', `/api/v1/instance/terms_of_service/${terms.effective_date}`))).toEqual(terms);
    expect((await t.request('GET', '/api/v1/instance/terms_of_service/2020-01-01')).status).toBe(404);
    // The same texts as pages, linked from every page's footer and from the instance's urls.
    const page = await (await t.request('GET', '/privacy-policy', { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('<h1>Política de privacidad</h1>');
    expect(page).toContain('href="/terms-of-service"');
    expect(await (await t.request('GET', '/terms-of-service', { headers: { accept: 'text/html', cookie: 'lang=en' } })).text()).toContain('<h1>Terms of service</h1>');
    expect(await json(await t.request('GET', '/api/v2/instance'))).toMatchObject({ configuration: { urls: { privacy_policy: 'http://medired.test/privacy-policy', terms_of_service: 'http://medired.test/terms-of-service' } } });
  });

  it('answers annual reports, donation campaigns, peer search and domain block previews as a server without them', async () => {
    expect(await json(await api('GET', '/api/v1/annual_reports', alice))).toEqual({ annual_reports: [], accounts: [], statuses: [] });
    expect(await json(await api('GET', '/api/v1/annual_reports/2026/state', alice))).toEqual({ state: 'ineligible' });
    expect(await json(await api('POST', '/api/v1/annual_reports/2026/generate', alice))).toEqual({});
    expect((await api('GET', '/api/v1/donation_campaigns', alice)).status).toBe(204);
    expect(await json(await api('GET', '/api/v1/peers/search?q=mastodon', alice))).toEqual([]);
    expect(await json(await api('GET', '/api/v1/domain_blocks/preview?domain=mastodon.social', alice))).toEqual({ following_count: 0, followers_count: 0 });
  });
});
