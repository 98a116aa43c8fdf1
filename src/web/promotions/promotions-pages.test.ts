import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization } from '../../consultas/consulta-test-helpers.js';
import { ADVERTISING_CHECKLIST } from '../../promotions/advertising-checklist.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { staffWebSession, webSession, type WebSession } from '../testing/web-session.js';

/**
 * Promoted posts in the web interface: the credits page of administrators, the promoter's form
 * (its errors keep what was typed), the review queue with the checklist, the "Promocionado"
 * label in a reader's home, and the results page.
 */
let app: TestApp;
let clinic: TestUser;
let clinicWeb: WebSession;
let adminWeb: WebSession;
let moderatorWeb: WebSession;
let patientWeb: WebSession;
let statusId: string;

const today = () => new Date().toISOString().slice(0, 10);
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const locationOf = (r: Response) => r.headers.get('location') ?? '';

beforeAll(async () => {
  app = await createTestApp();
  await app.createUser();
  const admin = await app.createUser({ username: 'admin_web_promo' });
  await app.setStaffRole(admin, 'admin');
  const moderator = await app.createUser({ username: 'mod_web_promo' });
  await app.setStaffRole(moderator, 'moderator');
  clinic = await createVerifiedOrganization(app, { country: 'ES', city: 'Madrid' });
  await app.ctx.db.updateTable('accounts').set({ display_name: 'Clínica Web' }).where('id', '=', clinic.accountId).execute();
  const patient = await app.createUser({ username: 'paciente_web_promo', country: 'ES', city: 'Madrid' });
  const neighbour = await app.createUser();
  for (let i = 0; i < 6; i += 1) await app.request('POST', '/api/v1/statuses', { token: neighbour.token, json: { status: `Nota ${i}`, visibility: 'public' } });
  await app.request('POST', `/api/v1/accounts/${neighbour.accountId}/follow`, { token: patient.token });
  statusId = ((await (await app.request('POST', '/api/v1/statuses', { token: clinic.token, json: { status: 'Revisiones de tensión arterial con cita previa', visibility: 'public' } })).json()) as { id: string }).id;
  [clinicWeb, adminWeb, moderatorWeb, patientWeb] = await Promise.all([webSession(app, clinic), staffWebSession(app, admin), staffWebSession(app, moderator), webSession(app, patient)]);
});
afterAll(async () => {
  await app.close();
});

describe('promoted posts on the web', () => {
  it('an admin grants credits from the credits page; an unknown account is said so, keeping the form', async () => {
    const unknown = await adminWeb.post('/admin/promotions/credits', { username: 'nadie_aqui', credits: '50', note: 'Bienvenida' });
    expect(unknown.status).toBe(422);
    const page = await unknown.text();
    expect(page).toContain('No hay ninguna cuenta con ese nombre.');
    expect(page).toContain('value="Bienvenida"');
    const granted = await adminWeb.post('/admin/promotions/credits', { username: clinic.username, credits: '50', note: 'Bienvenida' });
    expect(granted.status).toBe(303);
    expect(await (await adminWeb.get(locationOf(granted))).text()).toContain('50 créditos');
    const refused = await moderatorWeb.get('/admin/promotions/credits');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Esta página es para la administración.');
    // Staff without a second factor are told what is missing, on pages and on form posts alike.
    const noMfa = await app.createUser({ username: 'admin_sin_2fa' });
    await app.setStaffRole(noMfa, 'admin', { totp: false });
    const noMfaWeb = await webSession(app, noMfa);
    for (const res of [await noMfaWeb.get('/admin/promotions'), await noMfaWeb.post('/admin/promotions/credits', { username: clinic.username, credits: '5', note: 'x' })]) {
      expect(res.status, res.headers.get('location') ?? '').toBe(403);
      expect(await res.text()).toContain('verificación en dos pasos');
    }
  });

  it('the promoter’s form refuses a budget over the balance and an end before the start, keeping what was typed', async () => {
    const form = await (await clinicWeb.get('/promotions/new')).text();
    expect(form).toContain('Normas de publicidad sanitaria');
    expect(form).toContain(ADVERTISING_CHECKLIST[1].title.es);
    const over = await clinicWeb.post('/promotions', { status_id: statusId, budget_credits: '80', starts_at: today(), ends_at: future(5), target_cities: 'Madrid' });
    expect(over.status).toBe(422);
    const overPage = await over.text();
    expect(overPage).toContain('El presupuesto supera tu saldo de créditos.');
    expect(overPage).toContain('value="80"');
    expect(overPage).toContain('value="Madrid"');
    const backwards = await clinicWeb.post('/promotions', { status_id: statusId, budget_credits: '20', starts_at: future(5), ends_at: future(2) });
    expect(backwards.status).toBe(422);
    expect(await backwards.text()).toContain('La fecha de fin debe ser posterior a la de inicio.');
  });

  it('creates a promotion; the moderator must tick every checklist item; then a reader sees it labelled «Promocionado»; the promoter sees results', async () => {
    const created = await clinicWeb.post('/promotions', { status_id: statusId, budget_credits: '20', starts_at: today(), ends_at: future(5), target_cities: 'madrid' });
    expect(created.status).toBe(303);
    const id = /\/promotions\/(\d+)/.exec(locationOf(created))![1]!;
    expect(await (await clinicWeb.get(locationOf(created))).text()).toContain('En revisión');

    const queue = await (await moderatorWeb.get('/admin/promotions')).text();
    expect(queue).toContain('Revisiones de tensión arterial con cita previa');
    for (const item of ADVERTISING_CHECKLIST) expect(queue).toContain(`value="${item.code}"`);
    const partial = await moderatorWeb.post(`/admin/promotions/${id}/approve`, { 'checklist[]': 'no_cure_promises' });
    expect(partial.status).toBe(422);
    expect(await partial.text()).toContain('Confirma todos los puntos de la lista antes de aprobar');
    const form = new FormData();
    for (const item of ADVERTISING_CHECKLIST) form.append('checklist[]', item.code);
    expect((await moderatorWeb.post(`/admin/promotions/${id}/approve`, form)).status).toBe(303);

    const home = await (await patientWeb.get('/')).text();
    expect(home).toContain('Promocionado');
    expect(home).toContain(`href="/promoted/${id}"`);
    const english = await (await patientWeb.get('/', { cookie: `${patientWeb.cookie}; lang=en` })).text();
    expect(english).toContain('Promoted');

    const results = await (await clinicWeb.get(`/promotions/${id}`)).text();
    expect(results).toContain('Impresiones');
    expect(results).toContain('Detener la promoción');
    expect(results).toContain('11 puntos confirmados');
  });

  it('a patient is told promotions are for verified professionals and organisations', async () => {
    const page = await patientWeb.get('/promotions');
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Las promociones son para profesionales y organizaciones verificadas.');
  });
});
