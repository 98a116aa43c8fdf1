import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, insertStatus } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession, type WebSession } from '../web/testing/web-session.js';
import { notify } from './notify.js';

let t: TestApp;
let me: TestUser;
let fan: TestUser;
let suspended: TestUser;
let author: TestUser;
let web: WebSession;

interface Notification {
  id: string;
  type: string;
  read: boolean;
}

/** The types these tests record, named as an app that knows Medired's types names them. */
const TYPES = 'types[]=follow&types[]=favourite&types[]=update&types[]=medired.verification';
const unreadCount = async () => (await json<{ count: number }>(await t.request('GET', `/api/v1/notifications/unread_count?${TYPES}`, { token: me.token }))).count;
const list = async () => json<Notification[]>(await t.request('GET', `/api/v1/notifications?${TYPES}`, { token: me.token }));
const badge = async () => {
  const html = await (await web.get('/notifications')).text();
  const m = /<span class="nav-badge" data-live-count="notifications"( hidden="")?[^>]*>([^<]*)<\/span>/.exec(html);
  expect(m, 'the badge is on the page').not.toBeNull();
  return { hidden: Boolean(m![1]), text: m![2]!, html };
};

beforeAll(async () => {
  t = await createTestApp();
  me = await t.createUser();
  fan = await t.createUser();
  suspended = await t.createUser();
  author = await t.createUser();
  web = await webSession(t, me);
  const mine = await insertStatus(t, me.accountId, 'Mi publicación');
  const theirs = await insertStatus(t, author.accountId, 'Una publicación que acabará oculta');
  await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: fan.accountId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'favourite', fromAccountId: fan.accountId, statusId: mine });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'favourite', fromAccountId: suspended.accountId, statusId: mine });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'update', fromAccountId: author.accountId, statusId: theirs });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'medired.verification', payload: { decision: 'approved' } });
  // The sender is suspended and the status is hidden by a moderator: both leave the list.
  await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
  await t.ctx.db.updateTable('statuses').set({ hidden_at: new Date() }).where('id', '=', theirs).execute();
});
afterAll(async () => {
  await t.close();
});

describe('the unread count', () => {
  it('counts what the list shows: not notifications from suspended accounts or about statuses the reader can no longer see', async () => {
    const shown = await list();
    expect(shown.map((n) => n.type)).toEqual(['medired.verification', 'favourite', 'follow']);
    expect(await unreadCount()).toBe(shown.filter((n) => !n.read).length);
    expect(await badge()).toMatchObject({ hidden: false, text: '3' });
  });

  it('is shown on every signed-in page, and not to anonymous visitors', async () => {
    const home = await (await web.get('/consultas')).text();
    expect(home).toContain('data-live-count="notifications"');
    const anonymous = await (await t.request('GET', '/consultas', { headers: { accept: 'text/html' } })).text();
    expect(anonymous).not.toContain('data-live-count');
  });

  it('shows 99+ above 99', async () => {
    const crowd = await t.createUser();
    const crowdWeb = await webSession(t, crowd);
    await t.ctx.db
      .insertInto('notifications')
      .values(Array.from({ length: 120 }, () => ({ account_id: crowd.accountId, type: 'medired.verification', from_account_id: null, status_id: null, payload: '{}' })))
      .execute();
    const html = await (await crowdWeb.get('/')).text();
    expect(html).toMatch(/data-live-count="notifications"[^>]*>99\+<\/span>/);
  });
});

describe('reading notifications', () => {
  it('opening the page marks nothing read; "Marcar todo como leído" does, and moves the notifications marker', async () => {
    await web.get('/notifications');
    expect(await unreadCount()).toBe(3);
    const { html } = await badge();
    expect(html).toContain('Marcar todo como leído');
    expect(html).toContain('notification-unread');
    const res = await web.post('/notifications/read', {});
    expect(res.status).toBe(303);
    expect(await unreadCount()).toBe(0);
    const after = await badge();
    expect(after.hidden).toBe(true);
    expect(after.html).not.toContain('class="card notification notification-unread"');
    const markers = await json<{ notifications?: { last_read_id: string } }>(await t.request('GET', '/api/v1/markers?timeline[]=notifications', { token: me.token }));
    expect(markers.notifications!.last_read_id).toBe((await list())[0]!.id);
  });

  it('refuses "mark all as read" without the CSRF token', async () => {
    await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: author.accountId });
    const res = await web.post('/notifications/read', {}, { csrf: false });
    expect(res.status).toBe(403);
    expect(await unreadCount()).toBe(1);
  });
});

describe('markers (GET/POST /api/v1/markers)', () => {
  it('saves home and notifications positions with Mastodon\'s shape, counting versions', async () => {
    const empty = await json<Record<string, unknown>>(await t.request('GET', '/api/v1/markers?timeline[]=home', { token: fan.token }));
    expect(empty).toEqual({});
    const first = await json<Record<string, { last_read_id: string; version: number; updated_at: string }>>(
      await t.request('POST', '/api/v1/markers', { token: fan.token, json: { home: { last_read_id: '123' } } }),
    );
    expect(first).toEqual({ home: { last_read_id: '123', version: 0, updated_at: expect.any(String) } });
    await t.request('POST', '/api/v1/markers', { token: fan.token, form: { 'home[last_read_id]': '456' } });
    const both = await json<Record<string, { last_read_id: string; version: number }>>(await t.request('GET', '/api/v1/markers?timeline[]=home&timeline[]=notifications', { token: fan.token }));
    expect(both).toEqual({ home: { last_read_id: '456', version: 1, updated_at: expect.any(String) } });
  });

  it('marks notifications up to the notifications marker read, and only those', async () => {
    const reader = await t.createUser();
    for (let i = 0; i < 3; i++) await notify(t.ctx.db, { accountId: reader.accountId, type: 'medired.verification', payload: { decision: 'approved' } });
    const [newest, middle] = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.verification', { token: reader.token }));
    const saved = await t.request('POST', '/api/v1/markers', { token: reader.token, json: { notifications: { last_read_id: middle!.id } } });
    expect(await json(saved)).toMatchObject({ notifications: { last_read_id: middle!.id } });
    const after = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.verification', { token: reader.token }));
    expect(after.map((n) => n.read)).toEqual([false, true, true]);
    expect(after[0]!.id).toBe(newest!.id);
    expect((await json<{ count: number }>(await t.request('GET', '/api/v1/notifications/unread_count?types[]=medired.verification', { token: reader.token }))).count).toBe(1);
    // An app that names no type counts Mastodon's only.
    expect((await json<{ count: number }>(await t.request('GET', '/api/v1/notifications/unread_count', { token: reader.token }))).count).toBe(0);
  });

  it('keeps each account\'s markers to itself', async () => {
    const mine = await json<Record<string, unknown>>(await t.request('GET', '/api/v1/markers?timeline[]=home', { token: me.token }));
    expect(mine).toEqual({});
  });
});
