import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../notifications/notify.js';
import { isBlockedEitherWay } from './relations.repository.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { insertStatus, json } from '../moderation/trust-safety.fixtures.js';

let t: TestApp;
let ana: TestUser;
let bea: TestUser;
let carlos: TestUser;

interface Relationship {
  id: string;
  following: boolean;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
  muting_notifications: boolean;
}
const counts = async (id: string) =>
  t.ctx.db.selectFrom('accounts').select(['followers_count', 'following_count']).where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  ana = await t.createUser();
  bea = await t.createUser();
  carlos = await t.createUser();
});
afterAll(async () => {
  await t.close();
});

describe('blocks', () => {
  it('ends follows in both directions with exact counters and shows in relationships', async () => {
    await t.request('POST', `/api/v1/accounts/${bea.accountId}/follow`, { token: ana.token });
    await t.request('POST', `/api/v1/accounts/${ana.accountId}/follow`, { token: bea.token });
    const res = await t.request('POST', `/api/v1/accounts/${bea.accountId}/block`, { token: ana.token });
    expect(res.status).toBe(200);
    expect(await json<Relationship>(res)).toMatchObject({ following: false, followed_by: false, blocking: true, blocked_by: false });
    expect(await counts(ana.accountId)).toEqual({ followers_count: 0, following_count: 0 });
    expect(await counts(bea.accountId)).toEqual({ followers_count: 0, following_count: 0 });
    const [seenByBea] = await json<Relationship[]>(await t.request('GET', `/api/v1/accounts/relationships?id[]=${ana.accountId}`, { token: bea.token }));
    expect(seenByBea).toMatchObject({ blocking: false, blocked_by: true });
    expect(await isBlockedEitherWay(t.ctx.db, bea.accountId, ana.accountId)).toBe(true);
    expect(await isBlockedEitherWay(t.ctx.db, carlos.accountId, ana.accountId)).toBe(false);
  });

  it('prevents following in either direction', async () => {
    expect((await t.request('POST', `/api/v1/accounts/${ana.accountId}/follow`, { token: bea.token })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/accounts/${bea.accountId}/follow`, { token: ana.token })).status).toBe(403);
  });

  it('hides content both ways', async () => {
    const beaPost = await insertStatus(t, bea.accountId, 'Publicación de Bea');
    const anaPost = await insertStatus(t, ana.accountId, 'Publicación de Ana');
    expect((await t.request('GET', `/api/v1/statuses/${beaPost}`, { token: ana.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${anaPost}`, { token: bea.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${anaPost}`, { token: carlos.token })).status).toBe(200);
  });

  it('lists blocked accounts with Link pagination, and unblocks', async () => {
    await t.request('POST', `/api/v1/accounts/${carlos.accountId}/block`, { token: ana.token });
    const first = await t.request('GET', '/api/v1/blocks?limit=1', { token: ana.token });
    const page1 = await json<{ id: string }[]>(first);
    expect(page1.map((a) => a.id)).toEqual([carlos.accountId]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
    const page2 = await json<{ id: string }[]>(await t.request('GET', next.replace('http://medired.test', ''), { token: ana.token }));
    expect(page2.map((a) => a.id)).toEqual([bea.accountId]);
    const un = await json<Relationship>(await t.request('POST', `/api/v1/accounts/${carlos.accountId}/unblock`, { token: ana.token }));
    expect(un.blocking).toBe(false);
  });

  it('refuses blocking oneself, unknown accounts and anonymous callers', async () => {
    expect((await t.request('POST', `/api/v1/accounts/${ana.accountId}/block`, { token: ana.token })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/accounts/999999/block', { token: ana.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/accounts/${bea.accountId}/block`)).status).toBe(401);
    expect((await t.request('GET', '/api/v1/blocks')).status).toBe(401);
  });
});

describe('mutes', () => {
  it('hides the muted account\'s notifications, even those from before the mute, and shows them again on unmute', async () => {
    await t.request('POST', `/api/v1/accounts/${bea.accountId}/unblock`, { token: ana.token });
    await notify(t.ctx.db, { accountId: ana.accountId, type: 'follow', fromAccountId: carlos.accountId });
    const before = await json<{ type: string; account: { id: string } }[]>(await t.request('GET', '/api/v1/notifications', { token: ana.token }));
    expect(before.some((n) => n.account?.id === carlos.accountId)).toBe(true);
    const res = await t.request('POST', `/api/v1/accounts/${carlos.accountId}/mute`, { token: ana.token, json: { notifications: true, duration: 0 } });
    expect(await json<Relationship>(res)).toMatchObject({ muting: true, muting_notifications: true });
    const hidden = await json<{ account: { id: string } | null }[]>(await t.request('GET', '/api/v1/notifications', { token: ana.token }));
    expect(hidden.some((n) => n.account?.id === carlos.accountId)).toBe(false);
    const mutes = await json<{ id: string; mute_expires_at: string | null }[]>(await t.request('GET', '/api/v1/mutes', { token: ana.token }));
    expect(mutes).toEqual([expect.objectContaining({ id: carlos.accountId, mute_expires_at: null })]);
    await t.request('POST', `/api/v1/accounts/${carlos.accountId}/unmute`, { token: ana.token });
    const back = await json<{ account: { id: string } | null }[]>(await t.request('GET', '/api/v1/notifications', { token: ana.token }));
    expect(back.some((n) => n.account?.id === carlos.accountId)).toBe(true);
  });

  it('keeps notifications when muting with notifications=false, and records an expiry for timed mutes', async () => {
    const res = await t.request('POST', `/api/v1/accounts/${carlos.accountId}/mute`, { token: ana.token, form: { notifications: 'false', duration: '3600' } });
    expect(await json<Relationship>(res)).toMatchObject({ muting: true, muting_notifications: false });
    const list = await json<{ account: { id: string } | null }[]>(await t.request('GET', '/api/v1/notifications', { token: ana.token }));
    expect(list.some((n) => n.account?.id === carlos.accountId)).toBe(true);
    const mutes = await json<{ mute_expires_at: string | null }[]>(await t.request('GET', '/api/v1/mutes', { token: ana.token }));
    expect(mutes[0]!.mute_expires_at).not.toBeNull();
  });

  it('drops new notifications from muted accounts', async () => {
    await t.request('POST', `/api/v1/accounts/${bea.accountId}/mute`, { token: ana.token });
    await notify(t.ctx.db, { accountId: ana.accountId, type: 'follow', fromAccountId: bea.accountId });
    const rows = await t.ctx.db.selectFrom('notifications').select('id').where('account_id', '=', ana.accountId).where('from_account_id', '=', bea.accountId).execute();
    expect(rows).toHaveLength(0);
  });

  it('refuses anonymous callers and bad durations', async () => {
    expect((await t.request('GET', '/api/v1/mutes')).status).toBe(401);
    expect((await t.request('POST', `/api/v1/accounts/${bea.accountId}/mute`, { token: ana.token, json: { duration: -5 } })).status).toBe(422);
  });
});
