import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional, sampleQuestion } from '../../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';

/** The web composers' images: a description asked for, a warning before publishing without one, uploads kept; article covers through the preview. */
let t: TestApp;
let me: TestUser;
let doctor: TestUser;
let web: WebSession;
let doctorWeb: WebSession;

async function png(color = '#0b6e69'): Promise<File> {
  const data = new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).png().toBuffer());
  return new File([data], 'foto.png', { type: 'image/png' });
}
const statusCount = async (accountId: string) => Number((await t.ctx.db.selectFrom('statuses').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow()).n);
const keptIds = (html: string) => [...html.matchAll(/name="media_ids\[\]" value="(\d+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  me = await t.createUser();
  doctor = await createVerifiedProfessional(t);
  web = await webSession(t, me);
  doctorWeb = await webSession(t, doctor);
});
afterAll(async () => {
  await t?.close();
});

describe('an upload larger than the limit from a web composer', () => {
  it('comes back as the form with a field error and the text kept (not a refused body), even above the API-wide 16 MB', async () => {
    const form = new FormData();
    form.set('status', 'Texto que no se pierde');
    form.set('visibility', 'public');
    form.set('return_to', '/');
    // 20 MB that start like a PNG: over the image limit (10 MB), under the web forms' body limit.
    const big = new Uint8Array(20 * 1024 * 1024);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    form.set('media[]', new File([big], 'grande.png', { type: 'image/png' }));
    const res = await web.post('/statuses', form);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Texto que no se pierde</textarea>');
    expect(await statusCount(me.accountId)).toBe(0);
  });
});

describe('a post with an image and no description', () => {
  it('is not published at first: the composer warns, keeps the text and the uploaded image, and offers "publish without description"', async () => {
    const form = new FormData();
    form.set('status', 'Mi desayuno de hoy');
    form.set('visibility', 'unlisted');
    form.set('return_to', '/');
    form.set('media[]', await png());
    const res = await web.post('/statuses', form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Falta la descripción de 1 de tus imágenes');
    expect(html).toMatch(/<button type="submit" name="confirm_missing_alt" value="true"[^>]*>Publicar sin descripción<\/button>/);
    expect(html).toContain('Mi desayuno de hoy</textarea>');
    expect(html).toMatch(/<option value="unlisted" selected/);
    const [id] = keptIds(html);
    expect(id).toBeDefined();
    // The uploaded image is shown again (its preview), with its own description field marked.
    expect(html).toMatch(new RegExp(`<img class="media-thumb" src="http://medired\\.test/media/[^"]+"`));
    expect(html).toContain(`name="media_alt[${id}]"`);
    expect(html).toContain('aria-invalid="true"');
    expect(await statusCount(me.accountId)).toBe(0);

    // Typing the description in the form shown again publishes it, without choosing the file again.
    const published = await web.post('/statuses', { status: 'Mi desayuno de hoy', visibility: 'unlisted', return_to: '/', 'media_ids[]': id!, [`media_alt[${id}]`]: 'Tostada con tomate y un café' });
    expect(published.status).toBe(303);
    const statusId = /#s-(\d+)/.exec(published.headers.get('location')!)![1]!;
    const entity = (await (await t.request('GET', `/api/v1/statuses/${statusId}`, { token: me.token })).json()) as { media_attachments: { id: string; description: string }[] };
    expect(entity.media_attachments).toEqual([expect.objectContaining({ id, description: 'Tostada con tomate y un café' })]);
  });

  it('is published without a description once the person chooses "publish without description"', async () => {
    const form = new FormData();
    form.set('status', 'Sin descripción a propósito');
    form.set('media[]', await png('#aa3333'));
    const asked = await (await web.post('/statuses', form)).text();
    const [id] = keptIds(asked);
    const before = await statusCount(me.accountId);
    const res = await web.post('/statuses', { status: 'Sin descripción a propósito', 'media_ids[]': id!, [`media_alt[${id}]`]: '', confirm_missing_alt: 'true' });
    expect(res.status).toBe(303);
    expect(await statusCount(me.accountId)).toBe(before + 1);
  });

  it('in English too', async () => {
    const en = await webSession(t, me, 'lang=en');
    const form = new FormData();
    form.set('status', 'Breakfast');
    form.set('media[]', await png());
    const html = await (await en.post('/statuses', form)).text();
    expect(html).toContain('1 of your images have no description');
    expect(html).toContain('Publish without description');
  });
});

describe('several images, each with its description', () => {
  it('takes the descriptions the page script adds per file, in order, and attaches the images in that order', async () => {
    const form = new FormData();
    form.set('status', 'Antes y después del paseo');
    form.append('media[]', await png('#112233'));
    form.append('media[]', await png('#445566'));
    form.append('media_descriptions[]', 'Zapatillas junto a la puerta');
    form.append('media_descriptions[]', 'Camino de tierra entre pinos');
    const res = await web.post('/statuses', form);
    expect(res.status).toBe(303);
    const statusId = /#s-(\d+)/.exec(res.headers.get('location')!)![1]!;
    const page = await (await t.request('GET', `/@${me.username}/${statusId}`)).text();
    expect(page.indexOf('alt="Zapatillas junto a la puerta"')).toBeGreaterThan(0);
    expect(page.indexOf('alt="Camino de tierra entre pinos"')).toBeGreaterThan(page.indexOf('alt="Zapatillas junto a la puerta"'));
  });

  it('keeps the uploads when the text is refused, and never attaches someone else\'s upload', async () => {
    const form = new FormData();
    form.set('status', 'x'.repeat(600));
    form.set('media[]', await png());
    form.set('media_description', 'Una taza');
    const refused = await web.post('/statuses', form);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(keptIds(html)).toHaveLength(1);
    expect(html).toContain('value="Una taza"');

    const otherForm = new FormData();
    otherForm.set('file', await png());
    otherForm.set('description', 'Ajena');
    const foreign = (await (await t.request('POST', '/api/v2/media', { token: doctor.token, form: otherForm })).json()) as { id: string };
    const before = await statusCount(me.accountId);
    const res = await web.post('/statuses', { status: 'Con una imagen ajena', 'media_ids[]': foreign.id, [`media_alt[${foreign.id}]`]: 'Ajena' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Esa imagen no se puede adjuntar');
    expect(await statusCount(me.accountId)).toBe(before);
  });

  it('keeps the uploads through the personal-data warning too', async () => {
    const form = new FormData();
    form.set('status', 'Llamadme al 612 345 678');
    form.set('media[]', await png());
    form.set('media_description', 'Cartel de la consulta');
    const res = await web.post('/statuses', form);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Esta publicación no es privada');
    const [id] = keptIds(html);
    const confirmed = await web.post('/statuses', { status: 'Llamadme al 612 345 678', 'media_ids[]': id!, [`media_alt[${id}]`]: 'Cartel de la consulta', confirm_personal_data: 'true' });
    expect(confirmed.status).toBe(303);
  });
});

describe('an article cover', () => {
  it('the preview shows a video link as the published article will: a placeholder, no frame', async () => {
    const preview = await doctorWeb.post('/articles/new', { title: 'Cómo usar el inhalador', status: 'Mira el vídeo: https://www.youtube.com/watch?v=dQw4w9WgXcQ', language: 'es', visibility: 'public', preview: '1' });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('Vídeo de YouTube');
    expect(html).not.toContain('<iframe');
  });

  it('survives the preview: the preview shows it with its description, and publishing keeps it without choosing the file again', async () => {
    const form = new FormData();
    form.set('title', 'Protección solar en verano');
    form.set('status', 'Usa crema de factor 50 y repite cada dos horas.');
    form.set('language', 'es');
    form.set('visibility', 'public');
    form.set('cover', await png('#f0c040'));
    form.set('cover_description', 'Bote de crema solar sobre la arena');
    form.set('preview', '1');
    const preview = await doctorWeb.post('/articles/new', form);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toMatch(/<img class="article-cover" src="http:\/\/medired\.test\/media\/[^"]+" alt="Bote de crema solar sobre la arena"/);
    const coverId = /name="cover_media_id" value="(\d+)"/.exec(html)![1]!;
    expect(html).toContain('value="Bote de crema solar sobre la arena"');

    const published = await doctorWeb.post('/articles/new', { title: 'Protección solar en verano', status: 'Usa crema de factor 50 y repite cada dos horas.', language: 'es', visibility: 'public', cover_media_id: coverId, cover_description: 'Bote de crema solar sobre la arena' });
    expect(published.status).toBe(303);
    const article = await (await t.request('GET', published.headers.get('location')!.split('?')[0]!)).text();
    expect(article).toMatch(/<img class="article-cover" src="http:\/\/medired\.test\/media\/[^"]+\.webp" alt="Bote de crema solar sobre la arena"/);
    const id = /\/(\d+)\?/.exec(published.headers.get('location')!)![1]!;
    const entity = (await (await t.request('GET', `/api/v1/statuses/${id}`)).json()) as { medired: { cover: { id: string; description: string } } };
    expect(entity.medired.cover).toMatchObject({ id: coverId, description: 'Bote de crema solar sobre la arena' });
  });

  it('without a description warns first, and the editor keeps the cover when editing', async () => {
    const form = new FormData();
    form.set('title', 'Vacunas del adulto');
    form.set('status', 'Repasa tu calendario vacunal con tu centro de salud.');
    form.set('language', 'es');
    form.set('visibility', 'public');
    form.set('cover', await png('#3060a0'));
    const warned = await doctorWeb.post('/articles/new', form);
    expect(warned.status).toBe(422);
    const html = await warned.text();
    expect(html).toContain('Falta la descripción de 1 de tus imágenes');
    const coverId = /name="cover_media_id" value="(\d+)"/.exec(html)![1]!;
    const published = await doctorWeb.post('/articles/new', { title: 'Vacunas del adulto', status: 'Repasa tu calendario vacunal con tu centro de salud.', language: 'es', visibility: 'public', cover_media_id: coverId, cover_description: '', confirm_missing_alt: 'true' });
    expect(published.status).toBe(303);
    const path = published.headers.get('location')!.split('?')[0]!;
    // Editing: a preview with a new description keeps the cover; saving sets its description.
    const preview = await doctorWeb.post(`${path}/edit`, { title: 'Vacunas del adulto', status: 'Repasa tu calendario.', language: 'es', cover_media_id: coverId, cover_description: 'Jeringa y cartilla de vacunación', preview: '1' });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('alt="Jeringa y cartilla de vacunación"');
    const saved = await doctorWeb.post(`${path}/edit`, { title: 'Vacunas del adulto', status: 'Repasa tu calendario.', language: 'es', cover_media_id: coverId, cover_description: 'Jeringa y cartilla de vacunación' });
    expect(saved.status).toBe(303);
    expect(await (await t.request('GET', path)).text()).toMatch(/<img class="article-cover" src="[^"]+" alt="Jeringa y cartilla de vacunación"/);
  });
});

describe('a consulta answer from the web', () => {
  it('attaches an image with the description asked for', async () => {
    const q = (await (await t.request('POST', '/api/v1/medired/consultas', { token: me.token, json: sampleQuestion })).json()) as { id: string };
    const form = new FormData();
    form.set('body', 'Conviene hacer una prueba de esfuerzo antes de seguir corriendo; este es el recorrido típico.');
    form.set('media[]', await png());
    const asked = await doctorWeb.post(`/consultas/${q.id}/answers`, form);
    expect(asked.status).toBe(422);
    const html = await asked.text();
    expect(html).toContain('Falta la descripción de 1 de tus imágenes');
    const [id] = keptIds(html);
    const res = await doctorWeb.post(`/consultas/${q.id}/answers`, { body: 'Conviene hacer una prueba de esfuerzo antes de seguir corriendo; este es el recorrido típico.', 'media_ids[]': id!, [`media_alt[${id}]`]: 'Gráfica de una prueba de esfuerzo' });
    expect(res.status).toBe(303);
    expect(await (await t.request('GET', `/consultas/${q.id}`)).text()).toContain('alt="Gráfica de una prueba de esfuerzo"');
  });
});
