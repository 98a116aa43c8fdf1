import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization } from '../../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';

/**
 * Practice information and care requests in the web interface: the settings page, the profile
 * section and its button, the request form with its errors, the inbox, answering and closing.
 */
let app: TestApp;
let clinic: TestUser;
let patient: TestUser;
let clinicWeb: WebSession;
let patientWeb: WebSession;
let strangerWeb: WebSession;

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const hoursForm = { hours_mon: '09:00-14:00, 16:00-19:00', hours_tue: '', hours_wed: '', hours_thu: '', hours_fri: '9:00-13:30', hours_sat: '', hours_sun: '' };

beforeAll(async () => {
  app = await createTestApp();
  await app.createUser();
  clinic = await createVerifiedOrganization(app);
  await app.ctx.db.updateTable('accounts').set({ display_name: 'Clínica Prueba' }).where('id', '=', clinic.accountId).execute();
  patient = await app.createUser({ username: 'paciente_web_cr', display_name: 'Paciente' });
  const stranger = await app.createUser();
  [clinicWeb, patientWeb, strangerWeb] = await Promise.all([webSession(app, clinic), webSession(app, patient), webSession(app, stranger)]);
});
afterAll(async () => {
  await app.close();
});

describe('the practice settings page', () => {
  it('is linked from the settings navigation of professionals and organisations only', async () => {
    expect(await (await clinicWeb.get('/settings/notifications')).text()).toContain('href="/settings/practice"');
    expect(await (await patientWeb.get('/settings/notifications')).text()).not.toContain('href="/settings/practice"');
    expect(await (await patientWeb.get('/settings/practice')).text()).toContain('Solo los profesionales y las organizaciones tienen datos de consulta.');
  });

  it('says what is wrong in the reader’s language and keeps what was typed', async () => {
    const res = await clinicWeb.post('/settings/practice', { ...hoursForm, hours_tue: 'por la mañana', hours_wed: '14:00-09:00', website: 'ftp://x.example', address_0_street: 'Calle Mayor 1', address_0_city: '', address_0_country: 'ES' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Escribe los tramos como 09:00-14:00, separados por comas.');
    expect(html).toContain('Cada tramo debe terminar después de empezar.');
    expect(html).toContain('La dirección web debe empezar por http:// o https://.');
    expect(html).toContain('Este campo es obligatorio');
    expect(html).toContain('value="por la mañana"');
  });

  it('saves, and the profile shows the Consulta section with the request button', async () => {
    const res = await clinicWeb.post('/settings/practice', {
      ...hoursForm,
      address_0_street: 'Calle Mayor 1',
      address_0_postal_code: '28013',
      address_0_city: 'Madrid',
      address_0_country: 'ES',
      phone: '+34 910 000 000',
      website: 'https://clinica.example',
      'languages[]': 'ca',
      insurers: 'Sanitas',
      accepts_online_requests: 'on',
    } as Record<string, string>);
    expect(res.status).toBe(303);
    const profile = await (await patientWeb.get(`/@${clinic.username}`)).text();
    expect(profile).toContain('id="practice-title"');
    expect(profile).toContain('Calle Mayor 1, 28013 Madrid (España)');
    expect(profile).toContain('09:00–14:00, 16:00–19:00');
    expect(profile).toContain('Catalán');
    expect(profile).toContain(`href="/care-requests/new?to=${clinic.username}"`);
    // A visitor is sent to sign in first, then back to the form.
    const visitor = await (await app.request('GET', `/@${clinic.username}`, { headers: { accept: 'text/html' } })).text();
    expect(visitor).toContain(`/auth/sign_in?return_to=${encodeURIComponent(`/care-requests/new?to=${clinic.username}`)}`);
    // A patient's profile has no practice section.
    expect(await (await clinicWeb.get(`/@${patient.username}`)).text()).not.toContain('id="practice-title"');
  });
});

describe('asking for an appointment and answering it', () => {
  let requestPath = '';

  it('the form refuses a slot in the past and an empty text, in Spanish', async () => {
    const res = await patientWeb.post('/care-requests', { account_id: clinic.accountId, to: clinic.username, kind: 'appointment', slot_0_date: '2020-01-01', slot_0_from: '09:00', slot_0_to: '10:00', text: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('La franja debe ser en el futuro.');
    expect(html).toContain('Este campo es obligatorio');
  });

  it('sends the request with two slots; the clinic sees it in its inbox and in the navigation', async () => {
    const form = await (await patientWeb.get(`/care-requests/new?to=${clinic.username}`)).text();
    expect(form).toContain('name="slot_2_date"');
    const res = await patientWeb.post('/care-requests', {
      account_id: clinic.accountId,
      to: clinic.username,
      kind: 'appointment',
      slot_0_date: future(3),
      slot_0_from: '09:00',
      slot_0_to: '11:00',
      slot_1_date: future(4),
      slot_1_from: '16:00',
      slot_1_to: '18:00',
      text: 'Quisiera una revisión, referencia WEB-4411.',
    });
    expect(res.status).toBe(303);
    requestPath = res.headers.get('location')!.split('?')[0]!;
    expect(requestPath).toMatch(/^\/care-requests\/\d+$/);
    const inbox = await (await clinicWeb.get('/care-requests')).text();
    expect(inbox).toContain(`href="${requestPath}"`);
    expect(inbox).toContain('Solicitudes');
    expect(inbox).toMatch(/data-live-count="careRequests"[^>]*>1</);
    const detail = await (await clinicWeb.get(requestPath)).text();
    expect(detail).toContain('WEB-4411');
    expect(detail).toContain('09:00–11:00');
    expect(detail).toContain('16:00–18:00');
    expect(detail).toContain('Nueva');
    expect(detail).toContain('name="text"');
  });

  it('nobody else opens it, and the requester cannot answer it', async () => {
    expect((await strangerWeb.get(requestPath)).status).toBe(404);
    expect(await (await patientWeb.get(requestPath)).text()).not.toContain(`action="${requestPath}/answer"`);
    expect((await strangerWeb.post(`${requestPath}/close`, {})).status).toBe(404);
  });

  it('the clinic answers from its inbox; the patient reads it in the conversation, state answered', async () => {
    const empty = await clinicWeb.post(`${requestPath}/answer`, { text: '  ' });
    expect(empty.status).toBe(422);
    const res = await clinicWeb.post(`${requestPath}/answer`, { text: 'Le esperamos el primer día a las 9:30.' });
    expect(res.status).toBe(303);
    const detail = await (await patientWeb.get(requestPath)).text();
    expect(detail).toContain('Respondida');
    const conversation = /href="(\/messages\/\d+)"/.exec(detail)![1]!;
    expect(await (await patientWeb.get(conversation)).text()).toContain('Le esperamos el primer día');
    expect(await (await patientWeb.get('/care-requests/sent')).text()).toContain(`href="${requestPath}"`);
    // A patient receives no requests: the navigation leads to the ones she sent.
    const inbox = await patientWeb.get('/care-requests');
    expect(inbox.status).toBe(303);
    expect(inbox.headers.get('location')).toBe('/care-requests/sent');
    expect(await (await patientWeb.get('/')).text()).toContain('href="/care-requests"');
    expect(await (await strangerWeb.get('/')).text()).not.toContain('href="/care-requests"');
  });

  it('a second request to the same clinic while this one is open is refused on the form', async () => {
    const res = await patientWeb.post('/care-requests', { account_id: clinic.accountId, to: clinic.username, kind: 'administrative', text: 'Otra cosa.' });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('Ya tienes una solicitud abierta con esta cuenta');
  });

  it('the patient closes it', async () => {
    expect((await patientWeb.post(`${requestPath}/close`, {})).status).toBe(303);
    const html = await (await clinicWeb.get('/care-requests?state=closed')).text();
    expect(html).toContain(`href="${requestPath}"`);
    expect(await (await clinicWeb.get(requestPath)).text()).toContain('Cerrada');
  });
});
