import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession, type WebSession } from '../web/testing/web-session.js';
import { ALWAYS_ON_GROUP, NOTIFICATION_GROUPS, SWITCHABLE_GROUPS } from './notification-groups.js';
import { notify } from './notify.js';

let t: TestApp;
let me: TestUser;
let fan: TestUser;
let web: WebSession;

/** What was recorded for the user, newest first (the API shows apps only Mastodon's types unless asked). */
const types = async (user: TestUser) =>
  (await t.ctx.db.selectFrom('notifications').select('type').where('account_id', '=', user.accountId).orderBy('id', 'desc').execute()).map((n) => n.type);

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser(); // the first account is the instance's admin
  me = await t.createUser();
  fan = await t.createUser();
  web = await webSession(t, me);
});
afterAll(async () => {
  await t.close();
});

describe('notification preferences', () => {
  it('are all on by default: the settings page ticks every group and explains the always-on decisions', async () => {
    const html = await (await web.get('/settings/notifications')).text();
    for (const g of SWITCHABLE_GROUPS.filter((g) => g !== 'staff')) expect(html).toMatch(new RegExp(`name="on\\[\\]" value="${g}" checked`));
    expect(html).not.toContain('value="staff"');
    expect(html).not.toContain(`value="${ALWAYS_ON_GROUP}"`);
    expect(html).toContain('no se pueden desactivar');
  });

  it('stop a switched-off group from being recorded, in notify()', async () => {
    const on = SWITCHABLE_GROUPS.filter((g) => g !== 'favourites' && g !== 'follows');
    const res = await web.post('/settings/notifications', { 'on[]': on } as unknown as Record<string, string>);
    expect(res.status).toBe(303);
    const html = await (await web.get('/settings/notifications')).text();
    expect(html).toContain('value="favourites"/>');
    expect(html).toMatch(/value="mentions" checked/);
    await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: fan.accountId });
    await notify(t.ctx.db, { accountId: me.accountId, type: 'mention', fromAccountId: fan.accountId });
    expect(await types(me)).toEqual(['mention']);
  });

  it('cannot switch off the decisions about one\'s own account, not even with a forged form post', async () => {
    const forged = await web.post('/settings/notifications', { 'on[]': ['mentions', ALWAYS_ON_GROUP], [ALWAYS_ON_GROUP]: 'false' } as unknown as Record<string, string>);
    expect(forged.status).toBe(303);
    const rows = await t.ctx.db.selectFrom('notification_preferences').select(['notification_group', 'enabled']).where('account_id', '=', me.accountId).execute();
    expect(rows.map((r) => r.notification_group)).not.toContain(ALWAYS_ON_GROUP);
    // Even a row written around the form does not stop them.
    await t.ctx.db.insertInto('notification_preferences').values({ account_id: me.accountId, notification_group: ALWAYS_ON_GROUP, enabled: false }).execute();
    for (const type of NOTIFICATION_GROUPS[ALWAYS_ON_GROUP]) await notify(t.ctx.db, { accountId: me.accountId, type, payload: { decision: 'approved', action: 'warn' } });
    expect(await types(me)).toEqual(expect.arrayContaining([...NOTIFICATION_GROUPS[ALWAYS_ON_GROUP]]));
  });

  it('switch a group on again', async () => {
    await web.post('/settings/notifications', { 'on[]': [...SWITCHABLE_GROUPS] } as unknown as Record<string, string>);
    await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: fan.accountId });
    expect((await types(me))[0]).toBe('follow');
  });

  it('refuse a post without the CSRF token', async () => {
    const res = await web.post('/settings/notifications', { 'on[]': 'mentions' }, { csrf: false });
    expect(res.status).toBe(403);
    const html = await (await web.get('/settings/notifications')).text();
    expect(html).toMatch(/value="favourites" checked/);
  });

  it('keep the messages group on by default, ready for private messages', async () => {
    const other = await t.createUser();
    await notify(t.ctx.db, { accountId: other.accountId, type: 'medired.message_request', fromAccountId: fan.accountId, payload: { conversationId: '1' } });
    expect(await types(other)).toEqual(['medired.message_request']);
  });
});
