import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import { deleteUnattachedMedia } from '../media/media.repository.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';

/** Images on consulta answers and on support-group posts: attached once, shown with their descriptions, read only by the post's readers. */
let t: TestApp;
let asker: TestUser;
let doctor: TestUser;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;

async function png(): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0b6e69' } }).png().toBuffer());
}
async function upload(user: TestUser, description: string): Promise<{ id: string; url: string }> {
  const form = new FormData();
  form.set('file', new File([await png()], 'x.png', { type: 'image/png' }));
  form.set('description', description);
  const res = await t.request('POST', '/api/v2/media', { token: user.token, form });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; url: string };
}
const json = async <T = Record<string, any>>(res: Response | Promise<Response>, status = 200): Promise<T> => {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
};

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  asker = await t.createUser();
  doctor = await createVerifiedProfessional(t, 'dermatology');
  owner = await t.createUser();
  member = await t.createUser();
  outsider = await t.createUser();
});
afterAll(async () => {
  await t?.close();
});

describe('images on consulta answers', () => {
  it('a professional answers with an image; the answer shows it with its description, and the upload cannot be reused', async () => {
    const q = await json(t.request('POST', '/api/v1/medired/consultas', { token: asker.token, json: { ...sampleQuestion, specialty: 'dermatology' } }));
    const image = await upload(doctor, 'Lunar con bordes regulares, de 4 mm');
    const answer = await json(t.request('POST', `/api/v1/medired/consultas/${q.id}/answers`, { token: doctor.token, json: { body: sampleAnswer, media_ids: [image.id] } }));
    expect(answer.media_attachments).toEqual([expect.objectContaining({ id: image.id, type: 'image', description: 'Lunar con bordes regulares, de 4 mm' })]);
    const listed = await json<Record<string, any>[]>(t.request('GET', `/api/v1/medired/consultas/${q.id}/answers`));
    expect(listed[0]!.media_attachments[0].description).toBe('Lunar con bordes regulares, de 4 mm');
    const page = await (await t.request('GET', `/consultas/${q.id}`)).text();
    expect(page).toMatch(/<img src="http:\/\/medired\.test\/media\/[^"]+" alt="Lunar con bordes regulares, de 4 mm"/);
    // Public content: the description is stored in plaintext once attached; the cleanup keeps it.
    const row = await t.ctx.db.selectFrom('media_attachments').select(['description', 'sealed_description']).where('id', '=', image.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ description: 'Lunar con bordes regulares, de 4 mm', sealed_description: null });
    expect(await deleteUnattachedMedia(t.ctx.db, image.id)).toBeUndefined();
    // Attached once: not again on a status.
    expect((await t.request('POST', '/api/v1/statuses', { token: doctor.token, json: { status: 'Otra vez', media_ids: [image.id] } })).status).toBe(422);
  });

  it('refuses someone else\'s upload and more than four', async () => {
    const q = await json(t.request('POST', '/api/v1/medired/consultas', { token: asker.token, json: { ...sampleQuestion, title: 'Manchas en la piel al tomar el sol', specialty: 'dermatology' } }));
    const foreign = await upload(asker, 'Foto de la paciente');
    expect((await t.request('POST', `/api/v1/medired/consultas/${q.id}/answers`, { token: doctor.token, json: { body: sampleAnswer, media_ids: [foreign.id] } })).status).toBe(422);
    const five = await Promise.all(Array.from({ length: 5 }, (_, i) => upload(doctor, `Imagen ${i}`)));
    expect((await t.request('POST', `/api/v1/medired/consultas/${q.id}/answers`, { token: doctor.token, json: { body: sampleAnswer, media_ids: five.map((m) => m.id) } })).status).toBe(422);
  });
});

describe('images on support-group posts', () => {
  it('in a private group: only members get the image, through the post\'s own route, never the uploader\'s path; its description stays sealed', async () => {
    const group = await json(t.request('POST', '/api/v1/medired/groups', { token: owner.token, json: { name: 'Psoriasis en familia', visibility: 'private' } }));
    await json(t.request('POST', `/api/v1/medired/groups/${group.id}/join`, { token: member.token }));
    await json(t.request('POST', `/api/v1/medired/groups/${group.id}/approve`, { token: owner.token, json: { account_id: member.accountId } }));
    const image = await upload(member, 'Placa en el codo tras dos semanas de crema');
    const post = await json(t.request('POST', `/api/v1/medired/groups/${group.id}/posts`, { token: member.token, json: { text: 'Así va mi codo', media_ids: [image.id] } }));
    const media = post.media_attachments[0];
    expect(media.description).toBe('Placa en el codo tras dos semanas de crema');
    expect(media.url).toBe(`http://medired.test/api/v1/medired/group_posts/${post.id}/media/${image.id}`);
    expect(JSON.stringify(post.media_attachments)).not.toContain(`/attachments/${member.accountId}/`);
    const path = media.url.replace('http://medired.test', '');
    const seen = await t.request('GET', path, { token: owner.token });
    expect(seen.status).toBe(200);
    expect(seen.headers.get('content-type')).toBe('image/webp');
    expect(seen.headers.get('cache-control')).toBe('private, no-cache');
    expect((await t.request('GET', `${path}?size=small`, { token: member.token })).status).toBe(200);
    expect((await t.request('GET', path, { token: outsider.token })).status).toBe(404);
    expect((await t.request('GET', path)).status).toBe(404);
    const row = await t.ctx.db.selectFrom('media_attachments').select(['description', 'sealed_description']).where('id', '=', image.id).executeTakeFirstOrThrow();
    expect(row.description).toBe('');
    expect(row.sealed_description).not.toBeNull();
    // The author deletes the post: its images go with it.
    await json(t.request('DELETE', `/api/v1/medired/group_posts/${post.id}`, { token: member.token }));
    expect(await t.ctx.db.selectFrom('media_attachments').select('id').where('id', '=', image.id).execute()).toEqual([]);
    expect((await t.request('GET', path, { token: owner.token })).status).toBe(404);
  });

  it('in a public group the web composer uploads the image, asks for its description, and the feed shows it', async () => {
    const group = await json(t.request('POST', '/api/v1/medired/groups', { token: owner.token, json: { name: 'Celiaquía en casa', visibility: 'public' } }));
    await json(t.request('POST', `/api/v1/medired/groups/${group.id}/join`, { token: member.token }));
    const web = await webSession(t, member);
    const form = new FormData();
    form.set('text', 'Mi pan sin gluten de hoy');
    form.set('media[]', new File([await png()], 'pan.png', { type: 'image/png' }));
    const asked = await web.post(`/groups/${group.slug}/posts`, form);
    expect(asked.status).toBe(422);
    const html = await asked.text();
    expect(html).toContain('Falta la descripción de 1 de tus imágenes');
    expect(html).toContain('Mi pan sin gluten de hoy</textarea>');
    const id = /name="media_ids\[\]" value="(\d+)"/.exec(html)![1]!;
    const posted = await web.post(`/groups/${group.slug}/posts`, { text: 'Mi pan sin gluten de hoy', 'media_ids[]': id, [`media_alt[${id}]`]: 'Hogaza de pan con corteza dorada' });
    expect(posted.status).toBe(303);
    const feed = await (await t.request('GET', `/groups/${group.slug}`)).text();
    expect(feed).toContain('alt="Hogaza de pan con corteza dorada"');
    expect(feed).toContain(`/api/v1/medired/group_posts/`);
  });

  it('in a private group the web composer stores the image in the private area, never under the public media root', async () => {
    const group = await json(t.request('POST', '/api/v1/medired/groups', { token: owner.token, json: { name: 'Duelo perinatal', visibility: 'private' } }));
    const web = await webSession(t, owner);
    const form = new FormData();
    form.set('text', 'Una foto del jardín');
    form.set('media_alt_new[0]', 'Un jardín con flores');
    form.set('media[]', new File([await png()], 'jardin.png', { type: 'image/png' }));
    form.set('confirm_missing_alt', 'true');
    const posted = await web.post(`/groups/${group.slug}/posts`, form);
    expect(posted.status).toBe(303);
    const row = await t.ctx.db.selectFrom('media_attachments').select(['private', 'file_path']).where('account_id', '=', owner.accountId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.private).toBe(true);
    expect(await t.ctx.storage.media.exists(row.file_path)).toBe(false);
    expect(await t.ctx.storage.private.exists(row.file_path)).toBe(true);
    expect((await t.request('GET', `/media/${row.file_path}`)).status).toBe(404);
    // Members still see it, through the post's own route.
    const feed = await (await web.get(`/groups/${group.slug}`)).text();
    const src = /src="http:\/\/medired\.test(\/api\/v1\/medired\/group_posts\/\d+\/media\/\d+)[^"]*"/.exec(feed)![1]!;
    expect((await t.request('GET', src, { token: owner.token })).status).toBe(200);
  });
});
