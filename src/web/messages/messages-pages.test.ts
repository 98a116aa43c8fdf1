import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { staffWebSession, webSession, type WebSession } from '../testing/web-session.js';

/**
 * Private messages in the web interface: writing from a profile, answering, requests, the
 * conversation's buttons, the setting, attachments — and that nobody else reaches a page of it.
 */
let app: TestApp;
let rosa: TestUser;
let pedro: TestUser;
let intrusa: TestUser;
let moderator: TestUser;
let rosaWeb: WebSession;
let pedroWeb: WebSession;
let intrusaWeb: WebSession;
let conversationPath = '';

beforeAll(async () => {
  app = await createTestApp();
  await app.createUser();
  rosa = await app.createUser({ username: 'rosa_web', display_name: 'Rosa' });
  pedro = await app.createUser({ username: 'pedro_web', display_name: 'Pedro' });
  intrusa = await app.createUser({ username: 'intrusa_web' });
  moderator = await app.createUser({ username: 'mod_web' });
  await app.setStaffRole(moderator, 'moderator');
  [rosaWeb, pedroWeb, intrusaWeb] = await Promise.all([webSession(app, rosa), webSession(app, pedro), webSession(app, intrusa)]);
});
afterAll(async () => {
  await app.close();
});

describe('writing and answering', () => {
  it('a profile offers "Send a message", which opens the form addressed to that person', async () => {
    const profile = await (await rosaWeb.get('/@pedro_web')).text();
    expect(profile).toContain('href="/messages/new?to=pedro_web"');
    const form = await (await rosaWeb.get('/messages/new?to=pedro_web')).text();
    expect(form).toContain('value="pedro_web"');
    expect(form).toContain('Enviar mensaje privado');
  });

  it('a message to a patient who does not follow you lands in her requests; answering accepts', async () => {
    const sent = await rosaWeb.post('/messages', { to: '@pedro_web', status: 'Hola Pedro, ¿qué tal la rehabilitación?' });
    expect(sent.status).toBe(303);
    conversationPath = new URL(sent.headers.get('location')!, 'http://x').pathname;
    expect(conversationPath).toMatch(/^\/messages\/\d+$/);
    const rosaPage = await (await rosaWeb.get(conversationPath)).text();
    expect(rosaPage).toContain('¿qué tal la rehabilitación?');

    expect(await (await pedroWeb.get('/messages')).text()).not.toContain('rehabilitación');
    const requests = await (await pedroWeb.get('/messages/requests')).text();
    expect(requests).toContain('rehabilitación');
    const pedroPage = await (await pedroWeb.get(conversationPath)).text();
    expect(pedroPage).toContain('quiere enviarte un mensaje');
    const answered = await pedroWeb.post(conversationPath, { status: 'Muy bien, gracias' });
    expect(answered.status).toBe(303);
    expect(await (await pedroWeb.get('/messages')).text()).toContain('Muy bien, gracias');
  });

  it('a bad recipient or an empty message shows the form again with what was typed, never a 5xx', async () => {
    const unknown = await rosaWeb.post('/messages', { to: 'nadie_existe', status: 'Texto que no se pierde' });
    expect(unknown.status).toBe(422);
    const html = await unknown.text();
    expect(html).toContain('No existe ninguna cuenta @nadie_existe');
    expect(html).toContain('Texto que no se pierde');
    const empty = await rosaWeb.post(conversationPath, { status: '   ' });
    expect(empty.status).toBe(422);
    const tooMany = await rosaWeb.post('/messages', { to: Array.from({ length: 10 }, (_, i) => `u${i}`).join(','), status: 'hola' });
    expect(tooMany.status).toBe(422);
  });

  it('attaches a PDF without its metadata, and refuses a PDF on a public post', async () => {
    const doc = await PDFDocument.create();
    doc.setAuthor('Rosa García López');
    doc.setTitle('Informe de alta');
    doc.addPage();
    const form = new FormData();
    form.set('status', 'Te paso el informe');
    form.set('media_description', 'Informe de alta');
    form.set('media', new File([new Uint8Array(await doc.save())], 'informe.pdf', { type: 'application/pdf' }));
    const sent = await rosaWeb.post(conversationPath, form);
    expect(sent.status).toBe(303);
    const page = await (await pedroWeb.get(conversationPath)).text();
    // Attachments of messages live in the private area: an address signed for the reader, never /media.
    expect(page).not.toMatch(/medired\.test\/media\/[^"]+\.pdf/);
    const href = /href="(http:\/\/medired\.test\/private-media\/\d+\/original\?[^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&');
    expect(href).toBeDefined();
    expect(href).toContain(`reader=${pedro.accountId}`);
    const file = await app.request('GET', href!.replace('http://medired.test', ''));
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('attachment');
    const cleaned = await PDFDocument.load(new Uint8Array(await file.arrayBuffer()), { updateMetadata: false });
    expect(cleaned.getAuthor()).toBeUndefined();
    expect(cleaned.getTitle()).toBeUndefined();
    // The description is sealed like the text.
    const media = await app.ctx.db.selectFrom('media_attachments').select(['description', 'sealed_description']).where('kind', '=', 'document').executeTakeFirstOrThrow();
    expect(media.description).toBe('');
    expect(media.sealed_description).not.toBeNull();

    const upload = new FormData();
    upload.set('file', new File([new Uint8Array(await doc.save())], 'x.pdf', { type: 'application/pdf' }));
    const uploaded = (await (await app.request('POST', '/api/v2/media', { token: rosa.token, form: upload })).json()) as { id: string; type: string };
    expect(uploaded.type).toBe('unknown');
    const publicPost = await app.request('POST', '/api/v1/statuses', { token: rosa.token, json: { status: 'Mi informe', media_ids: [uploaded.id] } });
    expect(publicPost.status).toBe(422);
  });

  it('an image in a message is shown to the members', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0b6e69' } }).png().toBuffer();
    const form = new FormData();
    form.set('status', '');
    form.set('media', new File([new Uint8Array(png)], 'foto.png', { type: 'image/png' }));
    // Without a description, the form asks first and keeps the upload.
    const asked = await pedroWeb.post(conversationPath, form);
    expect(asked.status).toBe(422);
    const html = await asked.text();
    expect(html).toContain('Enviar sin descripción');
    const kept = /name="media_ids\[\]" value="(\d+)"/.exec(html)![1]!;
    expect((await pedroWeb.post(conversationPath, { status: '', 'media_ids[]': kept, confirm_missing_alt: 'true' })).status).toBe(303);
    expect(await (await rosaWeb.get(conversationPath)).text()).toMatch(/class="message-image"/);
  });
});

describe('nobody else reaches a conversation', () => {
  it('another account, a moderator and a visitor get a 404 page or the sign-in page', async () => {
    expect((await intrusaWeb.get(conversationPath)).status).toBe(404);
    const staff = await staffWebSession(app, moderator);
    expect((await staff.get(conversationPath)).status).toBe(404);
    const anonymous = await app.request('GET', conversationPath, { headers: { accept: 'text/html' } });
    expect([302, 303]).toContain(anonymous.status);
    for (const verb of ['mute', 'clear', 'accept', 'decline', 'block']) {
      expect((await intrusaWeb.post(`${conversationPath}/${verb}`, {})).status, verb).toBe(404);
    }
    expect((await intrusaWeb.post(conversationPath, { status: 'me cuelo' })).status).toBe(404);
  });

  it('the status page of a message is a 404 for others and sends members to the conversation (no text in titles or preview tags)', async () => {
    const message = await app.ctx.db.selectFrom('statuses').select('id').where('visibility', '=', 'direct').where('account_id', '=', rosa.accountId).orderBy('id').executeTakeFirstOrThrow();
    expect((await intrusaWeb.get(`/@rosa_web/${message.id}`)).status).toBe(404);
    const member = await pedroWeb.get(`/@rosa_web/${message.id}`);
    expect(member.status).toBe(303);
    expect(member.headers.get('location')).toBe(`${conversationPath}#m-${message.id}`);
    expect((await rosaWeb.get('/@rosa_web')).status).toBe(200);
    expect(await (await rosaWeb.get('/@rosa_web')).text()).not.toContain('rehabilitación');
  });
});

describe('the conversation buttons and the setting', () => {
  it('mute, delete for me and the "who can write to me" setting', async () => {
    expect((await pedroWeb.post(`${conversationPath}/mute`, {})).headers.get('location')).toContain('notice=muted');
    expect(await (await pedroWeb.get('/messages')).text()).toContain('Silenciada');
    await pedroWeb.post(`${conversationPath}/clear`, {});
    expect(await (await pedroWeb.get('/messages')).text()).not.toContain('Muy bien, gracias');
    expect(await (await rosaWeb.get('/messages')).text()).toContain(conversationPath);

    const settings = await (await pedroWeb.get('/settings/messages')).text();
    expect(settings).toMatch(/value="verified"[^>]*checked/);
    expect((await pedroWeb.post('/settings/messages', { messages_from: 'anyone' })).status).toBe(303);
    expect(await (await pedroWeb.get('/settings/messages')).text()).toMatch(/value="anyone"[^>]*checked/);
    expect((await pedroWeb.post('/settings/messages', { messages_from: 'todo el mundo' })).status).toBe(422);
  });
});

describe('a block in a one-to-one conversation (found by the review)', () => {
  it('shows who blocked whom instead of a composer, and a refused post names the refusal', async () => {
    const [eva, luz] = await Promise.all([app.createUser({ username: 'eva_block' }), app.createUser({ username: 'luz_block' })]);
    const [evaWeb, luzWeb] = await Promise.all([webSession(app, eva), webSession(app, luz)]);
    await app.request('PUT', '/api/v1/medired/messaging_settings', { token: luz.token, json: { messages_from: 'anyone' } });
    const sent = await evaWeb.post('/messages', { to: 'luz_block', status: 'Hola Luz' });
    const path = new URL(sent.headers.get('location')!, 'http://x').pathname;
    await app.request('POST', `/api/v1/accounts/${eva.accountId}/block`, { token: luz.token });
    const luzPage = await (await luzWeb.get(path)).text();
    expect(luzPage).toContain('Has bloqueado a esta cuenta');
    expect(luzPage).not.toContain('Enviar mensaje privado');
    const evaPage = await (await evaWeb.get(path)).text();
    expect(evaPage).toContain('No puedes escribir a esta cuenta');
    const refused = await evaWeb.post(path, { status: 'Sigo aquí' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('No puedes escribir a esta cuenta');
  });
});

