import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { defineRoute } from '../http/route.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { createBrowser } from './test-browser.js';
import { hashToken } from './tokens.js';
import { currentTotpCode, enableTotp, setupTotp } from './totp.service.js';
import { SESSION_COOKIE } from './viewer.js';

const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let alice: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.createUser();
});
afterAll(async () => {
  await t.close();
});

function sessionCookieLine(res: Response): string {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error('no session cookie set');
  return line;
}

describe('web sign-in (POST /auth/sign_in)', () => {
  it('sets an HttpOnly, SameSite=Lax, path-wide session cookie (not Secure over plain http)', async () => {
    const res = await createBrowser(t).signIn(alice.username, PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const line = sessionCookieLine(res);
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    expect(line).toMatch(/Max-Age=\d+/);
    expect(line).not.toMatch(/Secure/i);
  });

  it('stores only the SHA-256 of the session token', async () => {
    const browser = createBrowser(t);
    await browser.signIn(alice.username, PASSWORD);
    const token = browser.cookies.get(SESSION_COOKIE)!;
    const rows = await t.ctx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', alice.userId).execute();
    expect(rows.some((r) => r.token_hash === hashToken(token))).toBe(true);
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
  });

  it('starts a new session id at every sign-in and ends the previous one of the browser', async () => {
    const browser = createBrowser(t);
    await browser.signIn(alice.username, PASSWORD);
    const first = browser.cookies.get(SESSION_COOKIE)!;
    await browser.signIn(`${alice.username}@example.test`, PASSWORD);
    const second = browser.cookies.get(SESSION_COOKIE)!;
    expect(second).not.toBe(first);
    const old = await t.ctx.db.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(first)).executeTakeFirst();
    expect(old).toBeUndefined();
    expect((await browser.request('GET', '/api/v1/medired/sessions')).status).toBe(200);
  });

  it('answers the same generic message for a wrong password and an unknown user', async () => {
    const wrong = await createBrowser(t).signIn(alice.username, 'not the right password');
    const unknown = await createBrowser(t).signIn('nobody_here', 'not the right password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain('Correo electrónico/nombre de usuario o contraseña incorrectos.');
    expect(b).toContain('Correo electrónico/nombre de usuario o contraseña incorrectos.');
    expect(wrong.headers.getSetCookie().some((l) => l.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
  });

  it('refuses a forged sign-in post without the CSRF token', async () => {
    const browser = createBrowser(t);
    await browser.request('GET', '/auth/sign_in');
    const res = await browser.request('POST', '/auth/sign_in', { form: { login: alice.username, password: PASSWORD } });
    expect(res.status).toBe(403);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    const mismatched = await browser.request('POST', '/auth/sign_in', { form: { login: alice.username, password: PASSWORD, _csrf: 'x'.repeat(43) } });
    expect(mismatched.status).toBe(403);
  });

  it('returns only to local paths after sign-in (no open redirect)', async () => {
    const cases: [string, string][] = [
      ['/settings/security', '/settings/security'],
      ['/@alguien?x=1', '/@alguien?x=1'],
      ['https://evil.example/', '/'],
      ['//evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['/\t/evil.example', '/'],
      ['javascript:alert(1)', '/'],
    ];
    for (const [returnTo, expected] of cases) {
      const res = await createBrowser(t).signIn(alice.username, PASSWORD, returnTo);
      expect(res.headers.get('location'), returnTo).toBe(expected);
    }
  });

  it('expires a session after the idle time and deletes it', async () => {
    const browser = createBrowser(t);
    await browser.signIn(alice.username, PASSWORD);
    const hash = hashToken(browser.cookies.get(SESSION_COOKIE)!);
    await t.ctx.db.updateTable('sessions').set({ last_active_at: new Date(Date.now() - 3_600_000), expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hash).execute();
    expect((await browser.request('GET', '/api/v1/medired/sessions')).status).toBe(401);
    expect(await t.ctx.db.selectFrom('sessions').select('id').where('token_hash', '=', hash).executeTakeFirst()).toBeUndefined();
  });

  it('slides the idle expiry while the session is used', async () => {
    const browser = createBrowser(t);
    await browser.signIn(alice.username, PASSWORD);
    const hash = hashToken(browser.cookies.get(SESSION_COOKIE)!);
    const soon = new Date(Date.now() + 60_000);
    await t.ctx.db.updateTable('sessions').set({ last_active_at: new Date(Date.now() - 3_600_000), expires_at: soon }).where('token_hash', '=', hash).execute();
    expect((await browser.request('GET', '/api/v1/medired/sessions')).status).toBe(200);
    const row = await t.ctx.db.selectFrom('sessions').select('expires_at').where('token_hash', '=', hash).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(soon.getTime() + 60 * 60_000);
    // Page loads re-issue the cookie for the full idle period, so the browser's copy slides too.
    const page = await browser.request('GET', '/settings/security');
    const maxAge = Number(/Max-Age=(\d+)/i.exec(sessionCookieLine(page))![1]);
    expect(Math.abs(maxAge - t.ctx.config.sessionIdleMinutes * 60)).toBeLessThan(120);
  });
});

describe('two-factor sign-in', () => {
  it('holds the session until the TOTP code is given, and refuses a replayed code', async () => {
    const carol = await t.createUser();
    const setup = await setupTotp(t.ctx.db, carol.userId, PASSWORD, 'Medired');
    await enableTotp(t.ctx, carol.userId, currentTotpCode(setup.secret));
    const browser = createBrowser(t);
    const res = await browser.signIn(carol.username, PASSWORD, '/settings/security');
    expect(res.headers.get('location')).toBe('/auth/two_factor?return_to=%2Fsettings%2Fsecurity');
    const pending = await browser.request('GET', '/api/v1/medired/sessions');
    expect(pending.status).toBe(401);
    expect(((await pending.json()) as { code: string }).code).toBe('mfa_required');
    // Nothing reads as the user before the second factor: pages send back to sign-in, optional
    // API routes see nobody.
    const page = await browser.request('GET', '/settings/security');
    expect(page.headers.get('location')).toMatch(/^\/auth\/sign_in/);
    const again = await browser.request('GET', page.headers.get('location')!);
    expect(again.headers.get('location')).toMatch(/^\/auth\/two_factor/);
    const whoami = defineRoute({ method: 'get', path: '/api/v1/test/whoami', summary: 'test', tags: ['test'], auth: 'optional', handler: async ({ viewer }) => ({ user: viewer?.username ?? null }) });
    const probe = await createApp(t.ctx, [whoami]).request('/api/v1/test/whoami', { headers: { cookie: `${SESSION_COOKIE}=${browser.cookies.get(SESSION_COOKIE)}` } });
    expect(await probe.json()).toEqual({ user: null });
    const csrf = await browser.csrfOf('/auth/two_factor?return_to=%2Fsettings%2Fsecurity');
    const wrong = await browser.request('POST', '/auth/two_factor', { form: { _csrf: csrf, code: '000000', return_to: '/settings/security' } });
    expect(wrong.status).toBe(422);
    const forged = await browser.request('POST', '/auth/two_factor', { form: { code: currentTotpCode(setup.secret, Date.now() + 30_000) } });
    expect(forged.status).toBe(403);
    const code = currentTotpCode(setup.secret, Date.now() + 30_000);
    const ok = await browser.request('POST', '/auth/two_factor', { form: { _csrf: csrf, code, return_to: '/settings/security' } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/settings/security');
    expect((await browser.request('GET', '/api/v1/medired/sessions')).status).toBe(200);
    // The same code cannot finish another sign-in.
    const other = createBrowser(t);
    await other.signIn(carol.username, PASSWORD);
    const csrf2 = await other.csrfOf('/auth/two_factor');
    expect((await other.request('POST', '/auth/two_factor', { form: { _csrf: csrf2, code } })).status).toBe(422);
  });
});

describe('sign-out (POST /auth/sign_out)', () => {
  it('needs the CSRF token, then ends the session and clears the cookie', async () => {
    const browser = createBrowser(t);
    await browser.signIn(alice.username, PASSWORD);
    const token = browser.cookies.get(SESSION_COOKIE)!;
    expect((await browser.request('POST', '/auth/sign_out', { form: {} })).status).toBe(403);
    const csrf = await browser.csrfOf('/settings/security');
    const res = await browser.request('POST', '/auth/sign_out', { form: { _csrf: csrf } });
    expect(res.status).toBe(303);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(false);
    expect(await t.ctx.db.selectFrom('sessions').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirst()).toBeUndefined();
  });
});

describe('sign-up page (/auth/sign_up)', () => {
  it('offers the specialties with labels in the page language', async () => {
    const es = await (await createBrowser(t).request('GET', '/auth/sign_up')).text();
    expect(es).toContain('<option value="cardiology">Cardiología</option>');
    const browser = createBrowser(t);
    browser.cookies.set('lang', 'en');
    const en = await (await browser.request('GET', '/auth/sign_up')).text();
    expect(en).toContain('<option value="cardiology">Cardiology</option>');
    expect(en).toContain('Create an account');
  });

  it('registers a professional pending verification and signs them in', async () => {
    const browser = createBrowser(t);
    const csrf = await browser.csrfOf('/auth/sign_up');
    const res = await browser.request('POST', '/auth/sign_up', {
      form: {
        _csrf: csrf,
        kind: 'professional',
        username: 'enfermera_luz',
        email: 'luz@example.test',
        password: 'cuidados de enfermería cada día',
        profession: 'nurse',
        specialty: 'pediatrics',
        license_number: '28-99999',
        license_country: 'es',
        organization_type: 'hospital',
        city: 'Madrid',
        country: 'ES',
        agreement: 'true',
      },
    });
    expect(res.status).toBe(303);
    expect(browser.cookies.has(SESSION_COOKIE)).toBe(true);
    const account = await t.ctx.db.selectFrom('accounts').selectAll().where('username', '=', 'enfermera_luz').executeTakeFirstOrThrow();
    expect(account.kind).toBe('professional');
    expect(account.profession).toBe('nurse');
    expect(account.verification_status).toBe('pending');
    expect(account.organization_type).toBeNull();
  });

  it('shows field errors and keeps what was typed', async () => {
    const browser = createBrowser(t);
    const csrf = await browser.csrfOf('/auth/sign_up');
    const res = await browser.request('POST', '/auth/sign_up', { form: { _csrf: csrf, kind: 'organization', username: 'clinica_x', email: 'clinica@example.test', password: 'corta', agreement: 'true' } });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="clinica_x"');
    expect(html).toContain('field-invalid');
  });

  it('refuses a forged sign-up post without the CSRF token', async () => {
    const res = await createBrowser(t).request('POST', '/auth/sign_up', { form: { username: 'forjado', email: 'forjado@example.test', password: 'una frase larga y segura', agreement: 'true' } });
    expect(res.status).toBe(403);
    expect(await t.ctx.db.selectFrom('accounts').select('id').where('username', '=', 'forjado').executeTakeFirst()).toBeUndefined();
  });
});

describe('secure cookies behind HTTPS', () => {
  it('marks the session cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://medired.example' });
    try {
      const user = await secure.createUser();
      const res = await createBrowser(secure).signIn(user.username, PASSWORD);
      expect(res.status).toBe(303);
      expect(sessionCookieLine(res)).toMatch(/;\s*Secure/i);
    } finally {
      await secure.close();
    }
  });
});
