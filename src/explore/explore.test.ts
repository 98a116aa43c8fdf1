import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Endorsements and familiar followers, suggestions, trends and domain blocks, as Mastodon apps
 * call them.
 */

let t: TestApp;
let me: TestUser;
let friend: TestUser;
let celebrity: TestUser;
let stranger: TestUser;

async function json<T>(res: Promise<Response> | Response, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });
const follow = (a: TestUser, b: TestUser) => json(api('POST', `/api/v1/accounts/${b.accountId}/follow`, a));
const post = async (user: TestUser, status: string, extra: Record<string, unknown> = {}) =>
  (await json<{ id: string }>(api('POST', '/api/v1/statuses', user, { status, visibility: 'public', ...extra }))).id;

beforeAll(async () => {
  t = await createTestApp();
  [me, friend, celebrity, stranger] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
});
afterAll(async () => {
  await t.close();
});

describe('endorsements', () => {
  it('need a follow, show in the relationship and the list, and end with unpin or unfollow', async () => {
    const refused = await json<{ error: string }>(api('POST', `/api/v1/accounts/${friend.accountId}/pin`, me), 422);
    expect(refused.error).toMatch(/following/);
    await follow(me, friend);
    expect(await json(api('POST', `/api/v1/accounts/${friend.accountId}/pin`, me))).toMatchObject({ id: friend.accountId, following: true, endorsed: true });
    expect((await json<{ id: string; endorsed: boolean }[]>(api('GET', `/api/v1/accounts/relationships?id[]=${friend.accountId}`, me)))[0]!.endorsed).toBe(true);
    expect((await json<{ id: string }[]>(api('GET', '/api/v1/endorsements', me))).map((a) => a.id)).toEqual([friend.accountId]);
    expect(await json(api('GET', '/api/v1/endorsements', stranger))).toEqual([]);
    expect(await json(api('POST', `/api/v1/accounts/${friend.accountId}/unpin`, me))).toMatchObject({ endorsed: false });
    await json(api('POST', `/api/v1/accounts/${friend.accountId}/pin`, me));
    await json(api('POST', `/api/v1/accounts/${friend.accountId}/unfollow`, me));
    expect(await json(api('GET', '/api/v1/endorsements', me))).toEqual([]);
    expect((await json<{ endorsed: boolean }[]>(api('GET', `/api/v1/accounts/relationships?id[]=${friend.accountId}`, me)))[0]!.endorsed).toBe(false);
    // Following again does not bring the endorsement back.
    await follow(me, friend);
    expect(await json(api('GET', '/api/v1/endorsements', me))).toEqual([]);
    await json(api('POST', '/api/v1/accounts/999999999/pin', me), 404);
  });
});

describe('familiar followers', () => {
  it('are the accounts you follow that follow each account asked about', async () => {
    const [a, b, c, target, lonely] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
    await follow(me, a);
    await follow(me, b);
    await follow(a, target);
    await follow(b, target);
    await follow(c, target);
    const answer = await json<{ id: string; accounts: { id: string }[] }[]>(api('GET', `/api/v1/accounts/familiar_followers?id[]=${target.accountId}&id[]=${lonely.accountId}`, me));
    expect(answer.map((x) => x.id)).toEqual([target.accountId, lonely.accountId]);
    expect(answer[0]!.accounts.map((x) => x.id).sort()).toEqual([a.accountId, b.accountId].sort());
    expect(answer[1]!.accounts).toEqual([]);
    // A follower who blocks you is not shown.
    await json(api('POST', `/api/v1/accounts/${me.accountId}/block`, b));
    const again = await json<{ accounts: { id: string }[] }[]>(api('GET', `/api/v1/accounts/familiar_followers?id[]=${target.accountId}`, me));
    expect(again[0]!.accounts.map((x) => x.id)).toEqual([a.accountId]);
    await json(api('GET', '/api/v1/accounts/familiar_followers?id[]=abc', me), 422);
    await json(api('GET', `/api/v1/accounts/familiar_followers?id[]=${target.accountId}`, undefined), 401);
  });
});

describe('suggestions', () => {
  it('put verified professionals first, then the most followed, never accounts you follow, block or dismissed', async () => {
    const t2 = t;
    const doctor = await createVerifiedProfessional(t2, 'cardiology');
    const reader = await t.createUser();
    const popular = await t.createUser();
    const blocked = await t.createUser();
    for (const fan of [friend, stranger, celebrity]) await follow(fan, popular);
    await json(api('POST', `/api/v1/accounts/${blocked.accountId}/block`, reader));
    await follow(reader, celebrity);
    const v2 = await json<{ source: string; sources: string[]; account: { id: string } }[]>(api('GET', '/api/v2/suggestions?limit=80', reader));
    const ids = v2.map((s) => s.account.id);
    expect(ids[0]).toBe(doctor.accountId);
    expect(v2[0]).toMatchObject({ source: 'staff', sources: ['featured'] });
    expect(ids.indexOf(popular.accountId)).toBeLessThan(ids.indexOf(stranger.accountId));
    expect(v2.find((s) => s.account.id === popular.accountId)).toMatchObject({ source: 'global', sources: ['most_followed'] });
    for (const id of [reader.accountId, celebrity.accountId, blocked.accountId]) expect(ids).not.toContain(id);
    expect((await json<{ id: string }[]>(api('GET', '/api/v1/suggestions?limit=80', reader))).map((a) => a.id)).toEqual(ids);
    expect(await json(api('DELETE', `/api/v1/suggestions/${doctor.accountId}`, reader))).toEqual({});
    expect((await json<{ account: { id: string } }[]>(api('GET', '/api/v2/suggestions?limit=80', reader))).map((s) => s.account.id)).not.toContain(doctor.accountId);
    // Dismissed for this reader only.
    expect((await json<{ account: { id: string } }[]>(api('GET', '/api/v2/suggestions', me)))[0]!.account.id).toBe(doctor.accountId);
    await json(api('DELETE', '/api/v1/suggestions/999999999', reader), 404);
    await json(api('GET', '/api/v2/suggestions?limit=x', reader), 422);
  });
});

describe('trends', () => {
  it('rank this week\'s public hashtags by accounts using them, with history and offset pages', async () => {
    const [a, b, c] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    await post(a, '#gripe en casa');
    await post(b, 'Otra vez #gripe');
    await post(c, 'La #gripe y la #tos');
    await post(a, 'Mucha #tos');
    await post(a, 'Más #tos');
    await post(b, 'Oculta #alergia', { visibility: 'private' });
    const tags = await json<{ name: string; history: { uses: string; accounts: string }[] }[]>(api('GET', '/api/v1/trends/tags', undefined));
    expect(tags.map((x) => x.name).slice(0, 2)).toEqual(['gripe', 'tos']);
    expect(tags.map((x) => x.name)).not.toContain('alergia');
    expect(tags[0]!.history[0]).toMatchObject({ uses: '3', accounts: '3' });
    const page = await api('GET', '/api/v1/trends/tags?limit=1', me);
    expect((await json<{ name: string }[]>(page)).map((x) => x.name)).toEqual(['gripe']);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')![1]!);
    expect((await json<{ name: string }[]>(api('GET', `/api/v1/trends/tags${next.search}`, me))).map((x) => x.name)).toEqual(['tos']);
    expect((await json<{ name: string }[]>(api('GET', '/api/v1/trends', undefined))).map((x) => x.name)).toEqual(tags.map((x) => x.name));
    await json(api('GET', '/api/v1/trends/tags?offset=-1', undefined), 422);
  });

  it('rank public statuses by favourites and reblogs, leaving out what the reader may not see', async () => {
    const [a, b, fan1, fan2] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
    const hot = await post(a, 'Muy compartido');
    const warm = await post(b, 'Algo compartido');
    const cold = await post(a, 'Nadie lo vio');
    const hidden = await post(a, 'Solo seguidores', { visibility: 'private' });
    for (const fan of [fan1, fan2]) await json(api('POST', `/api/v1/statuses/${hot}/reblog`, fan));
    await json(api('POST', `/api/v1/statuses/${warm}/favourite`, fan1));
    await follow(fan1, a);
    await json(api('POST', `/api/v1/statuses/${hidden}/favourite`, fan1));
    const ids = (await json<{ id: string }[]>(api('GET', '/api/v1/trends/statuses', undefined))).map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual([hot, warm]);
    expect(ids).not.toContain(cold);
    expect(ids).not.toContain(hidden);
    // Someone the author blocks does not see the author's statuses there.
    await json(api('POST', `/api/v1/accounts/${fan2.accountId}/block`, a));
    expect((await json<{ id: string }[]>(api('GET', '/api/v1/trends/statuses', fan2))).map((s) => s.id)).not.toContain(hot);
    expect(await json(api('GET', '/api/v1/trends/links', undefined))).toEqual([]);
  });
});

describe('domain blocks', () => {
  it('are stored, listed newest first and removed; invalid and own domains are refused', async () => {
    expect(await json(api('POST', '/api/v1/domain_blocks', me, { domain: 'Spam.Example' }))).toEqual({});
    await json(api('POST', '/api/v1/domain_blocks', me, { domain: 'https://otro.example/ruta' }));
    await json(api('POST', '/api/v1/domain_blocks', me, { domain: 'spam.example' }));
    expect(await json(api('GET', '/api/v1/domain_blocks', me))).toEqual(['otro.example', 'spam.example']);
    expect(await json(api('GET', '/api/v1/domain_blocks', stranger))).toEqual([]);
    const page = await api('GET', '/api/v1/domain_blocks?limit=1', me);
    expect(await json(page)).toEqual(['otro.example']);
    expect(page.headers.get('link')).toMatch(/rel="next"/);
    for (const domain of ['', 'no es un dominio', 'localhost', '-mal.example', 'a'.repeat(300)]) await json(api('POST', '/api/v1/domain_blocks', me, { domain }), 422);
    await json(api('POST', '/api/v1/domain_blocks', me, { domain: 'medired.test' }), 422);
    expect(await json(api('DELETE', '/api/v1/domain_blocks', me, { domain: 'spam.example' }))).toEqual({});
    expect(await json(api('GET', '/api/v1/domain_blocks', me))).toEqual(['otro.example']);
    // No account lives on another domain: nothing is hidden, relationships say no domain block.
    expect((await json<{ domain_blocking: boolean }[]>(api('GET', `/api/v1/accounts/relationships?id[]=${stranger.accountId}`, me)))[0]!.domain_blocking).toBe(false);
    await json(api('GET', '/api/v1/domain_blocks', undefined), 401);
  });
});
