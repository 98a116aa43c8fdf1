import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInstanceCounters } from '../instance/instance.repository.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { loadStatuses } from './status-views.js';
import { viewerFromAccessToken } from '../auth/viewer.js';

/**
 * Cached status and account entities (keyed by row version) as readers see them: never to
 * someone the rules keep out, never older than the row, in few queries.
 */

let t: TestApp;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  author = await t.createUser({ username: 'autora_cache' });
  follower = await t.createUser();
  stranger = await t.createUser();
  expect((await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: follower.token })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

async function post(status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status, ...extra } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}
const get = (id: string, user?: TestUser) => t.request('GET', `/api/v1/statuses/${id}`, { token: user?.token });

describe('entity caches', () => {
  it('never serve a cached followers-only status to someone who may not see it', async () => {
    const id = await post('solo para seguidores', { visibility: 'private' });
    expect((await get(id, follower)).status).toBe(200); // cached now
    expect((await get(id, stranger)).status).toBe(404);
    expect((await get(id)).status).toBe(404);
    const context = await t.request('GET', `/api/v1/accounts/${author.accountId}/statuses`, { token: stranger.token });
    expect(((await context.json()) as { id: string }[]).map((s) => s.id)).not.toContain(id);
    await t.request('POST', `/api/v1/accounts/${author.accountId}/unfollow`, { token: follower.token });
    expect((await get(id, follower)).status).toBe(404);
    await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: follower.token });
    expect((await get(id, follower)).status).toBe(200);
  });

  it('show edits, profile changes, attachment descriptions and counters at once', async () => {
    const id = await post('versión uno');
    expect(((await (await get(id, follower)).json()) as { content: string }).content).toContain('versión uno');
    await t.request('PUT', `/api/v1/statuses/${id}`, { token: author.token, json: { status: 'versión dos' } });
    expect(((await (await get(id, follower)).json()) as { content: string }).content).toContain('versión dos');

    await t.request('PATCH', '/api/v1/accounts/update_credentials', { token: author.token, form: { display_name: 'Autora renombrada' } });
    expect(((await (await get(id, follower)).json()) as { account: { display_name: string } }).account.display_name).toBe('Autora renombrada');

    const fans = await Promise.all(Array.from({ length: 12 }, () => t.createUser()));
    await Promise.all(fans.map((f) => t.request('POST', `/api/v1/statuses/${id}/favourite`, { token: f.token })));
    await Promise.all(fans.slice(0, 5).map((f) => t.request('POST', `/api/v1/statuses/${id}/reblog`, { token: f.token })));
    const counted = (await (await get(id, follower)).json()) as { favourites_count: number; reblogs_count: number; favourited: boolean };
    expect(counted).toMatchObject({ favourites_count: 12, reblogs_count: 5, favourited: false });
    expect(((await (await get(id, fans[0]!)).json()) as { favourited: boolean; reblogged: boolean })).toMatchObject({ favourited: true, reblogged: true });
  });

  it('hydrate a page in at most three queries, and one when every entity is cached', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await post(`página ${i} #cache`));
    const viewer = (await viewerFromAccessToken(t.ctx.db, follower.token))!;
    const before = t.ctx.database.queryStats().executed;
    const cold = await loadStatuses(t.ctx, ids, viewer);
    const afterCold = t.ctx.database.queryStats().executed;
    const warm = await loadStatuses(t.ctx, ids, viewer);
    const afterWarm = t.ctx.database.queryStats().executed;
    expect(cold.map((s) => s.id)).toEqual(ids);
    expect(warm).toEqual(cold);
    expect(afterCold - before).toBeLessThanOrEqual(3);
    expect(afterWarm - afterCold).toBe(1);
  });
});

describe('thread context', () => {
  it('leaves out the replies of accounts the reader mutes, as Mastodon does', async () => {
    const root = await post('¿Alguien ha probado la fisioterapia respiratoria?');
    const reply = await t.request('POST', '/api/v1/statuses', { token: stranger.token, json: { status: 'Sí, me ayudó mucho', in_reply_to_id: root } });
    const replyId = ((await reply.json()) as { id: string }).id;
    const descendants = async (user: TestUser) =>
      ((await (await t.request('GET', `/api/v1/statuses/${root}/context`, { token: user.token })).json()) as { descendants: { id: string }[] }).descendants.map((d) => d.id);
    expect(await descendants(follower)).toEqual([replyId]);
    await t.request('POST', `/api/v1/accounts/${stranger.accountId}/mute`, { token: follower.token });
    expect(await descendants(follower)).toEqual([]);
    expect(await descendants(author)).toEqual([replyId]);
  });
});

describe('instance statistics', () => {
  it('are counters kept exact by the database on inserts and deletions', async () => {
    const count = async () => {
      const [users, statuses] = await Promise.all([
        t.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        t.ctx.db.selectFrom('statuses').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { users: Number(users.n), statuses: Number(statuses.n) };
    };
    expect(await readInstanceCounters(t.ctx.db)).toEqual(await count());
    const id = await post('para borrar');
    await t.createUser();
    expect(await readInstanceCounters(t.ctx.db)).toEqual(await count());
    await t.request('DELETE', `/api/v1/statuses/${id}`, { token: author.token });
    expect(await readInstanceCounters(t.ctx.db)).toEqual(await count());
    const res = await t.request('GET', '/api/v1/instance');
    expect(((await res.json()) as { stats: { user_count: number } }).stats.user_count).toBeGreaterThan(0);
  });
});
