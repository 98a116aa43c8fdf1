import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { streamHubOf } from './stream-hub.js';
import { eventually, listen, openSse } from './streaming-test-helpers.js';

/**
 * Lists, followed hashtags and filters on the streaming API, as on the timelines: a list stream
 * is its owner's (404 for anyone else) and carries its members' statuses; the user stream
 * carries public statuses with a followed hashtag; hide filters keep a status off a stream and
 * warn filters send it with `filtered`.
 */

let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let me: TestUser;
let member: TestUser;
let outsider: TestUser;

const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });
const sse = (path: string, user: TestUser) => openSse(server.url + path, bearer(user));
async function api<T = { id: string }>(user: TestUser, method: string, url: string, json?: unknown): Promise<T> {
  const res = await t.request(method, url, { token: user.token, ...(json !== undefined ? { json } : {}) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}
const post = async (user: TestUser, status: string, visibility = 'public') => (await api(user, 'POST', '/api/v1/statuses', { status, visibility })).id;
const updates = (events: { event: string; data: string }[]) => events.filter((e) => e.event === 'update').map((e) => JSON.parse(e.data) as { id: string; filtered: { filter: { title: string } }[] });

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t);
  [me, member, outsider] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
  await api(me, 'POST', `/api/v1/accounts/${member.accountId}/follow`);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

it("streams a list to its owner only, with its members' statuses as the owner's filters leave them", async () => {
  const list = await api(me, 'POST', '/api/v1/lists', { title: 'Directo' });
  await api(me, 'POST', `/api/v1/lists/${list.id}/accounts`, { account_ids: [member.accountId] });
  expect((await sse(`/api/v1/streaming/list?list=${list.id}`, outsider)).status).toBe(404);
  await api(me, 'POST', '/api/v2/filters', { title: 'Oferta', context: ['home'], filter_action: 'hide', keywords_attributes: [{ keyword: 'oferta' }] });
  await api(me, 'POST', '/api/v2/filters', { title: 'Dieta', context: ['home'], keywords_attributes: [{ keyword: 'dieta' }] });
  const stream = await sse(`/api/v1/streaming/list?list=${list.id}`, me);
  expect(stream.status).toBe(200);
  const hidden = await post(member, 'Gran oferta de vitaminas');
  const warned = await post(member, 'Mi dieta de hoy');
  await post(outsider, 'No soy de la lista');
  const plain = await post(member, 'Buenos días');
  await stream.next((e) => e.event === 'update' && (JSON.parse(e.data) as { id: string }).id === plain);
  await streamHubOf(t.ctx).idle();
  const got = updates(stream.events);
  expect(got.map((s) => s.id)).toEqual([warned, plain]);
  expect(got[0]!.filtered.map((f) => f.filter.title)).toEqual(['Dieta']);
  expect(got.map((s) => s.id)).not.toContain(hidden);
  expect((await api(member, 'DELETE', `/api/v1/statuses/${plain}`)).id).toBe(plain);
  expect((await stream.next((e) => e.event === 'delete')).data).toBe(plain);
  stream.close();
  await eventually(() => streamHubOf(t.ctx).size() === 0);
});

it('sends public statuses with a followed hashtag on the user stream, and hides what a public filter hides on the public stream', async () => {
  await api(me, 'POST', '/api/v1/tags/ictus/follow');
  await api(me, 'POST', '/api/v2/filters', { title: 'Bulos', context: ['public'], filter_action: 'hide', keywords_attributes: [{ keyword: 'bulo' }] });
  const home = await sse('/api/v1/streaming/user', me);
  const pub = await sse('/api/v1/streaming/public', me);
  const tagged = await post(outsider, 'Señales del #ictus');
  await post(outsider, 'Solo seguidores #ictus', 'private');
  const bulo = await post(outsider, 'Un bulo sobre vacunas');
  const last = await post(outsider, 'Última');
  await pub.next((e) => e.event === 'update' && (JSON.parse(e.data) as { id: string }).id === last);
  await streamHubOf(t.ctx).idle();
  expect(updates(home.events).map((s) => s.id)).toEqual([tagged]);
  expect(updates(pub.events).map((s) => s.id)).toEqual([tagged, last]);
  expect(updates(pub.events).map((s) => s.id)).not.toContain(bulo);
  home.close();
  pub.close();
  await eventually(() => streamHubOf(t.ctx).size() === 0);
});
