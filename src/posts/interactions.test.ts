import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import type { MastodonStatus } from './status-views.js';
import { EDIT_NOTICES_QUEUE, sendEditNotices } from './edit-notices.js';

let t: TestApp;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;
let fans: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  author = await t.createUser({ username: 'autora_int' });
  follower = await t.createUser({ username: 'seguidora_int' });
  stranger = await t.createUser({ username: 'extrano_int' });
  fans = [];
  for (let i = 0; i < 20; i++) fans.push(await t.createUser({ username: `fan_${i}` }));
  await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: follower.token });
});
afterAll(async () => {
  await t.close();
});

async function post(user: TestUser, json: Record<string, unknown>): Promise<MastodonStatus> {
  const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as MastodonStatus;
}
const status = async (id: string, user?: TestUser) => (await (await t.request('GET', `/api/v1/statuses/${id}`, { token: user?.token })).json()) as MastodonStatus;
const account = async (id: string) => (await (await t.request('GET', `/api/v1/accounts/${id}`)).json()) as { statuses_count: number };

describe('favourites', () => {
  it('keeps favourites_count exact under ~20 concurrent favourites, duplicates included', async () => {
    const s = await post(author, { status: 'Dale me gusta' });
    const calls = [...fans, ...fans.slice(0, 5)].map((fan) => t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: fan.token }));
    const responses = await Promise.all(calls);
    expect(responses.map((r) => r.status).every((code) => code === 200)).toBe(true);
    expect((await status(s.id)).favourites_count).toBe(20);
    const unfavs = [...fans.slice(0, 8), ...fans.slice(0, 8)].map((fan) => t.request('POST', `/api/v1/statuses/${s.id}/unfavourite`, { token: fan.token }));
    await Promise.all(unfavs);
    expect((await status(s.id)).favourites_count).toBe(12);
    const rows = await t.ctx.db.selectFrom('favourites').select('account_id').where('status_id', '=', s.id).execute();
    expect(rows.length).toBe(12);
  });

  it('marks the status favourited for the viewer and notifies the author once', async () => {
    const s = await post(author, { status: 'Favorito' });
    const res = await t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: stranger.token });
    expect(((await res.json()) as MastodonStatus).favourited).toBe(true);
    await t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: stranger.token });
    expect((await status(s.id, stranger)).favourited).toBe(true);
    expect((await status(s.id, follower)).favourited).toBe(false);
    const n = await t.ctx.db.selectFrom('notifications').select(['type', 'from_account_id']).where('status_id', '=', s.id).execute();
    expect(n).toEqual([{ type: 'favourite', from_account_id: stranger.accountId }]);
  });

  it('needs a signed-in user and a status the user can see (404 otherwise)', async () => {
    const s = await post(author, { status: 'Privado', visibility: 'private' });
    expect((await t.request('POST', `/api/v1/statuses/${s.id}/favourite`)).status).toBe(401);
    expect((await t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: stranger.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: follower.token })).status).toBe(200);
  });

  it('lists who favourited, newest first, with Link pagination', async () => {
    const s = await post(author, { status: 'Lista de favoritos' });
    for (const fan of fans.slice(0, 5)) await t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: fan.token });
    const first = await t.request('GET', `/api/v1/statuses/${s.id}/favourited_by?limit=2`);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { username: string }[]).map((a) => a.username)).toEqual(['fan_4', 'fan_3']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    const second = await t.request('GET', next.replace('http://localhost', ''));
    expect(((await second.json()) as { username: string }[]).map((a) => a.username)).toEqual(['fan_2', 'fan_1']);
    const prev = /<([^>]+)>; rel="prev"/.exec(second.headers.get('link') ?? '')![1]!;
    const back = await t.request('GET', prev.replace('http://localhost', ''));
    expect(((await back.json()) as { username: string }[]).map((a) => a.username)).toEqual(['fan_4', 'fan_3']);
  });

  it('hides the favouriters of an invisible status (404)', async () => {
    const s = await post(author, { status: 'Privado', visibility: 'private' });
    expect((await t.request('GET', `/api/v1/statuses/${s.id}/favourited_by`)).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${s.id}/favourited_by`, { token: stranger.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${s.id}/favourited_by`, { token: follower.token })).status).toBe(200);
  });

  it("lists the viewer's own favourites with keyset Link pagination, and only for signed-in users", async () => {
    const fan = fans[19]!;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await post(author, { status: `Fav ${i}` });
      ids.push(s.id);
      await t.request('POST', `/api/v1/statuses/${s.id}/favourite`, { token: fan.token });
    }
    expect((await t.request('GET', '/api/v1/favourites')).status).toBe(401);
    const page = await t.request('GET', '/api/v1/favourites?limit=2', { token: fan.token });
    expect(((await page.json()) as MastodonStatus[]).map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')![1]!;
    const rest = (await (await t.request('GET', next.replace('http://localhost', ''), { token: fan.token })).json()) as MastodonStatus[];
    expect(rest[0]!.id).toBe(ids[0]);
    expect(rest.every((s) => s.favourited)).toBe(true);
    const others = (await (await t.request('GET', '/api/v1/favourites', { token: stranger.token })).json()) as MastodonStatus[];
    expect(others.some((s) => ids.includes(s.id))).toBe(false);
  });
});

describe('reblogs', () => {
  it('keeps reblogs_count and statuses_count exact under concurrent reblogs with duplicates', async () => {
    const s = await post(author, { status: 'Compartid' });
    const before = await Promise.all(fans.map((f) => account(f.accountId)));
    const responses = await Promise.all([...fans, ...fans.slice(0, 6)].map((fan) => t.request('POST', `/api/v1/statuses/${s.id}/reblog`, { token: fan.token })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect((await status(s.id)).reblogs_count).toBe(20);
    const after = await Promise.all(fans.map((f) => account(f.accountId)));
    expect(after.map((a, i) => a.statuses_count - before[i]!.statuses_count)).toEqual(fans.map(() => 1));
    await Promise.all([...fans.slice(0, 10), ...fans.slice(0, 10)].map((fan) => t.request('POST', `/api/v1/statuses/${s.id}/unreblog`, { token: fan.token })));
    expect((await status(s.id)).reblogs_count).toBe(10);
  });

  it('returns the reblog wrapping the original, reblogged for the viewer, and notifies the author', async () => {
    const s = await post(author, { status: 'Impulso' });
    const res = await t.request('POST', `/api/v1/statuses/${s.id}/reblog`, { token: stranger.token });
    const wrapper = (await res.json()) as MastodonStatus;
    expect(wrapper.id).not.toBe(s.id);
    expect(wrapper.reblog).toMatchObject({ id: s.id, reblogged: true, content: '<p>Impulso</p>' });
    expect(wrapper.account.id).toBe(stranger.accountId);
    expect((await status(wrapper.id)).reblog?.id).toBe(s.id);
    const n = await t.ctx.db.selectFrom('notifications').select('type').where('status_id', '=', s.id).where('type', '=', 'reblog').execute();
    expect(n.length).toBe(1);
    const by = (await (await t.request('GET', `/api/v1/statuses/${s.id}/reblogged_by`)).json()) as { id: string }[];
    expect(by.map((a) => a.id)).toEqual([stranger.accountId]);
    const undo = await t.request('POST', `/api/v1/statuses/${s.id}/unreblog`, { token: stranger.token });
    expect(((await undo.json()) as MastodonStatus).reblogged).toBe(false);
    expect((await t.request('GET', `/api/v1/statuses/${wrapper.id}`)).status).toBe(404);
  });

  it('tells those who reblogged a status that it was edited (update), in the background', async () => {
    const s = await post(author, { status: 'Versión 1' });
    await t.request('POST', `/api/v1/statuses/${s.id}/reblog`, { token: stranger.token });
    await t.request('PUT', `/api/v1/statuses/${s.id}`, { token: author.token, json: { status: 'Versión 2' } });
    const jobs = await t.ctx.db.selectFrom('jobs').select(['id', 'payload']).where('queue', '=', EDIT_NOTICES_QUEUE).execute();
    const job = jobs.find((j) => (j.payload as { statusId: string }).statusId === s.id)!;
    await sendEditNotices(t.ctx, { id: job.id, queue: EDIT_NOTICES_QUEUE, payload: job.payload as Record<string, unknown>, attempt: 1 });
    const n = await t.ctx.db.selectFrom('notifications').select(['account_id', 'from_account_id']).where('status_id', '=', s.id).where('type', '=', 'update').execute();
    expect(n).toEqual([{ account_id: stranger.accountId, from_account_id: author.accountId }]);
  });

  it('refuses to reblog followers-only and direct statuses', async () => {
    const priv = await post(author, { status: 'Solo seguidores', visibility: 'private' });
    expect((await t.request('POST', `/api/v1/statuses/${priv.id}/reblog`, { token: follower.token })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/statuses/${priv.id}/reblog`, { token: stranger.token })).status).toBe(404);
    const direct = await post(author, { status: '@seguidora_int hola', visibility: 'direct' });
    expect((await t.request('POST', `/api/v1/statuses/${direct.id}/reblog`, { token: follower.token })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/statuses/${priv.id}/reblog`)).status).toBe(401);
  });
});

describe('replies and threads', () => {
  it('counts replies, notifies the author replied to, and builds the context', async () => {
    const root = await post(author, { status: 'Raíz' });
    const a = await post(stranger, { status: 'Respuesta A', in_reply_to_id: root.id });
    const b = await post(follower, { status: 'Respuesta B', in_reply_to_id: root.id });
    const a1 = await post(author, { status: 'Respuesta a A', in_reply_to_id: a.id });
    const hidden = await post(author, { status: 'Solo seguidores en el hilo', in_reply_to_id: a.id, visibility: 'private' });
    expect(a).toMatchObject({ in_reply_to_id: root.id, in_reply_to_account_id: author.accountId });
    expect((await status(root.id)).replies_count).toBe(2);
    const n = await t.ctx.db.selectFrom('notifications').select(['type', 'account_id']).where('status_id', '=', a.id).execute();
    expect(n).toEqual([{ type: 'mention', account_id: author.accountId }]);

    const ctx = (await (await t.request('GET', `/api/v1/statuses/${a1.id}/context`)).json()) as { ancestors: MastodonStatus[]; descendants: MastodonStatus[] };
    expect(ctx.ancestors.map((s) => s.id)).toEqual([root.id, a.id]);
    const rootCtx = async (user?: TestUser) =>
      ((await (await t.request('GET', `/api/v1/statuses/${root.id}/context`, { token: user?.token })).json()) as { descendants: MastodonStatus[] }).descendants.map((s) => s.id);
    expect(await rootCtx()).toEqual([a.id, a1.id, b.id]);
    // The followers-only reply mentions (implicitly) the author of A, who may read it.
    expect(await rootCtx(stranger)).toEqual([a.id, a1.id, hidden.id, b.id]);
    expect(await rootCtx(fans[0])).toEqual([a.id, a1.id, b.id]);
    expect(await rootCtx(follower)).toEqual([a.id, a1.id, hidden.id, b.id]);
  });

  it('answers 404 to replying to, or reading the context of, a status one cannot see', async () => {
    const priv = await post(author, { status: 'Privado', visibility: 'private' });
    expect((await t.request('POST', '/api/v1/statuses', { token: stranger.token, json: { status: 'x', in_reply_to_id: priv.id } })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${priv.id}/context`)).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${priv.id}/context`, { token: follower.token })).status).toBe(200);
  });
});
