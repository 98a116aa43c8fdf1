import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Filters through the API as Mastodon apps use them: v2 with keywords and statuses, v1 over the
 * same data, and what they do to timelines, threads and notifications (warn: `filtered`; hide:
 * left out), for the viewer alone and in the contexts they name.
 */

let t: TestApp;
let me: TestUser;
let author: TestUser;
let intruder: TestUser;

interface FilterJson {
  id: string;
  title: string;
  context: string[];
  filter_action: string;
  expires_at: string | null;
  keywords: { id: string; keyword: string; whole_word: boolean }[];
  statuses: { id: string; status_id: string }[];
}
interface StatusJson {
  id: string;
  content: string;
  filtered: { filter: { id: string; title: string }; keyword_matches: string[] | null; status_matches: string[] | null }[];
  reblog: StatusJson | null;
}

async function json<T>(res: Promise<Response> | Response, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });

async function post(user: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = (await json<{ id: string }>(api('POST', '/api/v1/statuses', user, { status, visibility: 'public', ...extra }))).id;
  // The fan-out job puts it in the followers' precomputed home feeds.
  await runDueJobs(t.ctx, jobHandlers);
  return id;
}
async function createFilter(body: Record<string, unknown>, user = me): Promise<FilterJson> {
  return json<FilterJson>(api('POST', '/api/v2/filters', user, body));
}
const byId = (list: StatusJson[], id: string) => list.find((s) => s.id === id);
const home = (user = me) => json<StatusJson[]>(api('GET', '/api/v1/timelines/home?limit=40', user));

beforeAll(async () => {
  t = await createTestApp();
  me = await t.createUser();
  author = await t.createUser();
  intruder = await t.createUser();
  await json(api('POST', `/api/v1/accounts/${author.accountId}/follow`, me));
});
afterAll(async () => {
  await t.close();
});

describe('filters v2', () => {
  it('creates, reads, changes (keywords added, changed and destroyed) and deletes a filter', async () => {
    const f = await createFilter({ title: 'Dietas', context: ['home', 'public'], filter_action: 'warn', expires_in: 3600, keywords_attributes: [{ keyword: 'dieta', whole_word: true }, { keyword: 'ayuno' }] });
    expect(f).toMatchObject({ title: 'Dietas', context: ['home', 'public'], filter_action: 'warn', statuses: [] });
    expect(f.keywords.map((k) => [k.keyword, k.whole_word])).toEqual([['dieta', true], ['ayuno', true]]);
    expect(Date.parse(f.expires_at!) - Date.now()).toBeGreaterThan(3500_000);
    expect(await json<FilterJson[]>(api('GET', '/api/v2/filters', me))).toContainEqual(f);
    expect(await json<FilterJson>(api('GET', `/api/v2/filters/${f.id}`, me))).toEqual(f);

    const changed = await json<FilterJson>(
      api('PUT', `/api/v2/filters/${f.id}`, me, {
        title: 'Dietas milagro',
        filter_action: 'hide',
        expires_in: '',
        keywords_attributes: [{ id: f.keywords[0]!.id, keyword: 'detox' }, { id: f.keywords[1]!.id, _destroy: true }, { keyword: 'quemagrasas', whole_word: false }],
      }),
    );
    expect(changed).toMatchObject({ title: 'Dietas milagro', filter_action: 'hide', expires_at: null });
    expect(changed.keywords.map((k) => [k.keyword, k.whole_word])).toEqual([['detox', true], ['quemagrasas', false]]);

    expect(await json(api('DELETE', `/api/v2/filters/${f.id}`, me))).toEqual({});
    await json(api('GET', `/api/v2/filters/${f.id}`, me), 404);
  });

  it('manages keywords and statuses on their own endpoints', async () => {
    const f = await createFilter({ title: 'Palabras', context: ['home'] });
    const k = await json<{ id: string; keyword: string; whole_word: boolean }>(api('POST', `/api/v2/filters/${f.id}/keywords`, me, { keyword: 'vacuna' }));
    expect(k).toMatchObject({ keyword: 'vacuna', whole_word: true });
    expect(await json(api('GET', `/api/v2/filters/${f.id}/keywords`, me))).toEqual([k]);
    expect(await json(api('PUT', `/api/v2/filters/keywords/${k.id}`, me, { whole_word: false }))).toEqual({ ...k, whole_word: false });
    expect(await json(api('GET', `/api/v2/filters/keywords/${k.id}`, me))).toEqual({ ...k, whole_word: false });
    expect(await json(api('DELETE', `/api/v2/filters/keywords/${k.id}`, me))).toEqual({});
    await json(api('GET', `/api/v2/filters/keywords/${k.id}`, me), 404);

    const statusId = await post(author, 'Una publicación cualquiera');
    const fs = await json<{ id: string; status_id: string }>(api('POST', `/api/v2/filters/${f.id}/statuses`, me, { status_id: statusId }));
    expect(fs.status_id).toBe(statusId);
    await json(api('POST', `/api/v2/filters/${f.id}/statuses`, me, { status_id: statusId }), 422);
    expect(await json(api('GET', `/api/v2/filters/${f.id}/statuses`, me))).toEqual([fs]);
    expect(await json(api('GET', `/api/v2/filters/statuses/${fs.id}`, me))).toEqual(fs);
    expect(await json(api('DELETE', `/api/v2/filters/statuses/${fs.id}`, me))).toEqual({});
    await json(api('GET', `/api/v2/filters/statuses/${fs.id}`, me), 404);
  });

  it("answers 404 for another account's filter, keyword and status, and changes nothing", async () => {
    const f = await createFilter({ title: 'Mío', context: ['home'], keywords_attributes: [{ keyword: 'mío' }] });
    const statusId = await post(author, 'Otra publicación');
    const fs = await json<{ id: string }>(api('POST', `/api/v2/filters/${f.id}/statuses`, me, { status_id: statusId }));
    for (const [method, url, body] of [
      ['GET', `/api/v2/filters/${f.id}`],
      ['PUT', `/api/v2/filters/${f.id}`, { title: 'Robado' }],
      ['DELETE', `/api/v2/filters/${f.id}`],
      ['POST', `/api/v2/filters/${f.id}/keywords`, { keyword: 'x' }],
      ['GET', `/api/v2/filters/keywords/${f.keywords[0]!.id}`],
      ['PUT', `/api/v2/filters/keywords/${f.keywords[0]!.id}`, { keyword: 'x' }],
      ['DELETE', `/api/v2/filters/keywords/${f.keywords[0]!.id}`],
      ['GET', `/api/v2/filters/statuses/${fs.id}`],
      ['DELETE', `/api/v2/filters/statuses/${fs.id}`],
      ['GET', `/api/v1/filters/${f.keywords[0]!.id}`],
      ['DELETE', `/api/v1/filters/${f.keywords[0]!.id}`],
    ] as const) {
      await json(api(method, url, intruder, body), 404);
    }
    // A keyword id of another filter (the intruder's own filter, someone else's keyword) is not found either.
    const theirs = await createFilter({ title: 'Suyo', context: ['home'] }, intruder);
    await json(api('PUT', `/api/v2/filters/${theirs.id}`, intruder, { keywords_attributes: [{ id: f.keywords[0]!.id, keyword: 'robada' }] }), 404);
    expect(await json(api('GET', `/api/v2/filters/${f.id}`, me))).toEqual({ ...f, statuses: [{ id: fs.id, status_id: statusId }] });
    expect((await json<FilterJson[]>(api('GET', '/api/v2/filters', intruder))).map((x) => x.id)).toEqual([theirs.id]);
  });

  it('refuses bad input with 422', async () => {
    for (const body of [
      {},
      { title: 'x' },
      { title: 'x', context: [] },
      { title: 'x', context: ['everywhere'] },
      { title: '', context: ['home'] },
      { title: 'x', context: ['home'], filter_action: 'delete' },
      { title: 'x', context: ['home'], expires_in: -5 },
      { title: 'x', context: ['home'], expires_in: 'soon' },
      { title: 'x', context: ['home'], keywords_attributes: [{ keyword: '' }] },
      { title: 'x', context: ['home'], keywords_attributes: [{ whole_word: true }] },
    ]) {
      await json(api('POST', '/api/v2/filters', me, body), 422);
    }
    await json(api('POST', '/api/v1/filters', me, { phrase: '', context: ['home'] }), 422);
    await json(api('GET', '/api/v2/filters', undefined), 401);
  });
});

describe('filters applied', () => {
  it('warns in the home timeline with the matching keywords, and hides with hide', async () => {
    const warned = await post(author, 'Mi nueva DIETA de la alcachofa');
    const hidden = await post(author, 'Compra este producto detox hoy');
    const plain = await post(author, 'Hoy he dormido bien');
    const warn = await createFilter({ title: 'Dietas', context: ['home'], keywords_attributes: [{ keyword: 'dieta' }] });
    const hide = await createFilter({ title: 'Detox', context: ['home'], filter_action: 'hide', keywords_attributes: [{ keyword: 'detox' }] });
    const page = await home();
    expect(byId(page, warned)!.filtered).toEqual([{ filter: expect.objectContaining({ id: warn.id, title: 'Dietas', filter_action: 'warn' }), keyword_matches: ['dieta'], status_matches: null }]);
    expect(byId(page, hidden)).toBeUndefined();
    expect(byId(page, plain)!.filtered).toEqual([]);
    // The same statuses, unfiltered, for someone without filters.
    const other = await t.createUser();
    await json(api('POST', `/api/v1/accounts/${author.accountId}/follow`, other));
    expect(byId(await home(other), hidden)).toBeDefined();
    // A change takes effect at once (the cached filters are invalidated).
    await json(api('DELETE', `/api/v2/filters/${hide.id}`, me));
    expect(byId(await home(), hidden)!.filtered).toEqual([]);
    await json(api('DELETE', `/api/v2/filters/${warn.id}`, me));
    expect(byId(await home(), warned)!.filtered).toEqual([]);
  });

  it('matches whole words only when asked, in content warnings too', async () => {
    const compound = await post(author, 'Las dietas hipocalóricas');
    const cw = await post(author, 'Texto normal', { spoiler_text: 'Hablo de colesterol' });
    const f = await createFilter({ title: 'Palabras', context: ['home'], keywords_attributes: [{ keyword: 'dieta', whole_word: true }, { keyword: 'colesterol' }] });
    let page = await home();
    expect(byId(page, compound)!.filtered).toEqual([]);
    expect(byId(page, cw)!.filtered[0]!.keyword_matches).toEqual(['colesterol']);
    await json(api('PUT', `/api/v2/filters/${f.id}`, me, { keywords_attributes: [{ id: f.keywords[0]!.id, whole_word: false }] }));
    page = await home();
    expect(byId(page, compound)!.filtered[0]!.keyword_matches).toEqual(['dieta']);
    await json(api('DELETE', `/api/v2/filters/${f.id}`, me));
  });

  it('applies only in the contexts the filter names, and never to expired filters or to your own statuses', async () => {
    const theirs = await post(author, 'Hablemos de homeopatía');
    const mine = await post(me, 'Yo también hablo de homeopatía');
    const f = await createFilter({ title: 'Homeopatía', context: ['public'], filter_action: 'hide', keywords_attributes: [{ keyword: 'homeopatía' }] });
    const publicIds = (await json<StatusJson[]>(api('GET', '/api/v1/timelines/public?limit=40', me))).map((s) => s.id);
    expect(publicIds).not.toContain(theirs);
    expect(publicIds).toContain(mine);
    // Not in home: the filter names only the public context.
    expect(byId(await home(), theirs)!.filtered).toEqual([]);
    // Anonymous readers have no filters.
    expect((await json<StatusJson[]>(api('GET', '/api/v1/timelines/public?limit=40', undefined))).map((s) => s.id)).toContain(theirs);
    // An expiring filter applies until it expires (its cached list is not refreshed for that), then no more.
    const brief = await createFilter({ title: 'Un segundo', context: ['public'], filter_action: 'hide', expires_in: 1, keywords_attributes: [{ keyword: 'homeopatía' }] });
    await json(api('DELETE', `/api/v2/filters/${f.id}`, me));
    expect((await json<StatusJson[]>(api('GET', '/api/v1/timelines/public?limit=40', me))).map((s) => s.id)).not.toContain(theirs);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await json<StatusJson[]>(api('GET', '/api/v1/timelines/public?limit=40', me))).map((s) => s.id)).toContain(theirs);
    await json(api('DELETE', `/api/v2/filters/${brief.id}`, me));
  });

  it('filters tag and account timelines, threads, reblogs and single statuses added to a filter', async () => {
    const tagged = await post(author, 'Sobre #nutricion y azúcar');
    const reply = await post(author, 'Respuesta con azúcar', { in_reply_to_id: tagged });
    const other = await post(author, 'Una foto de mi gato');
    const reblogger = await t.createUser();
    await json(api('POST', `/api/v1/accounts/${reblogger.accountId}/follow`, me));
    const reblog = (await json<{ id: string }>(api('POST', `/api/v1/statuses/${other}/reblog`, reblogger))).id;
    await runDueJobs(t.ctx, jobHandlers);
    const f = await createFilter({ title: 'Azúcar', context: ['public', 'account', 'thread', 'home'], keywords_attributes: [{ keyword: 'azúcar' }] });
    await json(api('POST', `/api/v2/filters/${f.id}/statuses`, me, { status_id: other }));
    const tag = await json<StatusJson[]>(api('GET', '/api/v1/timelines/tag/nutricion', me));
    expect(byId(tag, tagged)!.filtered[0]!.keyword_matches).toEqual(['azúcar']);
    const profile = await json<StatusJson[]>(api('GET', `/api/v1/accounts/${author.accountId}/statuses?limit=40`, me));
    expect(byId(profile, tagged)!.filtered).toHaveLength(1);
    expect(byId(profile, other)!.filtered[0]!.status_matches).toEqual([other]);
    const thread = await json<{ descendants: StatusJson[] }>(api('GET', `/api/v1/statuses/${tagged}/context`, me));
    expect(byId(thread.descendants, reply)!.filtered).toHaveLength(1);
    const reblogged = byId(await home(), reblog)!;
    expect(reblogged.filtered[0]!.status_matches).toEqual([other]);
    expect(reblogged.reblog!.filtered[0]!.status_matches).toEqual([other]);
    await json(api('DELETE', `/api/v2/filters/${f.id}`, me));
  });

  it('warns on notifications and leaves out those whose status a hide filter matches', async () => {
    const warned = await post(author, `@${me.username} te recomiendo esta dieta`);
    const hidden = await post(author, `@${me.username} compra mi producto detox`);
    await runDueJobs(t.ctx, jobHandlers);
    await createFilter({ title: 'Dietas', context: ['notifications'], keywords_attributes: [{ keyword: 'dieta' }] });
    await createFilter({ title: 'Detox', context: ['notifications'], filter_action: 'hide', keywords_attributes: [{ keyword: 'detox' }] });
    const list = await json<{ type: string; status?: StatusJson }[]>(api('GET', '/api/v1/notifications', me));
    const mentions = list.filter((n) => n.type === 'mention');
    expect(mentions.find((n) => n.status?.id === warned)!.status!.filtered[0]!.keyword_matches).toEqual(['dieta']);
    expect(mentions.find((n) => n.status?.id === hidden)).toBeUndefined();
    // Not in home: those filters name only notifications.
    expect(byId(await home(), hidden)).toBeDefined();
  });
});

describe('filters v1', () => {
  it('reads each keyword as a filter and writes through to the v2 filter', async () => {
    const v1 = await json<{ id: string; phrase: string; context: string[]; whole_word: boolean; irreversible: boolean; expires_at: string | null }>(
      api('POST', '/api/v1/filters', me, { phrase: 'milagro', context: ['home', 'thread'], whole_word: false }),
    );
    expect(v1).toMatchObject({ phrase: 'milagro', context: ['home', 'thread'], whole_word: false, irreversible: false, expires_at: null });
    const v2 = (await json<FilterJson[]>(api('GET', '/api/v2/filters', me))).find((f) => f.keywords.some((k) => k.id === v1.id))!;
    expect(v2).toMatchObject({ title: 'milagro', filter_action: 'warn', context: ['home', 'thread'] });
    expect(await json<{ id: string }[]>(api('GET', '/api/v1/filters', me))).toContainEqual(v1);

    const changed = await json(api('PUT', `/api/v1/filters/${v1.id}`, me, { phrase: 'milagros', irreversible: true, context: ['home'] }));
    expect(changed).toMatchObject({ id: v1.id, phrase: 'milagros', irreversible: true, context: ['home'] });
    expect(await json(api('GET', `/api/v2/filters/${v2.id}`, me))).toMatchObject({ filter_action: 'hide', context: ['home'], keywords: [{ id: v1.id, keyword: 'milagros' }] });

    const miracle = await post(author, 'Remedios milagros para todo');
    expect(byId(await home(), miracle)).toBeUndefined();

    expect(await json(api('DELETE', `/api/v1/filters/${v1.id}`, me))).toEqual({});
    await json(api('GET', `/api/v2/filters/${v2.id}`, me), 404);
    expect(byId(await home(), miracle)).toBeDefined();
  });
});
