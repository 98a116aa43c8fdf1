import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { defineRoute } from '../http/route.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { createBrowser, type TestBrowser } from './test-browser.js';
import { currentTotpCode } from './totp.service.js';
import { SESSION_COOKIE } from './viewer.js';

const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let aliceWeb: TestBrowser;
let bobWeb: TestBrowser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.createUser();
  bob = await t.createUser();
  aliceWeb = createBrowser(t);
  bobWeb = createBrowser(t, '198.51.100.99', 'Mozilla/5.0 (Windows NT 10.0) Chrome/140.0');
  await aliceWeb.signIn(alice.username, PASSWORD);
  await bobWeb.signIn(bob.username, PASSWORD);
});
afterAll(async () => {
  await t.close();
});

async function sessionsOf(user: TestUser) {
  const res = await t.request('GET', '/api/v1/medired/sessions', { token: user.token });
  return (await res.json()) as { id: string; ip: string; user_agent: string; current: boolean }[];
}

async function tokensOf(user: TestUser) {
  const res = await t.request('GET', '/api/v1/medired/tokens', { token: user.token });
  return (await res.json()) as { id: string; current: boolean; scopes: string[] }[];
}

describe('sessions API (/api/v1/medired/sessions)', () => {
  it('lists only your own sessions, with IP and browser; anonymous callers get 401', async () => {
    expect((await t.request('GET', '/api/v1/medired/sessions')).status).toBe(401);
    const mine = await sessionsOf(alice);
    expect(mine.length).toBe(1);
    expect(mine[0]!.ip).toBe('198.51.100.7');
    expect(mine[0]!.user_agent).toContain('Firefox');
    const viaCookie = (await (await aliceWeb.request('GET', '/api/v1/medired/sessions')).json()) as { current: boolean }[];
    expect(viaCookie[0]!.current).toBe(true);
  });

  it("answers 404 when someone tries to end another user's session", async () => {
    const [bobSession] = await sessionsOf(bob);
    const res = await t.request('DELETE', `/api/v1/medired/sessions/${bobSession!.id}`, { token: alice.token });
    expect(res.status).toBe(404);
    expect((await bobWeb.request('GET', '/api/v1/medired/sessions')).status).toBe(200);
  });

  it('refuses a cookie-authenticated delete without the CSRF header', async () => {
    const [own] = await sessionsOf(alice);
    expect((await aliceWeb.request('DELETE', `/api/v1/medired/sessions/${own!.id}`)).status).toBe(403);
    expect((await aliceWeb.request('GET', '/api/v1/medired/sessions')).status).toBe(200);
  });

  it('lets the owner end one of their sessions', async () => {
    const extra = createBrowser(t);
    await extra.signIn(alice.username, PASSWORD);
    const sessions = await sessionsOf(alice);
    const target = sessions.find((s) => s.ip === '198.51.100.7' && !s.current && s.id !== sessions[sessions.length - 1]!.id) ?? sessions[0]!;
    const res = await t.request('DELETE', `/api/v1/medired/sessions/${target.id}`, { token: alice.token });
    expect(res.status).toBe(200);
    expect((await sessionsOf(alice)).some((s) => s.id === target.id)).toBe(false);
  });
});

describe('tokens API (/api/v1/medired/tokens)', () => {
  it("lists your tokens and answers 404 for another user's token", async () => {
    const mine = await tokensOf(alice);
    expect(mine.some((tok) => tok.current)).toBe(true);
    const bobs = await tokensOf(bob);
    expect((await t.request('DELETE', `/api/v1/medired/tokens/${bobs[0]!.id}`, { token: alice.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/medired/tokens', { token: bob.token })).status).toBe(200);
  });

  it('revokes one of your own tokens', async () => {
    const extra = await t.request('POST', '/oauth/token', { form: { grant_type: 'password', username: alice.username, password: PASSWORD } });
    // No client: the grant needs a registered app.
    expect(extra.status).toBe(401);
    const app = (await (await t.request('POST', '/api/v1/apps', { json: { client_name: 'Lector', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read' } })).json()) as { client_id: string; client_secret: string };
    const issued = (await (await t.request('POST', '/oauth/token', { form: { grant_type: 'password', username: alice.username, password: PASSWORD, client_id: app.client_id, client_secret: app.client_secret } })).json()) as { access_token: string };
    const listed = (await tokensOf(alice)).find((tok) => !tok.current)!;
    expect(listed.scopes).toEqual(['read']);
    expect((await t.request('DELETE', `/api/v1/medired/tokens/${listed.id}`, { token: alice.token })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: issued.access_token })).status).toBe(401);
  });
});

describe('password change (POST /api/v1/medired/password)', () => {
  it('needs the right current password and an acceptable new one', async () => {
    const wrong = await t.request('POST', '/api/v1/medired/password', { token: alice.token, json: { current_password: 'nope nope nope', password: 'una contraseña nueva y larga' } });
    expect(wrong.status).toBe(422);
    const weak = await t.request('POST', '/api/v1/medired/password', { token: alice.token, json: { current_password: PASSWORD, password: 'password1234' } });
    expect(weak.status).toBe(422);
    expect((await t.request('POST', '/api/v1/medired/password', { json: { current_password: PASSWORD, password: 'x' } })).status).toBe(401);
  });

  it('ends every other session and revokes other tokens, keeping the one that made the change', async () => {
    const dave = await t.createUser();
    const laptop = createBrowser(t);
    const phone = createBrowser(t, '198.51.100.50');
    await laptop.signIn(dave.username, PASSWORD);
    await phone.signIn(dave.username, PASSWORD);
    const csrf = await laptop.csrfOf('/settings/security', '/settings/security/password');
    const res = await laptop.request('POST', '/settings/security/password', { form: { _csrf: csrf, current_password: PASSWORD, password: 'una contraseña nueva y bien larga' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/settings/security?notice=password_changed');
    expect((await laptop.request('GET', '/api/v1/medired/sessions')).status).toBe(200);
    expect((await phone.request('GET', '/api/v1/medired/sessions')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: dave.token })).status).toBe(401);
    expect((await createBrowser(t).signIn(dave.username, PASSWORD)).status).toBe(401);
    expect((await createBrowser(t).signIn(dave.username, 'una contraseña nueva y bien larga')).status).toBe(303);
  });

  it('through the API, keeps the calling token and ends all web sessions', async () => {
    const erin = await t.createUser();
    const browser = createBrowser(t);
    await browser.signIn(erin.username, PASSWORD);
    const res = await t.request('POST', '/api/v1/medired/password', { token: erin.token, json: { current_password: PASSWORD, password: 'otra contraseña distinta y larga' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { endedSessions: number }).endedSessions).toBe(1);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: erin.token })).status).toBe(200);
    expect((await browser.request('GET', '/api/v1/medired/sessions')).status).toBe(401);
  });
});

describe('two-factor API (/api/v1/medired/two_factor)', () => {
  it('sets up with the password, enables with a code, refuses replay, disables with password and code', async () => {
    const frank = await t.createUser();
    expect((await t.request('POST', '/api/v1/medired/two_factor/setup', { token: frank.token, json: { password: 'wrong password here' } })).status).toBe(422);
    const setupRes = await t.request('POST', '/api/v1/medired/two_factor/setup', { token: frank.token, json: { password: PASSWORD } });
    expect(setupRes.status).toBe(200);
    const setup = (await setupRes.json()) as { secret: string; otpauth_url: string };
    expect(setup.otpauth_url).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.otpauth_url).toContain(`secret=${setup.secret}`);
    expect((await t.request('POST', '/api/v1/medired/two_factor/enable', { token: frank.token, json: { code: '000000' } })).status).toBe(422);
    const code = currentTotpCode(setup.secret);
    expect((await t.request('POST', '/api/v1/medired/two_factor/enable', { token: frank.token, json: { code } })).status).toBe(200);
    expect(((await (await t.request('GET', '/api/v1/medired/two_factor', { token: frank.token })).json()) as { enabled: boolean }).enabled).toBe(true);
    expect((await t.request('POST', '/api/v1/medired/two_factor/setup', { token: frank.token, json: { password: PASSWORD } })).status).toBe(409);
    // The code just used cannot be used again.
    expect((await t.request('POST', '/api/v1/medired/two_factor/disable', { token: frank.token, json: { password: PASSWORD, code } })).status).toBe(422);
    const next = currentTotpCode(setup.secret, Date.now() + 30_000);
    expect((await t.request('POST', '/api/v1/medired/two_factor/disable', { token: frank.token, json: { password: 'wrong password here', code: next } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/medired/two_factor/disable', { token: frank.token, json: { password: PASSWORD, code: next } })).status).toBe(200);
    expect(((await (await t.request('GET', '/api/v1/medired/two_factor', { token: frank.token })).json()) as { enabled: boolean }).enabled).toBe(false);
  });

  it('is refused to anonymous callers', async () => {
    expect((await t.request('GET', '/api/v1/medired/two_factor')).status).toBe(401);
    expect((await t.request('POST', '/api/v1/medired/two_factor/setup', { json: { password: PASSWORD } })).status).toBe(401);
  });
});

describe('Settings → Security page', () => {
  it('sends anonymous visitors to sign in', async () => {
    const res = await t.request('GET', '/settings/security');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign_in?return_to=%2Fsettings%2Fsecurity');
  });

  it('lists sessions with their browser and the authorised tokens, each with a revoke button', async () => {
    const res = await bobWeb.request('GET', '/settings/security');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Chrome · Windows');
    expect(html).toContain('198.51.100.99');
    expect(html).toMatch(/action="\/settings\/security\/sessions\/\d+\/revoke"/);
    expect(html).toMatch(/action="\/settings\/security\/tokens\/\d+\/revoke"/);
  });

  it("refuses a forged revoke without the CSRF token, and answers 404 for another user's token", async () => {
    const [bobToken] = await tokensOf(bob);
    expect((await aliceWeb.request('POST', `/settings/security/tokens/${bobToken!.id}/revoke`, { form: {} })).status).toBe(403);
    const csrf = await aliceWeb.csrfOf('/settings/security');
    expect((await aliceWeb.request('POST', `/settings/security/tokens/${bobToken!.id}/revoke`, { form: { _csrf: csrf } })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/medired/tokens', { token: bob.token })).status).toBe(200);
  });

  it('shows the TOTP secret and otpauth URL as text and enables 2FA with a code', async () => {
    const gina = await t.createUser();
    const web = createBrowser(t);
    await web.signIn(gina.username, PASSWORD);
    const csrf = await web.csrfOf('/settings/security');
    const setup = await web.request('POST', '/settings/security/two_factor/setup', { form: { _csrf: csrf, password: PASSWORD } });
    expect(setup.status).toBe(200);
    const html = await setup.text();
    const url = /<code class="totp-url">([^<]+)<\/code>/.exec(html)![1]!.replace(/&amp;/g, '&');
    const secret = new URL(url).searchParams.get('secret')!;
    expect(html).not.toMatch(/https?:\/\/[^"]*qr/i);
    const enable = await web.request('POST', '/settings/security/two_factor/enable', { form: { _csrf: csrf, code: currentTotpCode(secret) } });
    expect(enable.status).toBe(303);
    const row = await t.ctx.db.selectFrom('users').select('totp_enabled_at').where('id', '=', gina.userId).executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
  });

  it('ends the current session when it is revoked from the list', async () => {
    const web = createBrowser(t);
    await web.signIn(alice.username, PASSWORD);
    const current = ((await (await web.request('GET', '/api/v1/medired/sessions')).json()) as { id: string; current: boolean }[]).find((s) => s.current)!;
    const csrf = await web.csrfOf('/settings/security');
    const res = await web.request('POST', `/settings/security/sessions/${current.id}/revoke`, { form: { _csrf: csrf } });
    expect(res.status).toBe(303);
    expect(web.cookies.has(SESSION_COOKIE)).toBe(false);
  });
});

describe('staff routes require TOTP', () => {
  const modRoute = defineRoute({ method: 'get', path: '/api/v1/test/moderation', summary: 'test', tags: ['test'], auth: 'moderator', query: z.object({}), handler: async () => ({ ok: true }) });
  const adminRoute = defineRoute({ method: 'get', path: '/api/v1/test/admin', summary: 'test', tags: ['test'], auth: 'admin', handler: async () => ({ ok: true }) });

  it('refuses a moderator without 2FA with a message saying to enable it, and admits one with 2FA', async () => {
    const hono = createApp(t.ctx, [modRoute, adminRoute]);
    const call = (path: string, token: string) => hono.request(path, { headers: { authorization: `Bearer ${token}` } });
    const modNoTotp = await t.createUser();
    await t.setStaffRole(modNoTotp, 'moderator', { totp: false });
    const refused = await call('/api/v1/test/moderation', modNoTotp.token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/two-factor authentication/);
    const mod = await t.createUser();
    await t.setStaffRole(mod, 'moderator');
    expect((await call('/api/v1/test/moderation', mod.token)).status).toBe(200);
    expect((await call('/api/v1/test/admin', mod.token)).status).toBe(403);
    expect((await call('/api/v1/test/moderation', alice.token)).status).toBe(403);
    const adminNoTotp = await t.createUser();
    await t.setStaffRole(adminNoTotp, 'admin', { totp: false });
    expect((await call('/api/v1/test/admin', adminNoTotp.token)).status).toBe(403);
    const admin = await t.createUser();
    await t.setStaffRole(admin, 'admin');
    expect((await call('/api/v1/test/admin', admin.token)).status).toBe(200);
    expect((await hono.request('/api/v1/test/moderation')).status).toBe(401);
  });
});
