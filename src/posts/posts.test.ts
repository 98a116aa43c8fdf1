import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import type { MastodonStatus } from './status-views.js';

let t: TestApp;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  author = await t.createUser({ username: 'dra_autora' });
  follower = await t.createUser({ username: 'seguidor' });
  stranger = await t.createUser({ username: 'extrana' });
  moderator = await t.createUser({ username: 'moderadora' });
  await t.setStaffRole(moderator, 'moderator');
  expect((await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: follower.token })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

async function post(user: TestUser, json: Record<string, unknown>): Promise<MastodonStatus> {
  const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as MastodonStatus;
}

const get = (id: string, user?: TestUser) => t.request('GET', `/api/v1/statuses/${id}`, { token: user?.token });

describe('publishing (POST /api/v1/statuses)', () => {
  it('creates a public post in the Mastodon Status shape with the Medired extension', async () => {
    const status = await post(author, { status: 'Hola, mundo', language: 'es' });
    expect(status).toMatchObject({
      visibility: 'public',
      language: 'es',
      content: '<p>Hola, mundo</p>',
      account: { id: author.accountId, username: 'dra_autora' },
      reblog: null,
      poll: null,
      card: null,
      emojis: [],
      filtered: [],
      favourited: false,
      reblogged: false,
      medired: { kind: 'note', title: '', reading_time_minutes: null, cover: null, moderation_label: null },
    });
    expect(status.url).toBe(`http://medired.test/@dra_autora/${status.id}`);
    expect(status.medired.url).toBe(status.url);
    const me = (await (await t.request('GET', '/api/v1/accounts/verify_credentials', { token: author.token })).json()) as { statuses_count: number; last_status_at: string };
    expect(me.statuses_count).toBeGreaterThanOrEqual(1);
    expect(me.last_status_at).not.toBeNull();
  });

  it('needs a signed-in user', async () => {
    expect((await t.request('POST', '/api/v1/statuses', { json: { status: 'x' } })).status).toBe(401);
  });

  it('accepts Mastodon form bodies', async () => {
    const res = await t.request('POST', '/api/v1/statuses', { token: author.token, form: { status: 'Desde un formulario', visibility: 'unlisted', in_reply_to_id: '' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MastodonStatus).visibility).toBe('unlisted');
  });

  it('refuses 501 characters with 422 and accepts 500', async () => {
    const tooLong = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'a'.repeat(501) } });
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as { error: string }).error).toMatch(/too long/);
    await post(author, { status: 'b'.repeat(500) });
  });

  it('refuses an empty post, an unknown visibility and an invalid poll with 422', async () => {
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: '  ' } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'x', visibility: 'friends' } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'x', poll: { options: ['a'], expires_in: 300 } } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'x', language: 'de' } })).status).toBe(422);
  });

  it('returns the first status again for a repeated Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'retry-123' };
    const [a, b] = await Promise.all([
      t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Solo una vez' }, headers }),
      t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Solo una vez' }, headers }),
    ]);
    const c = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Solo una vez' }, headers });
    const ids = await Promise.all([a, b, c].map(async (r) => ((await r.json()) as MastodonStatus).id));
    expect(new Set(ids).size).toBe(1);
    const other = await t.request('POST', '/api/v1/statuses', { token: stranger.token, json: { status: 'Otra cuenta' }, headers });
    expect(((await other.json()) as MastodonStatus).id).not.toBe(ids[0]);
  });
});

describe('content rendering', () => {
  it('turns plain text into escaped paragraphs with links, hashtags and mentions', async () => {
    const status = await post(author, {
      status: 'Hola @seguidor y @nadie_existe\nLee https://example.org/guia?x=1&y=2. #Nutrición #2024\n\n<script>alert(1)</script> <b onclick="x()">ok</b>',
    });
    const html = status.content;
    expect(html).toContain('<p>Hola <span class="h-card"><a href="http://medired.test/@seguidor" class="u-url mention">@<span>seguidor</span></a></span> y @nadie_existe<br />');
    expect(html).toContain('<a href="https://example.org/guia?x=1&amp;y=2" target="_blank" rel="nofollow noopener noreferrer">');
    expect(html).toContain('</a>. <a href="http://medired.test/tags/nutrici%C3%B3n" class="mention hashtag" rel="tag">#<span>Nutrición</span></a> #2024</p>');
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick="x()"&gt;ok&lt;/b&gt;</p>');
    expect(html).not.toMatch(/<script|<[^>]*onclick=|<b /);
    expect(status.tags).toEqual([{ name: 'nutrición', url: 'http://medired.test/tags/nutrici%C3%B3n' }]);
    expect(status.mentions.map((m) => m.username)).toEqual(['seguidor']);
  });

  it('stores hashtags case-insensitively', async () => {
    await post(author, { status: '#SALUD uno' });
    await post(stranger, { status: '#salud dos #Salud' });
    const tags = await t.ctx.db.selectFrom('tags').select('name').where('name', 'ilike', 'salud').execute();
    expect(tags).toEqual([{ name: 'salud' }]);
  });

  it('never lets javascript: links through', async () => {
    const status = await post(author, { status: 'javascript:alert(1) y [x](javascript:alert(1))' });
    expect(status.content).not.toMatch(/<a [^>]*href="javascript/);
    const article = await post(author, { kind: 'article', title: 'Enlaces', status: '[clic](javascript:alert(1)) <img src=x onerror=alert(1)> <a href="javascript:x">a</a>' });
    expect(article.content).not.toMatch(/<a [^>]*href="javascript|<img|<[a-z][^>]*\son\w+=/);
  });

  it('notifies mentioned accounts with a mention notification', async () => {
    const status = await post(stranger, { status: 'Pregunta para @dra_autora' });
    const n = await t.ctx.db.selectFrom('notifications').selectAll().where('status_id', '=', status.id).execute();
    expect(n.map((x) => [x.account_id, x.type, x.from_account_id])).toEqual([[author.accountId, 'mention', stranger.accountId]]);
  });
});

describe('articles', () => {
  it('publishes a titled markdown article with reading time', async () => {
    const body = `## Introducción\n\n${'palabra '.repeat(450)}\n\nMás en #cardiología con @seguidor, y \`#nocode\``;
    const article = await post(author, { kind: 'article', title: 'Hipertensión <b>hoy</b>', status: body });
    expect(article.medired).toMatchObject({ kind: 'article', title: 'Hipertensión <b>hoy</b>', reading_time_minutes: 3 });
    expect(article.content.startsWith('<h2>Hipertensión &lt;b&gt;hoy&lt;/b&gt;</h2><h2>Introducción</h2>')).toBe(true);
    expect(article.content).toContain('class="mention hashtag"');
    expect(article.content).toContain('<code>#nocode</code>');
    expect(article.tags.map((x) => x.name)).toEqual(['cardiología']);
    expect(article.mentions.map((m) => m.username)).toEqual(['seguidor']);
  });

  it('requires a title and allows bodies longer than a post but not over the article limit', async () => {
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { kind: 'article', status: 'Sin título' } })).status).toBe(422);
    await post(author, { kind: 'article', title: 'Largo', status: 'x '.repeat(2000) });
    const huge = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { kind: 'article', title: 'Enorme', status: 'x'.repeat(100_001) } });
    expect(huge.status).toBe(422);
  });

  it('refuses a title on a short post', async () => {
    expect((await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'x', title: 'y' } })).status).toBe(422);
  });
});

describe('visibility of a single status (GET /api/v1/statuses/:id)', () => {
  it('shows public posts to everyone, including anonymous visitors', async () => {
    const status = await post(author, { status: 'Para todos' });
    for (const user of [undefined, author, follower, stranger]) expect((await get(status.id, user)).status).toBe(200);
  });

  it('hides followers-only posts from strangers and anonymous visitors with 404, shows them to followers, mentioned and moderators', async () => {
    const status = await post(author, { status: 'Solo seguidores, y @extrana no; bueno sí', visibility: 'private' });
    expect((await get(status.id)).status).toBe(404);
    expect((await get(status.id, follower)).status).toBe(200);
    expect((await get(status.id, author)).status).toBe(200);
    expect((await get(status.id, stranger)).status).toBe(200);
    expect((await get(status.id, moderator)).status).toBe(200);
    const unmentioned = await post(author, { status: 'Solo seguidores', visibility: 'private' });
    const res = await get(unmentioned.id, stranger);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Status not found', code: 'not_found', key: 'errors.code.not_found' });
  });

  it('shows direct posts only to the author and mentioned accounts', async () => {
    const status = await post(author, { status: '@extrana esto es privado', visibility: 'direct' });
    expect((await get(status.id, stranger)).status).toBe(200);
    expect((await get(status.id, follower)).status).toBe(404);
    expect((await get(status.id)).status).toBe(404);
    expect((await get(status.id, author)).status).toBe(200);
  });

  it('answers 404 for ids that do not exist', async () => {
    expect((await get('999999999')).status).toBe(404);
  });
});

describe('editing (PUT /api/v1/statuses/:id)', () => {
  it('lets the author edit, keeping the history and the source', async () => {
    const status = await post(author, { status: 'Primera versión #uno' });
    const res = await t.request('PUT', `/api/v1/statuses/${status.id}`, { token: author.token, json: { status: 'Segunda versión #dos', spoiler_text: 'aviso' } });
    expect(res.status).toBe(200);
    const edited = (await res.json()) as MastodonStatus;
    expect(edited.edited_at).not.toBeNull();
    expect(edited.content).toContain('Segunda versión');
    expect(edited.tags.map((x) => x.name)).toEqual(['dos']);
    await t.request('PUT', `/api/v1/statuses/${status.id}`, { token: author.token, json: { status: 'Tercera versión' } });
    const history = (await (await t.request('GET', `/api/v1/statuses/${status.id}/history`)).json()) as { content: string; spoiler_text: string }[];
    expect(history.map((h) => h.content)).toEqual([
      expect.stringContaining('Primera versión'),
      expect.stringContaining('Segunda versión'),
      '<p>Tercera versión</p>',
    ]);
    expect(history[1]!.spoiler_text).toBe('aviso');
    const source = await t.request('GET', `/api/v1/statuses/${status.id}/source`, { token: author.token });
    expect(await source.json()).toMatchObject({ id: status.id, text: 'Tercera versión', spoiler_text: 'aviso' });
  });

  it('refuses edits and source reads by anyone but the author, moderators included', async () => {
    const status = await post(author, { status: 'No me toques' });
    for (const user of [follower, stranger, moderator]) {
      expect((await t.request('PUT', `/api/v1/statuses/${status.id}`, { token: user.token, json: { status: 'hackeado' } })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/statuses/${status.id}/source`, { token: user.token })).status).toBe(403);
    }
    expect((await t.request('PUT', `/api/v1/statuses/${status.id}`, { json: { status: 'hackeado' } })).status).toBe(401);
    expect((await get(status.id)).status).toBe(200);
    expect(((await (await get(status.id)).json()) as MastodonStatus).content).toBe('<p>No me toques</p>');
  });

  it('answers 404 to editing a followers-only status one cannot see', async () => {
    const status = await post(author, { status: 'Oculto', visibility: 'private' });
    expect((await t.request('PUT', `/api/v1/statuses/${status.id}`, { token: stranger.token, json: { status: 'x' } })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${status.id}/history`, { token: stranger.token })).status).toBe(404);
  });

  it('enforces the length limit on edits', async () => {
    const status = await post(author, { status: 'Corto' });
    expect((await t.request('PUT', `/api/v1/statuses/${status.id}`, { token: author.token, json: { status: 'z'.repeat(501) } })).status).toBe(422);
  });
});

describe('deleting (DELETE /api/v1/statuses/:id)', () => {
  it('lets the author delete and returns the status with its source text', async () => {
    const before = (await (await t.request('GET', '/api/v1/accounts/verify_credentials', { token: author.token })).json()) as { statuses_count: number };
    const status = await post(author, { status: 'Borrar y reescribir #tema' });
    const res = await t.request('DELETE', `/api/v1/statuses/${status.id}`, { token: author.token });
    expect(res.status).toBe(200);
    const deleted = (await res.json()) as MastodonStatus;
    expect(deleted.text).toBe('Borrar y reescribir #tema');
    expect(deleted.id).toBe(status.id);
    expect((await get(status.id, author)).status).toBe(404);
    const after = (await (await t.request('GET', '/api/v1/accounts/verify_credentials', { token: author.token })).json()) as { statuses_count: number };
    expect(after.statuses_count).toBe(before.statuses_count);
  });

  it('refuses deletion by other users, followers and anonymous visitors', async () => {
    const status = await post(author, { status: 'Sigo aquí' });
    expect((await t.request('DELETE', `/api/v1/statuses/${status.id}`)).status).toBe(401);
    for (const user of [follower, stranger]) {
      expect((await t.request('DELETE', `/api/v1/statuses/${status.id}`, { token: user.token })).status).toBe(403);
    }
    expect((await get(status.id)).status).toBe(200);
  });

  it('lets a moderator delete someone else’s status', async () => {
    const status = await post(author, { status: 'Bulo peligroso' });
    expect((await t.request('DELETE', `/api/v1/statuses/${status.id}`, { token: moderator.token })).status).toBe(200);
    expect((await get(status.id)).status).toBe(404);
  });

  it('takes reblogs and replies off the counters when a status goes', async () => {
    const original = await post(author, { status: 'Original' });
    const reply = await post(stranger, { status: 'Respuesta', in_reply_to_id: original.id });
    await t.request('POST', `/api/v1/statuses/${original.id}/reblog`, { token: follower.token });
    const counts = async (id: string) => ((await (await get(id)).json()) as MastodonStatus);
    expect(await counts(original.id)).toMatchObject({ replies_count: 1, reblogs_count: 1 });
    const followerBefore = (await (await t.request('GET', `/api/v1/accounts/${follower.accountId}`)).json()) as { statuses_count: number };
    await t.request('DELETE', `/api/v1/statuses/${reply.id}`, { token: stranger.token });
    expect(await counts(original.id)).toMatchObject({ replies_count: 0, reblogs_count: 1 });
    await t.request('DELETE', `/api/v1/statuses/${original.id}`, { token: author.token });
    const followerAfter = (await (await t.request('GET', `/api/v1/accounts/${follower.accountId}`)).json()) as { statuses_count: number };
    expect(followerAfter.statuses_count).toBe(followerBefore.statuses_count - 1);
  });
});
