import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';

let app: TestApp;
let ana: TestUser;
let anaWeb: WebSession;
let announcementId = '';

beforeAll(async () => {
  app = await createTestApp();
  await app.createUser();
  ana = await app.createUser({ username: 'ana_banner' });
  anaWeb = await webSession(app, ana);
  const row = await app.ctx.db.insertInto('announcements').values({ text: 'Mantenimiento el <domingo>', published_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  announcementId = row.id;
});
afterAll(async () => {
  await app?.close();
});

describe('the announcements banner', () => {
  it('shows a signed-in person the announcements, escaped, with a dismiss button; visitors see none', async () => {
    const page = await (await anaWeb.get('/notifications')).text();
    expect(page).toContain('Mantenimiento el &lt;domingo&gt;');
    expect(page).toContain(`action="/announcements/${announcementId}/dismiss"`);
    const visitor = await (await app.request('GET', '/', { headers: { accept: 'text/html' } })).text();
    expect(visitor).not.toContain('Mantenimiento');
  });

  it('dismissing goes back to the page and the banner is gone, also for Mastodon apps', async () => {
    const res = await anaWeb.post(`/announcements/${announcementId}/dismiss`, { return_to: '/notifications' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/notifications');
    expect(await (await anaWeb.get('/notifications')).text()).not.toContain('Mantenimiento');
    const list = (await (await app.request('GET', '/api/v1/announcements?with_dismissed=true', { token: ana.token })).json()) as { id: string; read: boolean }[];
    expect(list.find((a) => a.id === announcementId)!.read).toBe(true);
  });

  it('refuses a dismissal without the CSRF token, and an unknown announcement', async () => {
    expect((await anaWeb.post(`/announcements/${announcementId}/dismiss`, {}, { csrf: false })).status).toBe(403);
    expect((await anaWeb.post('/announcements/999999/dismiss', {})).status).toBe(404);
  });
});
