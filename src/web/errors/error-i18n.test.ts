import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowser } from '../../auth/test-browser.js';
import { createVerifiedOrganization, createVerifiedProfessional, sampleQuestion } from '../../consultas/consulta-test-helpers.js';
import { insertStatus, staffUser } from '../../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { en } from '../i18n/en.js';
import { es } from '../i18n/es.js';
import { webSession, type WebSession } from '../testing/web-session.js';

let t: TestApp;
let patient: TestUser;
let patientWeb: WebSession;
let patientWebEn: WebSession;

beforeAll(async () => {
  t = await createTestApp();
  patient = await t.createUser({ username: 'paciente_i18n' });
  patientWeb = await webSession(t, patient);
  patientWebEn = await webSession(t, patient, 'lang=en');
});
afterAll(async () => {
  await t.close();
});

/** Posts the sign-up form as a fresh browser in `lang`; returns the page. */
async function signUp(form: Record<string, string>, lang: 'es' | 'en' = 'es'): Promise<{ status: number; html: string }> {
  const browser = createBrowser(t);
  if (lang === 'en') browser.cookies.set('lang', 'en');
  const csrf = await browser.csrfOf('/auth/sign_up');
  const res = await browser.request('POST', '/auth/sign_up', { form: { _csrf: csrf, ...form } });
  return { status: res.status, html: await res.text() };
}

const unescape = (html: string) => html.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('sign-up errors are shown in the interface language', () => {
  it('says in Spanish that the username has invalid characters and that the terms must be accepted', async () => {
    const { status, html } = await signUp({ username: 'ana maría!', email: 'ana@example.test', password: 'una frase larga y segura' });
    expect(status).toBe(422);
    expect(html).toContain('El nombre de usuario solo puede tener letras, números y guiones bajos');
    expect(html).toContain('Tienes que aceptar las normas de la comunidad');
    expect(html).not.toContain('may only use letters');
    expect(html).not.toContain('you must accept the terms of service');
  });

  it('says in Spanish that the e-mail is not valid, the password is too short, and the username is taken', async () => {
    const bad = await signUp({ username: 'ana_i18n', email: 'no-es-correo', password: 'una frase larga y segura', agreement: 'true' });
    expect(bad.html).toContain('No es una dirección de correo electrónico válida.');
    expect(bad.html).not.toContain('is not a valid e-mail address');
    const short = await signUp({ username: 'ana_i18n', email: 'ana@example.test', password: 'corta', agreement: 'true' });
    expect(short.status).toBe(422);
    expect(short.html).toContain('La contraseña tiene que tener al menos 12 caracteres.');
    expect(short.html).not.toContain('Password must be at least');
    const taken = await signUp({ username: patient.username, email: 'otra@example.test', password: 'una frase larga y segura', agreement: 'true' });
    expect(taken.html).toContain('Ese nombre de usuario ya está cogido.');
    expect(taken.html).not.toContain('already taken');
  });

  it('says the same in English on the English interface, with no Spanish sentence', async () => {
    const { html } = await signUp({ username: 'ana maría!', email: 'ana@example.test', password: 'una frase larga y segura' }, 'en');
    expect(html).toContain('The username may only use letters, digits and underscores');
    expect(html).toContain('You must accept the community rules and the privacy policy.');
    expect(html).not.toContain('El nombre de usuario solo puede tener');
    const short = await signUp({ username: 'ana_i18n', email: 'ana@example.test', password: 'corta', agreement: 'true' }, 'en');
    expect(short.html).toContain('The password must be at least 12 characters long.');
    expect(short.html).not.toContain('La contraseña tiene que tener');
  });
});

describe('profile settings and two-factor errors are shown in the interface language', () => {
  it('says in Spanish that the website must be an http(s) link, and in English on the English interface', async () => {
    const res = await patientWeb.post('/settings/profile', { display_name: 'Paciente', website: 'ftp://ejemplo.test', note: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Tiene que ser un enlace que empiece por http:// o https://.');
    expect(html).not.toContain('must be an http(s) link');
    expect(html).toContain('ftp://ejemplo.test');
    const htmlEn = await (await patientWebEn.post('/settings/profile', { display_name: 'Paciente', website: 'ftp://ejemplo.test', note: '' })).text();
    expect(htmlEn).toContain('It must be a link starting with http:// or https://.');
  });

  it('says in Spanish that the password is wrong when setting up 2FA, and that the code is not valid when enabling it', async () => {
    const setup = await patientWeb.post('/settings/security/two_factor/setup', { password: 'no es mi contraseña' });
    expect(setup.status).toBe(422);
    const html = await setup.text();
    expect(html).toContain('La contraseña no es correcta.');
    expect(html).not.toContain('The password is not correct');
    expect((await patientWeb.post('/settings/security/two_factor/setup', { password: 'correct horse battery staple' })).status).toBe(200);
    const enable = await (await patientWeb.post('/settings/security/two_factor/enable', { code: '000000' })).text();
    expect(enable).toContain('El código no es válido; comprueba la hora de tu dispositivo');
    expect(enable).not.toContain('check your device clock');
    const setupEn = await (await patientWebEn.post('/settings/security/two_factor/setup', { password: 'no es mi contraseña' })).text();
    expect(setupEn).toContain('The password is not correct.');
    expect(setupEn).not.toContain('La contraseña no es correcta.');
  });
});

describe('verification, alert, moderation and posting errors are shown in the interface language', () => {
  it('says in Spanish that the verification country must be a two-letter code', async () => {
    const doctor = await t.createUser({ kind: 'professional', profession: 'doctor' });
    const web = await webSession(t, doctor);
    const res = await web.post('/settings/verification', { license_number: '28/555', issuing_body: 'Colegio de Médicos', country: 'España', specialty: 'cardiology', note: '' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Escribe el código de país de dos letras (p. ej. ES).');
    expect(html).not.toContain('must be a two-letter country code');
  });

  it('says in Spanish that an alert must expire in the future', async () => {
    const org = await createVerifiedOrganization(t);
    const web = await webSession(t, org);
    const res = await web.post('/alertas', { title: 'Ola de calor intenso', body: 'Bebe agua y evita el sol en las horas centrales.', severity: 'warning', country: 'ES', city: '', expires_at: '2020-01-01T10:00' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('La fecha tiene que ser futura.');
    expect(html).not.toContain('must be in the future');
  });

  it('says in Spanish that a moderation action needs a reason, and that a decision can be appealed once', async () => {
    const moderator = await staffUser(t, 'moderator');
    const modWeb = await webSession(t, moderator);
    await t.ctx.db.updateTable('sessions').set({ mfa_passed: true }).where('user_id', '=', moderator.userId).execute();
    const author = await t.createUser();
    const statusId = await insertStatus(t, author.accountId, 'Un bulo sanitario');
    const report = await t.request('POST', '/api/v1/reports', { token: patient.token, json: { account_id: author.accountId, status_ids: [statusId] } });
    const reportId = ((await report.json()) as { id: string }).id;
    const missing = await modWeb.post(`/admin/reports/${reportId}/action`, { action: 'warn', reason: 'no' });
    expect(missing.status).toBe(422);
    const html = await missing.text();
    expect(html).toContain('Explica el motivo (al menos 3 caracteres).');
    expect(html).not.toContain('must say why');
    expect((await modWeb.post(`/admin/reports/${reportId}/action`, { action: 'warn', reason: 'Información engañosa' })).status).toBe(303);
    const action = await t.ctx.db.selectFrom('moderation_actions').select('id').where('target_account_id', '=', author.accountId).executeTakeFirstOrThrow();
    const authorWeb = await webSession(t, author);
    expect((await authorWeb.post('/appeals', { action_id: action.id, text: 'Tengo fuentes que lo respaldan' })).status).toBe(303);
    const again = await authorWeb.post('/appeals', { action_id: action.id, text: 'Insisto, tengo fuentes' });
    expect(again.status).toBe(422);
    const appealHtml = unescape(await again.text());
    expect(appealHtml).toContain('Ya has apelado esta decisión.');
    expect(appealHtml).not.toContain('You have already appealed');
  });

  it('says in Spanish that new accounts cannot post links yet, and in English on the English interface', async () => {
    const fresh = await t.createUser();
    const web = await webSession(t, fresh);
    const res = await web.post('/statuses', { status: 'Mirad https://bulos.example/cura', visibility: 'public', return_to: '/' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Las cuentas nuevas aún no pueden publicar enlaces');
    expect(html).not.toContain('New accounts cannot post links');
    expect(html).not.toContain('links are not allowed yet');
    const htmlEn = await (await webSession(t, fresh, 'lang=en')).post('/statuses', { status: 'Look https://bulos.example/cura', visibility: 'public', return_to: '/' });
    expect(await htmlEn.text()).toContain('New accounts cannot post links yet: wait 24 hours');
  });

  it('says in Spanish that a consulta comment contains identifying data', async () => {
    const asked = await patientWeb.post('/consultas', { ...sampleQuestion });
    const id = /\/consultas\/(\d+)/.exec(asked.headers.get('location') ?? '')![1]!;
    const doctor = await createVerifiedProfessional(t);
    const res = await (await webSession(t, doctor)).post(`/consultas/${id}/comments`, { body: 'Escríbame a doctora@example.com y lo vemos.' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('El texto contiene datos que te identifican');
    expect(html).not.toContain('The text contains identifying data');
  });
});

describe('OAuth consent errors are shown in the interface language', () => {
  it('says in Spanish that the app is unknown, without the English description', async () => {
    const res = await patientWeb.get('/oauth/authorize?client_id=desconocida&redirect_uri=urn:ietf:wg:oauth:2.0:oob&response_type=code&scope=read');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('No conocemos esta aplicación.');
    expect(html).not.toContain('Unknown client_id');
  });
});

describe('API error bodies carry stable message keys', () => {
  it('keeps the English error and adds the key at top level and in every detail', async () => {
    const res = await t.request('POST', '/api/v1/accounts', { json: { username: 'ana maría!', email: 'ana@example.test', password: 'una frase larga y segura', agreement: false, locale: 'es' } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; code: string; key: string; details: { field: string; message: string; key: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.key).toBe('errors.code.validation_failed');
    expect(body.error).toContain('username: may only use letters, digits and underscores (up to 30)');
    expect(body.details).toEqual(
      expect.arrayContaining([
        { field: 'username', message: 'may only use letters, digits and underscores (up to 30)', key: 'accounts.username.invalidChars' },
        { field: 'agreement', message: 'you must accept the terms of service', key: 'accounts.terms.required' },
      ]),
    );
  });

  it('gives generic keys with their limits to schema checks without a key of their own, and keys to service errors', async () => {
    const long = await t.request('POST', '/api/v1/reports', { token: patient.token, json: { account_id: patient.accountId, comment: 'x'.repeat(1001) } });
    expect(long.status).toBe(422);
    const body = (await long.json()) as { details: { field: string; key: string; params?: Record<string, number> }[] };
    expect(body.details).toContainEqual(expect.objectContaining({ field: 'comment', key: 'errors.validation.tooLong', params: { max: 1000 } }));
    const self = await t.request('POST', '/api/v1/reports', { token: patient.token, json: { account_id: patient.accountId } });
    expect(await self.json()).toMatchObject({ error: 'You cannot report yourself', code: 'validation_failed', key: 'moderation.report.self' });
    const short = await t.request('POST', '/api/v1/accounts', { json: { username: 'clave_corta', email: 'corta@example.test', password: 'corta', agreement: true } });
    expect(await short.json()).toMatchObject({ key: 'accounts.password.tooShort', params: { min: 12 }, details: [{ field: 'password', key: 'accounts.password.tooShort', params: { min: 12 } }] });
    const missing = await t.request('GET', '/api/v1/statuses/999999999');
    expect(await missing.json()).toMatchObject({ code: 'not_found', key: 'errors.code.not_found' });
  });
});

/** Every `.ts`/`.tsx` file under `dir`, tests excluded. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('message key catalogues', () => {
  it('has the same keys in Spanish and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe('');
  });

  it('has every error key used in the code in both catalogues', () => {
    const src = join(import.meta.dirname, '..', '..');
    const used = new Set<string>();
    const patterns = [/keyed\('([a-z]+\.[\w.]+)'/g, /\bkey: '([a-z]+\.[\w.]+)'/g, /(?:invalid|forbidden|conflict|unauthorized|notFound)\((?:[^()]|\([^()]*\))*?, '([a-z]+\.[\w.]+)'/g];
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in es) || !(k in en));
    expect(missing).toEqual([]);
  });
});
