import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { viewerFromAccessToken } from '../auth/viewer.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { idRange } from '../timelines/timeline-page.js';
import { homeTimelineIds } from '../timelines/timelines.repository.js';

/**
 * Hashtags one follows (their public statuses in the home timeline, whether the home feed is
 * rebuilt or fanned out into) and features on a profile, and the Tag entity with its history.
 */

let t: TestApp;
let me: TestUser;
let author: TestUser;
let intruder: TestUser;

interface TagJson {
  id: string;
  name: string;
  url: string;
  following?: boolean;
  history: { day: string; uses: string; accounts: string }[];
}

async function json<T>(res: Promise<Response> | Response, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });
async function post(user: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = (await json<{ id: string }>(api('POST', '/api/v1/statuses', user, { status, visibility: 'public', ...extra }))).id;
  await runDueJobs(t.ctx, jobHandlers);
  return id;
}
const homeIds = async (user = me) => (await json<{ id: string }[]>(api('GET', '/api/v1/timelines/home?limit=40', user))).map((s) => s.id);

beforeAll(async () => {
  t = await createTestApp();
  [me, author, intruder] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
});
afterAll(async () => {
  await t.close();
});

describe('the Tag entity', () => {
  it("has this week's history and, for a signed-in reader, whether they follow it", async () => {
    await post(author, 'Hoy hablamos de #Diabetes');
    await post(author, 'Más sobre #diabetes');
    await post(intruder, 'Yo también, #diabetes');
    await post(author, 'Solo seguidores #diabetes', { visibility: 'private' });
    const tag = await json<TagJson>(api('GET', '/api/v1/tags/Diabetes', me));
    expect(tag).toMatchObject({ name: 'diabetes', url: 'http://medired.test/tags/diabetes', following: false });
    expect(tag.history).toHaveLength(7);
    const today = String(Math.floor(Date.now() / 86_400_000) * 86_400);
    expect(tag.history[0]).toEqual({ day: today, uses: '3', accounts: '2' });
    expect(tag.history[1]).toMatchObject({ uses: '0', accounts: '0' });
    const anonymous = await json<TagJson>(api('GET', '/api/v1/tags/diabetes', undefined));
    expect(anonymous.following).toBeUndefined();
  });

  it('answers an unused hashtag with an empty history and a malformed one with 404', async () => {
    expect(await json<TagJson>(api('GET', '/api/v1/tags/nuncausada', me))).toMatchObject({ id: '', name: 'nuncausada', following: false });
    await json(api('GET', '/api/v1/tags/no%20vale', me), 404);
    await json(api('POST', '/api/v1/tags/no-vale/follow', me), 404);
  });
});

describe('followed tags', () => {
  it('are followed and unfollowed, listed newest first with Link pagination', async () => {
    const followed = await json<TagJson>(api('POST', '/api/v1/tags/Cardiologia/follow', me));
    expect(followed).toMatchObject({ name: 'cardiologia', following: true });
    await json(api('POST', '/api/v1/tags/pediatria/follow', me));
    const first = await api('GET', '/api/v1/followed_tags?limit=1', me);
    expect((await json<TagJson[]>(first)).map((x) => x.name)).toEqual(['pediatria']);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!);
    expect((await json<TagJson[]>(api('GET', `/api/v1/followed_tags${next.search}`, me))).map((x) => x.name)).toEqual(['cardiologia']);
    expect(await json<TagJson>(api('POST', '/api/v1/tags/pediatria/unfollow', me))).toMatchObject({ following: false });
    expect((await json<TagJson[]>(api('GET', '/api/v1/followed_tags', me))).map((x) => x.name)).toEqual(['cardiologia']);
    expect(await json(api('GET', '/api/v1/followed_tags', intruder))).toEqual([]);
    await json(api('GET', '/api/v1/followed_tags', undefined), 401);
  });

  it("bring public statuses with the tag into the home timeline, fanned out or rebuilt, and nothing the rules keep out", async () => {
    const reader = await t.createUser();
    const other = await t.createUser();
    const blocked = await t.createUser();
    // The reader's home feed exists (an empty feed is no feed) before the others post: what
    // follows arrives by fan-out.
    await json(api('POST', `/api/v1/accounts/${blocked.accountId}/block`, reader));
    const own = await post(reader, 'Hola');
    await json(api('POST', '/api/v1/tags/vacunas/follow', reader));
    expect(await homeIds(reader)).toEqual([own]);
    const tagged = await post(other, 'Campaña de #vacunas en mi centro');
    const untagged = await post(other, 'Sin etiqueta');
    const followersOnly = await post(other, 'Solo seguidores #vacunas', { visibility: 'private' });
    const unlisted = await post(other, 'No listado #vacunas', { visibility: 'unlisted' });
    const reblog = (await json<{ id: string }>(api('POST', `/api/v1/statuses/${tagged}/reblog`, other))).id;
    const fromBlocked = await post(blocked, 'Bloqueada #vacunas');
    const ids = await homeIds(reader);
    expect(ids).toEqual([tagged, own]);
    for (const id of [untagged, followersOnly, unlisted, reblog, fromBlocked]) expect(ids).not.toContain(id);

    // Rebuilt from the database (the feed is dropped by a follow): the same.
    await json(api('POST', `/api/v1/accounts/${author.accountId}/follow`, reader));
    expect(await homeIds(reader)).toContain(tagged);
    // Unfollowing the tag takes its statuses out.
    await json(api('POST', '/api/v1/tags/vacunas/unfollow', reader));
    expect(await homeIds(reader)).not.toContain(tagged);
  });

  it('leave out statuses of accounts the reader mutes and of limited accounts the reader does not follow', async () => {
    const reader = await t.createUser();
    const muted = await t.createUser();
    const limited = await t.createUser();
    await json(api('POST', '/api/v1/tags/asma/follow', reader));
    await json(api('POST', `/api/v1/accounts/${muted.accountId}/mute`, reader));
    await t.ctx.db.updateTable('accounts').set({ silenced_at: new Date() }).where('id', '=', limited.accountId).execute();
    const mutedStatus = await post(muted, 'Silenciada #asma');
    const limitedStatus = await post(limited, 'Limitada #asma');
    const ok = await post(author, 'Sobre el #asma');
    const ids = await homeIds(reader);
    expect(ids).toContain(ok);
    expect(ids).not.toContain(mutedStatus);
    expect(ids).not.toContain(limitedStatus);
  });
});

describe("the home timeline's pull query with followed tags", () => {
  it('merges followed authors and followed tags by id in every direction of paging', async () => {
    const reader = await t.createUser();
    const [followed, tagger] = await Promise.all([t.createUser(), t.createUser()]);
    await json(api('POST', `/api/v1/accounts/${followed.accountId}/follow`, reader));
    await json(api('POST', '/api/v1/tags/lactancia/follow', reader));
    const a = await post(followed, 'Uno');
    const b = await post(tagger, 'Dos #lactancia');
    const c = await post(followed, 'Tres #lactancia');
    const d = await post(tagger, 'Cuatro #lactancia');
    await post(tagger, 'Sin etiqueta');
    const viewer = (await viewerFromAccessToken(t.ctx.db, reader.token))!;
    const db = t.ctx.db;
    expect(await homeTimelineIds(db, viewer, idRange({ limit: 10 }))).toEqual([d, c, b, a]);
    expect(await homeTimelineIds(db, viewer, idRange({ limit: 2 }))).toEqual([d, c]);
    expect(await homeTimelineIds(db, viewer, idRange({ maxId: c, limit: 2 }))).toEqual([b, a]);
    expect(await homeTimelineIds(db, viewer, idRange({ minId: a, limit: 2 }))).toEqual([c, b]);
    expect(await homeTimelineIds(db, viewer, idRange({ sinceId: b, limit: 10 }))).toEqual([d, c]);
  });
});

describe('featured tags', () => {
  it('are featured, listed with their use, suggested, shown on the profile and removed by their owner only', async () => {
    await post(me, 'Mi experiencia con la #migraña');
    await post(me, 'Y con el #insomnio');
    const suggestions = await json<TagJson[]>(api('GET', '/api/v1/featured_tags/suggestions', me));
    expect(suggestions.map((s) => s.name)).toEqual(expect.arrayContaining(['migraña', 'insomnio']));
    const featured = await json<{ id: string; name: string; url: string; statuses_count: number; last_status_at: string | null }>(api('POST', '/api/v1/featured_tags', me, { name: '#migraña' }));
    expect(featured).toMatchObject({ name: 'migraña', statuses_count: 1, url: 'http://medired.test/tags/migra%C3%B1a' });
    expect(featured.last_status_at).toBe(new Date().toISOString().slice(0, 10));
    await json(api('POST', '/api/v1/featured_tags', me, { name: 'migraña' }), 422);
    await json(api('POST', '/api/v1/featured_tags', me, { name: 'no vale' }), 422);
    await json(api('POST', '/api/v1/featured_tags', me, {}), 422);
    expect((await json<TagJson[]>(api('GET', '/api/v1/featured_tags/suggestions', me))).map((s) => s.name)).not.toContain('migraña');
    expect(await json(api('GET', '/api/v1/featured_tags', me))).toEqual([featured]);
    expect(await json(api('GET', `/api/v1/accounts/${me.accountId}/featured_tags`, undefined))).toEqual([featured]);
    await json(api('DELETE', `/api/v1/featured_tags/${featured.id}`, intruder), 404);
    expect(await json(api('GET', '/api/v1/featured_tags', me))).toEqual([featured]);
    expect(await json(api('DELETE', `/api/v1/featured_tags/${featured.id}`, me))).toEqual({});
    expect(await json(api('GET', '/api/v1/featured_tags', me))).toEqual([]);
  });

  it('are at most ten', async () => {
    const user = await t.createUser();
    for (let i = 0; i < 10; i++) await json(api('POST', '/api/v1/featured_tags', user, { name: `etiqueta${i}` }));
    await json(api('POST', '/api/v1/featured_tags', user, { name: 'una_mas' }), 422);
  });
});
