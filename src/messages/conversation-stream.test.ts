import { afterAll, beforeAll, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { eventually, listen, openSse } from '../streaming/streaming-test-helpers.js';

/**
 * Private messages on the streaming API: the members' direct streams get Mastodon's
 * `conversation` event (and the message itself as `update`), nobody else gets anything, and a
 * revoked token stops delivery at once.
 */
let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let lucia: TestUser;
let ana: TestUser;
let outsider: TestUser;
const bearer = (user: { token: string }) => ({ authorization: `Bearer ${user.token}` });

beforeAll(async () => {
  t = await createTestApp();
  server = await listen(t);
  [lucia, ana, outsider] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
  await t.request('PUT', '/api/v1/medired/messaging_settings', { token: ana.token, json: { messages_from: 'anyone' } });
});
afterAll(async () => {
  await server?.close();
  await t?.close();
});

it('members get the conversation live on the direct and user streams; others get nothing; revocation stops it', async () => {
  const anaDirect = await openSse(`${server.url}/api/v1/streaming/direct`, bearer(ana));
  const anaUser = await openSse(`${server.url}/api/v1/streaming/user`, bearer(ana));
  const outsiderDirect = await openSse(`${server.url}/api/v1/streaming/direct`, bearer(outsider));
  const outsiderPublic = await openSse(`${server.url}/api/v1/streaming/public`, bearer(outsider));
  const res = await t.request('POST', '/api/v1/medired/conversations', { token: lucia.token, json: { account_ids: [ana.accountId], status: 'Resultado: HBA1C 6,1' } });
  const conversation = (await res.json()) as { id: string };

  const event = await anaDirect.next((e) => e.event === 'conversation');
  const payload = JSON.parse(event.data) as { id: string; unread: boolean; last_status: { content: string }; accounts: { id: string }[] };
  expect(payload).toMatchObject({ id: conversation.id, unread: true });
  expect(payload.last_status.content).toContain('HBA1C');
  expect(payload.accounts.map((a) => a.id)).toEqual([lucia.accountId]);
  await anaUser.next((e) => e.event === 'conversation');

  // The outsider's streams stay silent (a public status posted later does arrive, so they are alive).
  await t.request('POST', '/api/v1/statuses', { token: lucia.token, json: { status: 'Un consejo público', visibility: 'public' } });
  await outsiderPublic.next((e) => e.event === 'update');
  expect(outsiderDirect.events.filter((e) => e.event !== 'heartbeat')).toEqual([]);
  expect(outsiderPublic.events.some((e) => e.data.includes('HBA1C'))).toBe(false);

  // Revoking the token of Ana's streams closes them at once; nothing more reaches it.
  const streamToken = (await issueAccessToken(t.ctx.db, { userId: ana.userId, applicationId: null, scopes: 'read' })).access_token;
  const revocable = await openSse(`${server.url}/api/v1/streaming/direct`, { authorization: `Bearer ${streamToken}` });
  const tokens = (await (await t.request('GET', '/api/v1/medired/tokens', { token: ana.token })).json()) as { id: string; current: boolean; scopes: string[] }[];
  const target = tokens.find((x) => !x.current && x.scopes.join() === 'read')!;
  expect((await t.request('DELETE', `/api/v1/medired/tokens/${target.id}`, { token: ana.token })).status).toBe(200);
  await eventually(() => revocable.isEnded());
  for (const c of [anaDirect, anaUser]) c.close();
  for (const c of [outsiderDirect, outsiderPublic]) c.close();
});
