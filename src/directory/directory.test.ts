import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/** The profile directory, as Mastodon apps (Mastodon.py's `directory()`) call it. */

let t: TestApp;
let quiet: TestUser;
let active: TestUser;
let hidden: TestUser;
let blocker: TestUser;

const api = (method: string, url: string, user?: TestUser, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });
async function ids(url: string, user?: TestUser): Promise<string[]> {
  const res = await api('GET', url, user);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { id: string }[]).map((a) => a.id);
}

beforeAll(async () => {
  t = await createTestApp();
  quiet = await t.createUser();
  active = await t.createUser();
  hidden = await t.createUser();
  blocker = await t.createUser();
  for (const user of [quiet, active, hidden, blocker]) {
    expect((await api('PATCH', '/api/v1/accounts/update_credentials', user, { discoverable: user !== hidden })).status).toBe(200);
  }
  expect((await api('POST', '/api/v1/statuses', active, { status: 'Hola', visibility: 'public' })).status).toBe(200);
  expect((await api('POST', `/api/v1/accounts/${quiet.accountId}/block`, blocker)).status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

it('lists discoverable accounts only, the recently active first, to anyone', async () => {
  const listed = await ids('/api/v1/directory?local=true');
  expect(listed[0]).toBe(active.accountId);
  expect(listed).toEqual(expect.arrayContaining([quiet.accountId, blocker.accountId]));
  expect(listed).not.toContain(hidden.accountId);
});

it('orders by newest with order=new, pages with offset and limit', async () => {
  const newest = await ids('/api/v1/directory?order=new&limit=2');
  expect(newest).toEqual([blocker.accountId, active.accountId]);
  expect(await ids('/api/v1/directory?order=new&limit=1&offset=1')).toEqual([active.accountId]);
});

it('leaves out the accounts the viewer blocks or is blocked by', async () => {
  expect(await ids('/api/v1/directory', blocker)).not.toContain(quiet.accountId);
  expect(await ids('/api/v1/directory', quiet)).not.toContain(blocker.accountId);
});

it('refuses a bad order or limit with 422', async () => {
  expect((await api('GET', '/api/v1/directory?order=popular')).status).toBe(422);
  expect((await api('GET', '/api/v1/directory?limit=abc')).status).toBe(422);
});
