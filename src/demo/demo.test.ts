import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { ALL_DEMO_ACCOUNTS, seedDemoWorldIfEmpty } from './demo.seed.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { DEMO_PASSWORD } from './demo.accounts.js';
import { DEMO_READERS } from './demo.analytics.js';

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
    // The named accounts, the directory's, and the quiet readers who follow and like (src/demo/demo.analytics.ts).
    expect(accounts).toHaveLength(ALL_DEMO_ACCOUNTS.length + DEMO_READERS);
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

  it('has a dental clinic with before/after pairs published with consent (one withdrawn), described images and video links', async () => {
    const clinic = (await (await t.request('GET', '/api/v1/accounts/lookup?acct=clinica_dental_sonrisa')).json()) as { id: string; medired: { verified: boolean } };
    expect(clinic.medired.verified).toBe(true);
    const gallery = (await (await t.request('GET', `/api/v1/medired/accounts/${clinic.id}/gallery`)).json()) as { consent: { state: string }; before: { url: string; description: string } | null }[];
    expect(gallery.map((g) => g.consent.state).sort()).toEqual(['given', 'given', 'withdrawn']);
    const shown = gallery.find((g) => g.before)!;
    expect(shown.before!.description).not.toBe('');
    const image = await t.request('GET', shown.before!.url.replace('http://medired.test', ''));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    const page = await (await t.request('GET', '/@clinica_dental_sonrisa/gallery')).text();
    expect(page).toContain('Publicado con el consentimiento del paciente');
    expect(page).toContain('El paciente retiró su consentimiento');
    const videos = await t.ctx.db.selectFrom('statuses').select('content_source').where('content_source', 'like', '%youtu%').execute();
    expect(videos.length).toBeGreaterThanOrEqual(3);
    const profile = await (await t.request('GET', '/@clinica_dental_sonrisa')).text();
    expect(profile).toContain('Vídeo de YouTube');
    const described = await t.ctx.db.selectFrom('media_attachments').select('description').where('status_id', 'is not', null).where('description', '<>', '').execute();
    expect(described.length).toBeGreaterThanOrEqual(1);
  });

  it('shows media made by the real pipeline: an infographic with its description and blurhash, a video with its poster', async () => {
    const timeline = (await (await t.request('GET', '/api/v1/timelines/public?only_media=true&limit=40')).json()) as {
      account: { username: string };
      media_attachments: { type: string; url: string; preview_url: string; blurhash: string; description: string; meta: { original: { width: number }; small: { width: number }; focus?: unknown } }[];
    }[];
    const image = timeline.find((s) => s.account.username === 'dra_lucia_moreno')!.media_attachments[0]!;
    expect(image).toMatchObject({ type: 'image', meta: { original: { width: 1600 }, focus: { x: -0.3, y: 0.2 } } });
    expect(image.description).toMatch(/Infografía/);
    expect(image.blurhash).toHaveLength(36);
    expect((await t.request('GET', new URL(image.preview_url).pathname)).headers.get('content-type')).toBe('image/webp');
    const video = timeline.find((s) => s.account.username === 'enf_marta_gil' && s.media_attachments[0]?.type === 'video')!.media_attachments[0]!;
    expect(video.preview_url).toMatch(/-poster\.webp$/);
    expect((await t.request('GET', new URL(video.url).pathname, { headers: { range: 'bytes=0-7' } })).status).toBe(206);
  });

  it('fills the directory: a patient finds the cardiologist and the paediatrician in Sevilla the way people ask', async () => {
    const names = async (q: string) =>
      ((await (await t.request('GET', `/api/v2/search?type=accounts&q=${encodeURIComponent(q)}`)).json()) as { accounts: { username: string }[] }).accounts.map((a) => a.username);
    expect(await names('cardióloga Sevilla')).toEqual(['dra_rocio_pineda']);
    expect(await names('pediatra Sevilla')).toEqual(['dr_javier_ruiz']);
    expect(await names('Sevilla')).not.toContain('luis_m');
    const categories = (await (await t.request('GET', '/api/v1/medired/directory/categories')).json()) as { specialties: unknown[]; places: { city: string }[] };
    expect(categories.specialties.length).toBeGreaterThanOrEqual(15);
    expect(categories.places.map((p) => p.city)).toEqual(expect.arrayContaining(['Madrid', 'Sevilla', 'Barcelona', 'Valencia', 'Bilbao', 'Málaga']));
  });

  it('has an influence score for every professional and organisation, computed at seed', async () => {
    const health = await t.ctx.db.selectFrom('accounts').select('id').where('kind', '<>', 'patient').execute();
    const scored = await t.ctx.db.selectFrom('account_influence').select(['account_id', 'score']).execute();
    expect(scored).toHaveLength(health.length);
    expect(scored.filter((s) => s.score > 10).length).toBeGreaterThan(5);
    expect(await t.ctx.db.selectFrom('influence_dirty').select('account_id').execute()).toEqual([]);
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
    expect(Number(count.n)).toBe(ALL_DEMO_ACCOUNTS.length + DEMO_READERS);
  });

  it('gives Lucía Moreno and the Clínica San Vicente three months of statistics', async () => {
    for (const username of ['dra_lucia_moreno', 'clinica_sanvicente']) {
      const user = await t.ctx.db.selectFrom('users').innerJoin('accounts', 'accounts.id', 'users.account_id').select(['users.id', 'accounts.followers_count']).where('accounts.username', '=', username).executeTakeFirstOrThrow();
      const token = (await issueAccessToken(t.ctx.db, { userId: user.id, applicationId: null, scopes: 'read' })).access_token;
      const res = await t.request('GET', '/api/v1/medired/analytics?days=90', { token });
      expect(res.status).toBe(200);
      type Chart = { id: string; rows: Record<string, number | null>[] };
      const body = (await res.json()) as { sections: { id: string; charts: Chart[]; tables: { id: string; rows: unknown[] }[]; figures: { key: string; value: number | null }[] }[] };
      const charts = body.sections.flatMap((s) => s.charts);
      const followers = charts.find((c) => c.id === 'followers')!.rows.map((r) => r.followers!);
      expect(followers).toHaveLength(90);
      expect(followers.every((n) => typeof n === 'number')).toBe(true);
      // Growing over the quarter, ending at the live count, with some unfollows on the way.
      expect(followers.at(-1)).toBe(user.followers_count);
      expect(followers.at(-1)! - followers[0]!).toBeGreaterThan(15);
      expect(charts.find((c) => c.id === 'follower_changes')!.rows.some((r) => (r.lost ?? 0) > 0)).toBe(true);
      const views = charts.find((c) => c.id === 'views')!.rows;
      expect(views.filter((r) => (r.posts ?? 0) + (r.articles ?? 0) > 0).length).toBeGreaterThan(80);
      const reach = body.sections.find((s) => s.id === 'reach')!;
      const rate = reach.figures.find((f) => f.key === 'engagement_rate')!.value!;
      expect(rate).toBeGreaterThan(0.02);
      expect(rate).toBeLessThan(0.15);
      expect(reach.tables.find((tb) => tb.id === 'top_by_views')!.rows.length).toBeGreaterThanOrEqual(10);
    }
  });
});
