import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { INFLUENCE_REFRESH_QUEUE, refreshInfluence, scheduleInfluenceRefresh } from './influence.service.js';

/**
 * Influence scores computed from a real database: a ring of accounts that only like each other
 * against a professional people genuinely engage with, self-engagement, incremental updates by
 * the job, penalties and endorsements, and the API route.
 */

let t: TestApp;
const api = (method: string, url: string, user?: TestUser, json?: unknown) => t.request(method, url, { token: user?.token, ...(json !== undefined ? { json } : {}) });
async function ok<T = { id: string }>(res: Promise<Response>): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}
const post = (user: TestUser, status: string, extra: Record<string, unknown> = {}) => ok(api('POST', '/api/v1/statuses', user, { status, visibility: 'public', ...extra }));

interface Influence {
  score: number | null;
  breakdown: { engagement: { engagers: number; likes: number; reciprocal: number; clustered: number }; reach: { nonFollowers: number }; endorsements: { verifiedEndorsers: number }; penalty: { upheldActions: number } } | null;
}
const influence = (user: TestUser) => ok<Influence>(api('GET', `/api/v1/medired/accounts/${user.accountId}/influence`));
const established = (users: TestUser[]) =>
  t.ctx.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 365 * 86_400_000) }).where('id', 'in', users.map((u) => u.accountId)).execute();
const dirty = async () => (await t.ctx.db.selectFrom('influence_dirty').select('account_id').execute()).map((r) => r.account_id);

let ring: TestUser[];
let genuine: TestUser;
let readers: TestUser[];

beforeAll(async () => {
  t = await createTestApp();
  // Six verified professionals who like every post of each other, 5 posts each.
  ring = [];
  for (let i = 0; i < 6; i++) ring.push(await createVerifiedProfessional(t, 'dermatology', { username: `anillo_${i}` }));
  genuine = await t.createUser({ username: 'enfermera_real', kind: 'professional', profession: 'nurse', specialty: 'community_nursing' });
  readers = [];
  for (let i = 0; i < 4; i++) readers.push(await t.createUser({ username: `lectora_${i}` }));
  await established([...ring, genuine, ...readers]);
  for (const member of ring) {
    for (let p = 0; p < 5; p++) {
      const s = await post(member, `Consejo de piel número ${p}`);
      for (const other of ring) if (other !== member) await ok(api('POST', `/api/v1/statuses/${s.id}/favourite`, other));
    }
  }
  // Four readers each reply once and like twice the nurse's posts; they do not engage each other.
  const posts = [await post(genuine, 'Cómo cuidar los pies con diabetes'), await post(genuine, 'Vacuna de la gripe: cuándo y dónde')];
  for (const reader of readers) {
    await post(reader, 'Muy útil, gracias', { in_reply_to_id: posts[0]!.id });
    for (const p of posts) await ok(api('POST', `/api/v1/statuses/${p.id}/favourite`, reader));
  }
  await refreshInfluence(t.ctx);
}, 180_000);
afterAll(async () => {
  await t.close();
});

describe('influence on a known graph', () => {
  it('a ring of verified accounts that only like each other does not win against a genuinely engaged account', async () => {
    const nurse = await influence(genuine);
    expect(nurse.breakdown!.engagement).toMatchObject({ engagers: 4, likes: 8, reciprocal: 0, clustered: 0 });
    for (const member of ring) {
      const m = await influence(member);
      expect(m.breakdown!.engagement).toMatchObject({ engagers: 5, likes: 25, reciprocal: 5, clustered: 5 });
      expect(nurse.score!, `${member.username} must not win`).toBeGreaterThan(m.score!);
    }
  });

  it("ignores an account's likes, replies and reposts of its own posts", async () => {
    const loner = await t.createUser({ username: 'autobombo', kind: 'professional', profession: 'doctor' });
    const s = await post(loner, 'Mi propio consejo');
    await ok(api('POST', `/api/v1/statuses/${s.id}/favourite`, loner));
    await ok(api('POST', `/api/v1/statuses/${s.id}/reblog`, loner));
    await post(loner, 'Y me respondo a mí misma', { in_reply_to_id: s.id });
    await refreshInfluence(t.ctx);
    expect(await influence(loner)).toMatchObject({ score: 0, breakdown: { engagement: { engagers: 0, likes: 0 } } });
  });

  it('has no score for patients', async () => {
    expect(await influence(readers[0]!)).toMatchObject({ score: null, breakdown: null });
    expect(await t.ctx.db.selectFrom('account_influence').select('account_id').where('account_id', '=', readers[0]!.accountId).execute()).toEqual([]);
  });
});

describe('incremental updates', () => {
  it('marks only the professionals and organisations an action concerns, and the job recomputes just those', async () => {
    expect(await dirty()).toEqual([]);
    const before = await influence(genuine);
    const fan = await t.createUser({ username: 'nueva_lectora' });
    await established([fan]);
    const s = await post(genuine, 'Hidratación en verano');
    await post(fan, 'Lo comparto con mi madre', { in_reply_to_id: s.id });
    await ok(api('POST', `/api/v1/statuses/${s.id}/reblog`, fan));
    expect(await dirty()).toEqual([genuine.accountId]);

    await scheduleInfluenceRefresh(t.ctx, new Date(Date.now() - 10 * 60_000));
    const ran = await runDueJobs(t.ctx, { [INFLUENCE_REFRESH_QUEUE]: jobHandlers[INFLUENCE_REFRESH_QUEUE]! });
    expect(ran).toBe(1);
    expect(await dirty()).toEqual([]);
    const after = await influence(genuine);
    expect(after.breakdown!.engagement.engagers).toBe(5);
    expect(after.breakdown!.reach.nonFollowers).toBe(5);
    expect(after.score!).toBeGreaterThan(before.score!);
    // The job scheduled its next run.
    const next = await t.ctx.db.selectFrom('jobs').select('run_at').where('queue', '=', INFLUENCE_REFRESH_QUEUE).execute();
    expect(next).toHaveLength(1);
    expect(next[0]!.run_at.getTime()).toBeGreaterThan(Date.now());
  });

  it('halves the score for an upheld moderation action and restores it when reverted', async () => {
    const before = (await influence(genuine)).score!;
    const action = await t.ctx.db
      .insertInto('moderation_actions')
      .values({ target_account_id: genuine.accountId, action: 'warn', reason: 'Consejo sin fuentes' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await refreshInfluence(t.ctx);
    const penalised = await influence(genuine);
    expect(penalised.breakdown!.penalty.upheldActions).toBe(1);
    expect(penalised.score!).toBeCloseTo(before / 2, 0);
    await t.ctx.db.updateTable('moderation_actions').set({ reverted_at: new Date() }).where('id', '=', action.id).execute();
    await refreshInfluence(t.ctx);
    expect((await influence(genuine)).score).toBe(before);
  });

  it('counts an endorsement by a verified professional', async () => {
    const before = (await influence(genuine)).score!;
    const doctor = ring[0]!;
    await ok(api('POST', `/api/v1/accounts/${genuine.accountId}/follow`, doctor));
    await ok(api('POST', `/api/v1/accounts/${genuine.accountId}/pin`, doctor));
    expect(await dirty()).toContain(genuine.accountId);
    await refreshInfluence(t.ctx);
    const after = await influence(genuine);
    expect(after.breakdown!.endorsements.verifiedEndorsers).toBe(1);
    expect(after.score!).toBeGreaterThan(before);
  });
});

describe('GET /api/v1/medired/accounts/:id/influence', () => {
  it('answers 404 for an unknown account and 410 for a suspended one', async () => {
    expect((await api('GET', '/api/v1/medired/accounts/999999999/influence')).status).toBe(404);
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', ring[5]!.accountId).execute();
    expect((await api('GET', `/api/v1/medired/accounts/${ring[5]!.accountId}/influence`)).status).toBe(410);
  });
});
