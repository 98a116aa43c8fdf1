import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';
import { addDays, dayOf } from './analytics-range.js';
import { snapshotFollowerDays } from './analytics-jobs.js';
import { flushViewCounts, recordView } from './view-counting.js';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

let t: TestApp;
let pro: TestUser;
let org: TestUser;
let patient: TestUser;
let readers: TestUser[];

type Json = Record<string, any>;

async function json(res: Response | Promise<Response>): Promise<Json> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as Json;
}

async function post(user: TestUser, text: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (await json(t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: text, visibility: 'public', ...extra } }))).id as string;
}

/** Fetches a status the way an app would (API), with a user agent. */
const apiView = (id: string, options: { token?: string; ua?: string; ip?: string } = {}) =>
  t.request('GET', `/api/v1/statuses/${id}`, { token: options.token, ip: options.ip ?? '198.51.100.7', headers: { 'user-agent': options.ua ?? BROWSER } });

/** Opens a status page the way a visitor's browser would. */
const pageView = (user: TestUser, id: string, headers: Record<string, string> = {}, ip = '198.51.100.8') =>
  t.request('GET', `/@${user.username}/${id}`, { ip, headers: { accept: 'text/html', 'user-agent': BROWSER, ...headers } });

async function viewsOf(statusId: string): Promise<number> {
  await flushViewCounts(t.ctx);
  const rows = await t.ctx.db.selectFrom('analytics_item_views').select('views').where('status_id', '=', statusId).execute();
  return rows.reduce((n, r) => n + r.views, 0);
}

const section = (body: Json, id: string) => (body.sections as Json[]).find((s) => s.id === id)!;
const chart = (body: Json, id: string) => (body.sections as Json[]).flatMap((s) => s.charts as Json[]).find((c) => c.id === id)!;
const figure = (body: Json, sectionId: string, key: string) => (section(body, sectionId).figures as Json[]).find((f) => f.key === key)!.value;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser({ username: 'analytics_admin' });
  pro = await createVerifiedProfessional(t, 'cardiology');
  org = await createVerifiedOrganization(t);
  patient = await t.createUser();
  readers = await Promise.all([1, 2, 3, 4].map(() => t.createUser()));
});
afterAll(async () => {
  await t.close();
});

describe('counting views', () => {
  it('counts each viewer once a day, whether by the web page or the API, and signed-in readers on every device as one', async () => {
    const id = await post(pro, 'Cinco consejos para la tensión arterial');
    await json(apiView(id, { token: readers[0]!.token }));
    await json(apiView(id, { token: readers[0]!.token, ua: PHONE, ip: '192.0.2.99' }));
    expect((await pageView(pro, id, { 'user-agent': BROWSER })).status).toBe(200);
    expect((await pageView(pro, id)).status).toBe(200); // the same visitor (IP + user agent) again
    expect((await pageView(pro, id, { 'user-agent': PHONE })).status).toBe(200); // another device behind the same IP: another visitor
    await json(apiView(id, { token: readers[1]!.token }));
    expect(await viewsOf(id)).toBe(4);
  });

  it('counts the same viewer again the next day, in the next day', async () => {
    const id = await post(pro, 'Mañana hablamos de colesterol');
    const today = new Date();
    const tomorrow = new Date(today.getTime() + 86_400_000);
    const who = { accountId: readers[2]!.accountId, ip: '198.51.100.1', userAgent: BROWSER };
    expect(await recordView(t.ctx, id, who, today)).toBe(true);
    expect(await recordView(t.ctx, id, who, today)).toBe(false);
    expect(await recordView(t.ctx, id, who, tomorrow)).toBe(true);
    await flushViewCounts(t.ctx);
    const rows = await t.ctx.db.selectFrom('analytics_item_views').select([sql<string>`day::text`.as('day'), 'views']).where('status_id', '=', id).orderBy('day').execute();
    expect(rows).toEqual([
      { day: dayOf(today), views: 1 },
      { day: dayOf(tomorrow), views: 1 },
    ]);
  });

  it("does not count the author's own views, robots, link previews, prefetches, or posts of patients", async () => {
    const id = await post(pro, 'Nuevo artículo sobre hipertensión');
    await json(apiView(id, { token: pro.token }));
    const own = await webSession(t, pro);
    expect((await own.get(`/@${pro.username}/${id}`, { 'user-agent': BROWSER })).status).toBe(200);
    for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'facebookexternalhit/1.1', 'curl/8.5.0', 'python-requests/2.32', 'Mozilla/5.0 HeadlessChrome/131.0', '']) {
      expect((await pageView(pro, id, { 'user-agent': ua }, '198.51.100.50')).status).toBe(200);
    }
    expect((await pageView(pro, id, { 'sec-purpose': 'prefetch' }, '198.51.100.51')).status).toBe(200);
    expect(await viewsOf(id)).toBe(0);

    const patientPost = await post(patient, 'Hoy me he tomado la tensión');
    await json(apiView(patientPost, { token: readers[0]!.token }));
    expect(await viewsOf(patientPost)).toBe(0);
  });

  it('keeps no per-viewer identifier in the database: aggregate columns only, no IP, user agent or hash anywhere', async () => {
    const id = await post(org, 'Campaña de vacunación de la gripe');
    const marker = 'UniqueAgentForPrivacyCheck/9.9';
    const ip = '203.0.113.77';
    expect((await pageView(org, id, { 'user-agent': `Mozilla/5.0 ${marker}` }, ip)).status).toBe(200);
    expect(await viewsOf(id)).toBe(1);
    const columns = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name LIKE 'analytics%' ORDER BY table_name, ordinal_position`.execute(t.ctx.db);
    const byTable: Record<string, string[]> = {};
    for (const c of columns.rows) (byTable[c.table_name] ??= []).push(c.column_name);
    expect(byTable).toEqual({
      analytics_follower_events: ['id', 'account_id', 'delta', 'created_at'],
      analytics_follower_snapshots: ['account_id', 'day', 'followers'],
      analytics_item_views: ['status_id', 'account_id', 'day', 'views'],
      analytics_state: ['singleton', 'started_at'],
    });
    // Nothing the view left behind names the visitor: not in our tables, not in a job's payload.
    const dump = JSON.stringify([
      await t.ctx.db.selectFrom('analytics_item_views').selectAll().execute(),
      await t.ctx.db.selectFrom('jobs').select(['queue', 'payload']).execute(),
    ]);
    expect(dump).not.toContain(marker);
    expect(dump).not.toContain(ip);
    expect(dump).not.toContain('visitor:');
  });

  it('schedules one flush job per slot and writes nothing on the request path', async () => {
    const id = await post(pro, 'Una publicación más');
    const slot = () => `analytics.flush_views:${Math.floor(Date.now() / 30_000)}`;
    const slots = [slot()];
    await json(apiView(id, { token: readers[3]!.token }));
    slots.push(slot());
    // The count is not awaited by the request: wait for its flush job to appear.
    const flushJobs = () => t.ctx.db.selectFrom('jobs').select(['payload', 'run_at']).where('queue', '=', 'analytics.flush_views').execute();
    const ofThisSlot = async () => (await flushJobs()).filter((j) => slots.includes(String(j.payload.occurrence)));
    for (let i = 0; i < 200 && (await ofThisSlot()).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await ofThisSlot()).length).toBeGreaterThanOrEqual(1);
    // One job per 30-second slot, however many views; its payload names only the slot.
    const all = await flushJobs();
    expect(new Set(all.map((j) => j.payload.occurrence)).size).toBe(all.length);
    for (const j of all) expect(Object.keys(j.payload)).toEqual(['occurrence']);
    // Nothing was written to the views table by the request.
    expect(await t.ctx.db.selectFrom('analytics_item_views').select('views').where('status_id', '=', id).execute()).toEqual([]);
    expect(await viewsOf(id)).toBe(1);
  });
});

describe('followers over time', () => {
  it('is exact per day from follow and unfollow events, and the daily snapshots agree', async () => {
    const owner = await createVerifiedProfessional(t, 'pediatrics');
    const fans = await Promise.all([1, 2, 3].map(() => t.createUser()));
    for (const f of fans) await json(t.request('POST', `/api/v1/accounts/${owner.accountId}/follow`, { token: f.token }));
    await json(t.request('POST', `/api/v1/accounts/${owner.accountId}/unfollow`, { token: fans[2]!.token }));
    await json(t.request('POST', `/api/v1/accounts/${fans[0]!.accountId}/follow`, { token: owner.token })); // following others is not followers
    // Place the events on known days: two follows three days ago, one yesterday, the unfollow today.
    const today = dayOf(new Date());
    const events = await t.ctx.db.selectFrom('analytics_follower_events').select(['id', 'delta']).where('account_id', '=', owner.accountId).orderBy('id').execute();
    expect(events.map((e) => e.delta)).toEqual([1, 1, 1, -1]);
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    const when = [addDays(today, -3), addDays(today, -3), addDays(today, -1), today];
    for (const [i, e] of events.entries()) await t.ctx.db.updateTable('analytics_follower_events').set({ created_at: at(when[i]!) }).where('id', '=', e.id).execute();
    await t.ctx.db.updateTable('accounts').set({ created_at: at(addDays(today, -5)) }).where('id', '=', owner.accountId).execute();
    await t.ctx.db.updateTable('analytics_state').set({ started_at: at(addDays(today, -30)) }).execute();

    const series = async () => chart(await json(t.request('GET', '/api/v1/medired/analytics?days=7', { token: owner.token })), 'followers').rows.map((r: Json) => r.followers);
    const expected = [null, 0, 0, 2, 2, 3, 2]; // created five days ago (−5), follows at −3 and −1, unfollow today
    expect(await series()).toEqual(expected);
    const changes = chart(await json(t.request('GET', '/api/v1/medired/analytics?days=7', { token: owner.token })), 'follower_changes').rows;
    expect(changes.at(-1)).toMatchObject({ gained: 0, lost: 1 });
    expect(changes.at(-4)).toMatchObject({ gained: 2, lost: 0 });

    const written = await snapshotFollowerDays(t.ctx);
    expect(written.at(-1)).toBe(addDays(today, -1));
    const snaps = await t.ctx.db.selectFrom('analytics_follower_snapshots').select([sql<string>`day::text`.as('day'), 'followers']).where('account_id', '=', owner.accountId).orderBy('day').execute();
    expect(snaps.slice(-4)).toEqual([
      { day: addDays(today, -4), followers: 0 },
      { day: addDays(today, -3), followers: 2 },
      { day: addDays(today, -2), followers: 2 },
      { day: addDays(today, -1), followers: 3 },
    ]);
    expect(await snapshotFollowerDays(t.ctx)).toEqual([]); // once a day
    expect(await series()).toEqual(expected);
    const body = await json(t.request('GET', '/api/v1/medired/analytics?days=7', { token: owner.token }));
    expect(figure(body, 'followers', 'followers')).toBe(2);
    expect(figure(body, 'followers', 'net')).toBe(2);
    expect([figure(body, 'followers', 'gained'), figure(body, 'followers', 'lost')]).toEqual([3, 1]);
  });

  it('counts followers removed by the account, by a block and by a deleted account', async () => {
    const owner = await createVerifiedOrganization(t);
    const [a, b] = await Promise.all([t.createUser(), t.createUser()]);
    for (const f of [a, b]) await json(t.request('POST', `/api/v1/accounts/${owner.accountId}/follow`, { token: f.token }));
    await json(t.request('POST', `/api/v1/accounts/${a.accountId}/remove_from_followers`, { token: owner.token }));
    await json(t.request('POST', `/api/v1/accounts/${b.accountId}/block`, { token: owner.token }));
    const gone = await t.createUser();
    await json(t.request('POST', `/api/v1/accounts/${owner.accountId}/follow`, { token: gone.token }));
    await t.ctx.db.deleteFrom('accounts').where('id', '=', gone.accountId).execute();
    const events = await t.ctx.db.selectFrom('analytics_follower_events').select('delta').where('account_id', '=', owner.accountId).orderBy('id').execute();
    expect(events.map((e) => e.delta)).toEqual([1, 1, -1, -1, 1, -1]);
    // Deleting a followed account deletes its follows without an event to count for it.
    const followed = await createVerifiedProfessional(t, 'pediatrics');
    await json(t.request('POST', `/api/v1/accounts/${followed.accountId}/follow`, { token: a.token }));
    await t.ctx.db.deleteFrom('accounts').where('id', '=', followed.accountId).execute();
    expect(await t.ctx.db.selectFrom('analytics_follower_events').select('id').where('account_id', '=', followed.accountId).execute()).toEqual([]);
    const series = chart(await json(t.request('GET', '/api/v1/medired/analytics?days=7', { token: owner.token })), 'followers').rows;
    expect(series.at(-1).followers).toBe(0);
  });
});

describe('engagement', () => {
  it('is distinct engaging accounts over views, per day and per item, without the author', async () => {
    const owner = await createVerifiedProfessional(t, 'dermatology');
    const first = await post(owner, 'Protección solar en invierno');
    const second = await post(owner, '=HYPERLINK("http://evil.example","pulsa")');
    // Four people view the first post, two the second; three engage with the first, one with both.
    for (const r of readers) await json(apiView(first, { token: r.token }));
    for (const r of readers.slice(0, 2)) await json(apiView(second, { token: r.token }));
    await json(t.request('POST', `/api/v1/statuses/${first}/favourite`, { token: readers[0]!.token }));
    await json(t.request('POST', `/api/v1/statuses/${first}/reblog`, { token: readers[0]!.token })); // the same person twice: one engager
    await json(t.request('POST', `/api/v1/statuses/${first}/favourite`, { token: readers[1]!.token }));
    await post(readers[2]!, `@${owner.username} ¿también con nubes?`, { in_reply_to_id: first });
    await json(t.request('POST', `/api/v1/statuses/${second}/favourite`, { token: readers[0]!.token }));
    await json(t.request('POST', `/api/v1/statuses/${first}/favourite`, { token: owner.token })); // the author's own: not engagement
    await flushViewCounts(t.ctx);

    const body = await json(t.request('GET', '/api/v1/medired/analytics?days=7', { token: owner.token }));
    const today = chart(body, 'engagement').rows.at(-1);
    expect(today).toMatchObject({ views: 6, engagers: 3, rate: 0.5 });
    expect(chart(body, 'views').rows.at(-1)).toMatchObject({ posts: 6, articles: 0 });
    expect(figure(body, 'reach', 'engagement_rate')).toBe(0.5);
    const tables = section(body, 'reach').tables as Json[];
    const byViews = tables.find((tb) => tb.id === 'top_by_views')!.rows as Json[];
    expect(byViews.map((r) => [r.status_id, r.views, r.engagers, r.rate])).toEqual([
      [first, 4, 3, 0.75],
      [second, 2, 1, 0.5],
    ]);
    expect(byViews[0]).toMatchObject({ kind: 'post', path: `/@${owner.username}/${first}` });
    const byEngagement = tables.find((tb) => tb.id === 'top_by_engagement')!.rows as Json[];
    expect(byEngagement.map((r) => r.status_id)).toEqual([first, second]);

    // The CSV of the top list escapes a post that would run as a spreadsheet formula.
    const csv = await t.request('GET', '/api/v1/medired/analytics/top_by_views.csv?days=7', { token: owner.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="medired-top_by_views-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('text,kind,published,views,engagers,rate');
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""pulsa""\)",post,\d{4}-\d{2}-\d{2},2,1,0\.5$/);
    const engagementCsv = await (await t.request('GET', '/api/v1/medired/analytics/engagement.csv?days=7', { token: owner.token })).text();
    expect(engagementCsv.split('\r\n')[0]).toBe('day,rate,engagers,views');
    expect(engagementCsv.trim().split('\r\n').at(-1)).toMatch(/^\d{4}-\d{2}-\d{2},0\.5,3,6$/);
  });
});

describe('answers and response times', () => {
  it('shows consultas answered and the helpful rate, and the care request and complaint figures of their domains', async () => {
    const owner = await createVerifiedProfessional(t, 'cardiology');
    const asker = readers[3]!;
    const questions = await Promise.all([1, 2].map((n) => json(t.request('POST', '/api/v1/medired/consultas', { token: asker.token, json: { ...sampleQuestion, title: `${sampleQuestion.title} ${n}` } }))));
    const answers = [];
    for (const q of questions) answers.push(await json(t.request('POST', `/api/v1/medired/consultas/${q.id}/answers`, { token: owner.token, json: { body: sampleAnswer } })));
    await json(t.request('POST', `/api/v1/medired/consultas/answers/${answers[0]!.id}/helpful`, { token: readers[0]!.token }));
    const body = await json(t.request('GET', '/api/v1/medired/analytics?days=30', { token: owner.token }));
    expect(figure(body, 'responses', 'consultas_answered')).toBe(2);
    expect(figure(body, 'responses', 'consultas_helpful_rate')).toBe(0.5);
    expect(chart(body, 'consultas').rows.at(-1)).toMatchObject({ answered: 2, helpful: 1 });
    expect(figure(body, 'responses', 'care_requests_received')).toBe(0);
    expect(figure(body, 'responses', 'care_requests_median_first_answer')).toBeNull();
    expect(figure(body, 'responses', 'complaints_received')).toBe(0);
    expect(figure(body, 'responses', 'complaints_share_answered')).toBeNull();
  });
});

describe('ranges', () => {
  const refused = async (query: string) => {
    const res = await t.request('GET', `/api/v1/medired/analytics?${query}`, { token: pro.token });
    expect(res.status, query).toBe(422);
    return ((await res.json()) as { details: { field: string; key: string }[] }).details.map((d) => [d.field, d.key]);
  };

  it('takes the presets and custom days, both ends included', async () => {
    const body = await json(t.request('GET', '/api/v1/medired/analytics?days=90', { token: pro.token }));
    expect(body.range).toMatchObject({ days: 90, preset: 90, to: dayOf(new Date()) });
    expect(chart(body, 'views').rows).toHaveLength(90);
    const custom = await json(t.request('GET', '/api/v1/medired/analytics?from=2026-01-01&to=2026-01-31', { token: pro.token }));
    expect(custom.range).toEqual({ from: '2026-01-01', to: '2026-01-31', days: 31, preset: null });
    expect((await json(t.request('GET', '/api/v1/medired/analytics', { token: pro.token }))).range.days).toBe(30);
  });

  it('refuses bad ranges with a 4xx naming the field', async () => {
    expect(await refused('days=12')).toEqual([['days', 'analytics.error.days']]);
    expect(await refused('from=2026-02-30&to=2026-03-01')).toEqual([['from', 'analytics.error.day']]);
    expect(await refused('from=ayer')).toEqual([['from', 'analytics.error.day']]);
    expect(await refused('to=2026-03-01')).toEqual([['from', 'analytics.error.fromRequired']]);
    expect(await refused(`from=2026-01-01&to=${addDays(dayOf(new Date()), 1)}`)).toEqual([['to', 'analytics.error.future']]);
    expect(await refused('from=2026-03-01&to=2026-02-01')).toEqual([['from', 'analytics.error.order']]);
    expect(await refused('from=2024-01-01&to=2025-06-01')).toEqual([['from', 'analytics.error.tooLong']]);
    expect(await refused('from=1999-01-01&to=1999-02-01')).toEqual([['from', 'analytics.error.tooEarly']]);
    const csv = await t.request('GET', '/api/v1/medired/analytics/views.csv?days=3', { token: pro.token });
    expect(csv.status).toBe(422);
  });

  it('shows the page again with the dates as typed and the errors, answered 422', async () => {
    const web = await webSession(t, pro);
    const res = await web.get('/estadisticas?from=2026-13-40&to=2026-01-10');
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('value="2026-13-40"');
    expect(html).toContain('value="2026-01-10"');
    expect(html).toContain('Escribe una fecha válida (AAAA-MM-DD).');
    const en = await web.get('/estadisticas?from=2026-03-01&to=2026-02-01', { cookie: `${web.cookie}; lang=en` });
    expect(en.status).toBe(422);
    expect(await en.text()).toContain('The start date must come before the end date.');
  });
});

describe('who sees statistics', () => {
  it('answers professionals and organisations with their own, patients 403, visitors 401, and names no other account', async () => {
    expect((await t.request('GET', '/api/v1/medired/analytics')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/medired/analytics/views.csv')).status).toBe(401);
    const refused = await t.request('GET', '/api/v1/medired/analytics', { token: patient.token });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { key: string }).key).toBe('analytics.error.onlyPractitioners');
    expect((await t.request('GET', '/api/v1/medired/analytics/views.csv', { token: patient.token })).status).toBe(403);
    expect((await json(t.request('GET', '/api/v1/medired/analytics', { token: org.token }))).account_id).toBe(org.accountId);
    // No parameter reaches another account: the answer is always the viewer's own.
    expect((await json(t.request('GET', `/api/v1/medired/analytics?account_id=${pro.accountId}`, { token: org.token }))).account_id).toBe(org.accountId);
    expect((await t.request('GET', '/api/v1/medired/analytics/nothing_here.csv', { token: org.token })).status).toBe(404);
  });

  it('staff power opens no one else’s statistics: a moderator patient is refused like any patient', async () => {
    const moderator = await t.createUser();
    await t.setStaffRole(moderator, 'moderator');
    expect((await t.request('GET', '/api/v1/medired/analytics', { token: moderator.token })).status).toBe(403);
  });

  it('serves the page to professionals only, signed in, and links it in their navigation', async () => {
    const anonymous = await t.request('GET', '/estadisticas', { headers: { accept: 'text/html' } });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/auth/sign_in?return_to=%2Festadisticas');
    const patientPage = await (await webSession(t, patient)).get('/estadisticas');
    expect(patientPage.status).toBe(403);
    const patientHtml = await patientPage.text();
    expect(patientHtml).toContain('Las estadísticas son para profesionales y organizaciones.');
    expect(patientHtml).not.toContain('href="/estadisticas"');
    const page = await (await webSession(t, pro)).get('/estadisticas?days=7');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="/estadisticas"');
    for (const id of ['followers', 'follower_changes', 'views', 'engagement', 'consultas']) {
      expect(html).toContain(`id="chart-${id}-data"`);
      expect(html).toContain(`/api/v1/medired/analytics/${id}.csv?from=`);
    }
    expect(html).toContain('<table');
    // Without the chart script the tables are open in place of the charts.
    expect(html).toContain('<details class="analytics-data" open="">');
    // The page's CSV links work with the browser's session.
    const csv = await (await webSession(t, pro)).get('/api/v1/medired/analytics/followers.csv?days=7');
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')[0]).toBe('day,followers');
  });
});

describe('the chart library', () => {
  it('is served from the app with a year of cache, and the page loads it with integrity under a strict CSP', async () => {
    const page = await (await webSession(t, pro)).get('/estadisticas');
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    const tag = /<script src="(\/static\/vendor\/uplot-[\d.]+\.min\.js)" integrity="(sha384-[^"]+)"/.exec(html);
    expect(tag).not.toBeNull();
    const res = await t.request('GET', tag![1]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = new Uint8Array(await res.arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(`sha384-${createHash('sha384').update(body).digest('base64')}`).toBe(tag![2]);
    expect(html).toMatch(/<script src="\/static\/analytics\.js\?v=[0-9a-f]+" defer="">/);
    // The only inline <script> elements hold JSON data, which browsers do not run.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain('type="application/json"');
  });
});
