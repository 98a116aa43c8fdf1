import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { loadStatuses, type MastodonStatus } from './status-views.js';

let t: TestApp;
let users: TestUser[];
let ids: string[];

beforeAll(async () => {
  t = await createTestApp();
  users = [];
  for (let i = 0; i < 6; i++) users.push(await t.createUser({ username: `autor_${i}` }));
  ids = [];
  for (let i = 0; i < 30; i++) {
    const user = users[i % users.length]!;
    const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: `#tema${i % 3} hola @autor_${(i + 1) % 6} ${i}` } });
    ids.push(((await res.json()) as MastodonStatus).id);
  }
  for (const id of ids.slice(0, 10)) {
    await t.request('POST', `/api/v1/statuses/${id}/favourite`, { token: users[0]!.token });
    await t.request('POST', `/api/v1/statuses/${id}/reblog`, { token: users[1]!.token });
  }
});
afterAll(async () => {
  await t.close();
});

/** Counts the queries run through the handle. */
function counting() {
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      count += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { app: { ...t.ctx, db: t.ctx.db.withPlugin(plugin) }, count: () => count };
}

describe('loadStatuses', () => {
  it('uses the same number of queries for 3 statuses (one a reblog) as for 40 (no N+1)', async () => {
    const viewer = { accountId: users[0]!.accountId, userId: users[0]!.userId, staffRole: 'user' } as never;
    const reblogs = await t.ctx.db.selectFrom('statuses').select('id').where('reblog_of_id', 'is not', null).execute();
    const small = counting();
    await loadStatuses(small.app, [...ids.slice(0, 2), reblogs[0]!.id], viewer);
    const large = counting();
    const loaded = await loadStatuses(large.app, [...ids, ...reblogs.map((r) => r.id)], viewer);
    expect(loaded.length).toBe(40);
    expect(large.count()).toBe(small.count());
  });

  it('keeps the order of the ids, hydrates flags and nested reblogs', async () => {
    const viewer = { accountId: users[0]!.accountId, userId: users[0]!.userId, staffRole: 'user' } as never;
    const order = [ids[5]!, ids[0]!, ids[12]!];
    const loaded = await loadStatuses(t.ctx, order, viewer);
    expect(loaded.map((s) => s.id)).toEqual(order);
    expect(loaded[1]!.favourited).toBe(true);
    expect(loaded[2]!.favourited).toBe(false);
    expect(loaded[0]!.tags.map((x) => x.name)).toEqual(['tema2']);
    const reblog = await t.ctx.db.selectFrom('statuses').select('id').where('reblog_of_id', '=', ids[0]!).executeTakeFirstOrThrow();
    const [wrapper] = await loadStatuses(t.ctx, [reblog.id], null);
    expect(wrapper!.reblog?.id).toBe(ids[0]);
    expect(wrapper!.account.username).toBe('autor_1');
  });

  it('drops statuses the viewer may not see, and reblogs of them', async () => {
    const res = await t.request('POST', '/api/v1/statuses', { token: users[2]!.token, json: { status: 'privado', visibility: 'private' } });
    const priv = ((await res.json()) as MastodonStatus).id;
    const loaded = await loadStatuses(t.ctx, [ids[0]!, priv, ids[1]!], null);
    expect(loaded.map((s) => s.id)).toEqual([ids[0], ids[1]]);
  });
});
