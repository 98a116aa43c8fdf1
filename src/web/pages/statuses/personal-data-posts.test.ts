import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../testing/test-app.js';
import { webSession, type WebSession } from '../../testing/web-session.js';

let t: TestApp;
let me: TestUser;
let web: WebSession;
let webEn: WebSession;

const TEXT = 'Si alguien quiere el contacto de mi fisio, llamad al 612 345 678 o escribid a ana@example.com';

const statusCount = async () => Number((await t.ctx.db.selectFrom('statuses').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', me.accountId).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  me = await t.createUser();
  // An account old enough to post links (e-mail addresses count as links for new accounts).
  await t.ctx.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', '=', me.accountId).execute();
  web = await webSession(t, me);
  webEn = await webSession(t, me, 'lang=en');
});
afterAll(async () => {
  await t.close();
});

describe('a web post with a phone number, e-mail address or ID number', () => {
  it('is not published: the composer comes back with everything typed and a warning that the post is not private', async () => {
    const res = await web.post('/statuses', { status: TEXT, spoiler_text: 'Contacto', visibility: 'unlisted', return_to: '/' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Esta publicación no es privada');
    expect(html).toContain('mensaje privado');
    expect(html).toContain('<code>612 345 678</code>');
    expect(html).toContain('<code>ana@example.com</code>');
    expect(html).toContain('cualquiera que visite tu perfil');
    expect(html).toContain('612 345 678 o escribid a ana@example.com</textarea>');
    expect(html).toContain('value="Contacto"');
    expect(html).toMatch(/<option value="unlisted" selected/);
    expect(html).toMatch(/<button type="submit" name="confirm_personal_data" value="true"[^>]*>Publicar igualmente<\/button>/);
    expect(await statusCount()).toBe(0);
  });

  it('is published once the person confirms with "Publicar igualmente"', async () => {
    const res = await web.post('/statuses', { status: TEXT, visibility: 'public', return_to: '/', confirm_personal_data: 'true' });
    expect(res.status).toBe(303);
    expect(await statusCount()).toBe(1);
  });

  it('is explained in English too', async () => {
    const html = await (await webEn.post('/statuses', { status: 'My ID is 12345678Z', visibility: 'private', return_to: '/' })).text();
    expect(html).toContain('This post is not private');
    expect(html).toContain('everyone who follows you');
    expect(html).toContain('Publish anyway');
  });

  it('in an article waits for the same confirmation, keeping title and body', async () => {
    const body = 'Para pedir cita, escribid a consulta@example.com y os respondo. '.repeat(3);
    const res = await web.post('/articles/new', { title: 'Cómo pedir cita', status: body, language: 'es', visibility: 'public' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Esta publicación no es privada');
    expect(html).toContain('value="Cómo pedir cita"');
    const before = await statusCount();
    const confirmed = await web.post('/articles/new', { title: 'Cómo pedir cita', status: body, language: 'es', visibility: 'public', confirm_personal_data: 'true' });
    expect(confirmed.status).toBe(303);
    expect(await statusCount()).toBe(before + 1);
  });

  it('is published at once through the API, as Mastodon clients expect', async () => {
    const before = await statusCount();
    const res = await t.request('POST', '/api/v1/statuses', { token: me.token, json: { status: TEXT } });
    expect(res.status).toBe(200);
    expect(await statusCount()).toBe(before + 1);
  });

  it('without such data is published at once', async () => {
    const before = await statusCount();
    const res = await web.post('/statuses', { status: 'Hoy he caminado 10.000 pasos y he dormido 8 horas', visibility: 'public', return_to: '/' });
    expect(res.status).toBe(303);
    expect(await statusCount()).toBe(before + 1);
  });
});

describe('editing a post (found by the review)', () => {
  it('waits for the same confirmation when the edit adds identifying data, keeping the text', async () => {
    const posted = await t.request('POST', '/api/v1/statuses', { token: me.token, json: { status: 'Hoy he ido al fisio', visibility: 'public' } });
    const { id } = (await posted.json()) as { id: string };
    const refused = await web.post(`/@${me.username}/${id}/edit`, { status: 'Hoy he ido al fisio, llamadme al 612 345 678', spoiler_text: '' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Esta publicación no es privada');
    const row = await t.ctx.db.selectFrom('statuses').select('content_source').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.content_source).toBe('Hoy he ido al fisio');
    const confirmed = await web.post(`/@${me.username}/${id}/edit`, { status: 'Hoy he ido al fisio, llamadme al 612 345 678', spoiler_text: '', confirm_personal_data: 'true' });
    expect(confirmed.status).toBe(303);
  });

  it('recognises ID numbers and addresses written to slip through', async () => {
    const { findPersonalData } = await import('../../../text/personal-data.js');
    for (const text of ['mi DNI 12.345.678-Z', 'DNI 12 345 678 Z', 'DNI: 12.345.678', '\uFF16\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\uFF17\uFF18', '6\u200B1\u200B2345678', 'ana(at)example.com']) {
      expect(findPersonalData(text).length, text).toBeGreaterThan(0);
    }
    for (const text of ['tomo 12.5 mg y 3 pastillas', 'look at me', 'el año 2024 fue duro', 'peso 75.300 kg']) expect(findPersonalData(text), text).toEqual([]);
  });
});
