import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountViewerChanged } from './viewer-cache.js';
import { createVerifiedOrganization, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';
import { readerOf } from './reader.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
});
afterAll(async () => {
  await t.close();
});

const suspend = async (accountId: string) => {
  await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', accountId).execute();
  await accountViewerChanged(t.ctx, accountId);
};

describe('a suspended account reads as an anonymous visitor', () => {
  it('readerOf turns suspended accounts and sessions waiting for their second factor into nobody', () => {
    const viewer = { suspended: false, mfaPending: false };
    expect(readerOf(viewer)).toBe(viewer);
    expect(readerOf({ ...viewer, suspended: true })).toBeNull();
    expect(readerOf({ ...viewer, mfaPending: true })).toBeNull();
    expect(readerOf(null)).toBeNull();
  });

  it('no longer reads its own consulta, hidden since the suspension, by token or on the web', async () => {
    const asker = await t.createUser();
    const question = (await (await t.request('POST', '/api/v1/medired/consultas', { token: asker.token, json: sampleQuestion })).json()) as { id: string };
    const session = await webSession(t, asker);
    expect((await t.request('GET', `/api/v1/medired/consultas/${question.id}`, { token: asker.token })).status).toBe(200);
    expect((await session.get(`/consultas/${question.id}`)).status).toBe(200);
    await suspend(asker.accountId);
    expect((await t.request('GET', `/api/v1/medired/consultas/${question.id}`)).status).toBe(404);
    expect((await t.request('GET', `/api/v1/medired/consultas/${question.id}`, { token: asker.token })).status).toBe(404);
    expect((await session.get(`/consultas/${question.id}`)).status).toBe(404);
  });

  it('sees no alerts pinned for its region on the web home page', async () => {
    const org = await createVerifiedOrganization(t, { country: 'ES', city: 'Madrid' });
    const title = 'Cierre temporal del centro de salud';
    const body = { title, body: 'El centro de salud cierra hoy por obras; acude al más cercano.', severity: 'urgent', country: 'ES', city: '', expires_at: new Date(Date.now() + 86_400_000).toISOString() };
    expect((await t.request('POST', '/api/v1/medired/alerts', { token: org.token, json: body })).status).toBe(200);
    const neighbour = await t.createUser({ country: 'ES', city: 'Madrid' });
    const session = await webSession(t, neighbour);
    expect(await (await session.get('/')).text()).toContain(title);
    await suspend(neighbour.accountId);
    expect(await (await session.get('/')).text()).not.toContain(title);
  });

  it('gets no home feed and no composer on the web, only its suspension and the way to appeal it', async () => {
    const author = await t.createUser();
    const reader = await t.createUser();
    expect((await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: reader.token })).status).toBe(200);
    const text = 'Publicación sin listar para quien me sigue';
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: text, visibility: 'unlisted' } })).status).toBe(200);
    const session = await webSession(t, reader);
    expect(await (await session.get('/')).text()).toContain(text);
    await suspend(reader.accountId);
    const html = await (await session.get('/')).text();
    expect(html).not.toContain(text);
    expect(html).not.toContain('name="status"');
    expect(html).toContain('Tu cuenta está suspendida');
    expect(html).toContain('href="/notifications"');
    expect((await t.request('GET', '/api/v1/timelines/home', { token: reader.token })).status).toBe(403);
  });

  it('sees its own profile as gone, as everyone else does', async () => {
    const user = await t.createUser();
    expect((await t.request('GET', `/api/v1/accounts/${user.accountId}`, { token: user.token })).status).toBe(200);
    await suspend(user.accountId);
    expect((await t.request('GET', `/api/v1/accounts/${user.accountId}`)).status).toBe(410);
    expect((await t.request('GET', `/api/v1/accounts/${user.accountId}`, { token: user.token })).status).toBe(410);
  });
});
