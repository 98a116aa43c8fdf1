import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAnonymousForm, sessionCookieOf } from '../testing/anonymous-form.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { linkIn, startTestSmtpServer, type TestSmtpServer } from '../testing/test-smtp-server.js';
import { webSession } from '../web/testing/web-session.js';
import { hashToken } from './tokens.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'un faro verde junto al río';

let smtp: TestSmtpServer;
let t: TestApp;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const emailOf = (user: TestUser) => `${user.username}@example.test`;
const pathOf = (link: string) => link.replace('http://medired.test', '');

async function requestReset(email: string, ip?: string): Promise<Response> {
  return postAnonymousForm(t, '/auth/password/forgot', { email }, ip ? { ip } : {});
}

describe('password reset by e-mail', () => {
  it('the sign-in page links to "¿Olvidaste tu contraseña?", whose page asks for the e-mail', async () => {
    const signIn = await (await t.request('GET', '/auth/sign_in', { headers: { accept: 'text/html' } })).text();
    expect(signIn).toContain('href="/auth/password/forgot"');
    expect(signIn).toContain('¿Olvidaste tu contraseña?');
    const forgot = await t.request('GET', '/auth/password/forgot', { headers: { accept: 'text/html' } });
    expect(forgot.status).toBe(200);
    expect(await forgot.text()).toContain('name="email"');
  });

  it('mails a one-time link that sets a new password, ends every session and token, and confirms by mail', async () => {
    const user = await t.createUser();
    const browser = await webSession(t, user);
    const res = await requestReset(emailOf(user).toUpperCase());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Si hay una cuenta con ese correo');

    const mail = await smtp.lastTo(emailOf(user));
    expect(mail.subject).toBe('Restablecer tu contraseña de Medired');
    expect(mail.from).toBe('no-reply@medired.test');
    expect(mail.authUser).toBe('medired');
    expect(mail.text).toContain(`@${user.username}`);
    expect(mail.html).not.toMatch(/<img|https?:\/\/(?!medired\.test)/);
    const link = linkIn(mail, 'http://medired.test/auth/password/reset?token=');
    // Only the token's hash is stored.
    const stored = await t.ctx.db.selectFrom('email_tokens').select('token_hash').where('user_id', '=', user.userId).execute();
    expect(stored).toEqual([{ token_hash: hashToken(link.split('token=')[1]!) }]);

    const form = await t.request('GET', pathOf(link), { headers: { accept: 'text/html' } });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="password"');

    const token = link.split('token=')[1]!;
    const weak = await postAnonymousForm(t, '/auth/password/reset', { token, password: 'corta' });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('al menos 12 caracteres');
    const missing = await postAnonymousForm(t, '/auth/password/reset', { token });
    expect(missing.status).toBe(422);

    const done = await postAnonymousForm(t, '/auth/password/reset', { token, password: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/auth/sign_in?notice=password_reset');

    // Every old session and token is gone.
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: user.token })).status).toBe(401);
    const oldSession = await browser.get('/settings/profile');
    expect([302, 303, 401]).toContain(oldSession.status);

    await expect.poll(async () => (await smtp.lastTo(emailOf(user))).subject).toBe('Tu contraseña de Medired ha cambiado');
    expect((await smtp.lastTo(emailOf(user))).text).not.toContain('token=');

    // The new password signs in; the old one no longer does.
    const signedIn = await postAnonymousForm(t, '/auth/sign_in', { login: user.username, password: NEW_PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(sessionCookieOf(signedIn)).toBeDefined();
    expect((await postAnonymousForm(t, '/auth/sign_in', { login: user.username, password: PASSWORD })).status).toBe(401);

    // The link works once.
    const again = await postAnonymousForm(t, '/auth/password/reset', { token, password: 'otra frase larga y distinta' });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('ya se ha usado');
    expect((await t.request('GET', pathOf(link), { headers: { accept: 'text/html' } })).status).toBe(410);
  });

  it('answers an unknown address exactly as a known one, and sends nothing', async () => {
    const user = await t.createUser();
    const known = await requestReset(emailOf(user));
    await smtp.lastTo(emailOf(user));
    const before = smtp.mails.length;
    const unknown = await requestReset('nadie-existe@example.test');
    expect(unknown.status).toBe(known.status);
    expect(await unknown.text()).toBe(await (await requestReset(emailOf(user))).text());
    await smtp.waitForMails(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((m) => m.to.includes('nadie-existe@example.test'))).toEqual([]);
  });

  it('a link expires after an hour, and a new request makes older links invalid', async () => {
    const user = await t.createUser();
    await requestReset(emailOf(user));
    const first = linkIn(await smtp.lastTo(emailOf(user)), 'http://medired.test/auth/password/reset?token=');
    const count = smtp.mails.length;
    await requestReset(emailOf(user));
    await smtp.waitForMails(count + 1);
    const second = linkIn(await smtp.lastTo(emailOf(user)), 'http://medired.test/auth/password/reset?token=');
    expect(second).not.toBe(first);
    const old = await t.request('GET', pathOf(first), { headers: { accept: 'text/html' } });
    expect(old.status).toBe(404);
    expect(await old.text()).toContain('no es válido');

    const row = await t.ctx.db.selectFrom('email_tokens').select('expires_at').where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(row.expires_at.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    await t.ctx.db.updateTable('email_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.userId).execute();
    const expired = await postAnonymousForm(t, '/auth/password/reset', { token: second.split('token=')[1]!, password: NEW_PASSWORD });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('ha caducado');
    expect((await postAnonymousForm(t, '/auth/password/reset', { token: 'x'.repeat(43), password: NEW_PASSWORD })).status).toBe(404);
  });

  it('mails English readers in English, and lets a suspended account reset (it stays suspended)', async () => {
    const user = await t.createUser({ locale: 'en' });
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', user.accountId).execute();
    await requestReset(emailOf(user));
    const mail = await smtp.lastTo(emailOf(user));
    expect(mail.subject).toBe('Reset your Medired password');
    const token = linkIn(mail, 'http://medired.test/auth/password/reset?token=').split('token=')[1]!;
    expect((await postAnonymousForm(t, '/auth/password/reset', { token, password: NEW_PASSWORD })).status).toBe(303);
    const account = await t.ctx.db.selectFrom('accounts').select('suspended_at').where('id', '=', user.accountId).executeTakeFirstOrThrow();
    expect(account.suspended_at).not.toBeNull();
  });

  it('refuses a form without the CSRF pair, and an empty address, with a 4xx page', async () => {
    const noCsrf = await t.request('POST', '/auth/password/forgot', { form: { email: 'a@example.test' }, headers: { accept: 'text/html' } });
    expect(noCsrf.status).toBe(403);
    const empty = await requestReset('');
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('No es una dirección de correo electrónico válida');
  });
});

describe('password reset limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ SMTP_URL: smtp.url, RATE_LIMIT_FACTOR: '1' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('limits requests per address whatever the IP, and per IP whatever the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postAnonymousForm(limited, '/auth/password/forgot', { email: 'Limitada@example.test' }, { ip: `198.51.100.${i + 1}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const perIp: number[] = [];
    for (let i = 0; i < 11; i++) perIp.push((await postAnonymousForm(limited, '/auth/password/forgot', { email: `persona${i}@example.test` }, { ip: '198.51.100.200' })).status);
    expect(perIp.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(perIp[10]).toBe(429);
  });
});

describe('without SMTP', () => {
  let plain: TestApp;
  beforeAll(async () => {
    plain = await createTestApp();
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('the forgot-password page says this server cannot send e-mail and to contact the administrators', async () => {
    const page = await plain.request('GET', '/auth/password/forgot', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('no puede enviar correos');
    expect(html).not.toContain('name="email"');
    const posted = await postAnonymousForm(plain, '/auth/password/forgot', { email: 'a@example.test' });
    expect(posted.status).toBe(200);
  });
});
