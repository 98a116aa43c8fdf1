import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { Status } from '../http/mastodon-entities/entities.js';
import { CHECKLIST_CODES } from './advertising-checklist.js';
import { PROMOTED_SHOWS_PER_DAY } from './promotion-delivery.js';
import { promotionResultsFor } from './promotion-results.js';

/**
 * Promoted posts through the API on a real database: credits and their ledger, the promotion
 * rules, the review against the checklist, delivery into home timelines within its targets and
 * bounds, the budget that stops it exactly (also under concurrent readers), and the results.
 */
let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let clinic: TestUser;

type Json = Record<string, any>;
const today = () => new Date().toISOString().slice(0, 10);
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function call(method: string, url: string, token?: string, json?: unknown) {
  return t.request(method, url, { token, ...(json !== undefined ? { json } : {}) });
}
async function ok<T = Json>(res: Promise<Response> | Response): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}
async function refused(res: Promise<Response> | Response, status: number): Promise<Json> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as Json;
}

const grant = (to: TestUser, credits: number) => ok(call('POST', '/api/v1/medired/admin/promotion_credits', admin.token, { account_id: to.accountId, credits, note: 'Campaña de prueba' }));
const post = async (author: TestUser, text: string, extra: Json = {}) => (await ok(call('POST', '/api/v1/statuses', author.token, { status: text, visibility: 'public', ...extra }))).id as string;
const promotion = (statusId: string, extra: Json = {}) => ({ status_id: statusId, budget_credits: 10, starts_at: today(), ends_at: future(7), ...extra });
const approveAll = (id: string, extra: Json = {}) => ok(call('POST', `/api/v1/medired/admin/promotions/${id}/approve`, moderator.token, { checklist: CHECKLIST_CODES, ...extra }));
const balanceOf = async (user: TestUser) => (await ok(call('GET', '/api/v1/medired/promotions/credits', user.token))).balance_credits as number;

/** A running promotion of `promoter` (credits granted, created, approved). */
async function running(promoter: TestUser, extra: Json = {}, approve: Json = {}): Promise<{ id: string; statusId: string }> {
  await grant(promoter, (extra.budget_credits as number | undefined) ?? 10);
  const statusId = await post(promoter, `Revisiones cardiológicas en nuestra clínica ${Math.random().toString(36).slice(2, 6)}`);
  const created = await ok(call('POST', '/api/v1/medired/promotions', promoter.token, promotion(statusId, extra)));
  await approveAll(created.id, approve);
  return { id: created.id, statusId };
}

/** A reader whose home page is full (it follows an account with several posts). */
let neighbour: TestUser;
async function reader(overrides: Json = {}): Promise<TestUser> {
  const u = await t.createUser({ country: 'ES', city: 'Madrid', ...overrides });
  await ok(call('POST', `/api/v1/accounts/${neighbour.accountId}/follow`, u.token));
  return u;
}
async function homeOf(user: TestUser, query = ''): Promise<Json[]> {
  return ok<Json[]>(call('GET', `/api/v1/timelines/home?limit=20${query}`, user.token));
}
const promotedIn = (statuses: Json[]) => statuses.filter((s) => s.medired?.promotion);

beforeAll(async () => {
  t = await createTestApp({ PROMOTION_CPM: '5' });
  const staffToken = async (u: TestUser) => ({ ...u, token: (await issueAccessToken(t.ctx.db, { userId: u.userId, applicationId: null, scopes: 'read write follow push admin:read admin:write' })).access_token });
  admin = await staffToken(await t.createUser({ username: 'admin_promo' }));
  await t.setStaffRole(admin, 'admin');
  moderator = await staffToken(await t.createUser({ username: 'mod_promo' }));
  await t.setStaffRole(moderator, 'moderator');
  clinic = await createVerifiedOrganization(t, { country: 'ES', city: 'Madrid' });
  neighbour = await t.createUser({ username: 'vecina_promo' });
  for (let i = 0; i < 8; i += 1) await post(neighbour, `Paseo diario número ${i}`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('credits', () => {
  it('an admin grants credits to an organisation: balance and ledger, written to the audit log', async () => {
    const org = await createVerifiedOrganization(t);
    const statement = await grant(org, 25);
    expect(statement.balance_credits).toBe(25);
    expect(statement.entries).toMatchObject([{ kind: 'grant', credits: 25, balance_after_credits: 25, note: 'Campaña de prueba' }]);
    expect(await balanceOf(org)).toBe(25);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'promotion.credits_grant').where('target_account_id', '=', org.accountId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_account_id).toBe(admin.accountId);
  });

  it('refuses credits for a patient, and a moderator cannot grant them', async () => {
    const patient = await t.createUser();
    const body = await refused(call('POST', '/api/v1/medired/admin/promotion_credits', admin.token, { account_id: patient.accountId, credits: 5 }), 422);
    expect(body.details?.[0]?.field).toBe('account_id');
    await refused(call('POST', '/api/v1/medired/admin/promotion_credits', moderator.token, { account_id: clinic.accountId, credits: 5 }), 403);
  });

  it('reserves the budget at creation; two promotions asking for the same credits at once: only one gets them, the balance never goes below zero', async () => {
    const org = await createVerifiedOrganization(t);
    await grant(org, 10);
    const [a, b] = [await post(org, 'Vacunación de la gripe: pide tu cita'), await post(org, 'Charla sobre tensión arterial')];
    const results = await Promise.all([call('POST', '/api/v1/medired/promotions', org.token, promotion(a)), call('POST', '/api/v1/medired/promotions', org.token, promotion(b))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const refusal = (await results.find((r) => r.status === 422)!.json()) as Json;
    expect(refusal.details[0]).toMatchObject({ field: 'budget_credits' });
    expect(await balanceOf(org)).toBe(0);
    const ledger = (await ok(call('GET', '/api/v1/medired/promotions/credits', org.token))).entries as Json[];
    expect(ledger.map((e) => [e.kind, e.credits, e.balance_after_credits])).toEqual([
      ['reserve', -10, 0],
      ['grant', 10, 10],
    ]);
  });
});

describe('creating a promotion', () => {
  it('refuses with a clear 422 on the field: budget over the balance, end before start, someone else’s post, a non-public post, a reply, a date in the past', async () => {
    const org = await createVerifiedOrganization(t);
    await grant(org, 5);
    const mine = await post(org, 'Nuestra unidad del sueño abre los sábados');
    const others = await post(clinic, 'Publicación de otra organización');
    const privateOne = await post(org, 'Solo para seguidores', { visibility: 'private' });
    const reply = await post(org, 'Respuesta', { in_reply_to_id: mine });
    const cases: [Json, string, string][] = [
      [promotion(mine, { budget_credits: 6 }), 'budget_credits', 'promotions.error.overBalance'],
      [promotion(mine, { starts_at: future(5), ends_at: future(2) }), 'ends_at', 'promotions.error.endBeforeStart'],
      [promotion(others), 'status_id', 'promotions.error.notOwn'],
      [promotion(privateOne), 'status_id', 'promotions.error.notPublic'],
      [promotion(reply), 'status_id', 'promotions.error.reply'],
      [promotion(mine, { starts_at: future(-3), ends_at: future(2) }), 'starts_at', 'promotions.error.startPast'],
      [promotion(mine, { target_specialties: ['astrology'] }), 'target_specialties.0', 'promotions.error.specialty'],
      // Well-formed but no country: a promotion aimed at nobody would reserve its budget for nothing.
      [promotion(mine, { target_countries: ['XX'] }), 'target_countries.0', 'errors.validation.countryCode'],
    ];
    for (const [body, field, key] of cases) {
      const res = await refused(call('POST', '/api/v1/medired/promotions', org.token, body), 422);
      expect(res.details?.[0], JSON.stringify(body)).toMatchObject({ field, key });
    }
    expect(await balanceOf(org)).toBe(5);
  });

  it('is for verified professionals and organisations: a patient and an unverified professional are refused', async () => {
    const patient = await t.createUser();
    const statusId = await post(patient, 'Hola');
    await refused(call('POST', '/api/v1/medired/promotions', patient.token, promotion(statusId)), 403);
    const unverified = await t.createUser({ kind: 'professional', profession: 'nurse' });
    await refused(call('POST', '/api/v1/medired/promotions', unverified.token, promotion(await post(unverified, 'Hola'))), 403);
  });
});

describe('review against the health-advertising checklist', () => {
  it('approval needs every checklist item and records them; the queue shows the checklist; audited', async () => {
    await grant(clinic, 10);
    const statusId = await post(clinic, 'Chequeo cardiológico completo');
    const created = await ok(call('POST', '/api/v1/medired/promotions', clinic.token, promotion(statusId, { target_cities: ['toledo'] })));
    expect(created.state).toBe('pending');
    const queue = await ok(call('GET', '/api/v1/medired/admin/promotions', moderator.token));
    expect(queue.checklist.map((i: Json) => i.code)).toEqual(CHECKLIST_CODES);
    expect(queue.checklist[1].title).toMatchObject({ es: expect.any(String), en: expect.any(String) });
    expect(queue.promotions.map((p: Json) => p.id)).toContain(created.id);
    expect(queue.promotions.find((p: Json) => p.id === created.id).status.id).toBe(statusId);

    const partial = await refused(call('POST', `/api/v1/medired/admin/promotions/${created.id}/approve`, moderator.token, { checklist: CHECKLIST_CODES.slice(0, 3) }), 422);
    expect(partial.details[0]).toMatchObject({ field: 'checklist', key: 'promotions.error.checklistMissing' });
    expect((await ok(call('GET', `/api/v1/medired/promotions/${created.id}`, clinic.token))).state).toBe('pending');

    const approved = await approveAll(created.id);
    expect(approved).toMatchObject({ state: 'approved', checklist_confirmed: CHECKLIST_CODES });
    await refused(call('POST', `/api/v1/medired/admin/promotions/${created.id}/approve`, moderator.token, { checklist: CHECKLIST_CODES }), 409);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'data']).where('target_id', '=', created.id).where('target_type', '=', 'promotion').execute();
    expect(audit.map((a) => a.action)).toEqual(['promotion.approve']);
  });

  it('rejection needs a reason, shown to the promoter, and returns the whole budget', async () => {
    const org = await createVerifiedOrganization(t);
    await grant(org, 8);
    const created = await ok(call('POST', '/api/v1/medired/promotions', org.token, promotion(await post(org, 'Cura definitiva de la ansiedad en 3 sesiones'), { budget_credits: 8 })));
    expect(await balanceOf(org)).toBe(0);
    await refused(call('POST', `/api/v1/medired/admin/promotions/${created.id}/reject`, moderator.token, { reason: 'no' }), 422);
    const reason = 'Promete una curación garantizada: quitad «cura definitiva» y aportad evidencia.';
    await ok(call('POST', `/api/v1/medired/admin/promotions/${created.id}/reject`, moderator.token, { reason }));
    const seen = await ok(call('GET', `/api/v1/medired/promotions/${created.id}`, org.token));
    expect(seen).toMatchObject({ state: 'rejected', rejection_reason: reason, results: { refunded_credits: 8, remaining_credits: 0 } });
    expect(await balanceOf(org)).toBe(8);
  });

  it('only the promoter reads its promotion; anyone else gets 404', async () => {
    const { id } = await running(await createVerifiedOrganization(t), { target_cities: ['ninguna'] });
    await refused(call('GET', `/api/v1/medired/promotions/${id}`, clinic.token), 404);
    await refused(call('POST', `/api/v1/medired/promotions/${id}/cancel`, clinic.token), 404);
  });
});

describe('delivery into home timelines', () => {
  it('shows a running promotion to a matching reader, labelled, once per page, in the API as a valid Status with a medired extension', async () => {
    const org = await createVerifiedOrganization(t, { country: 'ES', city: 'Sevilla' });
    const { id, statusId } = await running(org, { target_countries: ['es'], target_cities: ['Sevilla'] });
    const sevillana = await reader({ city: 'Sevilla' });
    const page = await homeOf(sevillana);
    const promoted = promotedIn(page);
    expect(promoted).toHaveLength(1);
    expect(promoted[0]).toMatchObject({ id: statusId, account: { id: org.accountId }, medired: { promotion: { id, label: 'Promocionado', click_url: `http://medired.test/promoted/${id}` } } });
    expect(page.indexOf(promoted[0]!)).toBe(3);
    // Still Mastodon's Status entity: apps that do not know the label still show the post.
    const parsed = Status.safeParse(promoted[0]);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    // Not on pages polled for new posts, nor in any other timeline.
    expect(promotedIn(await homeOf(sevillana, `&since_id=${page.at(-1)!.id}`))).toEqual([]);
    expect(promotedIn(await ok<Json[]>(call('GET', '/api/v1/timelines/public?limit=40', sevillana.token)))).toEqual([]);
    expect((await ok<Json[]>(call('GET', '/api/v1/notifications', sevillana.token))).filter((n) => n.status?.id === statusId)).toEqual([]);
  });

  it('never shows outside its targets: wrong specialty, wrong country or city, a tag not followed; never to the promoter, to a reader who blocks or mutes it, or who is blocked by it', async () => {
    const org = await createVerifiedOrganization(t, { country: 'ES', city: 'Madrid' });
    await running(org, { target_specialties: ['cardiology'], target_countries: ['ES'], target_tags: ['corazon'] });
    const cardiologist = await reader({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
    await ok(call('POST', '/api/v1/tags/corazon/follow', cardiologist.token));
    expect(promotedIn(await homeOf(cardiologist))).toHaveLength(1);

    const dermatologist = await reader({ kind: 'professional', profession: 'doctor', specialty: 'dermatology' });
    await ok(call('POST', '/api/v1/tags/corazon/follow', dermatologist.token));
    const abroad = await reader({ kind: 'professional', profession: 'doctor', specialty: 'cardiology', country: 'PT', city: 'Lisboa' });
    await ok(call('POST', '/api/v1/tags/corazon/follow', abroad.token));
    const noTag = await reader({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
    const blocker = await reader({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
    await ok(call('POST', '/api/v1/tags/corazon/follow', blocker.token));
    await ok(call('POST', `/api/v1/accounts/${org.accountId}/block`, blocker.token));
    const muter = await reader({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
    await ok(call('POST', '/api/v1/tags/corazon/follow', muter.token));
    await ok(call('POST', `/api/v1/accounts/${org.accountId}/mute`, muter.token));
    const blocked = await reader({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
    await ok(call('POST', '/api/v1/tags/corazon/follow', blocked.token));
    await ok(call('POST', `/api/v1/accounts/${blocked.accountId}/block`, org.token));
    for (const [name, u] of Object.entries({ dermatologist, abroad, noTag, blocker, muter, blocked })) {
      expect(promotedIn(await homeOf(u)).filter((s) => s.account.id === org.accountId), name).toEqual([]);
    }
    // The promoter itself, with a full home page.
    await ok(call('POST', `/api/v1/accounts/${neighbour.accountId}/follow`, org.token));
    expect(promotedIn(await homeOf(org)).filter((s) => s.account.id === org.accountId)).toEqual([]);
  });

  it('a patient who follows a paediatrician matches a paediatrics target (interest through follows)', async () => {
    const org = await createVerifiedOrganization(t);
    await running(org, { target_specialties: ['pediatrics'] });
    const pediatrician = await createVerifiedProfessional(t, 'pediatrics');
    const parent = await reader();
    expect(promotedIn(await homeOf(parent)).filter((s) => s.account.id === org.accountId)).toEqual([]);
    await ok(call('POST', `/api/v1/accounts/${pediatrician.accountId}/follow`, parent.token));
    expect(promotedIn(await homeOf(parent)).filter((s) => s.account.id === org.accountId)).toHaveLength(1);
  });

  it('private messages and support-group posts cannot be promoted at all', async () => {
    const org = await createVerifiedOrganization(t);
    await grant(org, 5);
    const someone = await t.createUser();
    const conversation = await ok(call('POST', '/api/v1/medired/conversations', org.token, { account_ids: [someone.accountId], status: 'Mensaje privado' }));
    const res = await refused(call('POST', '/api/v1/medired/promotions', org.token, promotion(conversation.last_status.id)), 422);
    expect(res.details[0]).toMatchObject({ field: 'status_id', key: 'promotions.error.notPublic' });
    const group = await ok(call('POST', '/api/v1/medired/groups', org.token, { name: 'Grupo privado de pacientes', visibility: 'private' }));
    const groupPost = await ok(call('POST', `/api/v1/medired/groups/${group.id}/posts`, org.token, { text: 'Publicación del grupo' }));
    // A group post is not a status: its id names no post that could be promoted.
    const asStatus = await call('POST', '/api/v1/medired/promotions', org.token, promotion(groupPost.id));
    expect([422]).toContain(asStatus.status);
  });

  it('shows each promotion at most a few times a day to a reader, and counts one impression per reader and day', async () => {
    const org = await createVerifiedOrganization(t);
    const { id } = await running(org, { target_cities: ['zamora'] });
    const zamorana = await reader({ city: 'Zamora' });
    const shows: number[] = [];
    for (let i = 0; i < PROMOTED_SHOWS_PER_DAY + 2; i += 1) shows.push(promotedIn(await homeOf(zamorana)).filter((s) => s.medired.promotion.id === id).length);
    expect(shows).toEqual([...Array(PROMOTED_SHOWS_PER_DAY).fill(1), 0, 0]);
    const seen = await ok(call('GET', `/api/v1/medired/promotions/${id}`, org.token));
    expect(seen.results).toMatchObject({ impressions: 1, spent_credits: 0.005 });
  });

  it('does not place a promoted post on a page with few statuses', async () => {
    const org = await createVerifiedOrganization(t);
    await running(org, { target_cities: ['soria'] });
    const lonely = await t.createUser({ country: 'ES', city: 'Soria' });
    await post(lonely, 'Mi única publicación');
    expect(promotedIn(await homeOf(lonely))).toEqual([]);
  });
});

describe('budget and end date', () => {
  it('stops exactly at its budget under concurrent readers, ends and returns what is left (less than one impression)', async () => {
    const org = await createVerifiedOrganization(t);
    // 1 credit at 300 credits per thousand: 3 impressions (0.9 credits), 0.1 comes back.
    const { id } = await running(org, { budget_credits: 1, target_cities: ['teruel'] }, { cpm_credits: 300 });
    const readers = await Promise.all(Array.from({ length: 6 }, () => reader({ city: 'Teruel' })));
    const pages = await Promise.all(readers.map((r) => homeOf(r)));
    const reached = pages.filter((p) => promotedIn(p).some((s) => s.medired.promotion.id === id)).length;
    expect(reached).toBe(3);
    const seen = await ok(call('GET', `/api/v1/medired/promotions/${id}`, org.token));
    expect(seen).toMatchObject({ state: 'completed', ended_reason: 'budget', results: { impressions: 3, spent_credits: 0.9, remaining_credits: 0, refunded_credits: 0.1 } });
    expect(await balanceOf(org)).toBe(0.1);
    // Nobody else is shown it afterwards.
    expect(promotedIn(await homeOf(await reader({ city: 'Teruel' }))).filter((s) => s.medired.promotion.id === id)).toEqual([]);
  });

  it('stops at its end date and returns the unspent budget; the promoter cancels one and gets the rest back', async () => {
    const org = await createVerifiedOrganization(t);
    const { id } = await running(org, { target_cities: ['cuenca'] });
    const conquense = await reader({ city: 'Cuenca' });
    expect(promotedIn(await homeOf(conquense))).toHaveLength(1);
    await t.ctx.db.updateTable('promotions').set({ ends_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect(promotedIn(await homeOf(await reader({ city: 'Cuenca' })))).toEqual([]);
    const ended = await ok(call('GET', `/api/v1/medired/promotions/${id}`, org.token));
    expect(ended).toMatchObject({ state: 'completed', ended_reason: 'end_date', results: { impressions: 1, spent_credits: 0.005, refunded_credits: 9.995 } });
    expect(await balanceOf(org)).toBe(9.995);

    const second = await running(org, { budget_credits: 4, target_cities: ['ninguna'] });
    const cancelled = await ok(call('POST', `/api/v1/medired/promotions/${second.id}/cancel`, org.token));
    expect(cancelled).toMatchObject({ state: 'cancelled', results: { refunded_credits: 4 } });
    await refused(call('POST', `/api/v1/medired/promotions/${second.id}/cancel`, org.token), 409);
  });
});

describe('results', () => {
  it('the promoter sees impressions, clicks (our tracked redirect, once per reader and day), CTR, spend and what is left; the dashboard gets them by range', async () => {
    const org = await createVerifiedOrganization(t);
    const { id, statusId } = await running(org, { target_cities: ['huesca'] });
    const [a, b] = [await reader({ city: 'Huesca' }), await reader({ city: 'Huesca' })];
    await homeOf(a);
    await homeOf(b);
    const { webSession } = await import('../web/testing/web-session.js');
    const browser = await webSession(t, a);
    const open = await browser.get(`/promoted/${id}`);
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe(`/@${org.username}/${statusId}`);
    await browser.get(`/promoted/${id}`);
    const seen = await ok(call('GET', `/api/v1/medired/promotions/${id}`, org.token));
    expect(seen.results).toMatchObject({ impressions: 2, clicks: 1, ctr: 0.5, spent_credits: 0.01, remaining_credits: 9.99 });
    expect(seen.results.daily).toEqual([{ date: today(), impressions: 2, clicks: 1, ctr: 0.5, spent_credits: 0.01 }]);
    const range = await promotionResultsFor(t.ctx, org.accountId, { since: new Date(Date.now() - 86_400_000), until: new Date(Date.now() + 86_400_000) });
    expect(range.totals).toEqual({ impressions: 2, clicks: 1, ctr: 0.5, spent_credits: 0.01 });
    expect(range.promotions).toEqual([{ promotion_id: id, impressions: 2, clicks: 1, ctr: 0.5, spent_credits: 0.01 }]);

    const dashboard = await ok(call('GET', '/api/v1/medired/analytics?days=7', org.token));
    const section = dashboard.sections.find((s: { id: string }) => s.id === 'promotions');
    expect(section.figures.map((f: { key: string; value: number }) => [f.key, f.value])).toEqual([
      ['promotion_impressions', 2],
      ['promotion_clicks', 1],
      ['promotion_ctr', 0.5],
      ['promotion_spent', 0.01],
    ]);
    expect(section.tables[0].rows).toEqual([{ name: `#${id}`, path: `/promotions/${id}`, impressions: 2, clicks: 1, ctr: 0.5, spent: 0.01 }]);
    const other = await createVerifiedOrganization(t);
    const without = await ok(call('GET', '/api/v1/medired/analytics?days=7', other.token));
    expect(without.sections.map((s: { id: string }) => s.id)).not.toContain('promotions');
  });
});
