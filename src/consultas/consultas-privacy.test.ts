import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { createVerifiedProfessional, sampleAnswer, sampleQuestion } from './consulta-test-helpers.js';

/**
 * The person behind a pseudonym stays unknown to every non-staff account, whatever it tries:
 * reports, guesses in a report's `account_id`, blocks in either direction.
 */
let t: TestApp;
let asker: TestUser;
let bystanderAsker: TestUser;
let reporter: TestUser;
let doctor: TestUser;
let moderator: TestUser;
let moderatorWithout2fa: TestUser;
const base = '/api/v1/medired/consultas';

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  asker = await t.createUser();
  bystanderAsker = await t.createUser();
  reporter = await t.createUser();
  doctor = await createVerifiedProfessional(t);
  moderator = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
  moderatorWithout2fa = await t.createUser();
  await t.setStaffRole(moderatorWithout2fa, 'moderator', { totp: false });
});
afterAll(async () => {
  await t.close();
});

async function ask(user: TestUser, pseudonym: string | null = 'Alguien') {
  const res = await t.request('POST', base, { token: user.token, json: { ...sampleQuestion, ...(pseudonym ? { pseudonym } : {}) } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { id: string };
}

async function comment(user: TestUser, questionId: string, extra: Record<string, unknown> = {}) {
  return t.request('POST', `${base}/${questionId}/comments`, { token: user.token, json: { body: 'Gracias por la respuesta.', ...extra } });
}

async function block(who: TestUser, whom: TestUser) {
  await t.ctx.db.insertInto('blocks').values({ account_id: who.accountId, target_account_id: whom.accountId }).execute();
}

async function unblock(who: TestUser, whom: TestUser) {
  await t.ctx.db.deleteFrom('blocks').where('account_id', '=', who.accountId).where('target_account_id', '=', whom.accountId).execute();
}

async function report(json: Record<string, unknown>) {
  return t.request('POST', '/api/v1/reports', { token: reporter.token, json: { category: 'other', comment: 'No parece correcto', ...json } });
}

/** A response reduced to what must not depend on a guess: status and body without ids and times. */
async function shape(res: Response) {
  const text = await res.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  const { id: _id, created_at: _created, ...rest } = body;
  return { status: res.status, rest };
}

describe('reports of pseudonymous content (defect 1)', () => {
  it('do not return the asker of a pseudonymous question, nor of their comment, to the reporter', async () => {
    const q = await ask(asker, 'Preocupada');
    const c = (await (await comment(asker, q.id)).json()) as { id: string };
    for (const target of [
      { target_type: 'consulta_question', target_id: q.id },
      { target_type: 'consulta_comment', target_id: c.id },
    ]) {
      const res = await report(target);
      const text = await res.clone().text();
      expect(res.status, text).toBe(200);
      expect(text).not.toContain(asker.username);
      const entity = (await res.json()) as { id: string; target_account: unknown; medired: { target_type: string; target_id: string } };
      expect(entity.target_account).toBeNull();
      // No other field carries the asker's account id.
      const { id: _id, medired: _medired, ...others } = entity;
      expect(JSON.stringify(others)).not.toContain(`"${asker.accountId}"`);
      expect(entity.medired).toMatchObject(target);
    }
    // The report itself is about the real author, for staff.
    const row = await t.ctx.db.selectFrom('reports').select('target_account_id').where('target_type', '=', 'consulta_question').where('target_id', '=', q.id).executeTakeFirstOrThrow();
    expect(row.target_account_id).toBe(asker.accountId);
  });

  it('still name the author of content that is not under a pseudonym', async () => {
    const q = await ask(asker, null);
    const res = await report({ target_type: 'consulta_question', target_id: q.id });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { target_account: { id: string } }).target_account.id).toBe(asker.accountId);
    // Someone else's comment on a pseudonymous question is theirs, not the pseudonym's.
    const anon = await ask(asker, 'Otra');
    const byOther = (await (await comment(bystanderAsker, anon.id)).json()) as { id: string };
    const other = await report({ target_type: 'consulta_comment', target_id: byOther.id });
    expect(((await other.json()) as { target_account: { id: string } }).target_account.id).toBe(bystanderAsker.accountId);
  });
});

describe('account_id in a report about pseudonymous content (defect 2)', () => {
  it('answers the same whether the guess of the asker is right or wrong', async () => {
    const q = await ask(asker, 'Sin nombre');
    const c = (await (await comment(asker, q.id)).json()) as { id: string };
    for (const target of [
      { target_type: 'consulta_question', target_id: q.id },
      { target_type: 'consulta_comment', target_id: c.id },
    ]) {
      const right = await shape(await report({ ...target, account_id: asker.accountId }));
      const wrong = await shape(await report({ ...target, account_id: bystanderAsker.accountId }));
      const none = await shape(await report(target));
      expect(right.status).toBe(200);
      expect(wrong).toEqual(right);
      expect(none).toEqual(right);
    }
    // The report is about the real author whatever was guessed.
    const rows = await t.ctx.db.selectFrom('reports').select('target_account_id').where('target_id', '=', q.id).where('account_id', '=', reporter.accountId).execute();
    expect(new Set(rows.map((r) => r.target_account_id))).toEqual(new Set([asker.accountId]));
  });

  it('the web report form answers the same for a right and a wrong guess', async () => {
    const { webSession } = await import('../web/testing/web-session.js');
    const web = await webSession(t, reporter);
    const q = await ask(asker, 'Web');
    const page = await web.get(`/report?target_type=consulta_question&target_id=${q.id}&account_id=${asker.accountId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(asker.username);
    const send = (accountId: string) => web.post('/report', { target_type: 'consulta_question', target_id: q.id, account_id: accountId, category: 'other', comment: 'x' });
    const right = await send(asker.accountId);
    const wrong = await send(bystanderAsker.accountId);
    expect(right.status).toBe(303);
    expect(wrong.status).toBe(right.status);
    expect(wrong.headers.get('location')).toBe(right.headers.get('location'));
  });
});

describe('blocks and pseudonymous questions (defect 3)', () => {
  it('commenting on the pseudonymous question of an account that blocks you, or that you block, answers as on anyone else’s', async () => {
    const mine = await ask(asker);
    const theirs = await ask(bystanderAsker);
    const viewer = await t.createUser();
    for (const [who, whom] of [
      [asker, viewer],
      [viewer, asker],
    ] as const) {
      await block(who, whom);
      const blocked = await shape(await comment(viewer, mine.id));
      const control = await shape(await comment(viewer, theirs.id));
      expect(control.status).toBe(200);
      expect({ ...blocked, rest: { ...blocked.rest, question_id: 'x' } }).toEqual({ ...control, rest: { ...control.rest, question_id: 'x' } });
      await unblock(who, whom);
    }
  });

  it('answering, voting helpful and following up on an answer answer as on anyone else’s', async () => {
    const pro = await createVerifiedProfessional(t);
    const mine = await ask(asker);
    const theirs = await ask(bystanderAsker);
    await block(asker, pro);
    const a1 = await t.request('POST', `${base}/${mine.id}/answers`, { token: pro.token, json: { body: sampleAnswer } });
    const a2 = await t.request('POST', `${base}/${theirs.id}/answers`, { token: pro.token, json: { body: sampleAnswer } });
    expect(a2.status).toBe(200);
    expect(a1.status).toBe(a2.status);
    // A voter blocked by the asker votes the doctor's answer on the pseudonymous question.
    const voter = await t.createUser();
    await block(asker, voter);
    const answerMine = (await (await t.request('POST', `${base}/${mine.id}/answers`, { token: doctor.token, json: { body: sampleAnswer } })).json()) as { id: string };
    const answerTheirs = (await (await t.request('POST', `${base}/${theirs.id}/answers`, { token: doctor.token, json: { body: sampleAnswer } })).json()) as { id: string };
    const v1 = await t.request('POST', `${base}/answers/${answerMine.id}/helpful`, { token: voter.token });
    const v2 = await t.request('POST', `${base}/answers/${answerTheirs.id}/helpful`, { token: voter.token });
    expect(v2.status).toBe(200);
    expect(v1.status).toBe(v2.status);
    const f1 = await shape(await comment(voter, mine.id, { answer_id: answerMine.id }));
    const f2 = await shape(await comment(voter, theirs.id, { answer_id: answerTheirs.id }));
    expect(f1.status).toBe(200);
    expect(f2.status).toBe(f1.status);
  });

  it('the pseudonymous question stays in the lists and on its page for both sides of a block, with the asker’s comments', async () => {
    const q = await ask(asker, 'En lista');
    await comment(asker, q.id);
    const viewer = await t.createUser();
    for (const [who, whom] of [
      [asker, viewer],
      [viewer, asker],
    ] as const) {
      await block(who, whom);
      for (const sort of ['newest', 'unanswered']) {
        const list = (await (await t.request('GET', `${base}?sort=${sort}&limit=40`, { token: viewer.token })).json()) as { id: string }[];
        expect(list.map((x) => x.id)).toContain(q.id);
      }
      const page = (await (await t.request('GET', `${base}/${q.id}`, { token: viewer.token })).json()) as { comments: { by_asker: boolean }[] };
      expect(page.comments.filter((x) => x.by_asker)).toHaveLength(1);
      await unblock(who, whom);
    }
    // A mute is not told apart either.
    await t.ctx.db.insertInto('mutes').values({ account_id: viewer.accountId, target_account_id: asker.accountId }).execute();
    const list = (await (await t.request('GET', `${base}?limit=40`, { token: viewer.token })).json()) as { id: string }[];
    expect(list.map((x) => x.id)).toContain(q.id);
    const page = (await (await t.request('GET', `${base}/${q.id}`, { token: viewer.token })).json()) as { comments: { by_asker: boolean }[] };
    expect(page.comments.filter((x) => x.by_asker)).toHaveLength(1);
  });

  it('professionals in a block with the asker are told about a pseudonymous question like the others', async () => {
    const app = await createTestApp();
    try {
      await app.createUser();
      const someone = await app.createUser();
      const pro = await createVerifiedProfessional(app, 'neurology');
      await app.ctx.db.insertInto('blocks').values({ account_id: someone.accountId, target_account_id: pro.accountId }).execute();
      const anon = await app.request('POST', base, { token: someone.token, json: { ...sampleQuestion, specialty: 'neurology', pseudonym: 'Nadie' } });
      const open = await app.request('POST', base, { token: someone.token, json: { ...sampleQuestion, specialty: 'neurology', title: 'Pregunta con nombre' } });
      const [anonId, openId] = [((await anon.json()) as { id: string }).id, ((await open.json()) as { id: string }).id];
      await runDueJobs(app.ctx, jobHandlers);
      const notes = await app.ctx.db.selectFrom('notifications').selectAll().where('account_id', '=', pro.accountId).execute();
      const about = notes.map((n) => String(n.payload.question_id));
      expect(about).toContain(anonId);
      expect(about).not.toContain(openId);
    } finally {
      await app.close();
    }
  });
});

describe('staff power in Consulta abierta is the staff role and two-factor authentication', () => {
  it('a moderator without 2FA neither sees the asker behind a pseudonym nor deletes other people’s questions and comments', async () => {
    const q = await ask(asker, 'Privada');
    const c = (await (await comment(asker, q.id)).json()) as { id: string };
    const shown = (await (await t.request('GET', `${base}/${q.id}`, { token: moderatorWithout2fa.token })).json()) as { question: { asker: { account: unknown } } };
    expect(shown.question.asker.account).toBeNull();
    expect((await t.request('DELETE', `${base}/comments/${c.id}`, { token: moderatorWithout2fa.token })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/${q.id}`, { token: moderatorWithout2fa.token })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/comments/${c.id}`, { token: moderator.token })).status).toBe(200);
    expect((await t.request('DELETE', `${base}/${q.id}`, { token: moderator.token })).status).toBe(200);
  });
});
