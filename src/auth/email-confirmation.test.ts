import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAnonymousForm, sessionCookieOf } from '../testing/anonymous-form.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { linkIn, startTestSmtpServer, type TestSmtpServer } from '../testing/test-smtp-server.js';

const PASSWORD = 'correct horse battery staple';

let smtp: TestSmtpServer;
let t: TestApp;
let client: { client_id: string; client_secret: string };
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url });
  await t.createUser(); // the instance's first account (its admin), made before these tests
  const res = await t.request('POST', '/api/v1/apps', { json: { client_name: 'Cliente', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' } });
  client = (await res.json()) as typeof client;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

function signUp(username: string, extra: Record<string, string> = {}) {
  return postAnonymousForm(t, '/auth/sign_up', { username, email: `${username}@example.test`, password: PASSWORD, agreement: 'on', kind: 'patient', ...extra });
}
const signIn = (login: string) => postAnonymousForm(t, '/auth/sign_in', { login, password: PASSWORD });
const passwordGrant = (username: string) =>
  t.request('POST', '/oauth/token', { form: { grant_type: 'password', client_id: client.client_id, client_secret: client.client_secret, username, password: PASSWORD, scope: 'read' } });

describe('e-mail confirmation when SMTP is configured', () => {
  it('a web sign-up gets a confirmation mail and cannot sign in until the link is opened', async () => {
    const res = await signUp('por_confirmar');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign_in?notice=confirm_email');
    expect(sessionCookieOf(res)).toBeUndefined();
    const notice = await t.request('GET', '/auth/sign_in?notice=confirm_email', { headers: { accept: 'text/html' } });
    expect(await notice.text()).toContain('Te hemos enviado un correo para confirmar');

    const mail = await smtp.lastTo('por_confirmar@example.test');
    expect(mail.subject).toBe('Confirma tu correo electrónico en Medired');
    const link = linkIn(mail, 'http://medired.test/auth/confirmation?token=');

    // Before confirming: a clear 403 on the web with the way to re-send, and on the password grant.
    const refused = await signIn('por_confirmar');
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain('Confirma tu correo electrónico antes de entrar');
    expect(page).toContain('href="/auth/confirmation/new"');
    expect(sessionCookieOf(refused)).toBeUndefined();
    const grant = await passwordGrant('por_confirmar');
    expect(grant.status).toBe(400);
    expect(((await grant.json()) as { error_description: string }).error_description).toMatch(/Confirm your e-mail address first/);
    // A wrong password still says only "wrong credentials" (nothing about the account's state).
    const wrong = await postAnonymousForm(t, '/auth/sign_in', { login: 'por_confirmar', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('Confirma tu correo');

    const confirmed = await t.request('GET', link.replace('http://medired.test', ''), { headers: { accept: 'text/html' } });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/auth/sign_in?notice=email_confirmed');
    expect((await signIn('por_confirmar')).status).toBe(303);
    expect((await passwordGrant('por_confirmar')).status).toBe(200);
    // The link works once.
    const again = await t.request('GET', link.replace('http://medired.test', ''), { headers: { accept: 'text/html' } });
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('ya se ha usado');
  });

  it('re-sends the confirmation (a new link replaces the old), answering the same for any address', async () => {
    await signUp('reenvio');
    const first = linkIn(await smtp.lastTo('reenvio@example.test'), 'http://medired.test/auth/confirmation?token=');
    const count = smtp.mails.length;
    const res = await postAnonymousForm(t, '/auth/confirmation/new', { email: 'reenvio@example.test' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('Si hay una cuenta sin confirmar con ese correo');
    await smtp.waitForMails(count + 1);
    const second = linkIn(await smtp.lastTo('reenvio@example.test'), 'http://medired.test/auth/confirmation?token=');
    expect(second).not.toBe(first);
    expect((await t.request('GET', first.replace('http://medired.test', ''), { headers: { accept: 'text/html' } })).status).toBe(404);

    const unknown = await postAnonymousForm(t, '/auth/confirmation/new', { email: 'nadie@example.test' });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toBe(text);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.mails.filter((m) => m.to.includes('nadie@example.test'))).toEqual([]);

    await t.ctx.db.updateTable('email_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('purpose', '=', 'email_confirmation').execute();
    const expired = await t.request('GET', second.replace('http://medired.test', ''), { headers: { accept: 'text/html' } });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('ha caducado');
  });

  it('an API sign-up gets the mail, and its token works only once the address is confirmed', async () => {
    const res = await t.request('POST', '/api/v1/accounts', { json: { username: 'desde_api', email: 'desde_api@example.test', password: PASSWORD, agreement: true, locale: 'en' } });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: access_token })).status).toBe(401);
    const mail = await smtp.lastTo('desde_api@example.test');
    expect(mail.subject).toBe('Confirm your e-mail address on Medired');
    await t.request('GET', linkIn(mail, 'http://medired.test/auth/confirmation?token=').replace('http://medired.test', ''));
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: access_token })).status).toBe(200);
  });

  it('a password reset link proves the address: an unconfirmed account is confirmed by it', async () => {
    await signUp('por_reset');
    await smtp.lastTo('por_reset@example.test');
    await postAnonymousForm(t, '/auth/password/forgot', { email: 'por_reset@example.test' });
    await expect.poll(async () => (await smtp.lastTo('por_reset@example.test')).subject).toBe('Restablecer tu contraseña de Medired');
    const token = linkIn(await smtp.lastTo('por_reset@example.test'), 'http://medired.test/auth/password/reset?token=').split('token=')[1]!;
    expect((await postAnonymousForm(t, '/auth/password/reset', { token, password: 'otra frase bastante larga' })).status).toBe(303);
    expect((await postAnonymousForm(t, '/auth/sign_in', { login: 'por_reset', password: 'otra frase bastante larga' })).status).toBe(303);
  });

  it('accounts that existed before, or were made without SMTP, count as confirmed', async () => {
    const existing = await t.createUser();
    expect((await signIn(existing.username)).status).toBe(303);
    const row = await t.ctx.db.selectFrom('users').select('email_confirmed_at').where('id', '=', existing.userId).executeTakeFirstOrThrow();
    expect(row.email_confirmed_at).not.toBeNull();
  });
});

describe('e-mail confirmation limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ SMTP_URL: smtp.url, RATE_LIMIT_FACTOR: '1' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('re-sending is limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postAnonymousForm(limited, '/auth/confirmation/new', { email: 'x@example.test' }, { ip: `198.51.100.${i + 1}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
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

  it('a sign-up is confirmed at once and signed in', async () => {
    const res = await postAnonymousForm(plain, '/auth/sign_up', { username: 'sin_correo', email: 'sin_correo@example.test', password: PASSWORD, agreement: 'on', kind: 'patient' });
    expect(res.status).toBe(303);
    expect(sessionCookieOf(res)).toBeDefined();
  });
});

describe("Mastodon's /api/v1/emails for an API sign-up waiting for its confirmation", () => {
  it('the sign-up token asks for a new link (to a corrected address) and checks the confirmation; nothing else accepts it', async () => {
    const res = await t.request('POST', '/api/v1/accounts', { json: { username: 'reenvio_api', email: 'reenvio_api@example.test', password: PASSWORD, agreement: true, locale: 'es' } });
    const { access_token } = (await res.json()) as { access_token: string };
    await smtp.lastTo('reenvio_api@example.test');
    expect(await (await t.request('GET', '/api/v1/emails/check_confirmation', { token: access_token })).json()).toBe(false);
    // Every other route still refuses the token.
    expect((await t.request('GET', '/api/v1/timelines/home', { token: access_token })).status).toBe(401);

    const again = await t.request('POST', '/api/v1/emails/confirmations', { token: access_token, json: { email: 'corregido_api@example.test' } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({});
    const mail = await smtp.lastTo('corregido_api@example.test');
    expect(mail.subject).toBe('Confirma tu correo electrónico en Medired');
    await t.request('GET', linkIn(mail, 'http://medired.test/auth/confirmation?token=').replace('http://medired.test', ''));
    expect(await (await t.request('GET', '/api/v1/emails/check_confirmation', { token: access_token })).json()).toBe(true);
    // Confirmed: Mastodon's 403, and the rest of the API takes the token.
    const confirmed = await t.request('POST', '/api/v1/emails/confirmations', { token: access_token });
    expect(confirmed.status).toBe(403);
    expect(((await confirmed.json()) as { error: string }).error).toBe('This method is only available while the e-mail is awaiting confirmation');
    expect((await t.request('GET', '/api/v1/timelines/home', { token: access_token })).status).toBe(200);
  });

  it('refuses an address another account already has, and an unknown token', async () => {
    const res = await t.request('POST', '/api/v1/accounts', { json: { username: 'reenvio_dos', email: 'reenvio_dos@example.test', password: PASSWORD, agreement: true, locale: 'en' } });
    const { access_token } = (await res.json()) as { access_token: string };
    const taken = await t.request('POST', '/api/v1/emails/confirmations', { token: access_token, json: { email: 'corregido_api@example.test' } });
    expect(taken.status).toBe(422);
    expect((await t.request('POST', '/api/v1/emails/confirmations', { token: 'no-such-token' })).status).toBe(401);
  });
});
