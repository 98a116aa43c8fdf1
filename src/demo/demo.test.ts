import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { seedDemoWorldIfEmpty } from './demo.seed.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.accounts.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoWorldIfEmpty(t.ctx);
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('the demo world', () => {
  it('has accounts of every kind, with the first one as admin and verified professionals', async () => {
    const accounts = await t.ctx.db.selectFrom('accounts').select(['username', 'kind', 'verification_status']).execute();
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(accounts.map((a) => a.kind))).toEqual(new Set(['patient', 'professional', 'organization']));
    expect(accounts.filter((a) => a.verification_status === 'verified').length).toBeGreaterThanOrEqual(5);
    expect(accounts.some((a) => a.verification_status === 'pending')).toBe(true);
    const admin = await t.ctx.db.selectFrom('users').innerJoin('accounts', 'accounts.id', 'users.account_id').select(['accounts.username', 'users.staff_role']).where('users.staff_role', '=', 'admin').execute();
    expect(admin.map((a) => a.username)).toEqual(['equipo_medired']);
  });

  it('shows a living network: posts, articles, follows and interactions on the public API', async () => {
    const lucia = (await (await t.request('GET', '/api/v1/accounts/lookup?acct=dra_lucia_moreno')).json()) as { id: string; followers_count: number; medired: { verified: boolean } };
    expect(lucia.medired.verified).toBe(true);
    expect(lucia.followers_count).toBeGreaterThan(3);
    const articles = await t.ctx.db.selectFrom('statuses').select('id').where('kind', '=', 'article').execute();
    expect(articles.length).toBeGreaterThanOrEqual(3);
    const liked = await t.ctx.db.selectFrom('statuses').select('favourites_count').where('favourites_count', '>', 0).execute();
    expect(liked.length).toBeGreaterThan(5);
  });

  it('has answered and unanswered questions in the Consulta abierta', async () => {
    const questions = await t.ctx.db.selectFrom('consulta_questions').select(['id', 'first_answered_at']).execute();
    expect(questions.some((q) => q.first_answered_at !== null)).toBe(true);
    expect(questions.some((q) => q.first_answered_at === null)).toBe(true);
  });

  it('has an active health alert shown to people in its region', async () => {
    const ana = await t.ctx.db.selectFrom('users').innerJoin('accounts', 'accounts.id', 'users.account_id').select('users.id').where('accounts.username', '=', 'ana_paciente').executeTakeFirstOrThrow();
    const token = await issueAccessToken(t.ctx.db, { userId: ana.id, applicationId: null, scopes: 'read' });
    const res = await t.request('GET', '/api/v1/medired/alerts/active', { token: token.access_token });
    expect(res.status).toBe(200);
    const alerts = (await res.json()) as { title: string; severity: string }[];
    expect(alerts.some((a) => a.severity === 'warning' && a.title.includes('vacunación'))).toBe(true);
  });

  it('has private conversations and a pending message request for Ana', async () => {
    const ana = await t.ctx.db.selectFrom('users').innerJoin('accounts', 'accounts.id', 'users.account_id').select('users.id').where('accounts.username', '=', 'ana_paciente').executeTakeFirstOrThrow();
    const token = (await issueAccessToken(t.ctx.db, { userId: ana.id, applicationId: null, scopes: 'read' })).access_token;
    const conversations = (await (await t.request('GET', '/api/v1/conversations', { token })).json()) as { accounts: { acct: string }[]; last_status: { content: string } }[];
    expect(conversations.map((c) => c.accounts.map((a) => a.acct).join())).toEqual(['dra_lucia_moreno']);
    expect(conversations[0]!.last_status.content).toContain('registro');
    const requests = (await (await t.request('GET', '/api/v1/medired/conversations/requests', { token })).json()) as { accounts: { acct: string }[] }[];
    expect(requests.map((c) => c.accounts.map((a) => a.acct).join())).toEqual(['luis_m']);
    const groups = await t.ctx.db.selectFrom('conversations').select('id').where('is_group', '=', true).execute();
    expect(groups).toHaveLength(1);
  });

  it('has complaints in every state, public and private, with response times the profiles show', async () => {
    const rows = await t.ctx.db.selectFrom('complaints').select(['state', 'visibility', 'removed_at', 'moved_to_private_at']).execute();
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['open', 'answered', 'resolved', 'closed']));
    expect(new Set(rows.map((r) => r.visibility))).toEqual(new Set(['public', 'private']));
    expect(rows.some((r) => r.removed_at)).toBe(true);
    expect(rows.some((r) => r.moved_to_private_at)).toBe(true);
    const clinic = await (await t.request('GET', '/@clinica_sanvicente')).text();
    expect(clinic).toContain('75');
    expect(clinic).toContain('Tres horas de espera');
    expect(clinic).not.toContain('Comentaron mi diagnóstico');
  });

  it('has practice information and care requests in every state, with a median answer time for the clinic', async () => {
    const states = await t.ctx.db.selectFrom('care_requests').select('state').execute();
    expect(new Set(states.map((s) => s.state))).toEqual(new Set(['new', 'answered', 'closed']));
    const clinic = (await (await t.request('GET', '/api/v1/accounts/lookup?acct=clinica_sanvicente')).json()) as { id: string };
    const practice = (await (await t.request('GET', `/api/v1/medired/accounts/${clinic.id}/practice`)).json()) as { accepts_online_requests: boolean; median_first_answer_seconds: number };
    expect(practice.accepts_online_requests).toBe(true);
    expect(practice.median_first_answer_seconds).toBe(3 * 3600);
  });

  it('has notification requests waiting for Dra. Lucía Moreno, a private note of hers and the admins\' blocks', async () => {
    const lucia = await t.ctx.db.selectFrom('users').innerJoin('accounts', 'accounts.id', 'users.account_id').select(['users.id', 'accounts.id as account_id']).where('accounts.username', '=', 'dra_lucia_moreno').executeTakeFirstOrThrow();
    const token = (await issueAccessToken(t.ctx.db, { userId: lucia.id, applicationId: null, scopes: 'read' })).access_token;
    const requests = (await (await t.request('GET', '/api/v1/notifications/requests', { token })).json()) as { account: { acct: string }; last_status?: { content: string } }[];
    expect(requests.map((r) => r.account.acct).sort()).toEqual(['carlos_dt1', 'sofia_r']);
    expect(requests.find((r) => r.account.acct === 'carlos_dt1')!.last_status!.content).toContain('metformina');
    const policy = (await (await t.request('GET', '/api/v2/notifications/policy', { token })).json()) as { for_not_following: string };
    expect(policy.for_not_following).toBe('filter');
    expect(await t.ctx.db.selectFrom('account_notes').select('comment').where('account_id', '=', lucia.account_id).execute()).toHaveLength(1);
    expect(((await (await t.request('GET', '/api/v1/instance/domain_blocks')).json()) as { domain: string }[]).map((b) => b.domain)).toEqual(['remedios-milagro.example']);
  });

  it('lets a demo user sign in with the documented password', async () => {
    const app = await t.request('POST', '/api/v1/apps', { json: { client_name: 'demo-check', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read' } });
    const { client_id, client_secret } = (await app.json()) as { client_id: string; client_secret: string };
    const res = await t.request('POST', '/oauth/token', {
      json: { grant_type: 'password', client_id, client_secret, username: 'ana_paciente@demo.medired.invalid', password: DEMO_PASSWORD, scope: 'read' },
    });
    expect(res.status).toBe(200);
  });

  it('is not loaded twice', async () => {
    await seedDemoWorldIfEmpty(t.ctx);
    const count = await t.ctx.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(DEMO_ACCOUNTS.length);
  });
});
