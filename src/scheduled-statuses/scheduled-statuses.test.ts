import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { cleanupUnattachedMedia, MEDIA_CLEANUP_QUEUE } from '../media/media-cleanup.js';
import type { MastodonStatus } from '../posts/status-views.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import type { MastodonScheduledStatus } from './scheduled-status-entity.js';
import { SCHEDULED_PUBLISH_QUEUE } from './scheduled-statuses.service.js';

let t: TestApp;
let ana: TestUser;
let berta: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.createUser({ username: 'ana_sched' });
  berta = await t.createUser({ username: 'berta_sched' });
});
afterAll(async () => {
  await t.close();
});

async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const schedule = (user: TestUser, body: Record<string, unknown>) => json<MastodonScheduledStatus>(t.request('POST', '/api/v1/statuses', { token: user.token, json: body }));
const publishDue = () => runDueJobs(t.ctx, { [SCHEDULED_PUBLISH_QUEUE]: jobHandlers[SCHEDULED_PUBLISH_QUEUE]! });
/** Moves a scheduled status (and its jobs) into the past, as if its time had come. */
async function makeDue(id: string) {
  const past = new Date(Date.now() - 1000);
  await t.ctx.db.updateTable('scheduled_statuses').set({ scheduled_at: past }).where('id', '=', id).execute();
  await t.ctx.db.updateTable('jobs').set({ run_at: past }).where('queue', '=', SCHEDULED_PUBLISH_QUEUE).execute();
}
const ownStatuses = (user: TestUser) => json<MastodonStatus[]>(t.request('GET', `/api/v1/accounts/${user.accountId}/statuses`, { token: user.token }));

describe('scheduling', () => {
  it('returns Mastodon’s ScheduledStatus entity and lists, shows, moves and cancels it', async () => {
    const at = inMinutes(60);
    const s = await schedule(ana, { status: 'Recordatorio: vacuna de la gripe', scheduled_at: at, visibility: 'unlisted', spoiler_text: 'Salud', language: 'es' });
    expect(Object.keys(s).sort()).toEqual(['id', 'media_attachments', 'params', 'scheduled_at']);
    expect(Date.parse(s.scheduled_at)).toBe(Date.parse(at));
    expect(s.params).toMatchObject({ text: 'Recordatorio: vacuna de la gripe', visibility: 'unlisted', spoiler_text: 'Salud', language: 'es', poll: null, media_ids: null, scheduled_at: null, in_reply_to_id: null });
    expect(s.media_attachments).toEqual([]);
    // Nothing is published yet.
    expect((await ownStatuses(ana)).map((x) => x.content).join()).not.toContain('vacuna');
    expect((await json<MastodonScheduledStatus[]>(t.request('GET', '/api/v1/scheduled_statuses', { token: ana.token }))).map((x) => x.id)).toEqual([s.id]);
    expect((await json<MastodonScheduledStatus>(t.request('GET', `/api/v1/scheduled_statuses/${s.id}`, { token: ana.token }))).id).toBe(s.id);
    const later = inMinutes(120);
    const moved = await json<MastodonScheduledStatus>(t.request('PUT', `/api/v1/scheduled_statuses/${s.id}`, { token: ana.token, json: { scheduled_at: later } }));
    expect(Date.parse(moved.scheduled_at)).toBe(Date.parse(later));
    expect((await t.request('PUT', `/api/v1/scheduled_statuses/${s.id}`, { token: ana.token, json: { scheduled_at: inMinutes(2) } })).status).toBe(422);
    expect(await json(t.request('DELETE', `/api/v1/scheduled_statuses/${s.id}`, { token: ana.token }))).toEqual({});
    expect((await t.request('GET', `/api/v1/scheduled_statuses/${s.id}`, { token: ana.token })).status).toBe(404);
  });

  it("answers 404 for another account's scheduled statuses, and changes nothing", async () => {
    const s = await schedule(ana, { status: 'Solo mío', scheduled_at: inMinutes(30) });
    expect((await t.request('GET', `/api/v1/scheduled_statuses/${s.id}`, { token: berta.token })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/scheduled_statuses/${s.id}`, { token: berta.token, json: { scheduled_at: inMinutes(90) } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/v1/scheduled_statuses/${s.id}`, { token: berta.token })).status).toBe(404);
    expect(await json(t.request('GET', '/api/v1/scheduled_statuses', { token: berta.token }))).toEqual([]);
    const row = await t.ctx.db.selectFrom('scheduled_statuses').select('scheduled_at').where('id', '=', s.id).executeTakeFirstOrThrow();
    expect(row.scheduled_at.toISOString()).toBe(s.scheduled_at);
  });

  it('refuses (422) a time less than 5 minutes ahead, a bad date, a private message and invalid content', async () => {
    for (const body of [
      { status: 'Pronto', scheduled_at: inMinutes(4) },
      { status: 'Fecha', scheduled_at: 'mañana por la tarde' },
      { status: 'Privado', scheduled_at: inMinutes(30), visibility: 'direct' },
      { status: '', scheduled_at: inMinutes(30) },
      { status: 'x'.repeat(501), scheduled_at: inMinutes(30) },
      { status: 'Encuesta', scheduled_at: inMinutes(30), poll: { options: ['una'], expires_in: 600 } },
      { status: 'Con imagen ajena', scheduled_at: inMinutes(30), media_ids: ['123456'] },
    ]) {
      const res = await t.request('POST', '/api/v1/statuses', { token: berta.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(typeof ((await res.json()) as { error: string }).error).toBe('string');
    }
    expect(await json(t.request('GET', '/api/v1/scheduled_statuses', { token: berta.token }))).toEqual([]);
  });

  it('posts at once when scheduled_at is already past, as Mastodon does', async () => {
    const s = await json<MastodonStatus>(t.request('POST', '/api/v1/statuses', { token: berta.token, json: { status: 'Ya', scheduled_at: new Date(Date.now() - 60_000).toISOString() } }));
    expect(s.content).toContain('Ya');
  });

  it('paginates the list with Link headers', async () => {
    const user = await t.createUser();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await schedule(user, { status: `Programada ${i}`, scheduled_at: inMinutes(30 + i) })).id);
    const res = await t.request('GET', '/api/v1/scheduled_statuses?limit=2', { token: user.token });
    expect(((await res.json()) as MastodonScheduledStatus[]).map((s) => s.id)).toEqual([ids[2], ids[1]]);
    const next = new URL(/<([^>]+)>; rel="next"/.exec(res.headers.get('link')!)![1]!);
    expect((await json<MastodonScheduledStatus[]>(t.request('GET', `${next.pathname}${next.search}`, { token: user.token }))).map((s) => s.id)).toEqual([ids[0]]);
  });

  it('limits scheduled statuses to 25 for one day', async () => {
    const user = await t.createUser();
    const day = new Date(Date.now() + 3 * 86_400_000);
    day.setUTCHours(10, 0, 0, 0);
    await t.ctx.db
      .insertInto('scheduled_statuses')
      .values(Array.from({ length: 25 }, () => ({ account_id: user.accountId, scheduled_at: day, params: JSON.stringify({ status: 'x', kind: 'note', idempotency: null }), application_id: null })))
      .execute();
    const res = await t.request('POST', '/api/v1/statuses', { token: user.token, json: { status: 'Una más', scheduled_at: new Date(day.getTime() + 3600_000).toISOString() } });
    expect(res.status).toBe(422);
  });
});

describe('publishing', () => {
  it('publishes a due status through the same service as any post, once, with its poll and media', async () => {
    const upload = new FormData();
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#4a8' } }).png().toBuffer();
    upload.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'x.png');
    upload.append('description', 'Un gráfico');
    const media = await json<{ id: string }>(t.request('POST', '/api/v2/media', { token: ana.token, form: upload }));
    const withMedia = await schedule(ana, { status: 'Con imagen #salud', scheduled_at: inMinutes(30), media_ids: [media.id] });
    expect(withMedia.media_attachments.map((m) => m.id)).toEqual([media.id]);
    const withPoll = await schedule(ana, { status: 'Con encuesta', scheduled_at: inMinutes(40), poll: { options: ['Sí', 'No'], expires_in: 3600 } });
    expect(withPoll.params.poll).toEqual({ options: ['Sí', 'No'], expires_in: '3600', multiple: false, hide_totals: false });
    await publishDue();
    expect((await ownStatuses(ana)).some((s) => s.content.includes('Con imagen'))).toBe(false);
    // The upload waits for its post: the clean-up of unattached uploads leaves it alone.
    await cleanupUnattachedMedia(t.ctx, { id: '0', queue: MEDIA_CLEANUP_QUEUE, payload: { mediaId: media.id }, attempt: 1 });
    expect(await t.ctx.db.selectFrom('media_attachments').select('id').where('id', '=', media.id).executeTakeFirst()).toBeDefined();
    await makeDue(withMedia.id);
    await makeDue(withPoll.id);
    await publishDue();
    await publishDue();
    const published = await ownStatuses(ana);
    const imageStatus = published.filter((s) => s.content.includes('Con imagen'));
    expect(imageStatus.length).toBe(1);
    expect(imageStatus[0]!.media_attachments.map((m) => m.id)).toEqual([media.id]);
    expect(imageStatus[0]!.tags.map((tag) => tag.name)).toEqual(['salud']);
    const pollStatus = published.filter((s) => s.content.includes('Con encuesta'));
    expect(pollStatus.length).toBe(1);
    expect(pollStatus[0]!.poll!.options.map((o) => o.title)).toEqual(['Sí', 'No']);
    const pending = await json<MastodonScheduledStatus[]>(t.request('GET', '/api/v1/scheduled_statuses', { token: ana.token }));
    expect(pending.map((x) => x.id)).not.toContain(withMedia.id);
    expect(pending.map((x) => x.id)).not.toContain(withPoll.id);
  });

  it('a job left from before a reschedule does not publish early', async () => {
    const s = await schedule(berta, { status: 'Movida', scheduled_at: inMinutes(30) });
    await json(t.request('PUT', `/api/v1/scheduled_statuses/${s.id}`, { token: berta.token, json: { scheduled_at: inMinutes(240) } }));
    // Both jobs made due, but the status itself is not due yet.
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('queue', '=', SCHEDULED_PUBLISH_QUEUE).execute();
    await publishDue();
    expect((await json<MastodonScheduledStatus[]>(t.request('GET', '/api/v1/scheduled_statuses', { token: berta.token }))).map((x) => x.id)).toEqual([s.id]);
    await json(t.request('DELETE', `/api/v1/scheduled_statuses/${s.id}`, { token: berta.token }));
  });

  it('drops a scheduled reply whose target was deleted meanwhile, and one of a suspended account', async () => {
    const target = await json<MastodonStatus>(t.request('POST', '/api/v1/statuses', { token: berta.token, json: { status: 'Original' } }));
    const reply = await schedule(ana, { status: 'Respuesta programada', in_reply_to_id: target.id, scheduled_at: inMinutes(30) });
    await json(t.request('DELETE', `/api/v1/statuses/${target.id}`, { token: berta.token }));
    const suspended = await t.createUser();
    const fromSuspended = await schedule(suspended, { status: 'De una cuenta suspendida', scheduled_at: inMinutes(30) });
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
    await makeDue(reply.id);
    await makeDue(fromSuspended.id);
    await publishDue();
    const left = await t.ctx.db.selectFrom('scheduled_statuses').select('id').where('id', 'in', [reply.id, fromSuspended.id]).execute();
    expect(left).toEqual([]);
    const posted = await t.ctx.db.selectFrom('statuses').select('id').where('content_source', 'in', ['Respuesta programada', 'De una cuenta suspendida']).execute();
    expect(posted).toEqual([]);
  });
});
