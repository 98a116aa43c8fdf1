import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';
import type { MastodonStatus } from './status-views.js';

let t: TestApp;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;
let admin: TestUser;
let publicId: string;
let privateId: string;

beforeAll(async () => {
  t = await createTestApp();
  author = await t.createUser({ username: 'autora_authz' });
  follower = await t.createUser({ username: 'seguidor_authz' });
  stranger = await t.createUser({ username: 'otro_authz' });
  admin = await t.createUser({ username: 'admin_authz' });
  await t.setStaffRole(admin, 'admin');
  await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: follower.token });
  const create = async (json: object) => ((await (await t.request('POST', '/api/v1/statuses', { token: author.token, json })).json()) as MastodonStatus).id;
  publicId = await create({ status: 'Público' });
  privateId = await create({ status: 'Seguidores', visibility: 'private' });
});
afterAll(async () => {
  await t.close();
});

const writes = (id: string): [string, string][] => [
  ['POST', '/api/v1/statuses'],
  ['PUT', `/api/v1/statuses/${id}`],
  ['DELETE', `/api/v1/statuses/${id}`],
  ['POST', `/api/v1/statuses/${id}/favourite`],
  ['POST', `/api/v1/statuses/${id}/unfavourite`],
  ['POST', `/api/v1/statuses/${id}/reblog`],
  ['POST', `/api/v1/statuses/${id}/unreblog`],
  ['GET', `/api/v1/statuses/${id}/source`],
  ['GET', '/api/v1/favourites'],
  ['POST', '/api/v2/media'],
  ['POST', '/api/v1/media'],
  ['GET', '/api/v1/media/1'],
  ['PUT', '/api/v1/media/1'],
];

const reads = (id: string) => [`/api/v1/statuses/${id}`, `/api/v1/statuses/${id}/context`, `/api/v1/statuses/${id}/history`, `/api/v1/statuses/${id}/favourited_by`, `/api/v1/statuses/${id}/reblogged_by`];

describe('who may call the statuses API', () => {
  it('asks anonymous callers to sign in for every write and personal read (401)', async () => {
    for (const [method, path] of writes(publicId)) {
      const res = await t.request(method, path, method === 'GET' ? {} : { json: {} });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('lets anonymous visitors read public statuses and their threads, lists and history', async () => {
    for (const path of reads(publicId)) expect((await t.request('GET', path)).status, path).toBe(200);
  });

  it('answers 404 on every route of a followers-only status for anonymous visitors and non-followers, 200 for followers and staff', async () => {
    for (const path of reads(privateId)) {
      expect((await t.request('GET', path)).status, path).toBe(404);
      expect((await t.request('GET', path, { token: stranger.token })).status, path).toBe(404);
      expect((await t.request('GET', path, { token: follower.token })).status, path).toBe(200);
      expect((await t.request('GET', path, { token: admin.token })).status, path).toBe(200);
    }
    for (const [method, suffix] of [['POST', 'favourite'], ['POST', 'reblog'], ['PUT', ''], ['DELETE', ''], ['GET', 'source']] as const) {
      const path = `/api/v1/statuses/${privateId}${suffix ? `/${suffix}` : ''}`;
      expect((await t.request(method, path, { token: stranger.token, ...(method === 'GET' ? {} : { json: { status: 'x' } }) })).status, path).toBe(404);
    }
  });

  it('refuses tokens without the write scope (403)', async () => {
    const readOnly = await issueAccessToken(t.ctx.db, { userId: author.userId, applicationId: null, scopes: 'read' });
    const res = await t.request('POST', '/api/v1/statuses', { token: readOnly.access_token, json: { status: 'sin permiso' } });
    expect(res.status).toBe(403);
    expect((await t.request('GET', `/api/v1/statuses/${publicId}`, { token: readOnly.access_token })).status).toBe(200);
  });

  it('lets an admin delete another user’s status but not edit it', async () => {
    const id = ((await (await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Para borrar' } })).json()) as MastodonStatus).id;
    expect((await t.request('PUT', `/api/v1/statuses/${id}`, { token: admin.token, json: { status: 'editado' } })).status).toBe(403);
    expect((await t.request('DELETE', `/api/v1/statuses/${id}`, { token: admin.token })).status).toBe(200);
  });

  it('refuses staff deletion of others’ statuses without two-factor authentication', async () => {
    const mod = await t.createUser({ username: 'mod_sin_2fa' });
    await t.setStaffRole(mod, 'moderator', { totp: false });
    expect((await t.request('DELETE', `/api/v1/statuses/${publicId}`, { token: mod.token })).status).toBe(403);
  });

  it('keeps posts hidden by a moderator visible to their author and staff only', async () => {
    const id = ((await (await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Ocultado' } })).json()) as MastodonStatus).id;
    await t.ctx.db.updateTable('statuses').set({ hidden_at: new Date(), moderation_label: 'misinformation' }).where('id', '=', id).execute();
    expect((await t.request('GET', `/api/v1/statuses/${id}`)).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${id}`, { token: follower.token })).status).toBe(404);
    const own = await t.request('GET', `/api/v1/statuses/${id}`, { token: author.token });
    expect(((await own.json()) as MastodonStatus).medired.moderation_label).toBe('misinformation');
    expect((await t.request('GET', `/api/v1/statuses/${id}`, { token: admin.token })).status).toBe(200);
  });

  it('describes every statuses and media route in the OpenAPI document', async () => {
    const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    for (const [method, path] of [
      ['post', '/api/v1/statuses'], ['get', '/api/v1/statuses/{id}'], ['put', '/api/v1/statuses/{id}'], ['delete', '/api/v1/statuses/{id}'],
      ['get', '/api/v1/statuses/{id}/context'], ['get', '/api/v1/statuses/{id}/history'], ['get', '/api/v1/statuses/{id}/source'],
      ['post', '/api/v1/statuses/{id}/favourite'], ['post', '/api/v1/statuses/{id}/reblog'], ['get', '/api/v1/statuses/{id}/favourited_by'],
      ['get', '/api/v1/favourites'], ['post', '/api/v2/media'], ['put', '/api/v1/media/{id}'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});

describe('a suspended account reads what an anonymous visitor reads', () => {
  it('no longer reads followers-only posts, their threads, history, account lists or search, by token or web session', async () => {
    const reader = await t.createUser({ username: 'suspendida_authz' });
    await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: reader.token });
    const create = async (json: object) => ((await (await t.request('POST', '/api/v1/statuses', { token: author.token, json })).json()) as MastodonStatus).id;
    const secretId = await create({ status: 'Confidencial zafiro para seguidores', visibility: 'private' });
    const openId = await create({ status: 'Hilo abierto' });
    const replyId = await create({ status: 'Respuesta zafiro solo seguidores', visibility: 'private', in_reply_to_id: openId });
    const session = await webSession(t, reader);
    expect((await t.request('GET', `/api/v1/statuses/${secretId}`, { token: reader.token })).status).toBe(200);
    expect((await session.get(`/@${author.username}/${secretId}`)).status).toBe(200);

    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', reader.accountId).execute();
    await t.viewerRowsChanged(reader);
    for (const path of reads(secretId)) expect((await t.request('GET', path, { token: reader.token })).status, path).toBe(404);
    const context = (await (await t.request('GET', `/api/v1/statuses/${openId}/context`, { token: reader.token })).json()) as { descendants: MastodonStatus[] };
    expect(context.descendants.map((s) => s.id)).not.toContain(replyId);
    const listed = (await (await t.request('GET', `/api/v1/accounts/${author.accountId}/statuses`, { token: reader.token })).json()) as MastodonStatus[];
    expect(listed.map((s) => s.id)).not.toContain(secretId);
    expect(listed.map((s) => s.id)).toContain(openId);
    const found = (await (await t.request('GET', '/api/v2/search?q=zafiro&type=statuses', { token: reader.token })).json()) as { statuses: MastodonStatus[] };
    expect(found.statuses).toEqual([]);

    expect((await session.get(`/@${author.username}/${secretId}`)).status).toBe(404);
    const thread = await session.get(`/@${author.username}/${openId}`);
    expect(thread.status).toBe(200);
    expect(await thread.text()).not.toContain('Respuesta zafiro');
    expect(await (await session.get(`/@${author.username}`)).text()).not.toContain('Confidencial zafiro');
  });
});

describe('editing cannot add recipients to a followers-only or direct status', () => {
  it('refuses an edit that mentions someone new (422, nothing changes), so they never see the earlier versions', async () => {
    const friend = await t.createUser({ username: 'amiga_authz' });
    const newcomer = await t.createUser({ username: 'recien_authz' });
    const res = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: `@${friend.username} mi diagnóstico inicial`, visibility: 'direct' } });
    const direct = (await res.json()) as MastodonStatus;
    const refused = await t.request('PUT', `/api/v1/statuses/${direct.id}`, { token: author.token, json: { status: `@${friend.username} @${newcomer.username} diagnóstico corregido` } });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { details?: { field?: string }[] }).details?.[0]?.field).toBe('status');
    for (const path of [`/api/v1/statuses/${direct.id}`, `/api/v1/statuses/${direct.id}/history`, `/api/v1/statuses/${direct.id}/source`, `/api/v1/statuses/${direct.id}/context`]) {
      expect((await t.request('GET', path, { token: newcomer.token })).status, path).toBe(404);
    }
    const web = await (await webSession(t, newcomer)).get(`/@${author.username}/${direct.id}`);
    expect(web.status).toBe(404);
    expect(await web.text()).not.toContain('diagnóstico inicial');
    expect(await t.ctx.db.selectFrom('notifications').select('id').where('account_id', '=', newcomer.accountId).execute()).toEqual([]);

    // Editing the text for the same recipients, or dropping one, is fine.
    const edited = await t.request('PUT', `/api/v1/statuses/${direct.id}`, { token: author.token, json: { status: `@${friend.username} diagnóstico corregido` } });
    expect(edited.status).toBe(200);
    const history = (await (await t.request('GET', `/api/v1/statuses/${direct.id}/history`, { token: friend.token })).json()) as unknown[];
    expect(history).toHaveLength(2);

    // A followers-only post may mention a follower (who already sees it), not a stranger.
    const followersOnly = ((await (await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Para mis seguidores', visibility: 'private' } })).json()) as MastodonStatus).id;
    expect((await t.request('PUT', `/api/v1/statuses/${followersOnly}`, { token: author.token, json: { status: `Para mis seguidores y @${newcomer.username}` } })).status).toBe(422);
    expect((await t.request('PUT', `/api/v1/statuses/${followersOnly}`, { token: author.token, json: { status: `Para mis seguidores, @${follower.username}` } })).status).toBe(200);
    // A public post may mention anyone in an edit.
    expect((await t.request('PUT', `/api/v1/statuses/${publicId}`, { token: author.token, json: { status: `Público, @${newcomer.username}` } })).status).toBe(200);
  });

  it('shows the refusal on the web edit form and keeps what was typed', async () => {
    const friend = await t.createUser({ username: 'amiga_web_authz' });
    const newcomer = await t.createUser({ username: 'recien_web_authz' });
    const res = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: `@${friend.username} hola`, visibility: 'direct' } });
    const direct = (await res.json()) as MastodonStatus;
    const page = await (await webSession(t, author)).post(`/@${author.username}/${direct.id}/edit`, { status: `@${friend.username} @${newcomer.username} texto tecleado` });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain('texto tecleado');
  });
});

