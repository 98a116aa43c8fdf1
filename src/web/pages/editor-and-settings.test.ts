import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';

let app: TestApp;
let doctor: TestUser;
let patient: TestUser;
let doctorWeb: WebSession;
let patientWeb: WebSession;

beforeAll(async () => {
  app = await createTestApp();
  doctor = await app.createUser({ username: 'dra_lopez', display_name: 'Dra. López', kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
  patient = await app.createUser({ username: 'paciente_ana' });
  doctorWeb = await webSession(app, doctor);
  patientWeb = await webSession(app, patient);
});
afterAll(async () => {
  await app.close();
});

const png = () => sharp({ create: { width: 60, height: 40, channels: 3, background: '#1a5fb4' } }).png().toBuffer();

async function publishArticle(title: string, body: string): Promise<string> {
  const res = await doctorWeb.post('/articles/new', { title, status: body, language: 'es', visibility: 'public' });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(/^\/@dra_lopez\/\d+\?notice=posted$/);
  return location.split('?')[0]!;
}

describe('article editor', () => {
  it('sends visitors who are not signed in to the sign-in page', async () => {
    const res = await app.request('GET', '/articles/new', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign_in?return_to=%2Farticles%2Fnew');
  });

  it('publishes an article that opens in the reader with its metadata', async () => {
    const form = await (await doctorWeb.get('/articles/new')).text();
    expect(form).toContain('enctype="multipart/form-data"');
    expect(form).toContain('name="_csrf"');
    const path = await publishArticle('Tensión arterial en casa', '## Cómo medirla\n\nSentado y tranquilo. **Dos tomas**.');
    const html = await (await app.request('GET', path)).text();
    expect(html).toContain('<h1 class="article-title">Tensión arterial en casa</h1>');
    expect(html).toContain('<h2>Cómo medirla</h2>');
    expect(html).toContain('1 min de lectura');
    expect(html).toContain('"@type":"Article","headline":"Tensión arterial en casa"');
    expect(html).toContain('<meta property="og:title" content="Tensión arterial en casa"/>');
    expect(html).toContain('<meta name="description" content="Cómo medirla Sentado y tranquilo. Dos tomas."/>');
    const blog = await (await app.request('GET', '/@dra_lopez/articles')).text();
    expect(blog).toContain('Tensión arterial en casa');
  });

  it('uploads a cover image and shows it in the reader and the blog', async () => {
    const form = new FormData();
    form.set('title', 'Con portada');
    form.set('status', 'Texto del artículo con portada.');
    form.set('language', 'es');
    form.set('visibility', 'public');
    form.set('cover', new File([new Uint8Array(await png())], 'portada.png', { type: 'image/png' }));
    form.set('cover_description', 'Tensiómetro sobre una mesa');
    const res = await doctorWeb.post('/articles/new', form);
    expect(res.status).toBe(303);
    const html = await (await app.request('GET', res.headers.get('location')!.split('?')[0]!)).text();
    expect(html).toMatch(/<img class="article-cover" src="http:\/\/medired\.test\/media\/[^"]+\.webp" alt="Tensiómetro sobre una mesa"/);
    expect(html).toMatch(/<meta property="og:image" content="http:\/\/medired\.test\/media\/[^"]+\.webp"\/>/);
    const blog = await (await app.request('GET', '/@dra_lopez/articles')).text();
    expect(blog).toContain('class="article-teaser-cover"');
  });

  it('refuses a cover that is not an image', async () => {
    const form = new FormData();
    form.set('title', 'Portada rota');
    form.set('status', 'Texto');
    form.set('cover', new File(['no soy una imagen'], 'x.png', { type: 'image/png' }));
    const res = await doctorWeb.post('/articles/new', form);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('La imagen no es válida.');
  });

  it('shows a preview without publishing', async () => {
    const res = await doctorWeb.post('/articles/new', { title: 'Borrador', status: '*cursiva*', preview: '1' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<em>cursiva</em>');
  });

  it('returns the editor with errors when the title is missing', async () => {
    const res = await doctorWeb.post('/articles/new', { title: '', status: 'Texto' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('El artículo necesita un título.');
  });

  it('lets only the author open and save the edit page', async () => {
    const path = await publishArticle('Colesterol', 'Primera versión');
    expect((await app.request('GET', `${path}/edit`, { headers: { accept: 'text/html' } })).status).toBe(303);
    expect((await patientWeb.get(`${path}/edit`)).status).toBe(403);
    expect((await patientWeb.post(`${path}/edit`, { title: 'Hackeado', status: 'x' })).status).toBe(403);
    const page = await (await doctorWeb.get(`${path}/edit`)).text();
    expect(page).toContain('Primera versión');
    const saved = await doctorWeb.post(`${path}/edit`, { title: 'Colesterol', status: 'Segunda versión', language: 'es' });
    expect(saved.status).toBe(303);
    expect(await (await app.request('GET', path)).text()).toContain('Segunda versión');
  });

  it('shows the edit page again, with what was typed, when the text holds a character that cannot be stored', async () => {
    const posted = await patientWeb.post('/statuses', { status: 'Texto antes del cambio', return_to: '/' });
    const id = /#s-(\d+)/.exec(posted.headers.get('location')!)![1]!;
    const refused = await patientWeb.post(`/@paciente_ana/${id}/edit`, { status: 'Texto corregido con mucho cuidado\u0000', spoiler_text: '' });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Texto corregido con mucho cuidado');
    expect(html).toContain('No puede contener bytes nulos');
  });

  it('edits a short post through its edit page', async () => {
    const posted = await patientWeb.post('/statuses', { status: 'Primer texto', return_to: '/' });
    const id = /#s-(\d+)/.exec(posted.headers.get('location')!)![1]!;
    const saved = await patientWeb.post(`/@paciente_ana/${id}/edit`, { status: 'Texto corregido', spoiler_text: '' });
    expect(saved.status).toBe(303);
    const html = await (await app.request('GET', `/@paciente_ana/${id}`)).text();
    expect(html).toContain('Texto corregido');
    expect(html).toContain('editado');
  });
});

describe('profile settings', () => {
  it('needs a signed-in person', async () => {
    const res = await app.request('GET', '/settings/profile', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    const post = await app.request('POST', '/settings/profile', { form: { display_name: 'x' }, headers: { accept: 'text/html' } });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toContain('/auth/sign_in');
  });

  it('saves the profile, shows the licence as pending verification and switches the language', async () => {
    const res = await doctorWeb.post('/settings/profile', {
      display_name: 'Dra. Marta López',
      note: 'Cardióloga. **Prevención** ante todo.',
      specialty: 'cardiology',
      profession: 'doctor',
      license_number: '28/123456',
      license_country: 'es',
      city: 'Madrid',
      country: 'ES',
      website: 'https://cardio.example',
      'fields_attributes[0][name]': 'Consulta',
      'fields_attributes[0][value]': 'https://consulta.example',
      'source[language]': 'en',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toContain('lang=en');
    const profile = await (await app.request('GET', '/@dra_lopez')).text();
    expect(profile).toContain('Dra. Marta López');
    expect(profile).toContain('<strong>Prevención</strong>');
    expect(profile).toContain('Pendiente de verificación');
    expect(profile).toContain('Madrid, España');
    expect(profile).toContain('cardio.example');
    expect(profile).toContain('href="https://consulta.example"');
  });

  it('replaces the avatar with an uploaded image', async () => {
    const form = new FormData();
    form.set('display_name', 'Ana');
    form.set('avatar', new File([new Uint8Array(await png())], 'yo.png', { type: 'image/png' }));
    const res = await patientWeb.post('/settings/profile', form);
    expect(res.status).toBe(303);
    const html = await (await app.request('GET', '/@paciente_ana')).text();
    expect(html).toMatch(/<img class="profile-avatar" src="http:\/\/medired\.test\/media\/accounts\/[^"]+\.webp"/);
  });

  it('refuses an invalid website with the field marked', async () => {
    const res = await patientWeb.post('/settings/profile', { display_name: 'Ana', website: 'javascript:alert(1)' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('f-website-error');
  });

  it('refuses the form without its CSRF token', async () => {
    const res = await patientWeb.post('/settings/profile', { display_name: 'Sin token' }, { csrf: false });
    expect(res.status).toBe(403);
  });
});

describe('verified badge and search', () => {
  it('shows the verified badge with the specialty in the page language wherever the name appears', async () => {
    await app.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', doctor.accountId).execute();
    const es = await (await app.request('GET', '/@dra_lopez')).text();
    expect(es).toContain('<span class="verified-label">Cardiología</span>');
    const en = await (await app.request('GET', '/@dra_lopez', { headers: { cookie: 'lang=en' } })).text();
    expect(en).toContain('<span class="verified-label">Cardiology</span>');
    const timeline = await (await app.request('GET', '/public')).text();
    expect(timeline).toContain('class="verified-badge"');
  });

  it('finds posts and people without caring about accents', async () => {
    await patientWeb.post('/statuses', { status: 'Pregunta sobre nutrición infantil', return_to: '/' });
    const html = await (await app.request('GET', '/search?q=nutricion')).text();
    expect(html).toContain('Pregunta sobre nutrición infantil');
    const people = await (await app.request('GET', '/search?q=lopez&type=accounts')).text();
    expect(people).toContain('@dra_lopez');
  });

  it('follows and unfollows from the profile page', async () => {
    const followed = await patientWeb.post('/@dra_lopez/follow', { return_to: '/@dra_lopez' });
    expect(followed.headers.get('location')).toBe('/@dra_lopez?notice=followed');
    const page = await (await patientWeb.get('/@dra_lopez?notice=followed')).text();
    expect(page).toContain('Ahora sigues a');
    expect(page).toContain('action="/@dra_lopez/unfollow"');
    const followers = await (await app.request('GET', '/@dra_lopez/followers')).text();
    expect(followers).toContain('@paciente_ana');
    await patientWeb.post('/@dra_lopez/unfollow', {});
    expect(await (await patientWeb.get('/@dra_lopez')).text()).toContain('action="/@dra_lopez/follow"');
  });
});
