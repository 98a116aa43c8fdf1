import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { FANOUT_MAX_FOLLOWERS, HOME_FEED_CAP } from './home-feed.js';

/**
 * The precomputed home feed, through the API as clients use it: what fan-out delivers, what the
 * database supplies where the feed ends, and that nothing read from a feed reaches someone the
 * rules no longer let see it.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface StatusJson {
  id: string;
  content: string;
  favourites_count: number;
  reblog: { id: string } | null;
}

async function home(user: TestUser, query = ''): Promise<StatusJson[]> {
  const res = await t.request('GET', `/api/v1/timelines/home${query}`, { token: user.token });
  expect(res.status).toBe(200);
  return (await res.json()) as StatusJson[];
}
const homeIds = async (user: TestUser, query = '') => (await home(user, query)).map((s) => s.id);

async function post(user: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status, ...extra } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

async function followed(follower: TestUser, target: TestUser): Promise<void> {
  expect((await t.request('POST', `/api/v1/accounts/${target.accountId}/follow`, { token: follower.token })).status).toBe(200);
}

const fanOut = () => runDueJobs(t.ctx, jobHandlers);

describe('precomputed home feed', () => {
  it('delivers a new post to a follower whose feed exists, through the fan-out job', async () => {
    const author = await t.createUser();
    const reader = await t.createUser();
    await followed(reader, author);
    const first = await post(author, 'primera');
    expect(await homeIds(reader)).toEqual([first]); // builds the feed
    const second = await post(author, 'segunda');
    await fanOut();
    expect(await t.ctx.feeds.read(`home:${reader.accountId}`, { limit: 5 }, 60)).toMatchObject({ present: true, ids: [second, first] });
    expect(await homeIds(reader)).toEqual([second, first]);
    // The author reads their own post at once, before any job ran.
    const third = await post(author, 'tercera');
    expect((await homeIds(author))[0]).toBe(third);
  });

  it('pages past the end of the feed from the database, with the same cursors as before', async () => {
    const author = await t.createUser();
    const reader = await t.createUser();
    await followed(reader, author);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await post(author, `nota ${i}`));
    await fanOut();
    const newestFirst = [...ids].reverse();
    const pages: string[] = [];
    let query = '?limit=20';
    for (let i = 0; i < 4; i++) {
      const res = await t.request('GET', `/api/v1/timelines/home${query}`, { token: reader.token });
      const page = ((await res.json()) as StatusJson[]).map((s) => s.id);
      pages.push(...page);
      const next = /<[^>]*max_id=(\d+)[^>]*>; rel="next"/.exec(res.headers.get('link') ?? '');
      if (!next || page.length === 0) break;
      query = `?limit=20&max_id=${next[1]}`;
    }
    expect(pages).toEqual(newestFirst);
    // min_id and since_id pages agree with the database's order too.
    expect(await homeIds(reader, `?limit=5&min_id=${ids[9]}`)).toEqual(ids.slice(10, 15).reverse());
    expect(await homeIds(reader, `?limit=5&since_id=${ids[9]}`)).toEqual(newestFirst.slice(0, 5));
  });

  it('rebuilds a dropped or lost feed from the database, and after a new follow shows the followed account', async () => {
    const a = await t.createUser();
    const b = await t.createUser();
    const reader = await t.createUser();
    await followed(reader, a);
    const fromA = await post(a, 'de a');
    const fromB = await post(b, 'de b');
    expect(await homeIds(reader)).toEqual([fromA]);
    await followed(reader, b);
    expect(await homeIds(reader)).toEqual([fromB, fromA]);
    await t.ctx.feeds.drop([`home:${reader.accountId}`]);
    expect(await homeIds(reader)).toEqual([fromB, fromA]);
  });

  it('never shows from a feed what the rules no longer allow: unfollow, block, mute, suspension, deletion, hiding', async () => {
    const author = await t.createUser();
    const other = await t.createUser();
    const reader = await t.createUser();
    await followed(reader, author);
    await followed(reader, other);
    const priv = await post(author, 'solo seguidores', { visibility: 'private' });
    const fromOther = await post(other, 'otra');
    expect(await homeIds(reader)).toEqual([fromOther, priv]);
    await fanOut();

    // Unfollow: the followers-only post goes at once (and a public one too: not followed any more).
    expect((await t.request('POST', `/api/v1/accounts/${author.accountId}/unfollow`, { token: reader.token })).status).toBe(200);
    expect(await homeIds(reader)).toEqual([fromOther]);
    await followed(reader, author);
    expect(await homeIds(reader)).toEqual([fromOther, priv]);

    // Entries stay in the feed, but blocks and mutes are applied when it is read.
    const feedKey = `home:${reader.accountId}`;
    await t.request('POST', `/api/v1/accounts/${other.accountId}/mute`, { token: reader.token });
    expect(await homeIds(reader)).toEqual([priv]);
    await t.request('POST', `/api/v1/accounts/${other.accountId}/unmute`, { token: reader.token });
    expect(await homeIds(reader)).toEqual([fromOther, priv]);
    await t.request('POST', `/api/v1/accounts/${reader.accountId}/block`, { token: other.token });
    expect(await homeIds(reader)).toEqual([priv]);
    expect((await t.ctx.feeds.read(feedKey, { limit: 10 }, 60)).present).toBe(true);

    // Hidden by a moderator, the author suspended, then deleted.
    await t.ctx.db.updateTable('statuses').set({ hidden_at: new Date() }).where('id', '=', priv).execute();
    expect(await homeIds(reader)).toEqual([]);
    const visible = await post(author, 'visible');
    await fanOut();
    expect(await homeIds(reader)).toContain(visible);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', author.accountId).execute();
    expect(await homeIds(reader)).toEqual([]);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: null }).where('id', '=', author.accountId).execute();
    expect(await homeIds(reader)).toContain(visible);
    expect((await t.request('DELETE', `/api/v1/statuses/${visible}`, { token: author.token })).status).toBe(200);
    expect(await homeIds(reader)).not.toContain(visible);
  });

  it('fills pages although the rules leave some of the feed out, and pages on without gaps', async () => {
    const a = await t.createUser();
    const b = await t.createUser();
    const reader = await t.createUser();
    await followed(reader, a);
    await followed(reader, b);
    const fromA: string[] = [];
    for (let i = 0; i < 10; i++) {
      fromA.push(await post(a, `a ${i}`));
      await post(b, `b ${i}`);
    }
    await homeIds(reader);
    await fanOut();
    await t.request('POST', `/api/v1/accounts/${b.accountId}/mute`, { token: reader.token });
    const first = await t.request('GET', '/api/v1/timelines/home?limit=5', { token: reader.token });
    const page1 = ((await first.json()) as StatusJson[]).map((s) => s.id);
    expect(page1).toEqual([...fromA].reverse().slice(0, 5));
    const next = /<[^>]*max_id=(\d+)[^>]*>; rel="next"/.exec(first.headers.get('link') ?? '')![1];
    expect(await homeIds(reader, `?limit=5&max_id=${next}`)).toEqual([...fromA].reverse().slice(5, 10));
  });

  it('keeps no more than the cap per feed', async () => {
    expect(HOME_FEED_CAP).toBeGreaterThanOrEqual(300);
    const key = `home:cap-test`;
    await t.ctx.feeds.replace(key, ['1'], { cap: 3, complete: true, ttlSeconds: 60 });
    await t.ctx.feeds.add([key], ['2', '3', '4', '5'], { cap: 3 });
    expect(await t.ctx.feeds.read(key, { limit: 10 }, 60)).toEqual({ present: true, ids: ['5', '4', '3'], oldestKept: '3' });
  });

  it('merges authors with very many followers at read time instead of fanning them out', async () => {
    const star = await t.createUser();
    const reader = await t.createUser();
    await followed(reader, star);
    await t.ctx.db.updateTable('accounts').set({ followers_count: FANOUT_MAX_FOLLOWERS }).where('id', '=', star.accountId).execute();
    const before = await post(star, 'antes');
    expect(await homeIds(reader)).toEqual([before]);
    const after = await post(star, 'después');
    await fanOut();
    // Not fanned out into the reader's feed…
    expect((await t.ctx.feeds.read(`home:${reader.accountId}`, { limit: 5 }, 60)).ids).not.toContain(after);
    // …but merged from the author's recent posts when the reader reads.
    expect(await homeIds(reader)).toEqual([after, before]);
  });

  it('serves a page of cached entities with one query, and exact counters after concurrent favourites', async () => {
    const author = await t.createUser();
    const reader = await t.createUser();
    const fans = await Promise.all(Array.from({ length: 20 }, () => t.createUser()));
    await followed(reader, author);
    const id = await post(author, 'popular');
    for (let i = 0; i < 5; i++) await post(author, `más ${i}`);
    // The author's own home (no follows of their own, so nothing else to look up).
    await homeIds(author);
    const before = t.ctx.database.queryStats().executed;
    expect(await homeIds(author)).toHaveLength(6);
    expect(t.ctx.database.queryStats().executed - before).toBe(1);

    await Promise.all(fans.map((f) => t.request('POST', `/api/v1/statuses/${id}/favourite`, { token: f.token })));
    const page = await home(reader);
    expect(page.find((s) => s.id === id)?.favourites_count).toBe(20);
    // An edit is seen at once.
    expect((await t.request('PUT', `/api/v1/statuses/${id}`, { token: author.token, json: { status: 'editado' } })).status).toBe(200);
    expect((await home(reader)).find((s) => s.id === id)?.content).toContain('editado');
  });
});
