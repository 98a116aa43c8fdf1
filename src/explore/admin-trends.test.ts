import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/** Moderators review what trends and how hashtags behave (Mastodon's Admin::Tag and trend review). */

let t: TestApp;
let moderator: TestUser;
let alice: TestUser;
let bob: TestUser;
let statusId: string;
let tagId: string;

const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  [moderator, alice, bob] = await Promise.all([t.createUser({ username: 'revisora' }), t.createUser({ username: 'alice' }), t.createUser({ username: 'bob' })]);
  await t.setStaffRole(moderator, 'moderator');
  moderator = { ...moderator, token: (await issueAccessToken(t.ctx.db, { userId: moderator.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token };
  statusId = (await json<{ id: string }>(await api('POST', '/api/v1/statuses', alice, { status: 'Caminar 30 minutos al día #caminar', visibility: 'public' }))).id;
  await json(await api('POST', `/api/v1/statuses/${statusId}/favourite`, bob));
  tagId = (await t.ctx.db.selectFrom('tags').select('id').where('name', '=', 'caminar').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t?.close();
});

const publicTags = async () => (await json<{ name: string }[]>(await t.request('GET', '/api/v1/trends/tags'))).map((x) => x.name);
const publicStatuses = async () => (await json<{ id: string }[]>(await t.request('GET', '/api/v1/trends/statuses'))).map((x) => x.id);

describe('trend review', () => {
  it('shows moderators what trends with its review; a rejected hashtag leaves the public trends, an approved one comes back', async () => {
    expect((await api('GET', '/api/v1/admin/trends/tags', alice)).status).toBe(403);
    const review = await json<{ id: string; name: string; trendable: boolean; requires_review: boolean }[]>(await api('GET', '/api/v1/admin/trends/tags', moderator));
    expect(review).toEqual([expect.objectContaining({ id: tagId, name: 'caminar', trendable: true, usable: true, requires_review: true })]);
    expect(await publicTags()).toEqual(['caminar']);
    expect(await json(await api('POST', `/api/v1/admin/trends/tags/${tagId}/reject`, moderator))).toMatchObject({ trendable: false, requires_review: false });
    expect(await publicTags()).toEqual([]);
    // Still in the moderators' list, rejected.
    expect(await json(await api('GET', '/api/v1/admin/trends/tags', moderator))).toEqual([expect.objectContaining({ id: tagId, trendable: false })]);
    expect(await json(await api('POST', `/api/v1/admin/trends/tags/${tagId}/approve`, moderator))).toMatchObject({ trendable: true, requires_review: false });
    expect(await publicTags()).toEqual(['caminar']);
  });

  it('rejects and approves a trending status; links and publishers have nothing to review', async () => {
    expect(await publicStatuses()).toEqual([statusId]);
    expect(await json(await api('POST', `/api/v1/admin/trends/statuses/${statusId}/reject`, moderator))).toMatchObject({ id: statusId });
    expect(await publicStatuses()).toEqual([]);
    expect((await json<{ id: string }[]>(await api('GET', '/api/v1/admin/trends/statuses', moderator))).map((s) => s.id)).toEqual([statusId]);
    await json(await api('POST', `/api/v1/admin/trends/statuses/${statusId}/approve`, moderator));
    expect(await publicStatuses()).toEqual([statusId]);
    expect(await json(await api('GET', '/api/v1/admin/trends/links', moderator))).toEqual([]);
    expect((await api('POST', '/api/v1/admin/trends/links/1/approve', moderator)).status).toBe(422);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('actor_account_id', '=', moderator.accountId).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['trend.tag_reject', 'trend.tag_approve', 'trend.status_reject', 'trend.status_approve']);
  });
});

describe('hashtag administration', () => {
  it('a hashtag made unusable is not linked to new statuses; one made unlisted is not offered in search', async () => {
    expect(await json(await api('PATCH', `/api/v1/admin/tags/${tagId}`, moderator, { usable: false, listable: false }))).toMatchObject({ id: tagId, usable: false, listable: false });
    await json(await api('POST', '/api/v1/statuses', alice, { status: 'Otra vez #caminar', visibility: 'public' }));
    const timeline = await json<unknown[]>(await t.request('GET', '/api/v1/timelines/tag/caminar'));
    expect(timeline).toHaveLength(1);
    const search = await json<{ hashtags: { name: string }[] }>(await api('GET', '/api/v2/search?q=%23camin&type=hashtags', alice));
    expect(search.hashtags).toEqual([]);
    await json(await api('PUT', `/api/v1/admin/tags/${tagId}`, moderator, { usable: true, listable: true }));
    expect((await json<{ hashtags: { name: string }[] }>(await api('GET', '/api/v2/search?q=%23camin&type=hashtags', alice))).hashtags.map((h) => h.name)).toEqual(['caminar']);
    const listed = await json<{ name: string }[]>(await api('GET', '/api/v1/admin/tags?name=cam', moderator));
    expect(listed.map((x) => x.name)).toEqual(['caminar']);
  });
});

describe('the dashboard', () => {
  it('counts new users, interactions and a hashtag\'s uses per day, with the previous period; nothing about remote servers', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const measures = await json<{ key: string; total: string; previous_total: string; data: { date: string; value: string }[] }[]>(
      await api('POST', '/api/v1/admin/measures', moderator, { keys: ['new_users', 'interactions', 'tag_uses', 'active_users', 'instance_statuses'], start_at: today, end_at: today, tag_uses: { id: tagId }, instance_statuses: { domain: 'mastodon.social' } }),
    );
    const byKey = Object.fromEntries(measures.map((m) => [m.key, m]));
    expect(byKey.new_users).toMatchObject({ total: '4', previous_total: '0', data: [{ date: `${today}T00:00:00Z`, value: '4' }] });
    expect(byKey.interactions!.total).toBe('1');
    // The status written while the hashtag was unusable is not linked to it.
    expect(byKey.tag_uses!.total).toBe('1');
    expect(Number(byKey.active_users!.total)).toBeGreaterThanOrEqual(3);
    expect(byKey.instance_statuses!.total).toBe('0');
    const dimensions = await json<{ key: string; data: { key: string; value: string }[] }[]>(await api('POST', '/api/v1/admin/dimensions', moderator, { keys: ['languages', 'servers', 'software_versions'] }));
    expect(dimensions.find((d) => d.key === 'languages')!.data).toEqual([{ key: 'es', human_key: 'Spanish', value: '2' }]);
    expect(dimensions.find((d) => d.key === 'servers')!.data).toEqual([]);
    expect(dimensions.find((d) => d.key === 'software_versions')!.data.map((x) => x.key)).toEqual(['medired', 'nodejs', 'postgresql']);
    const cohorts = await json<{ data: { rate: number; value: string }[] }[]>(await api('POST', '/api/v1/admin/retention', moderator, { start_at: today, end_at: today, frequency: 'day' }));
    expect(cohorts).toEqual([{ period: `${today}T00:00:00+00:00`, frequency: 'day', data: [{ date: `${today}T00:00:00+00:00`, rate: 1, value: '4' }] }]);
    expect((await api('POST', '/api/v1/admin/measures', moderator, { keys: ['new_users'], start_at: today, end_at: '2020-01-01' })).status).toBe(422);
    expect((await api('POST', '/api/v1/admin/measures', alice, { keys: ['new_users'], start_at: today, end_at: today })).status).toBe(403);
  });
});
