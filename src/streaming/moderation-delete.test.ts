import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { listen, openSse } from './streaming-test-helpers.js';

/** A status a moderator hides leaves the screens that show it: `delete` for it and its reblogs (found by the review). */
let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let author: TestUser;
let reader: TestUser;
let booster: TestUser;
let moderatorToken: string;

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t);
  await t.createUser();
  [author, reader, booster] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
  const moderator = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
  moderatorToken = (await issueAccessToken(t.ctx.db, { userId: moderator.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token;
  await t.request('POST', `/api/v1/accounts/${booster.accountId}/follow`, { token: reader.token });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

it('sends delete for a hidden status and for its reblogs', async () => {
  const publicStream = await openSse(`${server.url}/api/v1/streaming/public`, { authorization: `Bearer ${reader.token}` });
  const userStream = await openSse(`${server.url}/api/v1/streaming/user`, { authorization: `Bearer ${reader.token}` });
  const status = (await (await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Cura milagrosa', visibility: 'public' } })).json()) as { id: string };
  await publicStream.next((e) => e.event === 'update' && e.data.includes(status.id));
  const reblog = (await (await t.request('POST', `/api/v1/statuses/${status.id}/reblog`, { token: booster.token })).json()) as { id: string };
  await userStream.next((e) => e.event === 'update' && e.data.includes(reblog.id));
  const hidden = await t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderatorToken, json: { action: 'hide', status_id: status.id, reason: 'Desinformación sanitaria peligrosa' } });
  expect(hidden.status, await hidden.clone().text()).toBe(200);
  await publicStream.next((e) => e.event === 'delete' && e.data === status.id);
  await userStream.next((e) => e.event === 'delete' && e.data === reblog.id);
  publicStream.close();
  userStream.close();
});
