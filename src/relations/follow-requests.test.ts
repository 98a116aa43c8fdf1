import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { insertStatus, json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

interface Relationship {
  id: string;
  following: boolean;
  followed_by: boolean;
  requested: boolean;
  requested_by: boolean;
}
interface Account {
  id: string;
  followers_count: number;
}
interface Notification {
  type: string;
  account: { id: string } | null;
}

let t: TestApp;
/** A locked account: every follow waits for her answer. */
let lola: TestUser;
let stranger: TestUser;

const lock = (user: TestUser, locked: boolean) =>
  t.request('PATCH', '/api/v1/accounts/update_credentials', { token: user.token, json: { locked } });
const follow = (from: TestUser, to: TestUser) => t.request('POST', `/api/v1/accounts/${to.accountId}/follow`, { token: from.token });
const relationship = async (viewer: TestUser, other: TestUser) =>
  (await json<Relationship[]>(await t.request('GET', `/api/v1/accounts/relationships?id[]=${other.accountId}`, { token: viewer.token })))[0]!;
const canRead = async (viewer: TestUser, statusId: string) => (await t.request('GET', `/api/v1/statuses/${statusId}`, { token: viewer.token })).status === 200;
const notifications = async (user: TestUser) => {
  await runDueJobs(t.ctx, jobHandlers);
  return json<Notification[]>(await t.request('GET', '/api/v1/notifications', { token: user.token }));
};
const requestIds = async (user: TestUser, query = '') =>
  (await json<Account[]>(await t.request('GET', `/api/v1/follow_requests${query}`, { token: user.token }))).map((a) => a.id);

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  lola = await t.createUser();
  stranger = await t.createUser();
  expect((await lock(lola, true)).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

describe('following a locked account', () => {
  it('holds the follow as a request: the stranger does not read followers-only posts until it is authorized', async () => {
    const secret = await insertStatus(t, lola.accountId, 'Solo para quienes me siguen', 'private');
    const res = await follow(stranger, lola);
    expect(res.status).toBe(200);
    expect(await json<Relationship>(res)).toMatchObject({ id: lola.accountId, following: false, requested: true });
    expect(await relationship(lola, stranger)).toMatchObject({ followed_by: false, requested_by: true });
    expect(await canRead(stranger, secret)).toBe(false);
    const home = await json<{ id: string }[]>(await t.request('GET', '/api/v1/timelines/home', { token: stranger.token }));
    expect(home.map((s) => s.id)).not.toContain(secret);
    const account = await json<Account>(await t.request('GET', `/api/v1/accounts/${lola.accountId}`));
    expect(account.followers_count).toBe(0);

    const authorized = await t.request('POST', `/api/v1/follow_requests/${stranger.accountId}/authorize`, { token: lola.token });
    expect(authorized.status).toBe(200);
    expect(await json<Relationship>(authorized)).toMatchObject({ id: stranger.accountId, followed_by: true, requested_by: false });
    expect(await relationship(stranger, lola)).toMatchObject({ following: true, requested: false });
    expect(await canRead(stranger, secret)).toBe(true);
    expect((await json<Account>(await t.request('GET', `/api/v1/accounts/${lola.accountId}`))).followers_count).toBe(1);
    await t.request('POST', `/api/v1/accounts/${lola.accountId}/unfollow`, { token: stranger.token });
  });

  it('following again while the request waits changes nothing, and unfollow withdraws it', async () => {
    await follow(stranger, lola);
    expect(await json<Relationship>(await follow(stranger, lola))).toMatchObject({ following: false, requested: true });
    expect(await requestIds(lola)).toEqual([stranger.accountId]);
    const withdrawn = await t.request('POST', `/api/v1/accounts/${lola.accountId}/unfollow`, { token: stranger.token });
    expect(await json<Relationship>(withdrawn)).toMatchObject({ following: false, requested: false });
    expect(await requestIds(lola)).toEqual([]);
    expect((await notifications(lola)).filter((n) => n.type === 'follow_request')).toEqual([]);
  });

  it('reject drops the request without a follow', async () => {
    await follow(stranger, lola);
    const rejected = await t.request('POST', `/api/v1/follow_requests/${stranger.accountId}/reject`, { token: lola.token });
    expect(rejected.status).toBe(200);
    expect(await json<Relationship>(rejected)).toMatchObject({ followed_by: false, requested_by: false });
    expect(await relationship(stranger, lola)).toMatchObject({ following: false, requested: false });
    expect((await t.request('POST', `/api/v1/follow_requests/${stranger.accountId}/authorize`, { token: lola.token })).status).toBe(404);
  });

  it('following an unlocked account works at once, as before', async () => {
    const open = await t.createUser();
    expect(await json<Relationship>(await follow(stranger, open))).toMatchObject({ following: true, requested: false });
    expect((await notifications(open)).map((n) => [n.type, n.account?.id])).toEqual([['follow', stranger.accountId]]);
  });
});

describe('notifications', () => {
  it('tells the locked account of the request, and turns it into a follow notification once authorized', async () => {
    const fan = await t.createUser();
    await follow(fan, lola);
    const pending = (await notifications(lola)).filter((n) => n.account?.id === fan.accountId);
    expect(pending.map((n) => n.type)).toEqual(['follow_request']);
    await t.request('POST', `/api/v1/follow_requests/${fan.accountId}/authorize`, { token: lola.token });
    const after = (await notifications(lola)).filter((n) => n.account?.id === fan.accountId);
    expect(after.map((n) => n.type)).toEqual(['follow']);
  });
});

describe('GET /api/v1/follow_requests', () => {
  it('lists the requests newest first with Link pagination (max_id, min_id, since_id, limit)', async () => {
    const host = await t.createUser();
    await lock(host, true);
    const a = await t.createUser();
    const b = await t.createUser();
    const c = await t.createUser();
    for (const u of [a, b, c]) await follow(u, host);
    expect(await requestIds(host)).toEqual([c.accountId, b.accountId, a.accountId]);
    const first = await t.request('GET', '/api/v1/follow_requests?limit=2', { token: host.token });
    expect((await json<Account[]>(first)).map((x) => x.id)).toEqual([c.accountId, b.accountId]);
    const link = first.headers.get('link')!;
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!.replace('http://medired.test', '');
    const prev = /<([^>]+)>; rel="prev"/.exec(link)![1]!.replace('http://medired.test', '');
    expect((await json<Account[]>(await t.request('GET', next, { token: host.token }))).map((x) => x.id)).toEqual([a.accountId]);
    expect(await json<Account[]>(await t.request('GET', prev, { token: host.token }))).toEqual([]);
    const ids = await t.ctx.db.selectFrom('follow_requests').select(['id', 'account_id']).where('target_account_id', '=', host.accountId).orderBy('id').execute();
    expect(await requestIds(host, `?since_id=${ids[0]!.id}`)).toEqual([c.accountId, b.accountId]);
    expect(await requestIds(host, `?min_id=${ids[0]!.id}&limit=1`)).toEqual([b.accountId]);
  });

  it('hides requests from suspended accounts, which cannot be answered either', async () => {
    const host = await t.createUser();
    await lock(host, true);
    const gone = await t.createUser();
    await follow(gone, host);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', gone.accountId).execute();
    await t.viewerRowsChanged(gone);
    expect(await requestIds(host)).toEqual([]);
    expect((await t.request('POST', `/api/v1/follow_requests/${gone.accountId}/authorize`, { token: host.token })).status).toBe(404);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: null }).where('id', '=', gone.accountId).execute();
    await t.viewerRowsChanged(gone);
    expect(await requestIds(host)).toEqual([gone.accountId]);
  });
});

describe('blocks and unlocking', () => {
  it('a block removes pending requests in both directions', async () => {
    const host = await t.createUser();
    await lock(host, true);
    const pest = await t.createUser();
    await follow(pest, host);
    await t.request('POST', `/api/v1/accounts/${pest.accountId}/block`, { token: host.token });
    expect(await requestIds(host)).toEqual([]);
    await t.request('POST', `/api/v1/accounts/${pest.accountId}/unblock`, { token: host.token });

    const other = await t.createUser();
    await follow(other, host);
    await t.request('POST', `/api/v1/accounts/${host.accountId}/block`, { token: other.token });
    expect(await requestIds(host)).toEqual([]);
    expect((await follow(other, host)).status).toBe(403);
  });

  it('turning locked off accepts the pending requests', async () => {
    const host = await t.createUser();
    await lock(host, true);
    const a = await t.createUser();
    const b = await t.createUser();
    await follow(a, host);
    await follow(b, host);
    expect((await lock(host, false)).status).toBe(200);
    await runDueJobs(t.ctx, jobHandlers);
    expect(await requestIds(host)).toEqual([]);
    expect(await relationship(a, host)).toMatchObject({ following: true, requested: false });
    expect(await relationship(b, host)).toMatchObject({ following: true, requested: false });
    expect((await json<Account>(await t.request('GET', `/api/v1/accounts/${host.accountId}`))).followers_count).toBe(2);
    const c = await t.createUser();
    expect(await json<Relationship>(await follow(c, host))).toMatchObject({ following: true, requested: false });
  });
});

describe('who may answer', () => {
  it('refuses anonymous callers, read-only tokens on writes, other accounts and suspended accounts', async () => {
    const host = await t.createUser();
    await lock(host, true);
    const asker = await t.createUser();
    const intruder = await t.createUser();
    await follow(asker, host);

    expect((await t.request('GET', '/api/v1/follow_requests')).status).toBe(401);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/authorize`)).status).toBe(401);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/reject`)).status).toBe(401);

    const readOnly = (await issueAccessToken(t.ctx.db, { userId: host.userId, applicationId: null, scopes: 'read' })).access_token;
    expect((await t.request('GET', '/api/v1/follow_requests', { token: readOnly })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/authorize`, { token: readOnly })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/reject`, { token: readOnly })).status).toBe(403);

    // The request is addressed to host: nobody else can answer it, and it stays pending.
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/authorize`, { token: intruder.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/reject`, { token: intruder.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/authorize`, { token: asker.token })).status).toBe(404);
    expect(await requestIds(intruder)).toEqual([]);
    expect(await requestIds(host)).toEqual([asker.accountId]);

    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', host.accountId).execute();
    await t.viewerRowsChanged(host);
    expect((await t.request('GET', '/api/v1/follow_requests', { token: host.token })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/follow_requests/${asker.accountId}/authorize`, { token: host.token })).status).toBe(403);
    expect((await follow(host, asker)).status).toBe(403);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: null }).where('id', '=', host.accountId).execute();
    await t.viewerRowsChanged(host);
    expect(await requestIds(host)).toEqual([asker.accountId]);
  });

  it('cannot follow oneself or an unknown account', async () => {
    expect((await follow(lola, lola)).status).toBe(422);
    expect((await t.request('POST', '/api/v1/accounts/999999/follow', { token: lola.token })).status).toBe(404);
    expect((await t.request('POST', '/api/v1/follow_requests/999999/authorize', { token: lola.token })).status).toBe(404);
  });
});
