import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAdmin } from '../accounts/make-admin.js';
import { insertStatus, json, staffUser } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { staffWebSession, webSession, type WebSession } from '../web/testing/web-session.js';
import { AUDIT_AUDIENCE, readableAuditActions } from './audit-actions.js';

let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let reporter: TestUser;
let author: TestUser;
let promoted: TestUser;

interface Entry {
  action: string;
}

const staffSession = (user: TestUser) => staffWebSession(t, user);

beforeAll(async () => {
  t = await createTestApp();
  admin = await staffUser(t, 'admin');
  moderator = await staffUser(t, 'moderator');
  reporter = await t.createUser();
  author = await t.createUser();
  promoted = await t.createUser({ username: 'nuevo_admin' });
  const statusId = await insertStatus(t, author.accountId, 'Un bulo');
  const report = await json<{ id: string }>(await t.request('POST', '/api/v1/reports', { token: reporter.token, json: { account_id: author.accountId, status_ids: [statusId] } }));
  const acted = await t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderator.token, json: { action: 'warn', reason: 'Información engañosa', report_id: report.id } });
  expect(acted.status).toBe(200);
  // An admin-only entry: a role change made with the make-admin command.
  await makeAdmin(t.ctx.db, promoted.username);
});
afterAll(async () => {
  await t.close();
});

describe('who reads the audit log', () => {
  it('declares an audience for every action, and moderators read only the moderation ones', () => {
    const readable = readableAuditActions('moderator')!;
    expect(readable).toContain('report.create');
    expect(readable).toContain('moderation.suspend');
    expect(readable).toContain('appeal.approve');
    expect(readable).toContain('verification.approve');
    expect(readable).not.toContain('staff.role_change');
    expect(AUDIT_AUDIENCE['staff.role_change']).toBe('admin');
    expect(readableAuditActions('admin')).toBeNull();
  });

  it('lets a moderator with two-factor read the moderation entries through the API, without the admin-only ones', async () => {
    const res = await t.request('GET', '/api/v1/medired/admin/audit_log?limit=200', { token: moderator.token });
    expect(res.status).toBe(200);
    const actions = (await json<Entry[]>(res)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report.create', 'moderation.warn']));
    expect(actions).not.toContain('staff.role_change');
    const filtered = await json<Entry[]>(await t.request('GET', '/api/v1/medired/admin/audit_log?action=staff', { token: moderator.token }));
    expect(filtered).toEqual([]);
  });

  it('lets an admin read every entry, the admin-only ones included', async () => {
    const actions = (await json<Entry[]>(await t.request('GET', '/api/v1/medired/admin/audit_log?limit=200', { token: admin.token }))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['report.create', 'moderation.warn', 'staff.role_change']));
  });

  it('refuses anonymous visitors, ordinary accounts and moderators without two-factor', async () => {
    expect((await t.request('GET', '/api/v1/medired/admin/audit_log')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/medired/admin/audit_log', { token: reporter.token })).status).toBe(403);
    const noMfa = await staffUser(t, 'moderator');
    await t.ctx.db.updateTable('users').set({ totp_enabled_at: null }).where('id', '=', noMfa.userId).execute();
    expect((await t.request('GET', '/api/v1/medired/admin/audit_log', { token: noMfa.token })).status).toBe(403);
  });

  it('shows moderators the moderation entries on the web page, and admins the admin-only ones too', async () => {
    const asModerator = await staffSession(moderator);
    const res = await asModerator.get('/admin/audit_log');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('moderation.warn');
    expect(html).toContain('report.create');
    expect(html).not.toContain('staff.role_change');
    expect(html).toContain('href="/admin/audit_log"');
    const asAdmin = await staffSession(admin);
    const adminHtml = await (await asAdmin.get('/admin/audit_log')).text();
    expect(adminHtml).toContain('staff.role_change');
    expect(adminHtml).toContain('moderation.warn');
    const asReporter = await webSession(t, reporter);
    expect((await asReporter.get('/admin/audit_log')).status).toBe(403);
  });
});
