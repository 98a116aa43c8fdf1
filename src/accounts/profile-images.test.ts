import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/** Mastodon's `DELETE /api/v1/profile/avatar|header` and `POST /api/v1/accounts/:id/remove_from_followers`. */

let t: TestApp;
let ana: TestUser;
let luis: TestUser;

const png = () => sharp({ create: { width: 60, height: 40, channels: 3, background: '#1a5fb4' } }).png().toBuffer();
async function json<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}

beforeAll(async () => {
  t = await createTestApp();
  [ana, luis] = await Promise.all([t.createUser(), t.createUser()]);
});
afterAll(async () => {
  await t.close();
});

it('removes your own avatar and header, back to the defaults, and answers your account', async () => {
  const form = new FormData();
  form.set('avatar', new File([new Uint8Array(await png())], 'yo.png', { type: 'image/png' }));
  form.set('header', new File([new Uint8Array(await png())], 'cabecera.png', { type: 'image/png' }));
  const uploaded = await json<{ avatar: string; header: string }>(t.request('PATCH', '/api/v1/accounts/update_credentials', { token: ana.token, form }));
  expect(uploaded.avatar).toMatch(/\/media\/accounts\//);

  const noAvatar = await json<{ id: string; avatar: string; header: string; source: unknown }>(t.request('DELETE', '/api/v1/profile/avatar', { token: ana.token }));
  expect(noAvatar.id).toBe(ana.accountId);
  expect(noAvatar.source).toBeDefined();
  expect(noAvatar.avatar).not.toMatch(/\/media\/accounts\//);
  expect(noAvatar.header).toBe(uploaded.header);
  const noHeader = await json<{ header: string }>(t.request('DELETE', '/api/v1/profile/header', { token: ana.token }));
  expect(noHeader.header).not.toBe(uploaded.header);
  const seen = await json<{ avatar: string }>(t.request('GET', `/api/v1/accounts/${ana.accountId}`));
  expect(seen.avatar).toBe(noAvatar.avatar);
  // Again: nothing left to remove, same answer.
  expect((await t.request('DELETE', '/api/v1/profile/avatar', { token: ana.token })).status).toBe(200);
  expect((await t.request('DELETE', '/api/v1/profile/avatar')).status).toBe(401);
});

it('removes a follower: it no longer follows you', async () => {
  await json(t.request('POST', `/api/v1/accounts/${ana.accountId}/follow`, { token: luis.token }));
  const before = await json<{ followed_by: boolean }[]>(t.request('GET', `/api/v1/accounts/relationships?id[]=${luis.accountId}`, { token: ana.token }));
  expect(before[0]!.followed_by).toBe(true);
  const after = await json<{ id: string; followed_by: boolean }>(t.request('POST', `/api/v1/accounts/${luis.accountId}/remove_from_followers`, { token: ana.token }));
  expect(after).toMatchObject({ id: luis.accountId, followed_by: false });
  const theirs = await json<{ following: boolean }[]>(t.request('GET', `/api/v1/accounts/relationships?id[]=${ana.accountId}`, { token: luis.token }));
  expect(theirs[0]!.following).toBe(false);
  expect((await json<unknown[]>(t.request('GET', `/api/v1/accounts/${ana.accountId}/followers`, { token: ana.token }))).length).toBe(0);
  expect((await t.request('POST', '/api/v1/accounts/999999999/remove_from_followers', { token: ana.token })).status).toBe(404);
});
