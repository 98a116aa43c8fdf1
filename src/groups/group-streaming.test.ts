import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { listen, openSse } from '../streaming/streaming-test-helpers.js';

/**
 * Group posts never travel on the streaming API: not to outsiders' public, hashtag or user
 * streams, and not even to the members' own streams (the group's page is where they are read).
 * They are not statuses, so no status cache or feed holds them either.
 */
let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let owner: TestUser;
let member: TestUser;
let outsider: TestUser;
const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t);
  [owner, member, outsider] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

it("a private group's posts and replies reach no stream, feed or status cache", async () => {
  const group = (await (await t.request('POST', '/api/v1/medired/groups', { token: owner.token, json: { name: 'Duelo perinatal', visibility: 'private', tags: ['duelo'] } })).json()) as { id: string };
  await t.request('POST', `/api/v1/medired/groups/${group.id}/join`, { token: member.token });
  await t.request('POST', `/api/v1/medired/groups/${group.id}/approve`, { token: owner.token, json: { account_id: member.accountId } });
  // The member follows the owner, so a status of hers would reach the member's home stream.
  await t.request('POST', `/api/v1/accounts/${owner.accountId}/follow`, { token: member.token });
  const streams = await Promise.all([
    openSse(`${server.url}/api/v1/streaming/public`, bearer(outsider)),
    openSse(`${server.url}/api/v1/streaming/hashtag?tag=duelo`, bearer(outsider)),
    openSse(`${server.url}/api/v1/streaming/user`, bearer(member)),
    openSse(`${server.url}/api/v1/streaming/user`, bearer(outsider)),
  ]);
  const post = (await (await t.request('POST', `/api/v1/medired/groups/${group.id}/posts`, { token: owner.token, json: { text: 'Texto del grupo #duelo (cobalto-9)' } })).json()) as { id: string };
  await t.request('POST', `/api/v1/medired/group_posts/${post.id}/replies`, { token: member.token, json: { text: 'Respuesta del grupo (cobalto-9)' } });
  // A public status posted afterwards arrives on the public and the member's home streams: they are alive.
  await t.request('POST', '/api/v1/statuses', { token: owner.token, json: { status: 'Un consejo público #duelo', visibility: 'public' } });
  await streams[0]!.next((e) => e.event === 'update');
  await streams[1]!.next((e) => e.event === 'update');
  await streams[2]!.next((e) => e.event === 'update');
  for (const s of streams) {
    expect(s.events.some((e) => e.data.includes('cobalto'))).toBe(false);
    s.close();
  }
  // Nor does any status row, feed or the home timeline hold it.
  expect(await t.ctx.db.selectFrom('statuses').select('id').where('content_source', 'like', '%cobalto%').execute()).toEqual([]);
  const home = await (await t.request('GET', '/api/v1/timelines/home', { token: member.token })).text();
  expect(home).not.toContain('cobalto');
});
