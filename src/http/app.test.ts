import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { MAX_BODY_BYTES } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the HTTP boundary', () => {
  it('answers unknown API routes with a JSON 404', async () => {
    const res = await t.request('GET', '/api/v1/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: expect.any(String), code: 'not_found' });
  });

  it('refuses malformed JSON with a clear 400, never a stack trace', async () => {
    const res = await t.request('POST', '/api/v1/accounts', { headers: { 'content-type': 'application/json' }, form: undefined, json: undefined });
    expect([400, 422]).toContain(res.status);
    const bad = await t.hono.request('/api/v1/accounts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username": ' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; code: string };
    expect(body.code).toBe('bad_request');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
  });

  it('rejects oversized bodies with 413', async () => {
    const big = 'x'.repeat(MAX_BODY_BYTES + 10);
    const res = await t.hono.request('/api/v1/accounts', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(big.length) }, body: big });
    expect(res.status).toBe(413);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const user = await t.createUser();
    const { randomToken, hashToken } = await import('../auth/tokens.js');
    const session = randomToken();
    await t.ctx.db
      .insertInto('sessions')
      .values({ token_hash: hashToken(session), user_id: user.userId, csrf_token: 'csrf-secret', expires_at: new Date(Date.now() + 3_600_000) })
      .execute();
    const target = await t.createUser();
    const cookie = `medired_session=${session}`;
    const forged = await t.request('POST', `/api/v1/accounts/${target.accountId}/follow`, { headers: { cookie } });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { code: string }).code).toBe('csrf_failed');
    const ok = await t.request('POST', `/api/v1/accounts/${target.accountId}/follow`, { headers: { cookie, 'x-csrf-token': 'csrf-secret' } });
    expect(ok.status).toBe(200);
  });

  it('sets X-RateLimit headers and answers 429 past the API-wide limit', async () => {
    const limited = await createTestApp({ RATE_LIMIT_FACTOR: '0.01' });
    try {
      let last: Response | undefined;
      for (let i = 0; i < 5; i++) last = await limited.request('GET', '/api/v2/instance', { ip: '198.51.100.7' });
      expect(last!.status).toBe(429);
      expect(last!.headers.get('x-ratelimit-limit')).toBe('3');
      expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(last!.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-/);
      const other = await limited.request('GET', '/api/v2/instance', { ip: '198.51.100.8' });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("forbids <base> elements (CSP base-uri 'none') on API responses and on HTML pages", async () => {
    const api = await t.request('GET', '/api/v2/instance');
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toMatch(/(^|;\s*)base-uri 'none'(;|$)/);
    const page = await t.request('GET', '/public');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toMatch(/(^|;\s*)base-uri 'none'(;|$)/);
  });

  it('serves an OpenAPI document that describes every API route', async () => {
    const res = await t.request('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/accounts/{id}/follow']?.post?.responses['401']).toBeDefined();
    expect(doc.paths['/api/v1/accounts']?.post).toBeDefined();
  });
});
