import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../../jobs/job-handlers.js';
import { runDueJobs } from '../../jobs/jobs.queue.js';
import { relationshipWith } from '../../relations/relationships.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';

let app: TestApp;
let lola: TestUser;
let lolaWeb: WebSession;

const accountOf = (user: TestUser) => app.ctx.db.selectFrom('accounts').select(['locked', 'followers_count']).where('id', '=', user.accountId).executeTakeFirstOrThrow();
const pending = (user: TestUser) => app.ctx.db.selectFrom('follow_requests').select('account_id').where('target_account_id', '=', user.accountId).execute();

beforeAll(async () => {
  app = await createTestApp();
  await app.createUser();
  lola = await app.createUser({ username: 'lola_privada', display_name: 'Lola' });
  lolaWeb = await webSession(app, lola);
});
afterAll(async () => {
  await app.close();
});

describe('approving followers manually', () => {
  it('is a setting of the profile page, off by default', async () => {
    const page = await (await lolaWeb.get('/settings/profile')).text();
    expect(page).toContain('Aprobar seguidores manualmente');
    expect(page).not.toMatch(/name="locked" value="true"[^>]*checked/);
    const saved = await lolaWeb.post('/settings/profile', { display_name: 'Lola', locked: 'true' });
    expect(saved.status).toBe(303);
    expect((await accountOf(lola)).locked).toBe(true);
    expect(await (await lolaWeb.get('/settings/profile')).text()).toMatch(/name="locked" value="true"[^>]*checked/);
    // Saving the form without the box leaves it as it was; the hidden field turns it off.
    await lolaWeb.post('/settings/profile', { display_name: 'Lola' });
    expect((await accountOf(lola)).locked).toBe(true);
  });
});

describe('following a locked profile from the web', () => {
  it('offers "Solicitar seguir", then shows the request as pending with a way to withdraw it', async () => {
    const fan = await app.createUser();
    const fanWeb = await webSession(app, fan);
    const profile = await (await fanWeb.get('/@lola_privada')).text();
    expect(profile).toContain('Solicitar seguir');
    expect(profile).toContain('Esta cuenta aprueba manualmente a sus seguidores.');

    const res = await fanWeb.post('/@lola_privada/follow', { return_to: '/@lola_privada' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/@lola_privada?notice=requested');
    const after = await (await fanWeb.get('/@lola_privada?notice=requested')).text();
    expect(after).toContain('Solicitud pendiente');
    expect(after).toContain('Retirar solicitud');
    expect(after).toContain('Has pedido seguir a Lola');
    expect((await relationshipWith(app.ctx.db, fan.accountId, lola.accountId)).following).toBe(false);

    const english = await (await (await webSession(app, fan, 'lang=en')).get('/@lola_privada')).text();
    expect(english).toContain('Pending');
    expect(english).toContain('Withdraw request');

    const withdrawn = await fanWeb.post('/@lola_privada/unfollow', { return_to: '/@lola_privada' });
    expect(withdrawn.headers.get('location')).toBe('/@lola_privada?notice=withdrawn');
    expect(await pending(lola)).toEqual([]);
    const again = await (await fanWeb.get('/@lola_privada')).text();
    expect(again).toContain('Solicitar seguir');
    expect(again).not.toContain('Solicitud pendiente');
  });

  it('shows "Request to follow" in English', async () => {
    const fan = await app.createUser();
    const fanWeb = await webSession(app, fan, 'lang=en');
    expect(await (await fanWeb.get('/@lola_privada')).text()).toContain('Request to follow');
  });
});

describe('the follow requests page', () => {
  it('is linked from the notifications and lets the locked account accept or reject each request', async () => {
    const ana = await app.createUser({ username: 'ana_pide', display_name: 'Ana' });
    const bruno = await app.createUser({ username: 'bruno_pide', display_name: 'Bruno' });
    await (await webSession(app, ana)).post('/@lola_privada/follow', {});
    await (await webSession(app, bruno)).post('/@lola_privada/follow', {});
    await runDueJobs(app.ctx, jobHandlers);

    const notifications = await (await lolaWeb.get('/notifications')).text();
    expect(notifications).toContain('href="/follow_requests"');
    expect(notifications).toContain('Ana quiere seguirte');

    const list = await (await lolaWeb.get('/follow_requests')).text();
    expect(list).toContain('Solicitudes de seguimiento');
    expect(list).toContain('@ana_pide');
    expect(list).toContain('@bruno_pide');
    expect(list).toContain(`action="/follow_requests/${ana.accountId}/authorize"`);

    const accepted = await lolaWeb.post(`/follow_requests/${ana.accountId}/authorize`, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/follow_requests?notice=accepted');
    expect((await relationshipWith(app.ctx.db, ana.accountId, lola.accountId)).following).toBe(true);

    const rejected = await lolaWeb.post(`/follow_requests/${bruno.accountId}/reject`, {});
    expect(rejected.headers.get('location')).toBe('/follow_requests?notice=rejected');
    expect((await relationshipWith(app.ctx.db, bruno.accountId, lola.accountId)).following).toBe(false);

    const empty = await (await lolaWeb.get('/follow_requests?notice=rejected')).text();
    expect(empty).toContain('Solicitud rechazada.');
    expect(empty).toContain('No tienes solicitudes de seguimiento pendientes.');
    expect((await accountOf(lola)).followers_count).toBe(1);
    await runDueJobs(app.ctx, jobHandlers);
    const later = await (await lolaWeb.get('/notifications')).text();
    expect(later).not.toContain('href="/follow_requests"');
    expect(later).toContain('Ana te ha empezado a seguir');
  });

  it('refuses visitors, forms without the CSRF token, and requests addressed to someone else', async () => {
    const visitor = await app.request('GET', '/follow_requests', { headers: { accept: 'text/html' } });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get('location')).toBe('/auth/sign_in?return_to=%2Ffollow_requests');

    const asker = await app.createUser();
    await (await webSession(app, asker)).post('/@lola_privada/follow', {});
    expect((await lolaWeb.post(`/follow_requests/${asker.accountId}/authorize`, {}, { csrf: false })).status).toBe(403);
    const intruder = await webSession(app, await app.createUser());
    expect((await intruder.post(`/follow_requests/${asker.accountId}/authorize`, {})).status).toBe(404);
    expect(await pending(lola)).toEqual([{ account_id: asker.accountId }]);
  });
});
