import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { staffWebSession, webSession } from '../web/testing/web-session.js';
import { complaintStatsFor } from './complaint-stats.js';

let t: TestApp;
let patient: TestUser;
let clinic: TestUser;
let doctor: TestUser;
let stranger: TestUser;
let moderator: TestUser;
const base = '/api/v1/medired/complaints';

const body = (target: TestUser, extra: Record<string, unknown> = {}) => ({
  account_id: target.accountId,
  subject: 'Me cancelaron la cita sin avisar',
  text: 'Fui a la cita del martes y me dijeron en recepción que estaba cancelada, sin ninguna llamada previa.',
  visibility: 'public',
  ...extra,
});

async function json<T = Record<string, unknown>>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}

async function file(by: TestUser, target: TestUser, extra: Record<string, unknown> = {}) {
  return json<{ id: string; state: string; text: string; subject: string }>(t.request('POST', base, { token: by.token, json: body(target, extra) }));
}

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser({ username: 'primera_admin' });
  patient = await t.createUser({ username: 'ana_test' });
  stranger = await t.createUser({ username: 'curiosa' });
  clinic = await createVerifiedOrganization(t);
  doctor = await createVerifiedProfessional(t);
  moderator = await t.createUser({ username: 'moderadora_t' });
  await t.setStaffRole(moderator, 'moderator');
  moderator = { ...moderator, token: (await issueAccessToken(t.ctx.db, { userId: moderator.userId, applicationId: null, scopes: 'read write follow push admin:read admin:write' })).access_token };
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('filing a complaint', () => {
  it('is for professionals and organisations only: not about a patient, not about oneself; visitors get 401', async () => {
    expect((await t.request('POST', base, { token: patient.token, json: body(stranger) })).status).toBe(403);
    expect((await t.request('POST', base, { token: clinic.token, json: body(clinic) })).status).toBe(403);
    expect((await t.request('POST', base, { json: body(clinic) })).status).toBe(401);
    const c = await file(patient, doctor);
    expect(c.state).toBe('open');
    // One complaint under way per complainant and target.
    const again = await t.request('POST', base, { token: patient.token, json: body(doctor) });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { key: string }).key).toBe('complaints.error.alreadyOpen');
    await json(t.request('POST', `${base}/${c.id}/resolve`, { token: patient.token }));
    await file(patient, doctor);
  });

  it('notifies the target, and the complainant when the target answers; the first answer marks it answered', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const forOrg = await json<{ type: string }[]>(t.request('GET', '/api/v1/notifications?types[]=medired.complaint', { token: org.token }));
    expect(forOrg.map((n) => n.type)).toContain('medired.complaint');
    await json(t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Sentimos lo ocurrido, lo revisamos hoy mismo.' } }));
    const shown = await json<{ state: string; first_response_at: string | null }>(t.request('GET', `${base}/${c.id}`));
    expect(shown.state).toBe('answered');
    expect(shown.first_response_at).not.toBeNull();
    const forPatient = await json<{ type: string }[]>(t.request('GET', '/api/v1/notifications?types[]=medired.complaint_answered', { token: patient.token }));
    expect(forPatient.map((n) => n.type)).toContain('medired.complaint_answered');
    // Both parties continue; a stranger cannot write in it.
    await json(t.request('POST', `${base}/${c.id}/entries`, { token: patient.token, json: { text: 'Gracias, espero la llamada.' } }));
    expect((await t.request('POST', `${base}/${c.id}/entries`, { token: stranger.token, json: { text: 'Me meto en medio.' } })).status).toBe(403);
    const entries = await json<{ text: string }[]>(t.request('GET', `${base}/${c.id}/entries`));
    expect(entries.map((e) => e.text)).toEqual(['Gracias, espero la llamada.', 'Sentimos lo ocurrido, lo revisamos hoy mismo.']);
  });

  it('refuses bad input with 422, never a 500', async () => {
    for (const bad of [{ subject: '' }, { text: 'corto' }, { visibility: 'secret' }, { account_id: 'abc' }, { subject: 'x'.repeat(141) }]) {
      expect((await t.request('POST', base, { token: stranger.token, json: body(clinic, bad) })).status, JSON.stringify(bad)).toBe(422);
    }
    expect((await t.request('POST', base, { token: stranger.token, json: body(clinic, { account_id: '999999999' }) })).status).toBe(403);
    expect((await t.request('GET', `${base}/999999999`)).status).toBe(404);
  });

  it('suspended accounts can neither complain nor answer', async () => {
    const org = await createVerifiedOrganization(t);
    const someone = await t.createUser();
    const c = await file(someone, org);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', org.accountId).execute();
    await t.viewerRowsChanged(org);
    expect((await t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Respuesta imposible' } })).status).toBe(403);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', someone.accountId).execute();
    await t.viewerRowsChanged(someone);
    expect((await t.request('POST', base, { token: someone.token, json: body(doctor) })).status).toBe(403);
  });
});

describe('the target can never delete, hide or edit a complaint', () => {
  it('every way it could try is refused (403/404) and the complaint stays public and unchanged', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const before = JSON.stringify(await t.ctx.db.selectFrom('complaints').selectAll().where('id', '=', c.id).executeTakeFirst());
    const attempts: [string, string, unknown?][] = [
      ['DELETE', `${base}/${c.id}`],
      ['PUT', `${base}/${c.id}`, { subject: 'Todo fue bien', text: 'Nada que reclamar, todo perfecto y a tiempo.' }],
      ['PATCH', `${base}/${c.id}`, { visibility: 'private' }],
      ['POST', `${base}/${c.id}/hide`],
      ['POST', `${base}/${c.id}/delete`],
      ['POST', `${base}/${c.id}/edit`, { text: 'Editada por la clínica' }],
      ['POST', `${base}/${c.id}/close`, { reason: 'Ya está atendida' }],
      ['POST', `${base}/${c.id}/resolve`],
      ['POST', `/api/v1/medired/admin/complaints/${c.id}/remove`, { reason: 'No nos gusta' }],
      ['POST', `/api/v1/medired/admin/complaints/${c.id}/close`, { reason: 'No nos gusta' }],
    ];
    for (const [method, url, json] of attempts) {
      const res = await t.request(method, url, { token: org.token, ...(json ? { json } : {}) });
      expect([403, 404], `${method} ${url}`).toContain(res.status);
      const error = (await res.json()) as { error?: string };
      expect(error.error, `${method} ${url} says why`).toBeTruthy();
    }
    const web = await webSession(t, org);
    for (const path of ['delete', 'edit', 'hide', 'remove', 'close', 'resolve']) {
      const res = await web.post(`/complaints/${c.id}/${path}`, { reason: 'No nos gusta nada' });
      expect([403, 404], `web ${path}`).toContain(res.status);
    }
    // Nor through the moderation flow: the target's token is no staff.
    const hide = await t.request('POST', '/api/v1/reports', { token: org.token, json: { target_type: 'complaint', target_id: c.id, category: 'other', comment: 'Quitadla' } });
    expect(hide.status).toBe(200);
    expect(JSON.stringify(await t.ctx.db.selectFrom('complaints').selectAll().where('id', '=', c.id).executeTakeFirst())).toBe(before);
    const page = await (await t.request('GET', `/@${(await t.ctx.db.selectFrom('accounts').select('username').where('id', '=', org.accountId).executeTakeFirstOrThrow()).username}`)).text();
    expect(page).toContain('Me cancelaron la cita sin avisar');
  });
});

describe('moderators remove and close complaints', () => {
  it('removal needs a reason, is audited, hides the complaint from the public and shows the parties why', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const url = `/api/v1/medired/admin/complaints/${c.id}/remove`;
    expect((await t.request('POST', url, { token: moderator.token, json: {} })).status).toBe(422);
    const noTotp = await t.createUser();
    await t.setStaffRole(noTotp, 'moderator', { totp: false });
    noTotp.token = (await issueAccessToken(t.ctx.db, { userId: noTotp.userId, applicationId: null, scopes: 'read write admin:write' })).access_token;
    expect((await t.request('POST', url, { token: noTotp.token, json: { reason: 'Contiene insultos' } })).status).toBe(403);
    const removed = await json<{ removed: boolean; removal_reason: string }>(t.request('POST', url, { token: moderator.token, json: { reason: 'Contiene insultos personales' } }));
    expect(removed.removed).toBe(true);
    expect((await t.request('POST', url, { token: moderator.token, json: { reason: 'Otra vez' } })).status).toBe(409);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'complaint.remove').where('target_id', '=', c.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.reason).toBe('Contiene insultos personales');
    expect(audit[0]!.actor_account_id).toBe(moderator.accountId);
    // Kept in the database, gone for the public.
    expect(await t.ctx.db.selectFrom('complaints').select('id').where('id', '=', c.id).executeTakeFirst()).toBeTruthy();
    expect((await t.request('GET', `${base}/${c.id}`)).status).toBe(404);
    expect((await t.request('GET', `${base}/${c.id}`, { token: stranger.token })).status).toBe(404);
    expect(await json<unknown[]>(t.request('GET', `/api/v1/medired/accounts/${org.accountId}/complaints`))).toEqual([]);
    for (const party of [patient, org]) {
      const seen = await json<{ removed: boolean; removal_reason: string }>(t.request('GET', `${base}/${c.id}`, { token: party.token }));
      expect(seen).toMatchObject({ removed: true, removal_reason: 'Contiene insultos personales' });
    }
    const page = await (await (await webSession(t, patient)).get(`/complaints/${c.id}`)).text();
    expect(page).toContain('retirada por moderación');
    expect(page).toContain('Contiene insultos personales');
  });

  it('closing needs a reason, is audited, records closed_at and ends the thread', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const closed = await json<{ state: string; closed_at: string; close_reason: string }>(
      t.request('POST', `/api/v1/medired/admin/complaints/${c.id}/close`, { token: moderator.token, json: { reason: 'Resuelta fuera de Medired' } }),
    );
    expect(closed.state).toBe('closed');
    expect(closed.closed_at).toBeTruthy();
    expect((await t.ctx.db.selectFrom('audit_log').select('reason').where('action', '=', 'complaint.close').where('target_id', '=', c.id).executeTakeFirstOrThrow()).reason).toBe('Resuelta fuera de Medired');
    expect((await t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Una respuesta tardía' } })).status).toBe(409);
  });

  it('moderators use the controls on the complaint page', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const staff = await staffWebSession(t, moderator);
    const page = await (await staff.get(`/complaints/${c.id}`)).text();
    expect(page).toContain(`/complaints/${c.id}/remove`);
    expect(await (await (await webSession(t, org)).get(`/complaints/${c.id}`)).text()).not.toContain(`/complaints/${c.id}/remove`);
    const res = await staff.post(`/complaints/${c.id}/remove`, { reason: 'Datos de terceros' });
    expect(res.status).toBe(303);
    expect((await t.request('GET', `${base}/${c.id}`)).status).toBe(404);
  });
});

describe('private complaints', () => {
  const secret = 'Me diagnosticaron VIH-SECRETO-7731 y lo comentaron en la sala de espera';

  it('are invisible to third parties and visitors through every path, and only the parties and staff read them', async () => {
    const org = await createVerifiedOrganization(t);
    const handle = (await t.ctx.db.selectFrom('accounts').select('username').where('id', '=', org.accountId).executeTakeFirstOrThrow()).username;
    const c = await file(patient, org, { visibility: 'private', subject: 'Falta de discreción SUBJ-9931', text: secret });
    await json(t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Respuesta privada ENTRY-4410 de la clínica' } }));
    for (const token of [undefined, stranger.token, doctor.token]) {
      expect((await t.request('GET', `${base}/${c.id}`, { token })).status).toBe(404);
      expect((await t.request('GET', `${base}/${c.id}/entries`, { token })).status).toBe(404);
      const list = await (await t.request('GET', `/api/v1/medired/accounts/${org.accountId}/complaints`, { token })).text();
      expect(list).not.toContain('SUBJ-9931');
      const stats = await (await t.request('GET', `/api/v1/medired/accounts/${org.accountId}/complaint_stats`, { token })).text();
      expect(stats).not.toMatch(/SUBJ-9931|SECRETO|ENTRY-4410/);
    }
    const anonymousPages = [await (await t.request('GET', `/@${handle}`)).text(), await (await t.request('GET', `/complaints/${c.id}`)).text()];
    const strangerWeb = await webSession(t, stranger);
    const strangerPage = await strangerWeb.get(`/complaints/${c.id}`);
    expect(strangerPage.status).toBe(404);
    for (const html of [...anonymousPages, await strangerPage.text(), await (await strangerWeb.get(`/@${handle}`)).text()]) expect(html).not.toMatch(/SUBJ-9931|SECRETO|ENTRY-4410/);
    expect((await t.request('POST', `${base}/${c.id}/entries`, { token: stranger.token, json: { text: 'Hola hola' } })).status).toBe(404);
    // The parties read it.
    for (const party of [patient, org]) expect((await json<{ text: string }>(t.request('GET', `${base}/${c.id}`, { token: party.token }))).text).toBe(secret);
    expect(await (await (await webSession(t, org)).get(`/@${handle}`)).text()).toContain('SUBJ-9931');
    // Staff read it, and that read is audited.
    expect((await json<{ text: string }>(t.request('GET', `${base}/${c.id}`, { token: moderator.token }))).text).toBe(secret);
    const reads = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'complaint.read_private').where('target_id', '=', c.id).execute();
    expect(reads.map((r) => r.actor_account_id)).toEqual([moderator.accountId]);
    // A report about it tells the reporter nothing private.
    const report = await t.request('POST', '/api/v1/reports', { token: stranger.token, json: { target_type: 'complaint', target_id: c.id, category: 'other', comment: 'Sospechosa' } });
    expect(await report.text()).not.toMatch(/SUBJ-9931|SECRETO/);
  });

  it('keep their subject, text and thread sealed at rest', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org, { visibility: 'private', subject: 'Asunto sellado SEAL-1234', text: 'Texto sellado SEAL-5678 con detalles de salud.' });
    await json(t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Hilo sellado SEAL-9012' } }));
    const rows = await sql<Record<string, unknown>>`SELECT * FROM complaints WHERE id = ${c.id}`.execute(t.ctx.db);
    const entries = await sql<Record<string, unknown>>`SELECT * FROM complaint_entries WHERE complaint_id = ${c.id}`.execute(t.ctx.db);
    const dump = JSON.stringify([...rows.rows, ...entries.rows], (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    expect(dump).not.toContain('SEAL-');
    expect(rows.rows[0]!.subject).toBe('');
    expect(rows.rows[0]!.sealed).toBeTruthy();
    expect(entries.rows[0]!.sealed).toBeTruthy();
    const opened = await json<{ subject: string }>(t.request('GET', `${base}/${c.id}`, { token: patient.token }));
    expect(opened.subject).toBe('Asunto sellado SEAL-1234');
  });
});

describe('moving a complaint to private', () => {
  it('opens a conversation the complainant finds in their conversations (not requests), adds a public note, and keeps the complaint visible', async () => {
    const org = await createVerifiedOrganization(t);
    const someone = await t.createUser();
    // Even someone who takes no first messages from anyone: they asked for the contact.
    await json(t.request('PUT', '/api/v1/medired/messaging_settings', { token: someone.token, json: { messages_from: 'nobody' } }));
    const c = await file(someone, org);
    expect((await t.request('POST', `${base}/${c.id}/move_to_private`, { token: someone.token })).status).toBe(403);
    expect((await t.request('POST', `${base}/${c.id}/move_to_private`, { token: stranger.token })).status).toBe(403);
    const moved = await json<{ conversation_id: string; state: string; moved_to_private_at: string }>(t.request('POST', `${base}/${c.id}/move_to_private`, { token: org.token }));
    expect(moved.state).toBe('answered');
    const member = await t.ctx.db.selectFrom('conversation_members').select('state').where('conversation_id', '=', moved.conversation_id).where('account_id', '=', someone.accountId).executeTakeFirstOrThrow();
    expect(member.state).toBe('active');
    const again = await json<{ conversation_id: string }>(t.request('POST', `${base}/${c.id}/move_to_private`, { token: org.token }));
    expect(again.conversation_id).toBe(moved.conversation_id);
    const publicView = await json<{ moved_to_private_at: string; conversation_id: string | null }>(t.request('GET', `${base}/${c.id}`));
    expect(publicView.moved_to_private_at).toBeTruthy();
    expect(publicView.conversation_id).toBeNull();
    const entries = await json<{ kind: string }[]>(t.request('GET', `${base}/${c.id}/entries`));
    expect(entries.filter((e) => e.kind === 'moved_to_private')).toHaveLength(1);
    const page = await (await t.request('GET', `/complaints/${c.id}`)).text();
    expect(page).toContain('La reclamación continúa en privado');
    const conversations = await json<{ id: string }[]>(t.request('GET', '/api/v1/conversations', { token: someone.token }));
    expect(conversations.map((x) => x.id)).toContain(moved.conversation_id);
  });
});

describe('blocks and limits', () => {
  it('a complainant who blocks the target must unblock first; the target’s block refuses a private complaint but not a public one', async () => {
    const org = await createVerifiedOrganization(t);
    const someone = await t.createUser();
    await json(t.request('POST', `/api/v1/accounts/${org.accountId}/block`, { token: someone.token }));
    const refused = await t.request('POST', base, { token: someone.token, json: body(org) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { key: string }).key).toBe('complaints.error.unblockFirst');
    await json(t.request('POST', `/api/v1/accounts/${org.accountId}/unblock`, { token: someone.token }));
    await json(t.request('POST', `/api/v1/accounts/${someone.accountId}/block`, { token: org.token }));
    const privately = await t.request('POST', base, { token: someone.token, json: body(org, { visibility: 'private' }) });
    expect(privately.status).toBe(403);
    expect(((await privately.json()) as { key: string }).key).toBe('complaints.error.privateRefused');
    // A block must not silence public complaints.
    const c = await file(someone, org);
    expect(c.state).toBe('open');
    // The blocked-by-target complainant can still write in the public thread, and the target answer it.
    await json(t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Respondemos en público.' } }));
  });

  it('an account files at most 3 complaints a day; refused and corrected attempts cost nothing', async () => {
    const limited = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
    try {
      const me = await limited.createUser();
      const targets = await Promise.all([1, 2, 3, 4].map(() => createVerifiedOrganization(limited)));
      // Two attempts the personal-data check sends back, and one about a patient: none is filed.
      const withPhone = body(targets[0]!, { text: 'Me atendió la enfermera Rosa, su móvil es 612 345 678, y me cobraron de más.' });
      for (let i = 0; i < 2; i++) expect((await limited.request('POST', base, { token: me.token, json: withPhone })).status).toBe(422);
      expect((await limited.request('POST', base, { token: me.token, json: body(me) })).status).toBe(403);
      const statuses: number[] = [];
      statuses.push((await limited.request('POST', base, { token: me.token, json: { ...withPhone, confirm_personal_data: true } })).status);
      for (const target of targets.slice(1)) statuses.push((await limited.request('POST', base, { token: me.token, json: body(target) })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await limited.request('POST', base, { token: me.token, json: body(targets[3]!) });
      expect(((await refused.json()) as { key: string }).key).toBe('complaints.error.dailyLimit');
    } finally {
      await limited.close();
    }
  });

  it('tells each party what only the other one can do', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const asTarget = await t.request('POST', `${base}/${c.id}/resolve`, { token: org.token });
    expect(asTarget.status).toBe(403);
    expect(((await asTarget.json()) as { key: string }).key).toBe('complaints.error.onlyComplainant');
    const asComplainant = await t.request('POST', `${base}/${c.id}/move_to_private`, { token: patient.token });
    expect(asComplainant.status).toBe(403);
    expect(((await asComplainant.json()) as { key: string }).key).toBe('complaints.error.onlyTarget');
  });
});

describe('personal data of third parties', () => {
  it('a public complaint naming a phone or an e-mail comes back with the warning, keeps what was typed, and goes through once confirmed', async () => {
    const org = await createVerifiedOrganization(t);
    const handle = (await t.ctx.db.selectFrom('accounts').select('username').where('id', '=', org.accountId).executeTakeFirstOrThrow()).username;
    const web = await webSession(t, patient);
    const form = { about: handle, subject: 'Trato de la recepcionista', text: 'La recepcionista (su móvil es 612 345 678) me gritó delante de todos.', visibility: 'public' };
    const first = await web.post('/complaints', form);
    expect(first.status).toBe(422);
    const html = await first.text();
    expect(html).toContain('612 345 678');
    expect(html).toContain('name="confirm_personal_data"');
    expect(html).toContain('Trato de la recepcionista');
    expect(await t.ctx.db.selectFrom('complaints').select('id').where('target_id', '=', org.accountId).execute()).toEqual([]);
    const confirmed = await web.post('/complaints', { ...form, confirm_personal_data: 'true' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toMatch(/^\/complaints\/\d+\?notice=created$/);
    // The API says the same, by its key.
    const other = await createVerifiedOrganization(t);
    const api = await t.request('POST', base, { token: patient.token, json: body(other, { text: 'Escribid a la jefa en jefa@clinica.example y que me llame.' }) });
    expect(api.status).toBe(422);
    expect(((await api.json()) as { key: string }).key).toBe('complaints.error.personalData');
    await json(t.request('POST', base, { token: patient.token, json: body(other, { text: 'Escribid a la jefa en jefa@clinica.example y que me llame.', confirm_personal_data: true }) }));
  });
});

describe('response statistics', () => {
  it('median first-response time and share answered on a known timeline; removed complaints do not count; shown from 3', async () => {
    const org = await createVerifiedOrganization(t);
    const hour = 3_600_000;
    const start = new Date(Date.now() - 30 * 86_400_000);
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => t.createUser()));
    const ids: string[] = [];
    for (const p of people) ids.push((await file(p, org)).id);
    const answeredAfter = [1, 3, 5, null, 0.5];
    for (const [i, id] of ids.entries()) {
      const after = answeredAfter[i];
      await t.ctx.db
        .updateTable('complaints')
        .set({ created_at: new Date(start.getTime() + i * hour), first_response_at: after === null || after === undefined ? null : new Date(start.getTime() + i * hour + after * hour) })
        .where('id', '=', id)
        .execute();
    }
    // The fifth is removed by moderation: it does not count.
    await json(t.request('POST', `/api/v1/medired/admin/complaints/${ids[4]}/remove`, { token: moderator.token, json: { reason: 'Duplicada por error' } }));
    const stats = (await complaintStatsFor(t.ctx.db, [org.accountId])).get(org.accountId)!;
    expect(stats).toEqual({ total: 4, answered: 3, shareAnswered: 0.75, medianFirstResponseSeconds: 3 * 3600, shown: true });
    const api = await json(t.request('GET', `/api/v1/medired/accounts/${org.accountId}/complaint_stats`));
    expect(api).toEqual({ shown: true, total: 4, answered: 3, share_answered: 0.75, median_first_response_seconds: 10800 });
    const handle = (await t.ctx.db.selectFrom('accounts').select('username').where('id', '=', org.accountId).executeTakeFirstOrThrow()).username;
    expect(await (await t.request('GET', `/@${handle}`)).text()).toContain('75');
    // Older than a year: outside the window.
    await t.ctx.db.updateTable('complaints').set({ created_at: new Date(Date.now() - 400 * 86_400_000) }).where('id', 'in', [ids[0]!, ids[1]!]).execute();
    expect((await complaintStatsFor(t.ctx.db, [org.accountId])).get(org.accountId)!.shown).toBe(false);
  });
});

describe('reports of complaints and thread entries', () => {
  it('go through the existing report and moderator flow: a hidden entry loses its text, a hidden complaint is removed from the public', async () => {
    const org = await createVerifiedOrganization(t);
    const c = await file(patient, org);
    const entry = await json<{ id: string }>(t.request('POST', `${base}/${c.id}/entries`, { token: org.token, json: { text: 'Una respuesta ofensiva que alguien denunciará.' } }));
    const report = await json<{ id: string }>(t.request('POST', '/api/v1/reports', { token: stranger.token, json: { target_type: 'complaint_entry', target_id: entry.id, category: 'other', comment: 'Ofensiva' } }));
    await json(t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderator.token, json: { action: 'hide', reason: 'Lenguaje ofensivo', report_id: report.id, target_type: 'complaint_entry', target_id: entry.id } }));
    const entries = await json<{ id: string; text: string; hidden: boolean }[]>(t.request('GET', `${base}/${c.id}/entries`));
    expect(entries.find((e) => e.id === entry.id)).toMatchObject({ hidden: true, text: '' });
    const complaintReport = await json<{ id: string }>(t.request('POST', '/api/v1/reports', { token: stranger.token, json: { target_type: 'complaint', target_id: c.id, category: 'other', comment: 'Falsa' } }));
    await json(t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderator.token, json: { action: 'hide', reason: 'Reclamación falsa', report_id: complaintReport.id, target_type: 'complaint', target_id: c.id } }));
    expect((await t.request('GET', `${base}/${c.id}`)).status).toBe(404);
    // The parties are told why, as when a moderator removes it from the complaint itself.
    expect(await json<{ removed: boolean; removal_reason: string }>(t.request('GET', `${base}/${c.id}`, { token: patient.token }))).toMatchObject({ removed: true, removal_reason: 'Reclamación falsa' });
    // The report's record of the content names no complainant.
    const snapshot = await t.ctx.db.selectFrom('moderation_actions').select('snapshot').where('report_id', '=', complaintReport.id).executeTakeFirst();
    expect(snapshot?.snapshot).toMatchObject({ complaint: { id: c.id } });
    expect(JSON.stringify(snapshot)).not.toContain("complainant");
  });
});

describe('complaint lists on the web', () => {
  it('page through one\'s complaints by tab, and through every public complaint about an account from its profile', async () => {
    const org = await createVerifiedOrganization(t);
    const filers: TestUser[] = [];
    for (let i = 0; i < 12; i++) filers.push(await t.createUser());
    const ids: string[] = [];
    for (const filer of filers) ids.push((await file(filer, org, { subject: `Reclamación número ${filers.indexOf(filer) + 1}` })).id);
    const privateOne = await file(filers[0]!, doctor, { visibility: 'private', subject: 'Asunto privado de la lista' });

    // The profile shows the latest ten and links to the rest.
    const profile = await (await t.request('GET', `/@${org.username}`, { headers: { accept: 'text/html' } })).text();
    expect(profile).toContain('Reclamación número 12');
    expect(profile).not.toContain('Reclamación número 2<');
    expect(profile).toContain(`/complaints?about=${org.username}`);
    // Anyone reads the whole public list, page by page.
    const first = await (await t.request('GET', `/complaints?about=${org.username}`, { headers: { accept: 'text/html' } })).text();
    expect(first).toContain('Reclamación número 12');
    // 12 complaints fit one page of 20: no next link; a private complaint about someone else is not listed.
    expect(first.match(/Reclamación número/g)).toHaveLength(12);
    expect(first).not.toContain('rel="next"');
    expect(first).not.toContain('Asunto privado de la lista');
    // Older pages follow the keyset cursor.
    const older = await (await t.request('GET', `/complaints?about=${org.username}&max_id=${ids[2]}`, { headers: { accept: 'text/html' } })).text();
    expect(older.match(/Reclamación número/g)).toHaveLength(2);
    expect(older).toContain('Reclamación número 1<');

    // The complainant's own list has tabs; the target's "about me" tab lists what was filed about it.
    const mine = await (await (await webSession(t, filers[0]!)).get('/complaints')).text();
    expect(mine).toContain('Asunto privado de la lista');
    expect(mine).toContain('Reclamación número 1<');
    const aboutMe = await (await (await webSession(t, org)).get('/complaints?tab=about_me')).text();
    expect(aboutMe.match(/Reclamación número/g)).toHaveLength(12);
    expect(aboutMe).toContain('aria-current="page"');
    expect(privateOne.id).toBeDefined();
    expect(ids).toHaveLength(12);
  });
});
