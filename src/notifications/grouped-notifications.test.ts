import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStatus, json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { groupKeyFor } from './notification-group-keys.js';
import { notify } from './notify.js';

let t: TestApp;
let me: TestUser;
let other: TestUser;
let fans: TestUser[];
let statusId: string;

interface Group {
  group_key: string;
  notifications_count: number;
  type: string;
  most_recent_notification_id: string;
  page_min_id: string;
  page_max_id: string;
  sample_account_ids: string[];
  status_id?: string;
}
interface Results {
  accounts: { id: string }[];
  partial_accounts?: { id: string }[];
  statuses: { id: string }[];
  notification_groups: Group[];
}

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  me = await t.createUser();
  other = await t.createUser();
  fans = [await t.createUser(), await t.createUser(), await t.createUser()];
  statusId = await insertStatus(t, me.accountId, 'Consejos para el verano');
  await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: fans[0]!.accountId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'follow', fromAccountId: fans[1]!.accountId });
  for (const fan of fans) await notify(t.ctx.db, { accountId: me.accountId, type: 'favourite', fromAccountId: fan.accountId, statusId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'reblog', fromAccountId: fans[2]!.accountId, statusId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'mention', fromAccountId: fans[0]!.accountId, statusId });
  await notify(t.ctx.db, { accountId: me.accountId, type: 'medired.verification', payload: { decision: 'approved' } });
  await notify(t.ctx.db, { accountId: other.accountId, type: 'follow', fromAccountId: fans[0]!.accountId });
});
afterAll(async () => {
  await t.close();
});

describe('grouped notifications (GET /api/v2/notifications)', () => {
  it('groups favourites, reblogs and follows of one target, newest first, with counts and the newest accounts', async () => {
    const res = await json<Results>(await t.request('GET', '/api/v2/notifications', { token: me.token }));
    expect(res.notification_groups.map((g) => [g.type, g.notifications_count])).toEqual([
      ['mention', 1],
      ['reblog', 1],
      ['favourite', 3],
      ['follow', 2],
    ]);
    const favourites = res.notification_groups[2]!;
    expect(favourites.group_key).toMatch(new RegExp(`^favourite-${statusId}-\\d+$`));
    expect(favourites.sample_account_ids).toEqual([fans[2]!.accountId, fans[1]!.accountId, fans[0]!.accountId]);
    expect(favourites.status_id).toBe(statusId);
    expect(res.notification_groups[0]!.group_key).toMatch(/^ungrouped-\d+$/);
    // Every account and status a group names is in the answer, once.
    expect(new Set(res.accounts.map((a) => a.id))).toEqual(new Set(fans.map((f) => f.accountId)));
    expect(res.statuses.map((s) => s.id)).toEqual([statusId]);
    // The v1 list carries the same keys.
    const v1 = await json<{ type: string; group_key: string }[]>(await t.request('GET', '/api/v1/notifications?types[]=favourite', { token: me.token }));
    expect(new Set(v1.map((n) => n.group_key))).toEqual(new Set([favourites.group_key]));
  });

  it('leaves Medired\'s types out unless they are named, and gives them the instance\'s own account', async () => {
    const res = await json<Results>(await t.request('GET', '/api/v2/notifications?types[]=medired.verification&types[]=follow', { token: me.token }));
    expect(res.notification_groups.map((g) => g.type)).toEqual(['medired.verification', 'follow']);
    expect(res.notification_groups[0]!.sample_account_ids).toEqual(['0']);
    expect(res.accounts.map((a) => a.id)).toContain('0');
  });

  it('does not group the types a client cannot show grouped (grouped_types[])', async () => {
    const res = await json<Results>(await t.request('GET', '/api/v2/notifications?grouped_types[]=follow', { token: me.token }));
    expect(res.notification_groups.filter((g) => g.type === 'favourite').map((g) => g.notifications_count)).toEqual([1, 1, 1]);
    expect(res.notification_groups.find((g) => g.type === 'follow')!.notifications_count).toBe(2);
  });

  it('pages by groups with a Link header, and sends partial accounts when asked', async () => {
    const first = await t.request('GET', '/api/v2/notifications?limit=2', { token: me.token });
    const page1 = await json<Results>(first);
    expect(page1.notification_groups.map((g) => g.type)).toEqual(['mention', 'reblog']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
    const page2 = await json<Results>(await t.request('GET', next.replace('http://medired.test', ''), { token: me.token }));
    expect(page2.notification_groups.map((g) => g.type)).toEqual(['favourite', 'follow']);
    const partial = await json<Results>(await t.request('GET', '/api/v2/notifications?expand_accounts=partial_avatars&types[]=favourite', { token: me.token }));
    expect(partial.accounts.map((a) => a.id)).toEqual([fans[2]!.accountId]);
    expect(partial.partial_accounts!.map((a) => a.id).sort()).toEqual([fans[0]!.accountId, fans[1]!.accountId].sort());
  });

  it('shows one group, its accounts, and dismisses it — one\'s own groups only', async () => {
    const res = await json<Results>(await t.request('GET', '/api/v2/notifications?types[]=favourite', { token: me.token }));
    const key = res.notification_groups[0]!.group_key;
    const one = await json<Results>(await t.request('GET', `/api/v2/notifications/${key}`, { token: me.token }));
    expect(one.notification_groups).toHaveLength(1);
    expect(one.notification_groups[0]!.notifications_count).toBe(3);
    const accounts = await json<{ id: string }[]>(await t.request('GET', `/api/v2/notifications/${key}/accounts`, { token: me.token }));
    expect(accounts.map((a) => a.id)).toEqual([fans[2]!.accountId, fans[1]!.accountId, fans[0]!.accountId]);
    for (const [method, path] of [
      ['GET', `/api/v2/notifications/${key}`],
      ['GET', `/api/v2/notifications/${key}/accounts`],
      ['POST', `/api/v2/notifications/${key}/dismiss`],
    ] as const) {
      expect((await t.request(method, path, { token: other.token })).status, `${method} ${path}`).toBe(404);
    }
    expect((await t.request('GET', '/api/v2/notifications/not-a-key!', { token: me.token })).status).toBeGreaterThanOrEqual(400);
    expect(await json(await t.request('GET', '/api/v2/notifications/unread_count', { token: me.token }))).toEqual({ count: 4 });
    expect((await t.request('POST', `/api/v2/notifications/${key}/dismiss`, { token: me.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v2/notifications/${key}`, { token: me.token })).status).toBe(404);
    expect(await json(await t.request('GET', '/api/v2/notifications/unread_count', { token: me.token }))).toEqual({ count: 3 });
    const left = await t.ctx.db.selectFrom('notifications').select('type').where('account_id', '=', me.accountId).execute();
    expect(left.map((n) => n.type).sort()).toEqual(['follow', 'follow', 'medired.verification', 'mention', 'reblog']);
  });

  it('leaves out groups about a status the reader may no longer see, and accounts she blocks', async () => {
    const reader = await t.createUser();
    const author = await t.createUser();
    const theirs = await insertStatus(t, author.accountId, 'Se ocultará');
    await notify(t.ctx.db, { accountId: reader.accountId, type: 'mention', fromAccountId: author.accountId, statusId: theirs });
    await notify(t.ctx.db, { accountId: reader.accountId, type: 'follow', fromAccountId: fans[0]!.accountId });
    await t.ctx.db.updateTable('statuses').set({ hidden_at: new Date() }).where('id', '=', theirs).execute();
    expect((await t.request('POST', `/api/v1/accounts/${fans[0]!.accountId}/block`, { token: reader.token })).status).toBe(200);
    const res = await json<Results>(await t.request('GET', '/api/v2/notifications', { token: reader.token }));
    expect(res.notification_groups).toEqual([]);
    expect(await json(await t.request('GET', '/api/v2/notifications/unread_count', { token: reader.token }))).toEqual({ count: 0 });
  });
});

describe('group keys', () => {
  it('join the latest group of the same kind and target for twelve hours, then start a new one', async () => {
    const reader = await t.createUser();
    const status = await insertStatus(t, reader.accountId, 'Una publicación');
    const start = new Date('2026-06-01T08:30:00Z');
    const first = await groupKeyFor(t.ctx.db, reader.accountId, 'favourite', status, start);
    await t.ctx.db.insertInto('notifications').values({ account_id: reader.accountId, type: 'favourite', from_account_id: null, status_id: status, group_key: first, payload: '{}' }).execute();
    const later = await groupKeyFor(t.ctx.db, reader.accountId, 'favourite', status, new Date(start.getTime() + 11 * 3_600_000));
    expect(later).toBe(first);
    const tooLate = await groupKeyFor(t.ctx.db, reader.accountId, 'favourite', status, new Date(start.getTime() + 13 * 3_600_000));
    expect(tooLate).not.toBe(first);
    // Another status, or a type that is not grouped, never shares the key.
    expect(await groupKeyFor(t.ctx.db, reader.accountId, 'favourite', `${status}1`, start)).not.toBe(first);
    expect(await groupKeyFor(t.ctx.db, reader.accountId, 'mention', status, start)).toBeNull();
  });
});
