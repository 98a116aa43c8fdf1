import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { json } from '../moderation/trust-safety.fixtures.js';
import { postAnonymousForm } from '../testing/anonymous-form.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { canonicalEmail } from './admin-blocks.service.js';

/**
 * Mastodon's server-wide blocks: administrators (with two-factor authentication) keep them,
 * moderators and everyone else are refused, and sign-ups and requests obey them.
 */

let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let member: TestUser;

const PASSWORD = 'correct horse battery staple';
const api = (method: string, url: string, user: TestUser | undefined, body?: unknown, ip?: string) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}), ...(ip ? { ip } : {}) });
const signUp = (username: string, email: string, ip?: string) => api('POST', '/api/v1/accounts', undefined, { username, email, password: PASSWORD, agreement: true, locale: 'es' }, ip);

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  [admin, moderator, member] = await Promise.all([t.createUser({ username: 'administra' }), t.createUser({ username: 'modera' }), t.createUser({ username: 'socia' })]);
  await t.setStaffRole(admin, 'admin');
  await t.setStaffRole(moderator, 'moderator');
  const staffToken = async (u: TestUser) => (await issueAccessToken(t.ctx.db, { userId: u.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token;
  admin = { ...admin, token: await staffToken(admin) };
  moderator = { ...moderator, token: await staffToken(moderator) };
});
afterAll(async () => {
  await t?.close();
});

describe('who keeps the blocks', () => {
  it('administrators only: moderators and members are refused, and every change is in the audit log', async () => {
    for (const path of ['domain_blocks', 'domain_allows', 'email_domain_blocks', 'ip_blocks', 'canonical_email_blocks']) {
      expect((await api('GET', `/api/v1/admin/${path}`, moderator)).status, path).toBe(403);
      expect((await api('GET', `/api/v1/admin/${path}`, member)).status, path).toBe(403);
      expect((await api('GET', `/api/v1/admin/${path}`, admin)).status, path).toBe(200);
    }
    const block = await json<{ id: string }>(await api('POST', '/api/v1/admin/email_domain_blocks', admin, { domain: 'auditado.example' }));
    const entry = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'admin.email_domain_block_create').where('target_id', '=', block.id).executeTakeFirst();
    expect(entry).toMatchObject({ actor_account_id: admin.accountId });
  });
});

describe('domain blocks and allows', () => {
  it('keeps a domain block with Mastodon\'s fields, changes it, lists it publicly (obfuscated when asked) and lifts it', async () => {
    const created = await json<{ id: string; domain: string; severity: string; digest: string }>(
      await api('POST', '/api/v1/admin/domain_blocks', admin, { domain: 'HTTPS://Spam-Central.example/', severity: 'suspend', public_comment: 'Spam sanitario', private_comment: 'Visto en otras instancias' }),
    );
    expect(created).toMatchObject({ domain: 'spam-central.example', severity: 'suspend', reject_media: false, public_comment: 'Spam sanitario', private_comment: 'Visto en otras instancias', obfuscate: false });
    expect(created.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await api('POST', '/api/v1/admin/domain_blocks', admin, { domain: 'spam-central.example' })).status).toBe(422);
    expect((await api('POST', '/api/v1/admin/domain_blocks', admin, { domain: 'no es un dominio' })).status).toBe(422);
    expect((await api('POST', '/api/v1/admin/domain_blocks', admin, { domain: 'medired.test' })).status).toBe(422);

    const changed = await json(await api('PATCH', `/api/v1/admin/domain_blocks/${created.id}`, admin, { severity: 'silence', obfuscate: true }));
    expect(changed).toMatchObject({ severity: 'silence', obfuscate: true, public_comment: 'Spam sanitario' });
    const listed = await json<{ domain: string; severity: string; comment?: string }[]>(await t.request('GET', '/api/v1/instance/domain_blocks'));
    expect(listed).toEqual([{ domain: 'spam-c******.**ample', digest: created.digest, severity: 'silence', comment: 'Spam sanitario' }]);

    expect(await json(await api('DELETE', `/api/v1/admin/domain_blocks/${created.id}`, admin))).toEqual({});
    expect((await api('GET', `/api/v1/admin/domain_blocks/${created.id}`, admin)).status).toBe(404);
    expect(await json(await t.request('GET', '/api/v1/instance/domain_blocks'))).toEqual([]);
  });

  it('keeps allowed domains, with Link pagination', async () => {
    for (const n of [1, 2, 3]) await json(await api('POST', '/api/v1/admin/domain_allows', admin, { domain: `amiga${n}.example` }));
    const page = await api('GET', '/api/v1/admin/domain_allows?limit=2', admin);
    const rows = await json<{ domain: string }[]>(page);
    expect(rows.map((r) => r.domain)).toEqual(['amiga3.example', 'amiga2.example']);
    expect(page.headers.get('link')).toContain('rel="next"');
  });
});

describe('sign-up blocks', () => {
  it('refuses sign-ups with a blocked e-mail domain or its subdomains, counting them in the block\'s history', async () => {
    const block = await json<{ id: string }>(await api('POST', '/api/v1/admin/email_domain_blocks', admin, { domain: 'desechable.example' }));
    const refused = await signUp('con_desechable', 'alguien@desechable.example');
    expect(refused.status).toBe(422);
    expect(await json(refused)).toMatchObject({ key: 'accounts.email.blockedDomain', details: [{ field: 'email' }] });
    expect((await signUp('con_subdominio', 'alguien@correo.desechable.example')).status).toBe(422);
    expect((await signUp('con_otro', 'alguien@bueno.example')).status).toBe(200);
    const shown = await json<{ history: { uses: string }[] }>(await api('GET', `/api/v1/admin/email_domain_blocks/${block.id}`, admin));
    expect(shown.history).toHaveLength(7);
    expect(shown.history[0]!.uses).toBe('2');
  });

  it('refuses an address blocked in its canonical form (dots and +tags ignored), which test finds', async () => {
    expect(canonicalEmail('Mal.Vado+salud@Example.com')).toBe('malvado@example.com');
    const block = await json<{ id: string; canonical_email_hash: string }>(await api('POST', '/api/v1/admin/canonical_email_blocks', admin, { email: 'malvado@example.com' }));
    expect(block.canonical_email_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await signUp('malvado_otra_vez', 'mal.vado+nuevo@example.com')).status).toBe(422);
    expect(await json(await api('POST', '/api/v1/admin/canonical_email_blocks/test', admin, { email: 'm.a.l.v.a.d.o@example.com' }))).toEqual([{ id: block.id, canonical_email_hash: block.canonical_email_hash }]);
    expect(await json(await api('POST', '/api/v1/admin/canonical_email_blocks/test', admin, { email: 'otra@example.com' }))).toEqual([]);
    expect((await api('POST', '/api/v1/admin/canonical_email_blocks', admin, { canonical_email_hash: 'no-es-un-hash' })).status).toBe(422);
  });

  it('refuses sign-ups from a blocked range, on the web page as well', async () => {
    const block = await json<{ id: string; ip: string }>(await api('POST', '/api/v1/admin/ip_blocks', admin, { ip: '192.0.2.7/24', severity: 'sign_up_block', comment: 'Altas en masa', expires_in: 3600 }));
    expect(block).toMatchObject({ ip: '192.0.2.0/24', severity: 'sign_up_block', comment: 'Altas en masa' });
    expect((await signUp('desde_la_red', 'red@ejemplo.example', '192.0.2.99')).status).toBe(403);
    expect((await signUp('desde_fuera', 'fuera@ejemplo.example', '198.51.100.1')).status).toBe(200);
    const page = await postAnonymousForm(t, '/auth/sign_up', { username: 'web_desde_red', email: 'web@ejemplo.example', password: PASSWORD, agreement: 'on', kind: 'patient' }, { ip: '192.0.2.50' });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('No se admiten registros desde tu red.');
    // Medired has no sign-up approval queue, so such a block could not be honoured.
    expect((await api('POST', '/api/v1/admin/ip_blocks', admin, { ip: '192.0.3.1', severity: 'sign_up_requires_approval' })).status).toBe(422);
    expect((await api('POST', '/api/v1/admin/ip_blocks', admin, { ip: 'no-es-una-ip', severity: 'no_access' })).status).toBe(422);
  });
});

describe('no_access IP blocks', () => {
  it('refuse every request from the range, at once; an administrator cannot lock themselves out', async () => {
    expect((await api('POST', '/api/v1/admin/ip_blocks', admin, { ip: '203.0.113.0/24', severity: 'no_access' })).status).toBe(422);
    const block = await json<{ id: string }>(await api('POST', '/api/v1/admin/ip_blocks', admin, { ip: '2001:db8::/32', severity: 'no_access' }));
    expect((await t.request('GET', '/api/v1/instance', { ip: '2001:db8::1' })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/timelines/home', { token: member.token, ip: '2001:db8:ffff::9' })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/instance', { ip: '2001:db9::1' })).status).toBe(200);
    await json(await api('DELETE', `/api/v1/admin/ip_blocks/${block.id}`, admin));
    expect((await t.request('GET', '/api/v1/instance', { ip: '2001:db8::1' })).status).toBe(200);
  });
});
