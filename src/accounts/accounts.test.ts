import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('registration (POST /api/v1/accounts)', () => {
  it('creates a professional pending verification and returns a working token', async () => {
    const res = await t.request('POST', '/api/v1/accounts', {
      json: {
        username: 'dra_garcia',
        email: 'garcia@example.test',
        password: 'un paseo largo por el retiro',
        agreement: true,
        kind: 'professional',
        profession: 'doctor',
        specialty: 'cardiology',
        license_number: '28/123456',
        license_country: 'es',
      },
    });
    expect(res.status).toBe(200);
    const token = (await res.json()) as { access_token: string; token_type: string };
    expect(token.token_type).toBe('Bearer');
    const me = await t.request('GET', '/api/v1/accounts/verify_credentials', { token: token.access_token });
    expect(me.status).toBe(200);
    const account = (await me.json()) as { username: string; medired: { verification_status: string; specialty_label: { es: string } } };
    expect(account.username).toBe('dra_garcia');
    expect(account.medired.verification_status).toBe('pending');
    expect(account.medired.specialty_label.es).toBe('Cardiología');
  });

  it('accepts Mastodon-style form bodies', async () => {
    const res = await t.request('POST', '/api/v1/accounts', {
      form: { username: 'paciente_form', email: 'form@example.test', password: 'otra frase bastante larga', agreement: 'true', locale: 'en' },
    });
    expect(res.status).toBe(200);
  });

  it('refuses short and common passwords with a clear 422', async () => {
    for (const password of ['corta', 'password1234']) {
      const res = await t.request('POST', '/api/v1/accounts', {
        json: { username: `x${password.length}`, email: `x${password.length}@example.test`, password, agreement: true },
      });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string; code: string };
      expect(body.code).toBe('validation_failed');
      expect(body.error).toMatch(/password/i);
    }
  });

  it('refuses a taken username, case-insensitively', async () => {
    const res = await t.request('POST', '/api/v1/accounts', {
      json: { username: 'DRA_GARCIA', email: 'other@example.test', password: 'un paseo largo por el retiro', agreement: true },
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { details: { field: string }[] }).details[0]!.field).toBe('username');
  });

  it('requires a profession for professionals', async () => {
    const res = await t.request('POST', '/api/v1/accounts', {
      json: { username: 'sinprof', email: 'sinprof@example.test', password: 'un paseo largo por el retiro', agreement: true, kind: 'professional' },
    });
    expect(res.status).toBe(422);
  });
});

describe('credentials and profile', () => {
  it('verify_credentials needs a valid token', async () => {
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: 'nope' })).status).toBe(401);
  });

  it('lets the owner edit the profile and sanitises the bio', async () => {
    const user = await t.createUser();
    const res = await t.request('PATCH', '/api/v1/accounts/update_credentials', {
      token: user.token,
      json: { display_name: 'Ana', note: 'Hola <script>alert(1)</script> **mundo** [x](javascript:alert(1))', city: 'Madrid', country: 'ES' },
    });
    expect(res.status).toBe(200);
    const account = (await res.json()) as { display_name: string; note: string; medired: { city: string } };
    expect(account.display_name).toBe('Ana');
    expect(account.note).toContain('<strong>mundo</strong>');
    expect(account.note).not.toContain('<script');
    expect(account.note).not.toContain('href="javascript:');
    expect(account.medired.city).toBe('Madrid');
  });

  it('does not let an anonymous request edit a profile', async () => {
    const res = await t.request('PATCH', '/api/v1/accounts/update_credentials', { json: { display_name: 'x' } });
    expect(res.status).toBe(401);
  });

  it('makes the first account of the instance its admin', async () => {
    const row = await t.ctx.db.selectFrom('users').select(['staff_role']).orderBy('id').executeTakeFirstOrThrow();
    expect(row.staff_role).toBe('admin');
  });
});

describe('follows', () => {
  it('follow and unfollow keep counts exact, even under concurrent requests', async () => {
    const star = await t.createUser();
    const fans = await Promise.all(Array.from({ length: 12 }, () => t.createUser()));
    await Promise.all(fans.flatMap((f) => [1, 2, 3].map(() => t.request('POST', `/api/v1/accounts/${star.accountId}/follow`, { token: f.token }))));
    let account = (await (await t.request('GET', `/api/v1/accounts/${star.accountId}`)).json()) as { followers_count: number };
    expect(account.followers_count).toBe(12);
    await Promise.all(fans.slice(0, 5).flatMap((f) => [1, 2].map(() => t.request('POST', `/api/v1/accounts/${star.accountId}/unfollow`, { token: f.token }))));
    account = (await (await t.request('GET', `/api/v1/accounts/${star.accountId}`)).json()) as { followers_count: number };
    expect(account.followers_count).toBe(7);
    const followers = await t.request('GET', `/api/v1/accounts/${star.accountId}/followers?limit=5`);
    expect(((await followers.json()) as unknown[]).length).toBe(5);
    expect(followers.headers.get('link')).toContain('rel="next"');
  });

  it('refuses to follow without signing in, or oneself', async () => {
    const a = await t.createUser();
    expect((await t.request('POST', `/api/v1/accounts/${a.accountId}/follow`)).status).toBe(401);
    expect((await t.request('POST', `/api/v1/accounts/${a.accountId}/follow`, { token: a.token })).status).toBe(422);
  });

  it('reports relationships for the viewer', async () => {
    const a = await t.createUser();
    const b = await t.createUser();
    await t.request('POST', `/api/v1/accounts/${b.accountId}/follow`, { token: a.token });
    const res = await t.request('GET', `/api/v1/accounts/relationships?id[]=${b.accountId}`, { token: a.token });
    expect(((await res.json()) as { following: boolean }[])[0]!.following).toBe(true);
  });
});
