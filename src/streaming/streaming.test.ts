import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { issueAccessToken } from '../auth/access-tokens.js';
import { signIn } from '../auth/sessions.service.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { MAX_CONNECTIONS_PER_USER, streamHubOf } from './stream-hub.js';
import { eventually, listen, openSse, type SseClient } from './streaming-test-helpers.js';

let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;
let blocker: TestUser;

const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });
const sse = (path: string, headers: Record<string, string> = {}) => openSse(server.url + path, headers);

async function post(user: TestUser, body: Record<string, unknown>): Promise<string> {
  const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json: body });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

const updateOf = (id: string) => (e: { event: string; data: string }) => e.event === 'update' && (JSON.parse(e.data) as { id: string }).id === id;
const idsOf = (client: SseClient, event = 'update') => client.events.filter((e) => e.event === event).map((e) => (JSON.parse(e.data) as { id: string }).id);

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t);
  [author, follower, stranger, blocker] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
  expect((await t.request('POST', `/api/v1/accounts/${author.accountId}/follow`, { token: follower.token })).status).toBe(200);
  expect((await t.request('POST', `/api/v1/accounts/${author.accountId}/block`, { token: blocker.token })).status).toBe(200);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

describe('the streaming API refuses as Mastodon does', () => {
  it('advertises its WebSocket address in the instance information', async () => {
    expect(((await (await t.request('GET', '/api/v1/instance')).json()) as { urls: { streaming_api: string } }).urls.streaming_api).toBe('ws://medired.test');
    expect(((await (await t.request('GET', '/api/v2/instance')).json()) as { configuration: { urls: { streaming: string } } }).configuration.urls.streaming).toBe('ws://medired.test');
  });

  it('answers the health check with OK', async () => {
    const res = await fetch(`${server.url}/api/v1/streaming/health`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('OK');
  });

  it('refuses a missing or invalid token with 401 and a JSON error, also on public streams', async () => {
    for (const [path, headers] of [['/api/v1/streaming/public', {}], ['/api/v1/streaming/user', {}], ['/api/v1/streaming/user', { authorization: 'Bearer nope' }], ['/api/v1/streaming/user?access_token=nope', {}]] as const) {
      const client = await sse(path, headers);
      expect(client.status, path).toBe(401);
      expect(JSON.parse(client.body)).toMatchObject({ error: expect.any(String) });
    }
  });

  it('refuses a token without the stream scope with 403, an unknown stream with 400 and a list with 404', async () => {
    const writeOnly = (await issueAccessToken(t.ctx.db, { userId: stranger.userId, applicationId: null, scopes: 'write' })).access_token;
    expect((await sse('/api/v1/streaming/user', { authorization: `Bearer ${writeOnly}` })).status).toBe(403);
    const statusesOnly = (await issueAccessToken(t.ctx.db, { userId: stranger.userId, applicationId: null, scopes: 'read:statuses' })).access_token;
    expect((await sse('/api/v1/streaming/user/notification', { authorization: `Bearer ${statusesOnly}` })).status).toBe(403);
    expect((await sse('/api/v1/streaming?stream=nonsense', bearer(stranger))).status).toBe(400);
    expect((await sse('/api/v1/streaming/hashtag', bearer(stranger))).status).toBe(400);
    expect((await sse('/api/v1/streaming/list?list=1', bearer(stranger))).status).toBe(404);
  });

  it('accepts the session cookie only from this server’s own origin', async () => {
    const session = await signIn(t.ctx, { login: stranger.username, password: 'correct horse battery staple', ip: '203.0.113.9', userAgent: 'test' });
    const cookie = `medired_session=${session.sessionToken}`;
    expect((await sse('/api/v1/streaming/user', { cookie, origin: 'https://evil.example' })).status).toBe(401);
    const own = await sse('/api/v1/streaming/user', { cookie, origin: 'http://medired.test' });
    expect(own.status).toBe(200);
    own.close();
  });
});

describe('the streams deliver only what the connected account may see', () => {
  it('home, public, hashtag and direct streams follow the timelines’ and visibility rules', async () => {
    const followerHome = await sse('/api/v1/streaming/user', bearer(follower));
    const strangerHome = await sse('/api/v1/streaming/user', bearer(stranger));
    const strangerPublic = await sse('/api/v1/streaming/public/local', bearer(stranger));
    const blockerPublic = await sse('/api/v1/streaming/public', bearer(blocker));
    const strangerTag = await sse('/api/v1/streaming/hashtag?tag=Salud', bearer(stranger));
    const followerDirect = await sse('/api/v1/streaming/direct', bearer(follower));
    const strangerDirect = await sse('/api/v1/streaming/direct', bearer(stranger));

    const privateId = await post(author, { status: 'solo seguidores', visibility: 'private' });
    const directId = await post(author, { status: `hola @${follower.username}`, visibility: 'direct' });
    const publicId = await post(author, { status: 'para todos #salud', visibility: 'public' });

    await followerHome.next(updateOf(publicId));
    await strangerPublic.next(updateOf(publicId));
    await strangerTag.next(updateOf(publicId));
    await followerDirect.next(updateOf(directId));
    // The public status came after the others: had they been sent, they would be here by now.
    await streamHubOf(t.ctx).idle();
    expect(idsOf(followerHome)).toEqual([privateId, publicId]);
    expect(idsOf(strangerHome)).toEqual([]);
    expect(idsOf(strangerPublic)).toEqual([publicId]);
    expect(idsOf(strangerTag)).toEqual([publicId]);
    expect(idsOf(blockerPublic)).toEqual([]);
    expect(idsOf(strangerDirect)).toEqual([]);
    expect(idsOf(followerDirect)).toEqual([directId]);

    // An edit and a deletion reach the same readers.
    expect((await t.request('PUT', `/api/v1/statuses/${publicId}`, { token: author.token, json: { status: 'editado #salud' } })).status).toBe(200);
    await followerHome.next((e) => e.event === 'status.update');
    expect((await t.request('DELETE', `/api/v1/statuses/${publicId}`, { token: author.token })).status).toBe(200);
    expect((await followerHome.next((e) => e.event === 'delete')).data).toBe(publicId);
    expect((await strangerPublic.next((e) => e.event === 'delete')).data).toBe(publicId);
    await streamHubOf(t.ctx).idle();
    expect(strangerHome.events).toEqual([]);
    expect(blockerPublic.events).toEqual([]);

    for (const c of [followerHome, strangerHome, strangerPublic, blockerPublic, strangerTag, followerDirect, strangerDirect]) c.close();
    await eventually(() => streamHubOf(t.ctx).size() === 0);
  });

  it('sends a notification to its owner only, on the user and notification streams', async () => {
    const followerNotes = await sse('/api/v1/streaming/user/notification', bearer(follower));
    const followerHome = await sse('/api/v1/streaming/user', bearer(follower));
    const strangerNotes = await sse('/api/v1/streaming/user/notification', bearer(stranger));
    await post(author, { status: `@${follower.username} ¿qué tal?`, visibility: 'public' });
    const note = JSON.parse((await followerNotes.next((e) => e.event === 'notification')).data) as { type: string; account: { id: string } };
    expect(note).toMatchObject({ type: 'mention', account: { id: author.accountId } });
    await followerHome.next((e) => e.event === 'notification');
    await streamHubOf(t.ctx).idle();
    expect(strangerNotes.events).toEqual([]);
    for (const c of [followerNotes, followerHome, strangerNotes]) c.close();
  });
});

describe('connections end when their credentials do, and free everything', () => {
  it('closes the stream at once when its token is revoked', async () => {
    const extra = (await issueAccessToken(t.ctx.db, { userId: stranger.userId, applicationId: null, scopes: 'read' })).access_token;
    const client = await sse('/api/v1/streaming/user', { authorization: `Bearer ${extra}` });
    expect(client.status).toBe(200);
    const tokens = (await (await t.request('GET', '/api/v1/medired/tokens', { token: stranger.token })).json()) as { id: string; current: boolean; scopes: string[] }[];
    const target = tokens.find((x) => !x.current && x.scopes.join() === 'read')!;
    expect((await t.request('DELETE', `/api/v1/medired/tokens/${target.id}`, { token: stranger.token })).status).toBe(200);
    await client.ended;
    expect(client.isEnded()).toBe(true);
  });

  it('closes a web session’s stream at sign-out… of that session (revoked from the security page)', async () => {
    const session = await signIn(t.ctx, { login: follower.username, password: 'correct horse battery staple', ip: '203.0.113.9', userAgent: 'test' });
    const client = await sse('/api/v1/streaming/user', { cookie: `medired_session=${session.sessionToken}` });
    expect(client.status).toBe(200);
    expect((await t.request('DELETE', `/api/v1/medired/sessions/${session.sessionId}`, { token: follower.token })).status).toBe(200);
    await client.ended;
  });

  it('closes every stream of an account when a moderator suspends it', async () => {
    const staff = await t.createUser();
    await t.setStaffRole(staff, 'moderator');
    const moderator = { ...staff, token: (await issueAccessToken(t.ctx.db, { userId: staff.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token };
    const target = await t.createUser();
    const home = await sse('/api/v1/streaming/user', bearer(target));
    const local = await sse('/api/v1/streaming/public/local', bearer(target));
    const res = await t.request('POST', `/api/v1/admin/accounts/${target.accountId}/action`, { token: moderator.token, json: { type: 'suspend', text: 'Spam' } });
    expect(res.status, await res.clone().text()).toBe(200);
    await Promise.all([home.ended, local.ended]);
    expect((await sse('/api/v1/streaming/user', bearer(target))).status).toBe(403);
  });

  it('drops closed clients from the hub and limits connections per account', async () => {
    const user = await t.createUser();
    const hub = streamHubOf(t.ctx);
    const before = hub.size();
    const clients = await Promise.all(Array.from({ length: MAX_CONNECTIONS_PER_USER }, () => sse('/api/v1/streaming/user', bearer(user))));
    expect(clients.every((c) => c.status === 200)).toBe(true);
    expect(hub.size()).toBe(before + MAX_CONNECTIONS_PER_USER);
    const refused = await sse('/api/v1/streaming/public', bearer(user));
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatch(/Too many streaming connections/);
    for (const c of clients) c.close();
    await eventually(() => hub.size() === before);
  });
});

describe('the WebSocket API', () => {
  const open = (url: string, options: WebSocket.ClientOptions = {}, protocols?: string) =>
    new Promise<{ ws: WebSocket; messages: Record<string, unknown>[] }>((resolve, reject) => {
      const ws = protocols ? new WebSocket(url, protocols, options) : new WebSocket(url, options);
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (m) => messages.push(JSON.parse(String(m)) as Record<string, unknown>));
      ws.once('open', () => resolve({ ws, messages }));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  const wsUrl = (q: string) => `${server.url.replace('http', 'ws')}/api/v1/streaming${q}`;

  it('authenticates with the token as protocol, subscribes to several streams and delivers Mastodon messages', async () => {
    const { ws, messages } = await open(wsUrl(''), {}, follower.token);
    expect(ws.protocol).toBe(follower.token);
    ws.send(JSON.stringify({ type: 'subscribe', stream: 'user' }));
    ws.send(JSON.stringify({ type: 'subscribe', stream: 'hashtag', tag: 'vacunas' }));
    ws.send(JSON.stringify({ type: 'subscribe', stream: 'nonsense' }));
    await eventually(() => messages.some((m) => m.status === 400));
    const id = await post(author, { status: 'hoy #vacunas', visibility: 'public' });
    await eventually(() => messages.filter((m) => m.event === 'update').length === 2);
    const updates = messages.filter((m) => m.event === 'update');
    expect(updates.map((m) => m.stream)).toEqual(expect.arrayContaining([['user'], ['hashtag', 'vacunas']]));
    expect((JSON.parse(updates[0]!.payload as string) as { id: string }).id).toBe(id);
    ws.close();
  });

  it('refuses a bad token, and a session cookie from another origin, before the upgrade', async () => {
    await expect(open(wsUrl('?stream=user&access_token=nope'))).rejects.toThrow('HTTP 401');
    await expect(open(wsUrl('?stream=nonsense'), { headers: bearer(stranger) })).rejects.toThrow('HTTP 400');
    const session = await signIn(t.ctx, { login: stranger.username, password: 'correct horse battery staple', ip: '203.0.113.9', userAgent: 'test' });
    const cookie = `medired_session=${session.sessionToken}`;
    await expect(open(wsUrl('?stream=user'), { headers: { cookie, origin: 'https://evil.example' } })).rejects.toThrow('HTTP 401');
    const { ws } = await open(wsUrl('?stream=user'), { headers: { cookie, origin: 'http://medired.test' } });
    ws.close();
  });

  it('closes the socket when the token is revoked', async () => {
    const extra = (await issueAccessToken(t.ctx.db, { userId: follower.userId, applicationId: null, scopes: 'read' })).access_token;
    const { ws } = await open(wsUrl(`?stream=user&access_token=${extra}`));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const tokens = (await (await t.request('GET', '/api/v1/medired/tokens', { token: follower.token })).json()) as { id: string; current: boolean; scopes: string[] }[];
    for (const x of tokens.filter((x) => !x.current && x.scopes.join() === 'read')) await t.request('DELETE', `/api/v1/medired/tokens/${x.id}`, { token: follower.token });
    expect(await closed).toBe(1008);
    await eventually(() => streamHubOf(t.ctx).size() === 0);
  });
});
