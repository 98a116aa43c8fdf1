import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from './notify.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { insertStatus, json } from '../moderation/trust-safety.fixtures.js';

let t: TestApp;
let me: TestUser;
let other: TestUser;
let fan: TestUser;

interface Notification {
  id: string;
  type: string;
  account: { id: string } | null;
  status?: { id: string };
  medired?: Record<string, unknown>;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  me = await t.createUser();
  other = await t.createUser();
  fan = await t.createUser();
  const statusId = await insertStatus(t, me.accountId, 'Mi publicación');
  await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: fan.accountId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'favourite', fromAccountId: fan.accountId, statusId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'medired.verification', payload: { decision: 'approved', reason: null } });
  await notify(t.ctx.db, { accountId: other.accountId, type: 'follow', fromAccountId: fan.accountId });
});
afterAll(async () => {
  await t.close();
});

describe('notifications API', () => {
  it('lists only one\'s own notifications, newest first, with accounts and statuses — Mastodon\'s types unless others are named', async () => {
    const list = await json<Notification[]>(await t.request('GET', '/api/v1/notifications', { token: me.token }));
    // An app that did not ask for Medired's types never meets one it cannot show.
    expect(list.map((n) => n.type)).toEqual(['favourite', 'follow']);
    expect(list[0]!.status!.id).toBeDefined();
    expect(list[1]!.account!.id).toBe(fan.accountId);
    const others = await json<Notification[]>(await t.request('GET', '/api/v1/notifications', { token: other.token }));
    expect(others.map((n) => n.type)).toEqual(['follow']);
  });

  it('sends Medired\'s types to apps that name them, with the instance\'s own account where no person acted', async () => {
    const list = await json<(Notification & { account: { id: string; acct: string; bot: boolean } })[]>(
      await t.request('GET', '/api/v1/notifications?types[]=medired.verification&types[]=favourite&types[]=follow', { token: me.token }),
    );
    expect(list.map((n) => n.type)).toEqual(['medired.verification', 'favourite', 'follow']);
    expect(list[0]).toMatchObject({ account: { id: '0', acct: 'medired.test', bot: true }, medired: { decision: 'approved' } });
    // The instance's account can be looked up like any other.
    expect(await json(await t.request('GET', '/api/v1/accounts/0'))).toMatchObject({ id: '0', acct: 'medired.test', display_name: 'Medired' });
    expect((await json<{ count: number }>(await t.request('GET', '/api/v1/notifications/unread_count?types[]=medired.verification', { token: me.token }))).count).toBe(1);
  });

  it('filters by types[], exclude_types[] and account_id', async () => {
    const only = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=follow&types[]=favourite', { token: me.token }));
    expect(only.map((n) => n.type)).toEqual(['favourite', 'follow']);
    const without = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?exclude_types[]=follow', { token: me.token }));
    expect(without.map((n) => n.type)).toEqual(['favourite']);
    const fromFan = await json<Notification[]>(await t.request('GET', `/api/v1/notifications?account_id=${fan.accountId}`, { token: me.token }));
    expect(fromFan).toHaveLength(2);
  });

  it('paginates with a Link header', async () => {
    const first = await t.request('GET', '/api/v1/notifications?limit=1', { token: me.token });
    const page1 = await json<Notification[]>(first);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
    const page2 = await json<Notification[]>(await t.request('GET', next.replace('http://medired.test', ''), { token: me.token }));
    expect([...page1, ...page2].map((n) => n.type)).toEqual(['favourite', 'follow']);
  });

  it('shows, dismisses and counts only one\'s own notifications', async () => {
    const [mine] = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?limit=1', { token: me.token }));
    expect((await t.request('GET', `/api/v1/notifications/${mine!.id}`, { token: me.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/notifications/${mine!.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/notifications/${mine!.id}/dismiss`, { token: other.token })).status).toBe(404);
    expect(await json(await t.request('GET', '/api/v1/notifications/unread_count', { token: me.token }))).toEqual({ count: 2 });
    expect((await t.request('POST', `/api/v1/notifications/${mine!.id}/dismiss`, { token: me.token })).status).toBe(200);
    expect(await json(await t.request('GET', '/api/v1/notifications/unread_count', { token: me.token }))).toEqual({ count: 1 });
    expect(await json(await t.request('POST', '/api/v1/medired/notifications/read', { token: me.token, json: {} }))).toEqual({ count: 0 });
  });

  it('leaves out the notifications of a suspended account, in the list and in the unread count', async () => {
    const suspended = await t.createUser();
    const recipient = await t.createUser();
    await notify(t.ctx.db, { accountId: recipient.accountId, type: 'follow', fromAccountId: suspended.accountId });
    await notify(t.ctx.db, { accountId: recipient.accountId, type: 'follow', fromAccountId: fan.accountId });
    const listed = async () => (await json<Notification[]>(await t.request('GET', '/api/v1/notifications', { token: recipient.token }))).map((n) => n.account?.id);
    expect(await listed()).toEqual([fan.accountId, suspended.accountId]);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
    expect(await listed()).toEqual([fan.accountId]);
    expect(await json(await t.request('GET', '/api/v1/notifications/unread_count', { token: recipient.token }))).toEqual({ count: 1 });
    await t.ctx.db.updateTable('accounts').set({ suspended_at: null }).where('id', '=', suspended.accountId).execute();
    expect(await listed()).toEqual([fan.accountId, suspended.accountId]);
  });

  it('clears all of one\'s notifications without touching anyone else\'s', async () => {
    expect((await t.request('POST', '/api/v1/notifications/clear', { token: me.token })).status).toBe(200);
    expect(await json<Notification[]>(await t.request('GET', '/api/v1/notifications', { token: me.token }))).toEqual([]);
    expect(await json<Notification[]>(await t.request('GET', '/api/v1/notifications', { token: other.token }))).toHaveLength(1);
  });

  it('refuses anonymous callers', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/notifications/1'],
      ['GET', '/api/v1/notifications/unread_count'],
      ['POST', '/api/v1/notifications/clear'],
      ['POST', '/api/v1/notifications/1/dismiss'],
    ] as const) {
      expect((await t.request(method, url)).status).toBe(401);
    }
  });
});

describe('live notifications (streaming)', () => {
  it('send apps Mastodon\'s types only, with an account, and the web pages every type', async () => {
    const { notificationPayload } = await import('../streaming/notification-stream-event.js');
    const { resolveAccessToken } = await import('../auth/viewer-cache.js');
    const reader = await t.createUser();
    await notify(t.ctx.db, { accountId: reader.accountId, type: 'medired.verification', payload: { decision: 'approved' } });
    await notify(t.ctx.db, { accountId: reader.accountId, type: 'follow', fromAccountId: fan.accountId });
    const [follow, verification] = await t.ctx.db.selectFrom('notifications').select(['id', 'type']).where('account_id', '=', reader.accountId).orderBy('id', 'desc').execute();
    const app = await resolveAccessToken(t.ctx, reader.token);
    const event = (id: string) => ({ kind: 'notification' as const, notificationId: id, accountId: reader.accountId });
    expect(await notificationPayload(t.ctx, app!, event(verification!.id))).toBeNull();
    expect(await notificationPayload(t.ctx, app!, event(follow!.id))).toMatchObject({ type: 'follow', account: { id: fan.accountId } });
    const page = { ...app!, via: 'session' as const };
    expect(await notificationPayload(t.ctx, page, event(verification!.id))).toMatchObject({ type: 'medired.verification', account: null });
  });
});
