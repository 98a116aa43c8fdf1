import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { json } from './trust-safety.fixtures.js';

/** Mastodon's admin account and report routes Medired lacked (issue 10). */

let t: TestApp;
let moderator: TestUser;
let admin: TestUser;
let author: TestUser;
let reporter: TestUser;

const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });
const staff = async (user: TestUser) => ({ ...user, token: (await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token });

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  [moderator, admin, author, reporter] = await Promise.all([t.createUser({ username: 'modera' }), t.createUser({ username: 'administra' }), t.createUser({ username: 'autora' }), t.createUser({ username: 'denunciante' })]);
  await t.setStaffRole(moderator, 'moderator');
  await t.setStaffRole(admin, 'admin');
  moderator = await staff(moderator);
  admin = await staff(admin);
});
afterAll(async () => {
  await t?.close();
});

describe('admin accounts', () => {
  it('v2 lists with Mastodon\'s filters; what a single server has none of matches nothing', async () => {
    const staffOnly = await json<{ username: string }[]>(await api('GET', '/api/v2/admin/accounts?permissions=staff', moderator));
    // The instance's first account is its administrator too.
    expect(staffOnly.map((a) => a.username)).toEqual(expect.arrayContaining(['administra', 'modera']));
    expect(staffOnly.map((a) => a.username)).not.toContain('autora');
    const admins = await json<{ username: string }[]>(await api('GET', '/api/v2/admin/accounts?role_ids[]=3&username=admin', moderator));
    expect(admins.map((a) => a.username)).toEqual(['administra']);
    expect(await json(await api('GET', '/api/v2/admin/accounts?origin=remote', moderator))).toEqual([]);
    expect(await json(await api('GET', '/api/v2/admin/accounts?status=pending', moderator))).toEqual([]);
    expect((await api('GET', '/api/v2/admin/accounts?ip=203.0.113.1', moderator)).status).toBe(422);
    expect((await api('GET', '/api/v2/admin/accounts', author)).status).toBe(403);
  });

  it('unsensitive reverts the sensitive marking; enable answers the account; approve, reject and delete are refused', async () => {
    const statusId = (await json<{ id: string }>(await api('POST', '/api/v1/statuses', author, { status: 'Una foto', visibility: 'public' }))).id;
    await json(await api('POST', `/api/v1/admin/accounts/${author.accountId}/action`, moderator, { type: 'sensitive', text: 'Imágenes sin aviso' }));
    expect(await json(await api('GET', `/api/v1/admin/accounts/${author.accountId}`, moderator))).toMatchObject({ sensitized: true });
    expect(await json(await api('GET', `/api/v1/statuses/${statusId}`, reporter))).toMatchObject({ sensitive: true });
    expect(await json(await api('POST', `/api/v1/admin/accounts/${author.accountId}/unsensitive`, moderator))).toMatchObject({ id: author.accountId, sensitized: false });
    expect(await json(await api('GET', `/api/v1/statuses/${statusId}`, reporter))).toMatchObject({ sensitive: false });
    expect(await json(await api('POST', `/api/v1/admin/accounts/${author.accountId}/enable`, moderator))).toMatchObject({ id: author.accountId, disabled: false });
    expect((await api('POST', `/api/v1/admin/accounts/${author.accountId}/approve`, moderator)).status).toBe(403);
    expect((await api('POST', `/api/v1/admin/accounts/${author.accountId}/reject`, moderator)).status).toBe(403);
    // Deleting an account's data is for administrators, and refused.
    expect((await api('DELETE', `/api/v1/admin/accounts/${author.accountId}`, moderator)).status).toBe(403);
    expect((await api('DELETE', `/api/v1/admin/accounts/${author.accountId}`, admin)).status).toBe(403);
  });
});

describe('admin reports', () => {
  it('a moderator takes a report, corrects its category and leaves it; each step is audited', async () => {
    const report = await json<{ id: string }>(await api('POST', '/api/v1/reports', reporter, { account_id: author.accountId, comment: 'Publicidad', category: 'other' }));
    expect(await json(await api('POST', `/api/v1/admin/reports/${report.id}/assign_to_self`, moderator))).toMatchObject({ assigned_account: { id: moderator.accountId } });
    expect(await json(await api('PUT', `/api/v1/admin/reports/${report.id}`, moderator, { category: 'spam' }))).toMatchObject({ category: 'spam' });
    expect((await api('PATCH', `/api/v1/admin/reports/${report.id}`, moderator, { category: 'nonsense' })).status).toBe(422);
    expect(await json(await api('POST', `/api/v1/admin/reports/${report.id}/unassign`, moderator))).toMatchObject({ assigned_account: null });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', report.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'report.assign', 'report.update', 'report.unassign']);
    expect((await api('POST', `/api/v1/admin/reports/${report.id}/assign_to_self`, reporter)).status).toBe(403);
  });
});
