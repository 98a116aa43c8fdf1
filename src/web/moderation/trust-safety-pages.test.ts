import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { insertStatus, staffUser } from '../../moderation/trust-safety.fixtures.js';
import { staffWebSession, webSession, type WebSession } from '../testing/web-session.js';

let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let doctor: TestUser;
let patient: TestUser;
let author: TestUser;
let asAdmin: WebSession;
let asModerator: WebSession;
let asDoctor: WebSession;
let asPatient: WebSession;
let asAuthor: WebSession;

const staffSession = (user: TestUser) => staffWebSession(t, user);

beforeAll(async () => {
  t = await createTestApp();
  admin = await staffUser(t, 'admin');
  moderator = await staffUser(t, 'moderator');
  doctor = await t.createUser({ kind: 'professional', profession: 'doctor', username: 'dr_web' });
  patient = await t.createUser({ username: 'paciente_web' });
  author = await t.createUser({ username: 'autor_web' });
  asAdmin = await staffSession(admin);
  asModerator = await staffSession(moderator);
  asDoctor = await webSession(t, doctor);
  asPatient = await webSession(t, patient);
  asAuthor = await webSession(t, author);
});
afterAll(async () => {
  await t.close();
});

describe('verification pages', () => {
  it('sends anonymous visitors to sign in and tells patients verification is not for them', async () => {
    const anon = await t.request('GET', '/settings/verification', { headers: { accept: 'text/html' } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/auth/sign_in');
    const html = await (await asPatient.get('/settings/verification')).text();
    expect(html).toContain('La verificación es para profesionales sanitarios');
  });

  it('lets a professional request verification with a document, and shows form errors in Spanish pages', async () => {
    const bad = await asDoctor.post('/settings/verification', { license_number: '', issuing_body: 'Colegio', country: 'ES', specialty: 'cardiology' });
    expect(bad.status).toBe(422);
    const form = new FormData();
    for (const [k, v] of Object.entries({ license_number: '28/555', issuing_body: 'Colegio de Médicos de Madrid', country: 'ES', specialty: 'cardiology', note: '' })) form.set(k, v);
    form.set('document', new File([new TextEncoder().encode('%PDF-1.4 test')], 'c.pdf', { type: 'application/pdf' }));
    const res = await asDoctor.post('/settings/verification', form);
    expect(res.status).toBe(303);
    const html = await (await asDoctor.get('/settings/verification?notice=sent')).text();
    expect(html).toContain('Solicitud enviada');
    expect(html).toContain('Pendiente');
  });

  it('keeps the queue to staff and lets a moderator approve from the detail page', async () => {
    expect((await asPatient.get('/admin/verification')).status).toBe(403);
    const queue = await asModerator.get('/admin/verification');
    expect(queue.status).toBe(200);
    const [row] = await t.ctx.db.selectFrom('verification_requests').select('id').where('account_id', '=', doctor.accountId).execute();
    const detail = await (await asModerator.get(`/admin/verification/${row!.id}`)).text();
    expect(detail).toContain('Colegio de Médicos de Madrid');
    expect(detail).toContain(`/api/v1/medired/admin/verification_requests/${row!.id}/document`);
    const doc = `/api/v1/medired/admin/verification_requests/${row!.id}/document`;
    expect((await asModerator.get(doc)).status).toBe(200);
    expect((await asPatient.get(doc)).status).toBe(403);
    expect((await asDoctor.get(doc)).status).toBe(403);
    expect((await asPatient.post(`/admin/verification/${row!.id}/approve`, { reason: '' })).status).toBe(403);
    const approve = await asModerator.post(`/admin/verification/${row!.id}/approve`, { reason: '' });
    expect(approve.status).toBe(303);
    const account = await t.ctx.db.selectFrom('accounts').select('verification_status').where('id', '=', doctor.accountId).executeTakeFirstOrThrow();
    expect(account.verification_status).toBe('verified');
    const notices = await (await asDoctor.get('/notifications')).text();
    expect(notices).toContain('Tu cuenta ha sido verificada.');
  });
});

describe('report, moderation and appeal pages', () => {
  let statusId: string;

  it('lets a member report a post through the form', async () => {
    statusId = await insertStatus(t, author.accountId, 'El bicarbonato cura todo');
    const page = await asPatient.get(`/report?status_id=${statusId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Información sanitaria engañosa');
    const res = await asPatient.post('/report', { status_ids: statusId, category: 'health_misinformation', comment: 'Peligroso' });
    expect(res.status).toBe(303);
    const report = await t.ctx.db.selectFrom('reports').selectAll().where('account_id', '=', patient.accountId).executeTakeFirstOrThrow();
    expect(report).toMatchObject({ target_account_id: author.accountId, category: 'health_misinformation', comment: 'Peligroso' });
  });

  it('lets a moderator hide the post from the report page; the author sees why and appeals once', async () => {
    const report = await t.ctx.db.selectFrom('reports').select('id').where('account_id', '=', patient.accountId).executeTakeFirstOrThrow();
    expect((await asPatient.get(`/admin/reports/${report.id}`)).status).toBe(403);
    const list = await (await asModerator.get('/admin/reports')).text();
    expect(list).toContain(`/admin/reports/${report.id}`);
    const missingReason = await asModerator.post(`/admin/reports/${report.id}/action`, { action: 'hide', reason: '' });
    expect(missingReason.status).toBe(422);
    const act = await asModerator.post(`/admin/reports/${report.id}/action`, { action: 'hide', reason: 'Contradice la evidencia' });
    expect(act.status).toBe(303);
    const hidden = await t.ctx.db.selectFrom('statuses').select('hidden_at').where('id', '=', statusId).executeTakeFirstOrThrow();
    expect(hidden.hidden_at).not.toBeNull();

    const notices = await (await asAuthor.get('/notifications')).text();
    expect(notices).toContain('Motivo: Contradice la evidencia');
    const action = await t.ctx.db.selectFrom('moderation_actions').select('id').where('target_account_id', '=', author.accountId).executeTakeFirstOrThrow();
    expect(notices).toContain(`/appeals/new?action_id=${action.id}`);
    expect((await asAuthor.get(`/appeals/new?action_id=${action.id}`)).status).toBe(200);
    expect((await asPatient.get(`/appeals/new?action_id=${action.id}`)).status).toBe(404);
    const unstorable = await asAuthor.post('/appeals', { action_id: action.id, text: 'Tengo fuentes que lo respaldan\u0000' });
    expect(unstorable.status).toBe(422);
    expect(await unstorable.text()).toContain('Tengo fuentes que lo respaldan');
    expect((await asPatient.post('/appeals', { action_id: action.id, text: 'No es mía\u0000' })).status).toBe(404);
    expect((await asAuthor.post('/appeals', { action_id: action.id, text: 'Tengo fuentes que lo respaldan' })).status).toBe(303);
    const again = await asAuthor.post('/appeals', { action_id: action.id, text: 'Insisto, tengo fuentes' });
    expect(again.status).toBe(422);

    const appeals = await (await asModerator.get('/admin/appeals')).text();
    expect(appeals).toContain('Tengo fuentes que lo respaldan');
    const appeal = await t.ctx.db.selectFrom('appeals').select('id').where('action_id', '=', action.id).executeTakeFirstOrThrow();
    expect((await asModerator.post(`/admin/appeals/${appeal.id}/approve`, { reason: 'Fuentes válidas' })).status).toBe(303);
    const shown = await t.ctx.db.selectFrom('statuses').select('hidden_at').where('id', '=', statusId).executeTakeFirstOrThrow();
    expect(shown.hidden_at).toBeNull();
  });

  it('shows the audit log to staff only', async () => {
    expect((await asModerator.get('/admin/audit_log')).status).toBe(200);
    expect((await asPatient.get('/admin/audit_log')).status).toBe(403);
    const page = await asAdmin.get('/admin/audit_log?action=moderation');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('moderation.hide');
  });

  it('refuses staff form posts without the CSRF token', async () => {
    const report = await t.ctx.db.selectFrom('reports').select('id').executeTakeFirstOrThrow();
    expect((await asModerator.post(`/admin/reports/${report.id}/resolve`, {}, { csrf: false })).status).toBe(403);
  });
});

describe('notifications page', () => {
  it('shows only one\'s own notifications and can clear them', async () => {
    const html = await (await asPatient.get('/notifications')).text();
    expect(html).not.toContain('Tu cuenta ha sido verificada.');
    expect((await asDoctor.post('/notifications/clear', {})).status).toBe(303);
    expect(await (await asDoctor.get('/notifications')).text()).toContain('No tienes notificaciones.');
  });
});
