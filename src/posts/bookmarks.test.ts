import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import type { MastodonStatus } from './status-views.js';

let t: TestApp;
let ana: TestUser;
let berta: TestUser;
let carla: TestUser;
let lucia: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.createUser({ username: 'ana_bm' });
  berta = await t.createUser({ username: 'berta_bm' });
  carla = await t.createUser({ username: 'carla_bm' });
  lucia = await t.createUser({ username: 'lucia_bm', kind: 'professional', profession: 'physician', specialty: 'cardiology', license_number: '282812399', license_country: 'ES' } as never);
  await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', lucia.accountId).execute();
});
afterAll(async () => {
  await t.close();
});

async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const post = (user: TestUser, body: Record<string, unknown>) => json<MastodonStatus>(t.request('POST', '/api/v1/statuses', { token: user.token, json: body }));
const bookmarks = (user: TestUser, query = '') => json<MastodonStatus[]>(t.request('GET', `/api/v1/bookmarks${query}`, { token: user.token }));

describe('bookmarks', () => {
  it('bookmarks and unbookmarks a status, with `bookmarked` in every entity for that viewer only', async () => {
    const s = await post(berta, { status: 'Guardar para luego' });
    expect(s.bookmarked).toBe(false);
    const marked = await json<MastodonStatus>(t.request('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: ana.token }));
    expect(marked.bookmarked).toBe(true);
    // Idempotent, and the flag comes from the viewer's facts, not from the cached entity.
    await json(t.request('POST', `/api/v1/statuses/${s.id}/bookmark`, { token: ana.token }));
    expect((await json<MastodonStatus>(t.request('GET', `/api/v1/statuses/${s.id}`, { token: ana.token }))).bookmarked).toBe(true);
    expect((await json<MastodonStatus>(t.request('GET', `/api/v1/statuses/${s.id}`, { token: carla.token }))).bookmarked).toBe(false);
    expect((await json<MastodonStatus>(t.request('GET', `/api/v1/statuses/${s.id}`))).bookmarked).toBe(false);
    const timeline = await json<MastodonStatus[]>(t.request('GET', `/api/v1/accounts/${berta.accountId}/statuses`, { token: ana.token }));
    expect(timeline.find((x) => x.id === s.id)?.bookmarked).toBe(true);
    expect((await bookmarks(ana)).map((x) => x.id)).toContain(s.id);
    const unmarked = await json<MastodonStatus>(t.request('POST', `/api/v1/statuses/${s.id}/unbookmark`, { token: ana.token }));
    expect(unmarked.bookmarked).toBe(false);
    expect((await bookmarks(ana)).map((x) => x.id)).not.toContain(s.id);
    await json(t.request('POST', `/api/v1/statuses/${s.id}/unbookmark`, { token: ana.token }));
  });

  it('lists bookmarks newest bookmark first, paginated by bookmark id with Link headers', async () => {
    const reader = await t.createUser();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await post(berta, { status: `Bookmark ${i}` })).id);
    // Bookmarked in another order than posted: the list follows the bookmarks.
    const order = [ids[2]!, ids[0]!, ids[4]!, ids[1]!, ids[3]!];
    for (const id of order) await json(t.request('POST', `/api/v1/statuses/${id}/bookmark`, { token: reader.token }));
    const res = await t.request('GET', '/api/v1/bookmarks?limit=2', { token: reader.token });
    const first = (await res.json()) as MastodonStatus[];
    expect(first.map((s) => s.id)).toEqual([ids[3], ids[1]]);
    const link = res.headers.get('link')!;
    expect(link).toMatch(/rel="next"/);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!);
    const second = await json<MastodonStatus[]>(t.request('GET', `${next.pathname}${next.search}`, { token: reader.token }));
    expect(second.map((s) => s.id)).toEqual([ids[4], ids[0]]);
    const prev = new URL(/<([^>]+)>; rel="prev"/.exec(link)![1]!);
    expect(await json<MastodonStatus[]>(t.request('GET', `${prev.pathname}${prev.search}`, { token: reader.token }))).toEqual([]);
    const all = await bookmarks(reader);
    expect(all.map((s) => s.id)).toEqual([...order].reverse());
    expect(all.every((s) => s.bookmarked)).toBe(true);
  });

  it('leaves out bookmarks of statuses the viewer may no longer see: deleted, author blocked, message left', async () => {
    const reader = await t.createUser();
    const gone = await post(berta, { status: 'Se borrará' });
    const blockedAuthor = await t.createUser();
    const byBlocked = await post(blockedAuthor, { status: 'De alguien bloqueado' });
    const kept = await post(berta, { status: 'Sigue aquí' });
    const conv = await json<{ id: string; last_status: { id: string } }>(
      t.request('POST', '/api/v1/medired/conversations', { token: lucia.token, json: { account_ids: [reader.accountId, ana.accountId], status: 'Mensaje del grupo' } }),
    );
    for (const id of [gone.id, byBlocked.id, kept.id, conv.last_status.id]) await json(t.request('POST', `/api/v1/statuses/${id}/bookmark`, { token: reader.token }));
    expect((await bookmarks(reader)).length).toBe(4);
    await json(t.request('DELETE', `/api/v1/statuses/${gone.id}`, { token: berta.token }));
    await json(t.request('POST', `/api/v1/accounts/${blockedAuthor.accountId}/block`, { token: reader.token }));
    await json(t.request('POST', `/api/v1/medired/conversations/${conv.id}/leave`, { token: reader.token }));
    expect((await bookmarks(reader)).map((s) => s.id)).toEqual([kept.id]);
  });

  it('needs a signed-in user with the bookmarks scopes, and a status the user may see (404 otherwise)', async () => {
    const hidden = await post(berta, { status: 'Solo seguidores', visibility: 'private' });
    expect((await t.request('POST', `/api/v1/statuses/${hidden.id}/bookmark`)).status).toBe(401);
    expect((await t.request('GET', '/api/v1/bookmarks')).status).toBe(401);
    expect((await t.request('POST', `/api/v1/statuses/${hidden.id}/bookmark`, { token: carla.token })).status).toBe(404);
    expect((await t.request('POST', '/api/v1/statuses/999999999/bookmark', { token: carla.token })).status).toBe(404);
    const rows = await t.ctx.db.selectFrom('bookmarks').select('id').where('status_id', '=', hidden.id).execute();
    expect(rows).toEqual([]);
  });
});

describe('pinned statuses', () => {
  it('pins own statuses, shows them with pinned=true on the profile, and flags them for the owner', async () => {
    const owner = await t.createUser();
    const a = await post(owner, { status: 'Fijada A' });
    const b = await post(owner, { status: 'Fijada B', visibility: 'unlisted' });
    const c = await post(owner, { status: 'Sin fijar' });
    expect((await json<MastodonStatus>(t.request('POST', `/api/v1/statuses/${a.id}/pin`, { token: owner.token }))).pinned).toBe(true);
    expect((await json<MastodonStatus>(t.request('POST', `/api/v1/statuses/${b.id}/pin`, { token: owner.token }))).pinned).toBe(true);
    // Pinning again changes nothing.
    await json(t.request('POST', `/api/v1/statuses/${a.id}/pin`, { token: owner.token }));
    const pinned = await json<MastodonStatus[]>(t.request('GET', `/api/v1/accounts/${owner.accountId}/statuses?pinned=true`));
    expect(pinned.map((s) => s.id)).toEqual([b.id, a.id]);
    const mine = await json<MastodonStatus[]>(t.request('GET', `/api/v1/accounts/${owner.accountId}/statuses`, { token: owner.token }));
    expect(Object.fromEntries(mine.map((s) => [s.id, s.pinned]))).toEqual({ [a.id]: true, [b.id]: true, [c.id]: false });
    const unpinned = await json<MastodonStatus>(t.request('POST', `/api/v1/statuses/${a.id}/unpin`, { token: owner.token }));
    expect(unpinned.pinned).toBe(false);
    expect((await json<MastodonStatus[]>(t.request('GET', `/api/v1/accounts/${owner.accountId}/statuses?pinned=true`))).map((s) => s.id)).toEqual([b.id]);
  });

  it("refuses (422) someone else's status, a reblog, a private message and a sixth pin", async () => {
    const owner = await t.createUser();
    const other = await post(berta, { status: 'De otra persona' });
    const res = await t.request('POST', `/api/v1/statuses/${other.id}/pin`, { token: owner.token });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/own/);
    const boost = await json<MastodonStatus>(t.request('POST', `/api/v1/statuses/${other.id}/reblog`, { token: owner.token }));
    expect((await t.request('POST', `/api/v1/statuses/${boost.id}/pin`, { token: owner.token })).status).toBe(422);
    const conv = await json<{ last_status: { id: string } }>(t.request('POST', '/api/v1/medired/conversations', { token: lucia.token, json: { account_ids: [ana.accountId], status: 'Privado' } }));
    expect((await t.request('POST', `/api/v1/statuses/${conv.last_status.id}/pin`, { token: lucia.token })).status).toBe(422);
    const five = [];
    for (let i = 0; i < 6; i++) five.push(await post(owner, { status: `Mía ${i}` }));
    for (const s of five.slice(0, 5)) await json(t.request('POST', `/api/v1/statuses/${s.id}/pin`, { token: owner.token }));
    const sixth = await t.request('POST', `/api/v1/statuses/${five[5]!.id}/pin`, { token: owner.token });
    expect(sixth.status).toBe(422);
    expect(((await sixth.json()) as { error: string }).error).toMatch(/5/);
    const count = await t.ctx.db.selectFrom('status_pins').select('id').where('account_id', '=', owner.accountId).execute();
    expect(count.length).toBe(5);
  });

  it('shows a pinned followers-only status only to whoever may see it', async () => {
    const owner = await t.createUser();
    const follower = await t.createUser();
    await json(t.request('POST', `/api/v1/accounts/${owner.accountId}/follow`, { token: follower.token }));
    const s = await post(owner, { status: 'Para seguidores', visibility: 'private' });
    await json(t.request('POST', `/api/v1/statuses/${s.id}/pin`, { token: owner.token }));
    const path = `/api/v1/accounts/${owner.accountId}/statuses?pinned=true`;
    expect((await json<MastodonStatus[]>(t.request('GET', path, { token: follower.token }))).map((x) => x.id)).toEqual([s.id]);
    expect(await json<MastodonStatus[]>(t.request('GET', path, { token: carla.token }))).toEqual([]);
    expect(await json<MastodonStatus[]>(t.request('GET', path))).toEqual([]);
    // A status the viewer cannot see cannot be pinned or unpinned by them either.
    expect((await t.request('POST', `/api/v1/statuses/${s.id}/unpin`, { token: carla.token })).status).toBe(404);
  });

  it('advertises the pin limit in the instance configuration', async () => {
    const v2 = await json<{ configuration: { accounts: { max_pinned_statuses: number } } }>(t.request('GET', '/api/v2/instance'));
    expect(v2.configuration.accounts.max_pinned_statuses).toBe(5);
  });
});
