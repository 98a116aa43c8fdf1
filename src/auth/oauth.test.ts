import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { hashToken } from './tokens.js';
import { createBrowser, csrfIn, type TestBrowser } from './test-browser.js';
import { currentTotpCode, enableTotp, setupTotp } from './totp.service.js';

const PASSWORD = 'correct horse battery staple';
const REDIRECT = 'https://client.example/callback';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let client: { id: string; client_id: string; client_secret: string };
let web: TestBrowser;

async function createClient(body: Record<string, unknown>) {
  const res = await t.request('POST', '/api/v1/apps', { json: body });
  return { res, app: (await res.json()) as { id: string; client_id: string; client_secret: string; scopes: string[]; redirect_uris: string[]; redirect_uri: string } };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string>): string {
  return `/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT, ...params })}`;
}

/** Walks the browser through the consent page and returns the code from the redirect. */
async function approve(params: Record<string, string>): Promise<{ code: string; state: string | null }> {
  const page = await web.request('GET', authorizeUrl(params));
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
  const res = await web.request('POST', '/oauth/authorize', { form: { ...form, decision: 'approve' } });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  return { code: location.searchParams.get('code')!, state: location.searchParams.get('state') };
}

async function token(form: Record<string, string>) {
  const res = await t.request('POST', '/oauth/token', { form: { client_id: client.client_id, client_secret: client.client_secret, ...form } });
  return { res, body: (await res.json()) as { access_token?: string; refresh_token?: string; scope?: string; error?: string; error_description?: string } };
}

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.createUser();
  bob = await t.createUser();
  client = (await createClient({ client_name: 'Cliente de prueba', redirect_uris: [REDIRECT, 'urn:ietf:wg:oauth:2.0:oob'], scopes: 'read write follow', website: 'https://client.example' })).app;
  web = createBrowser(t);
  expect((await web.signIn(alice.username, PASSWORD)).status).toBe(303);
});
afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/apps', () => {
  it('registers an application and returns its credentials once, storing only the secret hash', async () => {
    const { res, app } = await createClient({ client_name: 'Otra app', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write:statuses' });
    expect(res.status).toBe(200);
    expect(app.scopes).toEqual(['read', 'write:statuses']);
    expect(app.redirect_uris).toEqual(['urn:ietf:wg:oauth:2.0:oob']);
    expect(app.client_secret.length).toBeGreaterThan(30);
    const row = await t.ctx.db.selectFrom('oauth_applications').select('client_secret').where('client_id', '=', app.client_id).executeTakeFirstOrThrow();
    expect(row.client_secret).toBe(hashToken(app.client_secret));
  });

  it('refuses dangerous redirect URIs and unknown scopes with a 422', async () => {
    expect((await createClient({ client_name: 'x', redirect_uris: 'javascript:alert(1)' })).res.status).toBe(422);
    expect((await createClient({ client_name: 'x', redirect_uris: 'https://a.example/cb#frag' })).res.status).toBe(422);
    expect((await createClient({ client_name: 'x', redirect_uris: REDIRECT, scopes: 'read everything' })).res.status).toBe(422);
    expect((await createClient({ redirect_uris: REDIRECT })).res.status).toBe(422);
  });

  it('verify_credentials answers for a token of the app and refuses anonymous callers', async () => {
    expect((await t.request('GET', '/api/v1/apps/verify_credentials')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/apps/verify_credentials', { token: alice.token })).status).toBe(401);
    const { body } = await token({ grant_type: 'client_credentials', scope: 'read' });
    const res = await t.request('GET', '/api/v1/apps/verify_credentials', { token: body.access_token! });
    expect(res.status).toBe(200);
    const app = (await res.json()) as { name: string; client_secret?: string };
    expect(app.name).toBe('Cliente de prueba');
    expect(app.client_secret).toBeUndefined();
  });
});

describe('authorization code flow with PKCE', () => {
  it('sends an anonymous visitor to sign in and back', async () => {
    const res = await t.request('GET', authorizeUrl({ scope: 'read' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location.startsWith('/auth/sign_in?return_to=')).toBe(true);
    expect(decodeURIComponent(location.split('return_to=')[1]!)).toMatch(/^\/oauth\/authorize\?/);
  });

  it('asks a signed-in user to sign in again with force_login, then comes back to the consent page', async () => {
    const res = await web.request('GET', authorizeUrl({ scope: 'read', force_login: 'true' }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/auth\/sign_in\?return_to=.*&force=1$/);
    expect(decodeURIComponent(location)).not.toContain('force_login');
    const page = await web.request('GET', location);
    expect(page.status).toBe(200);
  });

  it("keeps base-uri 'none' in the consent page's own Content-Security-Policy", async () => {
    const page = await web.request('GET', authorizeUrl({ scope: 'read' }));
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|;\s*)base-uri 'none'(;|$)/);
    expect(csp).toContain('form-action');
  });

  it('renders the same consent page at /oauth/authorize/ with a trailing slash (the toot CLI opens that)', async () => {
    const query = authorizeUrl({ scope: 'read write', state: 'toot' }).split('?')[1]!;
    const plain = await web.request('GET', `/oauth/authorize?${query}`);
    const slashed = await web.request('GET', `/oauth/authorize/?${query}`);
    expect(slashed.status).toBe(200);
    const html = await slashed.text();
    const hidden = (page: string) => [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => m[1] === '_csrf' ? '_csrf' : `${m[1]}=${m[2]}`);
    expect(hidden(html)).toEqual(hidden(await plain.text()));
    expect(html).toContain('Cliente de prueba');
    expect(html).toContain('action="/oauth/authorize"');
  });

  it('shows the consent page in English when asked with lang=en', async () => {
    const browser = createBrowser(t);
    await browser.signIn(bob.username, PASSWORD);
    const first = await browser.request('GET', authorizeUrl({ scope: 'read', lang: 'en' }));
    expect(first.status).toBe(303);
    const page = await browser.request('GET', first.headers.get('location')!);
    const html = await page.text();
    expect(html).toContain('Authorise application');
    expect(html).toContain('Cliente de prueba');
  });

  it('issues a token for the right verifier, and the code works only once', async () => {
    const { verifier, challenge } = pkce();
    const { code, state } = await approve({ scope: 'read write', state: 'xyz 123', code_challenge: challenge, code_challenge_method: 'S256' });
    expect(state).toBe('xyz 123');
    const stored = await t.ctx.db.selectFrom('oauth_authorization_codes').select('code_hash').where('code_hash', '=', hashToken(code)).executeTakeFirst();
    expect(stored).toBeDefined();
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(first.res.status).toBe(200);
    expect(first.body.scope).toBe('read write');
    const me = await t.request('GET', '/api/v1/accounts/verify_credentials', { token: first.body.access_token! });
    expect(((await me.json()) as { username: string }).username).toBe(alice.username);
    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(again.res.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
    expect(again.body.error_description).toBeTruthy();
  });

  it('refuses a wrong code verifier', async () => {
    const { challenge } = pkce();
    const { code } = await approve({ scope: 'read', code_challenge: challenge, code_challenge_method: 'S256' });
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier });
    expect(res.res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses a redirect_uri different from the authorization request', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await approve({ scope: 'read', code_challenge: challenge, code_challenge_method: 'S256' });
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', code_verifier: verifier });
    expect(res.res.status).toBe(400);
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses an expired code', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await approve({ scope: 'read', code_challenge: challenge, code_challenge_method: 'S256' });
    await t.ctx.db.updateTable('oauth_authorization_codes').set({ expires_at: new Date(Date.now() - 1000) }).where('code_hash', '=', hashToken(code)).execute();
    const res = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier });
    expect(res.body.error).toBe('invalid_grant');
  });

  it('refuses a code exchanged by another client', async () => {
    const other = (await createClient({ client_name: 'Intrusa', redirect_uris: REDIRECT, scopes: 'read' })).app;
    const { code } = await approve({ scope: 'read' });
    const res = await t.request('POST', '/oauth/token', { form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: other.client_id, client_secret: other.client_secret } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('never redirects to an unknown client or an unregistered redirect URI', async () => {
    const unknown = await web.request('GET', '/oauth/authorize?response_type=code&client_id=nope&redirect_uri=https://evil.example/');
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();
    const unregistered = await web.request('GET', authorizeUrl({ redirect_uri: 'https://evil.example/cb' }));
    expect(unregistered.status).toBe(400);
    expect(unregistered.headers.get('location')).toBeNull();
  });

  it('sends scope errors back to the client with the state', async () => {
    const res = await web.request('GET', authorizeUrl({ scope: 'admin:write', state: 's1' }));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('s1');
  });

  it('refuses a forged consent post without the CSRF token', async () => {
    const res = await web.request('POST', '/oauth/authorize', { form: { response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT, scope: 'read', decision: 'approve' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
  });

  it('redirects with access_denied when the user denies', async () => {
    const page = await web.request('GET', authorizeUrl({ scope: 'read', state: 'no' }));
    const csrf = csrfIn(await page.text());
    const res = await web.request('POST', '/oauth/authorize', { form: { _csrf: csrf, response_type: 'code', client_id: client.client_id, redirect_uri: REDIRECT, scope: 'read', state: 'no', decision: 'deny' } });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('shows the code on a page for out-of-band clients', async () => {
    const page = await web.request('GET', authorizeUrl({ scope: 'read', redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' }));
    const csrf = csrfIn(await page.text());
    const res = await web.request('POST', '/oauth/authorize', {
      form: { _csrf: csrf, response_type: 'code', client_id: client.client_id, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob', scope: 'read', decision: 'approve' },
    });
    expect(res.status).toBe(200);
    const code = /<code>([A-Za-z0-9_-]{40,})<\/code>/.exec(await res.text())![1]!;
    const exchanged = await token({ grant_type: 'authorization_code', code, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' });
    expect(exchanged.res.status).toBe(200);
  });
});

describe('password grant', () => {
  it('issues a token for a username or e-mail and the right password', async () => {
    const byName = await token({ grant_type: 'password', username: alice.username, password: PASSWORD, scope: 'read' });
    expect(byName.res.status).toBe(200);
    const byEmail = await token({ grant_type: 'password', username: `${alice.username.toUpperCase()}@example.test`, password: PASSWORD, scope: 'read' });
    expect(byEmail.res.status).toBe(200);
  });

  it('grants the default scope (read) when none is asked for, never everything the app registered', async () => {
    const { res, body } = await token({ grant_type: 'password', username: alice.username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect((body as { scope: string }).scope).toBe('read');
    const machine = await token({ grant_type: 'client_credentials' });
    expect((machine.body as { scope: string }).scope).toBe('read');
  });

  it('answers a wrong password in the RFC 6749 error shape', async () => {
    const { res, body } = await token({ grant_type: 'password', username: alice.username, password: 'not the password at all' });
    expect(res.status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('requires the current TOTP code when the account has two-factor authentication', async () => {
    const carol = await t.createUser();
    const setup = await setupTotp(t.ctx.db, carol.userId, PASSWORD, 'Medired');
    await enableTotp(t.ctx, carol.userId, currentTotpCode(setup.secret));
    const without = await token({ grant_type: 'password', username: carol.username, password: PASSWORD });
    expect(without.res.status).toBe(400);
    expect(without.body.error_description).toMatch(/otp/);
    const wrong = await token({ grant_type: 'password', username: carol.username, password: PASSWORD, otp: '000000' });
    expect(wrong.res.status).toBe(400);
    const next = currentTotpCode(setup.secret, Date.now() + 30_000);
    const ok = await token({ grant_type: 'password', username: carol.username, password: PASSWORD, otp: next });
    expect(ok.res.status).toBe(200);
    const replay = await token({ grant_type: 'password', username: carol.username, password: PASSWORD, otp: next });
    expect(replay.res.status).toBe(400);
  });
});

describe('client credentials and scopes', () => {
  it('lets an app token register an account (Mastodon sign-up from an app)', async () => {
    const { body } = await token({ grant_type: 'client_credentials', scope: 'read write' });
    expect(body.access_token).toBeTruthy();
    const stored = await t.ctx.db.selectFrom('oauth_access_tokens').select(['user_id', 'token_hash']).where('token_hash', '=', hashToken(body.access_token!)).executeTakeFirstOrThrow();
    expect(stored.user_id).toBeNull();
    const res = await t.request('POST', '/api/v1/accounts', {
      token: body.access_token!,
      json: { username: 'desde_app', email: 'desde_app@example.test', password: 'una frase bastante larga y rara', agreement: true },
    });
    expect(res.status).toBe(200);
    const userToken = ((await res.json()) as { access_token: string }).access_token;
    const app = await t.request('GET', '/api/v1/apps/verify_credentials', { token: userToken });
    expect(((await app.json()) as { name: string }).name).toBe('Cliente de prueba');
  });

  it('gives an app token no user: user routes answer 401', async () => {
    const { body } = await token({ grant_type: 'client_credentials' });
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: body.access_token! })).status).toBe(401);
  });

  it('refuses scopes beyond those the app registered', async () => {
    const { res, body } = await token({ grant_type: 'client_credentials', scope: 'admin:read' });
    expect(res.status).toBe(400);
    expect(body.error).toBe('invalid_scope');
  });

  it('enforces scopes: a read-only token cannot follow', async () => {
    const { body } = await token({ grant_type: 'password', username: alice.username, password: PASSWORD, scope: 'read' });
    const follow = await t.request('POST', `/api/v1/accounts/${bob.accountId}/follow`, { token: body.access_token! });
    expect(follow.status).toBe(403);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: body.access_token! })).status).toBe(200);
    const writer = await token({ grant_type: 'password', username: alice.username, password: PASSWORD, scope: 'read write' });
    expect((await t.request('POST', `/api/v1/accounts/${bob.accountId}/follow`, { token: writer.body.access_token! })).status).toBe(200);
  });
});

describe('client authentication, refresh and revocation', () => {
  it('refuses a wrong client secret with 401 invalid_client', async () => {
    const res = await t.request('POST', '/oauth/token', { form: { grant_type: 'client_credentials', client_id: client.client_id, client_secret: 'wrong' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_client');
  });

  it('accepts client credentials with HTTP Basic', async () => {
    const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
    const res = await t.request('POST', '/oauth/token', { form: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
  });

  it('answers unknown and missing grant types in the RFC shape', async () => {
    expect((await token({ grant_type: 'implicit' })).body.error).toBe('unsupported_grant_type');
    expect((await token({})).body.error).toBe('invalid_request');
  });

  it('rotates a refresh token: the old pair stops working', async () => {
    const first = await token({ grant_type: 'password', username: alice.username, password: PASSWORD, scope: 'read' });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token! });
    expect(refreshed.res.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(first.body.access_token);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: first.body.access_token! })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: refreshed.body.access_token! })).status).toBe(200);
    expect((await token({ grant_type: 'refresh_token', refresh_token: first.body.refresh_token! })).body.error).toBe('invalid_grant');
    expect((await token({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token!, scope: 'read write' })).body.error).toBe('invalid_scope');
  });

  it('revokes a token of the client, and ignores tokens of other clients', async () => {
    const issued = await token({ grant_type: 'password', username: alice.username, password: PASSWORD, scope: 'read' });
    const other = (await createClient({ client_name: 'Ajena', redirect_uris: REDIRECT })).app;
    const foreign = await t.request('POST', '/oauth/revoke', { form: { client_id: other.client_id, client_secret: other.client_secret, token: issued.body.access_token! } });
    expect(foreign.status).toBe(200);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: issued.body.access_token! })).status).toBe(200);
    const own = await t.request('POST', '/oauth/revoke', { form: { client_id: client.client_id, client_secret: client.client_secret, token: issued.body.access_token! } });
    expect(own.status).toBe(200);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: issued.body.access_token! })).status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents the OAuth and security endpoints', async () => {
    const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ['/api/v1/apps', '/oauth/token', '/oauth/revoke', '/api/v1/medired/sessions', '/api/v1/medired/two_factor/setup']) {
      expect(Object.keys(doc.paths).some((p) => p === path || p.startsWith(path)), path).toBe(true);
    }
  });
});

describe('GET /.well-known/oauth-authorization-server', () => {
  it('publishes RFC 8414 metadata with the endpoints, grants and PKCE methods', async () => {
    const res = await t.request('GET', '/.well-known/oauth-authorization-server');
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).toBe('http://medired.test/');
    expect(meta.token_endpoint).toBe('http://medired.test/oauth/token');
    expect(meta.authorization_endpoint).toBe('http://medired.test/oauth/authorize');
    expect(meta.app_registration_endpoint).toBe('http://medired.test/api/v1/apps');
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'password', 'client_credentials']));
    expect(meta.code_challenge_methods_supported).toContain('S256');
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['read', 'write:statuses', 'follow']));
  });
});
