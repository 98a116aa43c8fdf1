import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
});
afterAll(async () => {
  await t.close();
});

it('limits posting to 30 statuses a minute per account, with 429 and X-RateLimit headers', async () => {
  const user = await t.createUser();
  const other = await t.createUser();
  for (let i = 0; i < 30; i++) {
    const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: `post ${i}` } });
    expect(res.status).toBe(200);
  }
  const refused = await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: 'uno más' } });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  expect((await t.request('POST', '/api/v1/statuses', { token: other.token, json: { status: 'otra cuenta' } })).status).toBe(200);
});
