import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { issueAccessToken } from './access-tokens.js';
import { currentTotpCode } from './totp.service.js';

/**
 * The cached token → viewer lookup: every change to who a token's bearer is holds from the very
 * next request, although that token's viewer was cached a moment before.
 */

let t: TestApp;
let adminToken: string;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.createUser();
  await t.setStaffRole(admin, 'admin');
  adminToken = await staffToken(admin);
});
afterAll(async () => {
  await t.close();
});

const me = (token: string) => t.request('GET', '/api/v1/accounts/verify_credentials', { token });
const staffToken = async (user: TestUser) => (await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes: 'read write follow admin:read admin:write' })).access_token;
const secondToken = async (user: TestUser) => (await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes: 'read write follow' })).access_token;

describe('cached viewers', () => {
  it('a token revoked from the security settings is refused at once', async () => {
    const user = await t.createUser();
    const other = await secondToken(user);
    expect((await me(other)).status).toBe(200);
    const tokens = (await (await t.request('GET', '/api/v1/medired/tokens', { token: user.token })).json()) as { id: string; current: boolean }[];
    const target = tokens.find((x) => !x.current)!;
    expect((await t.request('DELETE', `/api/v1/medired/tokens/${target.id}`, { token: user.token })).status).toBe(200);
    expect((await me(other)).status).toBe(401);
  });

  it('a password change revokes the other tokens at once', async () => {
    const user = await t.createUser();
    const other = await secondToken(user);
    expect((await me(other)).status).toBe(200);
    const res = await t.request('POST', '/api/v1/medired/password', { token: user.token, json: { current_password: 'correct horse battery staple', password: 'otra frase larga y segura 2026' } });
    expect(res.status).toBe(200);
    expect((await me(other)).status).toBe(401);
    expect((await me(user.token)).status).toBe(200);
  });

  it('a suspension by a moderator holds from the next request of a cached token', async () => {
    const user = await t.createUser();
    expect((await me(user.token)).status).toBe(200);
    expect((await t.request('GET', '/api/v1/timelines/home', { token: user.token })).status).toBe(200);
    const action = await t.request('POST', `/api/v1/admin/accounts/${user.accountId}/action`, { token: adminToken, form: { type: 'suspend', text: 'Prueba de suspensión' } });
    expect(action.status).toBe(200);
    expect((await t.request('GET', '/api/v1/timelines/home', { token: user.token })).status).toBe(403);
  });

  it('turning two-factor authentication on is seen by the next request', async () => {
    const user = await t.createUser();
    await t.setStaffRole(user, 'moderator', { totp: false });
    const token = await staffToken(user);
    const reports = () => t.request('GET', '/api/v1/admin/reports', { token });
    expect((await reports()).status).toBe(403);
    const setup = (await (await t.request('POST', '/api/v1/medired/two_factor/setup', { token, json: { password: 'correct horse battery staple' } })).json()) as { secret: string };
    expect((await t.request('POST', '/api/v1/medired/two_factor/enable', { token, json: { code: currentTotpCode(setup.secret) } })).status).toBe(200);
    expect((await reports()).status).toBe(200);
  });
});
