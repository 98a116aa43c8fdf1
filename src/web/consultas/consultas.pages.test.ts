import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';

let t: TestApp;
let patient: TestUser;
let doctor: TestUser;
let moderator: TestUser;
let patientWeb: WebSession;
let doctorWeb: WebSession;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  patient = await t.createUser({ country: 'ES', city: 'Madrid' });
  doctor = await createVerifiedProfessional(t);
  moderator = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
  patientWeb = await webSession(t, patient);
  doctorWeb = await webSession(t, doctor);
});
afterAll(async () => {
  await t.close();
});

const form = (extra: Record<string, string> = {}) => ({ ...sampleQuestion, ...extra });
const questionIdFrom = (res: Response) => /\/consultas\/(\d+)/.exec(res.headers.get('location') ?? '')![1]!;

describe('ask form (/consultas/new)', () => {
  it('sends anonymous visitors to sign in, and shows signed-in users the privacy notice', async () => {
    const anon = await t.request('GET', '/consultas/new', { headers: { accept: 'text/html' } });
    expect(anon.status).toBe(303);
    expect(anon.headers.get('location')).toContain('/auth/sign_in');
    const page = await patientWeb.get('/consultas/new');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Protege tu privacidad');
    expect(html).toContain('name="_csrf"');
  });

  it('shows emergency guidance with the local number before posting, and posts once confirmed', async () => {
    const body = 'Tengo dolor en el pecho muy fuerte y me cuesta respirar desde hace un rato.';
    const refused = await patientWeb.post('/consultas', form({ body }));
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Esto puede ser una urgencia');
    expect(html).toContain('tel:112');
    expect(html).toContain('name="confirm_emergency"');
    expect(html).toContain('dolor en el pecho muy fuerte');
    const posted = await patientWeb.post('/consultas', form({ body, confirm_emergency: 'true' }));
    expect(posted.status).toBe(303);
  });

  it('lists detected e-mails and phones and asks to confirm or remove them', async () => {
    const body = 'Me pueden escribir a paciente@example.com o al 612 345 678 para más detalles.';
    const refused = await patientWeb.post('/consultas', form({ body }));
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('paciente@example.com');
    expect(html).toContain('612 345 678');
    expect(html).toContain('name="confirm_personal_data"');
    expect((await patientWeb.post('/consultas', form({ body, confirm_personal_data: 'true' }))).status).toBe(303);
  });

  it('refuses a post without the CSRF token', async () => {
    const res = await patientWeb.post('/consultas', form(), { csrf: false });
    expect(res.status).toBe(403);
  });
});

describe('question page (/consultas/:id)', () => {
  it('carries the disclaimer, QAPage JSON-LD and OpenGraph tags, and never shows the account behind a pseudonym to the public', async () => {
    const posted = await patientWeb.post('/consultas', form({ pseudonym: 'Madre primeriza', tags: 'corazón, ejercicio' }));
    expect(posted.status).toBe(303);
    const id = questionIdFrom(posted);
    const answered = await doctorWeb.post(`/consultas/${id}/answers`, { body: sampleAnswer });
    expect(answered.status).toBe(303);
    const page = await t.request('GET', `/consultas/${id}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Aviso médico');
    expect(html).toContain('<script type="application/ld+json">');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as { '@type': string; mainEntity: { name: string; answerCount: number; author: { name: string }; suggestedAnswer: unknown[] } };
    expect(ld['@type']).toBe('QAPage');
    expect(ld.mainEntity.name).toBe(sampleQuestion.title);
    expect(ld.mainEntity.answerCount).toBe(1);
    expect(ld.mainEntity.author.name).toBe('Madre primeriza');
    expect(html).toContain('<meta property="og:title" content="Palpitaciones al subir escaleras"');
    expect(html).toContain('Madre primeriza');
    expect(html).toContain('verified-badge');
    expect(html).not.toContain(patient.username);
    const asOther = await (await webSession(t, doctor)).get(`/consultas/${id}`);
    expect(await asOther.text()).not.toContain(patient.username);
    const asModerator = await t.request('GET', `/consultas/${id}`, { token: moderator.token, headers: { accept: 'text/html' } });
    expect(await asModerator.text()).toContain(patient.username);
  });

  it('lets the asker accept and others vote helpful through plain forms; the accepted answer comes first', async () => {
    const id = questionIdFrom(await patientWeb.post('/consultas', form()));
    const other = await createVerifiedProfessional(t);
    const otherWeb = await webSession(t, other);
    await doctorWeb.post(`/consultas/${id}/answers`, { body: sampleAnswer });
    await otherWeb.post(`/consultas/${id}/answers`, { body: `${sampleAnswer} Segunda opinión.` });
    const answers = await t.ctx.db.selectFrom('consulta_answers').select(['id', 'account_id']).where('question_id', '=', id).orderBy('id').execute();
    const second = answers[1]!.id;
    expect((await doctorWeb.post(`/consultas/answers/${second}/accept`, { accepted: 'true' })).status).toBe(403);
    expect((await patientWeb.post(`/consultas/answers/${second}/helpful`, { helpful: 'true' })).status).toBe(303);
    expect((await patientWeb.post(`/consultas/answers/${second}/accept`, { accepted: 'true' })).status).toBe(303);
    const html = await (await patientWeb.get(`/consultas/${id}`)).text();
    expect(html.indexOf(`id="a-${second}"`)).toBeLessThan(html.indexOf(`id="a-${answers[0]!.id}"`));
    expect(html).toContain('consulta-answer-accepted');
    expect(html).toContain('1 personas la encontraron útil');
  });

  it('shows the answer form only to verified professionals', async () => {
    const id = questionIdFrom(await patientWeb.post('/consultas', form()));
    expect(await (await doctorWeb.get(`/consultas/${id}`)).text()).toContain(`action="/consultas/${id}/answers"`);
    expect(await (await patientWeb.get(`/consultas/${id}`)).text()).not.toContain(`action="/consultas/${id}/answers"`);
    expect((await patientWeb.post(`/consultas/${id}/answers`, { body: sampleAnswer })).status).toBe(403);
  });
});

describe('blocks and pseudonymous questions on the web', () => {
  it('a comment or an answer from an account in a block with the asker is taken as on anyone else’s question', async () => {
    const mine = questionIdFrom(await patientWeb.post('/consultas', form({ pseudonym: 'Sin nombre' })));
    const someoneElse = await t.createUser();
    const theirs = questionIdFrom(await (await webSession(t, someoneElse)).post('/consultas', form({ pseudonym: 'Otra persona' })));
    const pro = await createVerifiedProfessional(t);
    const proWeb = await webSession(t, pro);
    await t.ctx.db.insertInto('blocks').values([{ account_id: patient.accountId, target_account_id: pro.accountId }]).execute();
    const pageMine = await (await proWeb.get(`/consultas/${mine}`)).text();
    const pageTheirs = await (await proWeb.get(`/consultas/${theirs}`)).text();
    expect(pageTheirs).toContain(`action="/consultas/${theirs}/answers"`);
    expect(pageMine).toContain(`action="/consultas/${mine}/answers"`);
    const c1 = await proWeb.post(`/consultas/${mine}/comments`, { body: 'Una pregunta más sobre esto.' });
    const c2 = await proWeb.post(`/consultas/${theirs}/comments`, { body: 'Una pregunta más sobre esto.' });
    expect(c2.status).toBe(303);
    expect(c1.status).toBe(c2.status);
    const a1 = await proWeb.post(`/consultas/${mine}/answers`, { body: sampleAnswer });
    const a2 = await proWeb.post(`/consultas/${theirs}/answers`, { body: sampleAnswer });
    expect(a2.status).toBe(303);
    expect(a1.status).toBe(a2.status);
  });
});

describe('reporting Consulta content on the web', () => {
  it('links the report form to the question and the asker’s comment, never to the account behind the pseudonym', async () => {
    const id = questionIdFrom(await patientWeb.post('/consultas', form({ pseudonym: 'Para denunciar' })));
    expect((await patientWeb.post(`/consultas/${id}/comments`, { body: 'Añado un detalle más.' })).status).toBe(303);
    const commentId = (await t.ctx.db.selectFrom('consulta_comments').select('id').where('question_id', '=', id).executeTakeFirstOrThrow()).id;
    const html = await (await doctorWeb.get(`/consultas/${id}`)).text();
    expect(html).toContain(`/report?target_type=consulta_question&amp;target_id=${id}`);
    expect(html).toContain(`/report?target_type=consulta_comment&amp;target_id=${commentId}`);
    expect(html).not.toContain(`account_id=${patient.accountId}`);
    expect(html).not.toContain(patient.username);
    // The asker is not offered to report their own question.
    expect(await (await patientWeb.get(`/consultas/${id}`)).text()).not.toContain('/report?target_type=consulta_question');
    const reportForm = await doctorWeb.get(`/report?target_type=consulta_comment&target_id=${commentId}`);
    expect(reportForm.status).toBe(200);
    expect(await reportForm.text()).not.toContain(patient.username);
    const sent = await doctorWeb.post('/report', { target_type: 'consulta_comment', target_id: commentId, category: 'other', comment: '' });
    expect(sent.status).toBe(303);
  });
});

describe('editing and deleting one\'s question on the web', () => {
  it('the asker edits while unanswered; other people cannot open the edit form', async () => {
    const id = questionIdFrom(await patientWeb.post('/consultas', form()));
    const edit = await patientWeb.get(`/consultas/${id}/edit`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain(`action="/consultas/${id}/edit"`);
    expect((await doctorWeb.get(`/consultas/${id}/edit`)).status).toBe(403);
    const saved = await patientWeb.post(`/consultas/${id}/edit`, form({ title: 'Palpitaciones al subir escaleras, ¿y al correr?' }));
    expect(saved.status).toBe(303);
    expect(await (await patientWeb.get(`/consultas/${id}`)).text()).toContain('¿y al correr?');
    expect((await patientWeb.post(`/consultas/${id}/delete`, {})).status).toBe(303);
    expect((await patientWeb.get(`/consultas/${id}`)).status).toBe(404);
  });
});

describe('question lists (/consultas)', () => {
  it('shows tabs and filters and lists questions in English too', async () => {
    const html = await (await t.request('GET', '/consultas?sort=unanswered&specialty=cardiology', { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('Sin responder');
    const en = await (await t.request('GET', '/consultas', { headers: { accept: 'text/html', cookie: 'lang=en' } })).text();
    expect(en).toContain('Open consultation');
  });
});

describe('alerts on the web', () => {
  it('pins an active alert of the region on the home page of a signed-in account', async () => {
    const org = await createVerifiedOrganization(t, { country: 'ES', city: 'Madrid' });
    const orgWeb = await webSession(t, org);
    const expires = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const published = await orgWeb.post('/alertas', { title: 'Episodio de contaminación', body: 'Evita el ejercicio intenso al aire libre estos días.', severity: 'urgent', country: 'ES', city: 'madrid', expires_at: expires });
    expect(published.status).toBe(303);
    const home = await (await patientWeb.get('/')).text();
    expect(home).toContain('Alertas sanitarias activas');
    expect(home).toContain('Episodio de contaminación');
    const alertId = /\/alertas\/(\d+)/.exec(published.headers.get('location')!)![1]!;
    expect((await orgWeb.get(`/alertas/${alertId}/edit`)).status).toBe(200);
    expect((await patientWeb.get(`/alertas/${alertId}/edit`)).status).toBe(403);
    const edited = await orgWeb.post(`/alertas/${alertId}/edit`, { title: 'Episodio de contaminación (actualizado)', body: 'Evita el ejercicio intenso al aire libre estos días.', severity: 'warning', country: 'ES', city: 'Madrid', expires_at: expires });
    expect(edited.status).toBe(303);
    expect(await (await patientWeb.get('/')).text()).toContain('(actualizado)');
    expect((await orgWeb.post(`/alertas/${alertId}/withdraw`, {})).status).toBe(303);
    expect(await (await patientWeb.get('/')).text()).not.toContain('Episodio de contaminación');
    expect((await patientWeb.post('/alertas', { title: 'No soy organización', body: 'Texto de prueba bastante largo.', severity: 'info', country: 'ES', expires_at: expires })).status).toBe(403);
  });
});

describe('anti-abuse on the web forms', () => {
  it('applies the same hourly question limit as the API', async () => {
    const limited = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
    try {
      await limited.createUser();
      const web = await webSession(limited, await limited.createUser());
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await web.post('/consultas', form({ title: `Pregunta web número ${i}` }))).status);
      expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('Consulta abierta notices on the notifications page', () => {
  it('tell the asker in their language that the question has an answer, with a link to it, and never a generic sentence', async () => {
    const asked = await patientWeb.post('/consultas', form({ pseudonym: 'Lector anónimo' }));
    const questionId = questionIdFrom(asked);
    const answered = await doctorWeb.post(`/consultas/${questionId}/answers`, { body: sampleAnswer });
    expect(answered.status).toBe(303);
    const page = await (await patientWeb.get('/notifications')).text();
    expect(page).toContain('ha respondido a tu consulta.');
    expect(page).toMatch(new RegExp(`href="/consultas/${questionId}#a-\\d+"`));
    expect(page).not.toMatch(/Novedad de\s*</);
    const commented = await doctorWeb.post(`/consultas/${questionId}/comments`, { body: 'Un apunte más sobre la respuesta anterior, por si ayuda.' });
    expect(commented.status).toBe(303);
    const doctorPage = await (await doctorWeb.get('/notifications')).text();
    expect(doctorPage).not.toContain('Lector anónimo');
  });
});

describe('characters that cannot be stored', () => {
  it('show the ask form again with what was typed and the field marked, not a failure page', async () => {
    const res = await patientWeb.post('/consultas', form({ title: 'Palpitaciones\u0000 al subir', body: 'Desde hace semanas noto el corazón acelerado al subir escaleras, ¿es normal?' }));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('name="title"');
    expect(html).toContain('noto el corazón acelerado al subir escaleras');
    expect(html).toContain('No puede contener bytes nulos');
    expect(html).not.toContain('Algo ha fallado');
  });
});
