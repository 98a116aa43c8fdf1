import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { MAX_REQUESTS_PER_DAY } from './care-requests.policy.js';
import { medianTimeToFirstAnswer } from './response-time.js';

/**
 * Care requests through the API on a real database: the rules of `care-requests.policy.ts`, the
 * request's text as the first message of a sealed conversation, the answered state recorded from
 * both paths, the median time to first answer, and who sees what.
 */
let t: TestApp;
let patient: TestUser;
let clinic: TestUser;

const SECRET = 'Dolor torácico desde ayer, referencia CR-99172';
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function call(method: string, url: string, token?: string, json?: unknown) {
  return t.request(method, url, { token, ...(json !== undefined ? { json } : {}) });
}
async function ok<T = Record<string, any>>(res: Promise<Response> | Response): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}

/** A verified organisation whose practice accepts online requests. */
async function acceptingClinic(): Promise<TestUser> {
  const org = await createVerifiedOrganization(t);
  await ok(call('PATCH', '/api/v1/medired/practice', org.token, { accepts_online_requests: true }));
  return org;
}

const appointment = (to: TestUser, text = 'Quisiera una cita para revisión.') => ({
  account_id: to.accountId,
  kind: 'appointment',
  slots: [
    { date: future(3), from: '09:00', to: '11:00' },
    { date: future(4), from: '16:00', to: '18:00' },
  ],
  text,
});

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser({ username: 'primera_admin_cr' });
  patient = await t.createUser({ username: 'paciente_cr' });
  clinic = await acceptingClinic();
});
afterAll(async () => {
  await t?.close();
});

describe('sending a care request', () => {
  it('lands in the target inbox as new, its text the first message of a conversation active for both, announced once', async () => {
    // Even a practice that takes no private messages from strangers receives the requests it agreed to.
    await ok(call('PUT', '/api/v1/medired/messaging_settings', clinic.token, { messages_from: 'nobody' }));
    const request = await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(clinic, SECRET)));
    expect(request).toMatchObject({ kind: 'appointment', state: 'new', first_answered_at: null, closed_at: null });
    expect(request.slots).toHaveLength(2);
    expect(request.requester.id).toBe(patient.accountId);
    expect(request.target.id).toBe(clinic.accountId);
    const members = await t.ctx.db.selectFrom('conversation_members').select(['account_id', 'state']).where('conversation_id', '=', request.conversation_id).execute();
    expect(members.map((m) => m.state)).toEqual(['active', 'active']);
    const inbox = await ok<any[]>(call('GET', '/api/v1/medired/care_requests?state=new', clinic.token));
    expect(inbox.map((r) => r.id)).toContain(request.id);
    const conversation = await ok(call('GET', `/api/v1/medired/conversations/${request.conversation_id}/messages`, clinic.token));
    expect(JSON.stringify(conversation)).toContain('CR-99172');
    const notifications = await ok<any[]>(call('GET', '/api/v1/notifications?types[]=medired.care_request&types[]=mention&types[]=medired.message_request', clinic.token));
    const care = notifications.filter((n) => n.type === 'medired.care_request');
    expect(care).toHaveLength(1);
    expect(care[0].account.id).toBe(patient.accountId);
    expect(notifications.filter((n) => n.type === 'mention')).toHaveLength(0);
    expect((await ok<any[]>(call('GET', '/api/v1/medired/conversations/requests', clinic.token))).length).toBe(0);
  });

  it('keeps the text nowhere in plaintext: no text or JSON column of any table holds it', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('text', 'jsonb', 'json', 'character varying', 'ARRAY', 'bytea')`.execute(t.ctx.db);
    const holding = async (needle: string) => {
      const found: string[] = [];
      for (const { table_name, column_name } of columns.rows) {
        const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE position(${needle} in ${sql.ref(column_name)}::text) > 0`.execute(t.ctx.db);
        if (n.rows[0]!.n > 0) found.push(`${table_name}.${column_name}`);
      }
      return found;
    };
    expect(columns.rows.some((c) => c.table_name === 'care_requests')).toBe(true);
    // The search finds what is stored in plaintext (a control), and not the request's text.
    expect(await holding('paciente_cr')).toContain('accounts.username');
    expect(await holding('CR-99172')).toEqual([]);
  });

  it('refuses a second open request to the same target, and allows one once it is closed', async () => {
    const org = await acceptingClinic();
    const first = await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org)));
    const again = await call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org));
    expect(again.status).toBe(409);
    expect((await again.json()).key).toBe('careRequests.error.openExists');
    await ok(call('POST', `/api/v1/medired/care_requests/${first.id}/close`, patient.token));
    await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org)));
  });

  it('refuses patients as targets, practices that do not accept requests, and oneself', async () => {
    const other = await t.createUser();
    const notAccepting = await createVerifiedProfessional(t);
    const toPatient = await call('POST', '/api/v1/medired/care_requests', patient.token, appointment(other));
    expect(toPatient.status).toBe(403);
    expect((await toPatient.json()).key).toBe('careRequests.error.notAccepting');
    expect((await call('POST', '/api/v1/medired/care_requests', patient.token, appointment(notAccepting))).status).toBe(403);
    const self = await call('POST', '/api/v1/medired/care_requests', clinic.token, appointment(clinic));
    expect(self.status).toBe(422);
    expect((await call('POST', '/api/v1/medired/care_requests', patient.token, { ...appointment(clinic), account_id: '999999999' })).status).toBe(403);
  });

  it('refuses the request when either side blocks the other, with the same answer (a block is not revealed)', async () => {
    const org = await acceptingClinic();
    const a = await t.createUser();
    const b = await t.createUser();
    await ok(call('POST', `/api/v1/accounts/${a.accountId}/block`, org.token));
    await ok(call('POST', `/api/v1/accounts/${org.accountId}/block`, b.token));
    const blockedByTarget = await call('POST', '/api/v1/medired/care_requests', a.token, appointment(org));
    const blockingTarget = await call('POST', '/api/v1/medired/care_requests', b.token, appointment(org));
    expect(blockedByTarget.status).toBe(403);
    expect(blockingTarget.status).toBe(403);
    expect(await blockedByTarget.json()).toEqual(await blockingTarget.json());
  });

  it('suspended accounts neither send nor receive requests', async () => {
    const org = await acceptingClinic();
    const sender = await t.createUser();
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', org.accountId).execute();
    const toSuspended = await call('POST', '/api/v1/medired/care_requests', sender.token, appointment(org));
    expect(toSuspended.status).toBe(403);
    expect((await toSuspended.json()).key).toBe('careRequests.error.unavailable');
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', sender.accountId).execute();
    await t.viewerRowsChanged(sender);
    expect((await call('POST', '/api/v1/medired/care_requests', sender.token, appointment(clinic))).status).toBe(403);
  });

  it('sent twice at the same moment, keeps one request and one message', async () => {
    const clinic = await acceptingClinic();
    const hurried = await t.createUser();
    const body = { account_id: clinic.accountId, kind: 'administrative', text: 'Necesito un justificante.' };
    const answers = await Promise.all([1, 2, 3].map(() => call('POST', '/api/v1/medired/care_requests', hurried.token, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const requests = await t.ctx.db.selectFrom('care_requests').select('conversation_id').where('requester_id', '=', hurried.accountId).execute();
    expect(requests).toHaveLength(1);
    const messages = await t.ctx.db.selectFrom('statuses').select('id').where('conversation_id', '=', requests[0]!.conversation_id).execute();
    expect(messages).toHaveLength(1);
  });

  it(`allows at most ${MAX_REQUESTS_PER_DAY} requests a day per requester`, async () => {
    const busy = await t.createUser();
    const orgs = await Promise.all(Array.from({ length: MAX_REQUESTS_PER_DAY + 1 }, () => acceptingClinic()));
    for (const org of orgs.slice(0, MAX_REQUESTS_PER_DAY)) await ok(call('POST', '/api/v1/medired/care_requests', busy.token, { account_id: org.accountId, kind: 'administrative', text: 'Un trámite.' }));
    const over = await call('POST', '/api/v1/medired/care_requests', busy.token, { account_id: orgs.at(-1)!.accountId, kind: 'administrative', text: 'Otro trámite.' });
    expect(over.status).toBe(429);
    expect((await over.json()).key).toBe('careRequests.error.dailyLimit');
  });

  it.each([
    ['four slots', { slots: [1, 2, 3, 4].map((d) => ({ date: future(d), from: '09:00', to: '10:00' })) }, 'slots', 'careRequests.error.tooManySlots'],
    ['a slot in the past', { slots: [{ date: '2020-01-01', from: '09:00', to: '10:00' }] }, 'slots.0.date', 'careRequests.error.slotPast'],
    ['a slot that ends before it starts', { slots: [{ date: future(2), from: '12:00', to: '10:00' }] }, 'slots.0.to', 'careRequests.error.slotOrder'],
    ['a date that does not exist', { slots: [{ date: '2027-02-30', from: '09:00', to: '10:00' }] }, 'slots.0.date', 'careRequests.error.dateInvalid'],
    ['a slot a year away', { slots: [{ date: future(365), from: '09:00', to: '10:00' }] }, 'slots.0.date', 'careRequests.error.slotTooFar'],
    ['slots on an administrative matter', { kind: 'administrative' }, 'slots', 'careRequests.error.slotsOnlyAppointments'],
    ['an unknown kind', { kind: 'surgery' }, 'kind', 'careRequests.error.kind'],
    ['an empty text', { text: '   ' }, 'text', 'errors.validation.required'],
    ['an endless text', { text: 'a'.repeat(501) }, 'text', 'errors.validation.tooLong'],
  ])('refuses %s with a clear 422', async (_name, change, field, key) => {
    const res = await call('POST', '/api/v1/medired/care_requests', patient.token, { ...appointment(clinic), ...change });
    expect(res.status).toBe(422);
    expect((await res.json()).details).toContainEqual(expect.objectContaining({ field, key }));
  });
});

describe('answering', () => {
  it('answering from the inbox sets answered once; a later answer keeps the first time', async () => {
    const org = await acceptingClinic();
    const request = await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org)));
    const answered = await ok(call('POST', `/api/v1/medired/care_requests/${request.id}/answer`, org.token, { text: 'Le esperamos el jueves a las 9:30.' }));
    expect(answered.state).toBe('answered');
    expect(answered.first_answered_at).not.toBeNull();
    await ok(call('POST', `/api/v1/medired/care_requests/${request.id}/answer`, org.token, { text: 'Recuerde traer sus informes.' }));
    const again = await ok(call('GET', `/api/v1/medired/care_requests/${request.id}`, patient.token));
    expect(again.first_answered_at).toBe(answered.first_answered_at);
    const thread = await ok<any[]>(call('GET', `/api/v1/medired/conversations/${request.conversation_id}/messages`, patient.token));
    expect(JSON.stringify(thread)).toContain('Le esperamos el jueves');
  });

  it('writing in the conversation directly answers it too; the requester writing again does not', async () => {
    const org = await acceptingClinic();
    const request = await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org)));
    await ok(call('POST', `/api/v1/medired/conversations/${request.conversation_id}/messages`, patient.token, { status: 'Añado: mejor por la tarde.' }));
    expect((await ok(call('GET', `/api/v1/medired/care_requests/${request.id}`, patient.token))).state).toBe('new');
    await ok(call('POST', `/api/v1/medired/conversations/${request.conversation_id}/messages`, org.token, { status: 'De acuerdo, por la tarde.' }));
    const after = await ok(call('GET', `/api/v1/medired/care_requests/${request.id}`, patient.token));
    expect(after.state).toBe('answered');
    expect(after.time_to_first_answer).toBeGreaterThanOrEqual(0);
  });

  it('only the target answers; a closed request is answered no more', async () => {
    const org = await acceptingClinic();
    const request = await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org)));
    expect((await call('POST', `/api/v1/medired/care_requests/${request.id}/answer`, patient.token, { text: 'Me respondo yo.' })).status).toBe(403);
    const closed = await ok(call('POST', `/api/v1/medired/care_requests/${request.id}/close`, org.token));
    expect(closed).toMatchObject({ state: 'closed', closed_by: 'target' });
    expect((await call('POST', `/api/v1/medired/care_requests/${request.id}/answer`, org.token, { text: 'Tarde.' })).status).toBe(409);
    expect((await call('POST', `/api/v1/medired/care_requests/${request.id}/close`, patient.token)).status).toBe(409);
  });
});

describe('who sees a request', () => {
  it('its two parties only: another account, staff and forged ids get 404', async () => {
    const org = await acceptingClinic();
    const request = await ok(call('POST', '/api/v1/medired/care_requests', patient.token, appointment(org)));
    const stranger = await t.createUser();
    const moderator = await t.createUser();
    await t.setStaffRole(moderator, 'admin');
    await ok(call('GET', `/api/v1/medired/care_requests/${request.id}`, org.token));
    for (const token of [stranger.token, moderator.token]) {
      expect((await call('GET', `/api/v1/medired/care_requests/${request.id}`, token)).status).toBe(404);
      expect((await call('POST', `/api/v1/medired/care_requests/${request.id}/close`, token)).status).toBe(404);
      expect((await call('POST', `/api/v1/medired/care_requests/${request.id}/answer`, token, { text: 'Hola' })).status).toBe(404);
    }
    expect((await call('GET', '/api/v1/medired/care_requests/987654321', org.token)).status).toBe(404);
    expect((await ok<any[]>(call('GET', '/api/v1/medired/care_requests', stranger.token))).length).toBe(0);
  });

  it('lists received by state and sent, newest first, with Link pagination', async () => {
    const org = await acceptingClinic();
    const senders = await Promise.all([1, 2, 3].map(() => t.createUser()));
    const ids: string[] = [];
    for (const s of senders) ids.push((await ok(call('POST', '/api/v1/medired/care_requests', s.token, { account_id: org.accountId, kind: 'service_question', text: '¿Hacen análisis?' }))).id);
    await ok(call('POST', `/api/v1/medired/care_requests/${ids[0]}/answer`, org.token, { text: 'Sí.' }));
    const page1 = await call('GET', '/api/v1/medired/care_requests?limit=2', org.token);
    const rows1 = (await page1.json()) as { id: string }[];
    expect(rows1.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get('link') ?? '')![1]!;
    const rows2 = await ok<{ id: string }[]>(call('GET', next.replace('http://medired.test', ''), org.token));
    expect(rows2.map((r) => r.id)).toEqual([ids[0]]);
    expect((await ok<{ id: string }[]>(call('GET', '/api/v1/medired/care_requests?state=new', org.token))).map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect((await ok<{ id: string }[]>(call('GET', '/api/v1/medired/care_requests?state=answered', org.token))).map((r) => r.id)).toEqual([ids[0]]);
    expect((await ok<{ id: string }[]>(call('GET', '/api/v1/medired/care_requests/sent', senders[0]!.token))).map((r) => r.id)).toEqual([ids[0]]);
    expect((await call('GET', '/api/v1/medired/care_requests?state=lost', org.token)).status).toBe(422);
  });
});

describe('time to first answer', () => {
  it('is the median over answered requests (1 h, 2 h, 10 h → 2 h), shown only from 3 answers on', async () => {
    const org = await acceptingClinic();
    const hours = [10, 1, 2];
    const senders = await Promise.all(hours.map(() => t.createUser()));
    const created = new Date(Date.now() - 5 * 86_400_000);
    for (const [i, h] of hours.entries()) {
      const r = await ok(call('POST', '/api/v1/medired/care_requests', senders[i]!.token, { account_id: org.accountId, kind: 'administrative', text: 'Un trámite.' }));
      await ok(call('POST', `/api/v1/medired/care_requests/${r.id}/answer`, org.token, { text: 'Hecho.' }));
      await t.ctx.db.updateTable('care_requests').set({ created_at: created, first_answered_at: new Date(created.getTime() + h * 3_600_000) }).where('id', '=', r.id).execute();
      if (i === 1) expect(await medianTimeToFirstAnswer(t.ctx.db, org.accountId)).toBeNull();
    }
    // An unanswered request and one made long ago do not count.
    const late = await t.createUser();
    await ok(call('POST', '/api/v1/medired/care_requests', late.token, { account_id: org.accountId, kind: 'administrative', text: 'Sin respuesta.' }));
    expect(await medianTimeToFirstAnswer(t.ctx.db, org.accountId)).toEqual({ medianSeconds: 7200, answered: 3 });
    expect((await ok(call('GET', `/api/v1/medired/accounts/${org.accountId}/practice`))).median_first_answer_seconds).toBe(7200);
    const profile = await (await t.request('GET', `/@${org.username}`, { headers: { accept: 'text/html' } })).text();
    expect(profile).toContain('Suele responder en 2 horas');
    await t.ctx.db.updateTable('care_requests').set({ created_at: new Date(Date.now() - 400 * 86_400_000) }).where('target_id', '=', org.accountId).where('first_answered_at', 'is not', null).execute();
    expect(await medianTimeToFirstAnswer(t.ctx.db, org.accountId)).toBeNull();
  });
});
