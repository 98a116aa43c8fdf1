import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { createVerifiedProfessional, sampleAnswer, sampleQuestion } from './consulta-test-helpers.js';
import { consultaStatsFor } from './consulta-stats.js';

let t: TestApp;
let patient: TestUser;
let other: TestUser;
let doctor: TestUser;
let doctor2: TestUser;
let moderator: TestUser;
const base = '/api/v1/medired/consultas';

beforeAll(async () => {
  t = await createTestApp();
  // The first account of an instance becomes its admin: take that place first.
  await t.createUser();
  patient = await t.createUser();
  other = await t.createUser();
  doctor = await createVerifiedProfessional(t);
  doctor2 = await createVerifiedProfessional(t);
  moderator = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
});
afterAll(async () => {
  await t.close();
});

async function ask(user: TestUser, extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', base, { token: user.token, json: { ...sampleQuestion, ...extra } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { id: string; asker: { pseudonym: string | null; account: { id: string } | null }; own: boolean };
}

async function answer(user: TestUser, questionId: string, body = sampleAnswer) {
  const res = await t.request('POST', `${base}/${questionId}/answers`, { token: user.token, json: { body } });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { id: string; response_seconds: number };
}

describe('asking (POST /api/v1/medired/consultas)', () => {
  it('refuses anonymous askers with 401', async () => {
    const res = await t.request('POST', base, { json: sampleQuestion });
    expect(res.status).toBe(401);
  });

  it('lets a signed-in patient ask, with sanitised markdown, specialty labels and tags', async () => {
    const res = await t.request('POST', base, {
      token: patient.token,
      json: { ...sampleQuestion, body: `${sampleQuestion.body}\n\n<script>alert(1)</script> **negrita**`, tags: ['#Corazon', 'ejercicio'] },
    });
    expect(res.status).toBe(200);
    const q = (await res.json()) as { content: string; tags: string[]; specialty_label: { es: string }; own: boolean; asker: { account: { id: string } } };
    expect(q.content).not.toContain('<script');
    expect(q.content).toContain('<strong>negrita</strong>');
    expect(q.tags).toEqual(['corazon', 'ejercicio']);
    expect(q.specialty_label.es).toBe('Cardiología');
    expect(q.own).toBe(true);
    expect(q.asker.account.id).toBe(patient.accountId);
  });

  it('refuses an unknown specialty and a too short title with 422', async () => {
    const res = await t.request('POST', base, { token: patient.token, json: { ...sampleQuestion, specialty: 'astrology', title: 'ay' } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { details: { field: string }[] };
    expect(body.details.map((d) => d.field).sort()).toEqual(['specialty', 'title']);
  });

  it('refuses e-mails and phone numbers with a 422 listing them, and accepts them once confirmed', async () => {
    const body = `${sampleQuestion.body} Podéis escribirme a ana@example.com o llamar al +34 612 345 678.`;
    const res = await t.request('POST', base, { token: patient.token, json: { ...sampleQuestion, body } });
    expect(res.status).toBe(422);
    const err = (await res.json()) as { code: string; details: { field: string }[]; medired: { reason: string; personal_data: { kind: string; value: string }[] } };
    expect(err.code).toBe('validation_failed');
    expect(err.details[0]?.field).toBe('confirm_personal_data');
    expect(err.medired.reason).toBe('personal_data_detected');
    expect(err.medired.personal_data).toEqual([
      { kind: 'email', value: 'ana@example.com' },
      { kind: 'phone', value: '+34 612 345 678' },
    ]);
    const confirmed = await t.request('POST', base, { token: patient.token, json: { ...sampleQuestion, body, confirm_personal_data: true } });
    expect(confirmed.status).toBe(200);
  });

  it('answers emergency wording with guidance and the number of the asker country, and posts once confirmed', async () => {
    const mexican = await t.createUser({ country: 'MX' });
    const text = { ...sampleQuestion, body: 'Tengo DOLOR EN EL PECHO desde hace una hora y sudo mucho, ¿es grave?' };
    const res = await t.request('POST', base, { token: mexican.token, json: text });
    expect(res.status).toBe(422);
    const err = (await res.json()) as { details: { field: string }[]; medired: { reason: string; emergency_number: string; categories: string[]; guidance: { es: string; en: string } } };
    expect(err.details[0]?.field).toBe('confirm_emergency');
    expect(err.medired.reason).toBe('emergency_detected');
    expect(err.medired.emergency_number).toBe('911');
    expect(err.medired.categories).toEqual(['chest_pain']);
    expect(err.medired.guidance.es).toContain('911');
    const spaniard = await t.createUser({ country: 'ES' });
    const spanish = await t.request('POST', base, { token: spaniard.token, json: { ...sampleQuestion, body: 'I have had suicidal thoughts for weeks' } });
    const spanishErr = (await spanish.json()) as { medired: { emergency_number: string; crisis_line: { number: string } } };
    expect(spanishErr.medired.emergency_number).toBe('112');
    expect(spanishErr.medired.crisis_line.number).toBe('024');
    const confirmed = await t.request('POST', base, { token: mexican.token, json: { ...text, confirm_emergency: 'true' } });
    expect(confirmed.status).toBe(200);
  });

  it('refuses suspended accounts', async () => {
    const suspended = await t.createUser();
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
    const res = await t.request('POST', base, { token: suspended.token, json: sampleQuestion });
    expect(res.status).toBe(403);
  });

  it('limits questions per account per hour with 429', async () => {
    const limited = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
    try {
      await limited.createUser();
      const asker = await limited.createUser();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await limited.request('POST', base, { token: asker.token, json: { ...sampleQuestion, title: `Pregunta número ${i}` } })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('pseudonymous questions', () => {
  it('hide the asker from other users and anonymous readers in every response, but not from the asker or a moderator', async () => {
    const q = await ask(patient, { pseudonym: 'Lectora preocupada' });
    expect(q.asker.account?.id).toBe(patient.accountId);
    const ans = await answer(doctor, q.id);
    await t.request('POST', `${base}/${q.id}/comments`, { token: patient.token, json: { body: 'Gracias, pediré cita.', answer_id: ans.id } });
    for (const token of [undefined, other.token, doctor.token]) {
      const show = await t.request('GET', `${base}/${q.id}`, { token });
      const text = await show.text();
      expect(show.status).toBe(200);
      expect(text).not.toContain(patient.username);
      const body = JSON.parse(text) as { question: { asker: { pseudonym: string; account: null } }; comments: { author: { pseudonym: string; account: null }; by_asker: boolean }[] };
      expect(body.question.asker).toEqual({ pseudonym: 'Lectora preocupada', account: null });
      expect(body.comments[0]?.author).toEqual({ pseudonym: 'Lectora preocupada', account: null });
      const list = (await (await t.request('GET', `${base}?sort=newest&limit=40`, { token })).json()) as { id: string; asker: unknown }[];
      const entry = list.find((x) => x.id === q.id);
      expect(JSON.stringify(entry)).not.toContain(patient.username);
      expect(entry?.asker).toEqual({ pseudonym: 'Lectora preocupada', account: null });
    }
    const asModerator = (await (await t.request('GET', `${base}/${q.id}`, { token: moderator.token })).json()) as { question: { asker: { account: { id: string } } } };
    expect(asModerator.question.asker.account.id).toBe(patient.accountId);
  });

  it('do not name the asker in the notifications sent to professionals', async () => {
    const q = await ask(patient, { pseudonym: 'Anónima' });
    await runDueJobs(t.ctx, jobHandlers);
    const notes = await t.ctx.db.selectFrom('notifications').selectAll().where('type', '=', 'medired.consulta_question').where('account_id', '=', doctor2.accountId).execute();
    const forQ = notes.find((n) => n.payload.question_id === q.id);
    expect(forQ).toBeDefined();
    expect(forQ?.from_account_id).toBeNull();
  });
});

describe('answering', () => {
  it('only verified professionals answer: patients, unverified professionals and organisations get 403, anonymous 401', async () => {
    const q = await ask(patient);
    const pending = await t.createUser({ kind: 'professional', profession: 'doctor', specialty: 'cardiology', license_number: '1', license_country: 'ES' });
    const org = await t.createUser({ kind: 'organization', organization_type: 'clinic' });
    await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified' }).where('id', '=', org.accountId).execute();
    for (const user of [other, pending, org]) {
      const res = await t.request('POST', `${base}/${q.id}/answers`, { token: user.token, json: { body: sampleAnswer } });
      expect(res.status).toBe(403);
    }
    expect((await t.request('POST', `${base}/${q.id}/answers`, { json: { body: sampleAnswer } })).status).toBe(401);
    const ok = await t.request('POST', `${base}/${q.id}/answers`, { token: doctor.token, json: { body: sampleAnswer } });
    expect(ok.status).toBe(200);
    const again = await t.request('POST', `${base}/${q.id}/answers`, { token: doctor.token, json: { body: sampleAnswer } });
    expect(again.status).toBe(409);
  });

  it('records the time to first answer on the question and the response time of each answer', async () => {
    const q = await ask(patient);
    await t.ctx.db.updateTable('consulta_questions').set({ created_at: new Date(Date.now() - 3600_000) }).where('id', '=', q.id).execute();
    const first = await answer(doctor, q.id);
    expect(first.response_seconds).toBeGreaterThanOrEqual(3599);
    const firstAt = await t.ctx.db.selectFrom('consulta_questions').select('first_answered_at').where('id', '=', q.id).executeTakeFirstOrThrow();
    await answer(doctor2, q.id);
    const after = await t.ctx.db.selectFrom('consulta_questions').select(['first_answered_at', 'answers_count']).where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(after.first_answered_at?.getTime()).toBe(firstAt.first_answered_at?.getTime());
    expect(after.answers_count).toBe(2);
    const show = (await (await t.request('GET', `${base}/${q.id}`)).json()) as { question: { time_to_first_answer_seconds: number } };
    expect(show.question.time_to_first_answer_seconds).toBeGreaterThanOrEqual(3599);
  });

  it('gives per-professional median and average response times', async () => {
    const pro = await createVerifiedProfessional(t, 'dermatology');
    for (const hours of [1, 2, 6]) {
      const q = await ask(patient, { specialty: 'dermatology' });
      await t.ctx.db.updateTable('consulta_questions').set({ created_at: new Date(Date.now() - hours * 3600_000) }).where('id', '=', q.id).execute();
      await answer(pro, q.id);
    }
    const stats = await consultaStatsFor(t.ctx.db, pro.accountId);
    expect(stats.answers_count).toBe(3);
    expect(stats.first_answers_count).toBe(3);
    expect(Math.round(stats.median_response_seconds! / 3600)).toBe(2);
    expect(Math.round(stats.average_response_seconds! / 3600)).toBe(3);
    const res = await t.request('GET', `/api/v1/medired/accounts/${pro.accountId}/consulta_stats`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { answers_count: number }).answers_count).toBe(3);
    expect((await t.request('GET', '/api/v1/medired/accounts/999999/consulta_stats')).status).toBe(404);
  });

  it('lets only its author edit an answer', async () => {
    const q = await ask(patient);
    const a = await answer(doctor, q.id);
    const edited = `${sampleAnswer} Añado: evite la cafeína.`;
    expect((await t.request('PUT', `${base}/answers/${a.id}`, { token: doctor2.token, json: { body: edited } })).status).toBe(403);
    const res = await t.request('PUT', `${base}/answers/${a.id}`, { token: doctor.token, json: { body: edited } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { content: string }).content).toContain('cafeína');
  });
});

describe('accepting and helpful votes', () => {
  it('only the asker marks the answer that helped; it then comes first', async () => {
    const q = await ask(patient);
    const a1 = await answer(doctor, q.id);
    const a2 = await answer(doctor2, q.id);
    for (const user of [other, doctor, moderator]) {
      expect((await t.request('POST', `${base}/answers/${a2.id}/accept`, { token: user.token })).status).toBe(403);
    }
    expect((await t.request('POST', `${base}/answers/${a2.id}/accept`)).status).toBe(401);
    const res = await t.request('POST', `${base}/answers/${a2.id}/accept`, { token: patient.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted_answer_id: string }).accepted_answer_id).toBe(a2.id);
    const list = (await (await t.request('GET', `${base}/${q.id}/answers`)).json()) as { id: string; accepted: boolean }[];
    expect(list.map((a) => a.id)).toEqual([a2.id, a1.id]);
    expect(list[0]?.accepted).toBe(true);
    await t.request('POST', `${base}/answers/${a1.id}/accept`, { token: patient.token });
    const again = (await (await t.request('GET', `${base}/${q.id}`)).json()) as { question: { accepted_answer_id: string }; answers: { id: string; accepted: boolean }[] };
    expect(again.question.accepted_answer_id).toBe(a1.id);
    expect(again.answers.filter((a) => a.accepted).map((a) => a.id)).toEqual([a1.id]);
    await t.request('POST', `${base}/answers/${a1.id}/unaccept`, { token: patient.token });
    const cleared = (await (await t.request('GET', `${base}/${q.id}`)).json()) as { question: { accepted_answer_id: string | null } };
    expect(cleared.question.accepted_answer_id).toBeNull();
  });

  it('orders answers accepted first, then by helpful votes, then oldest', async () => {
    const q = await ask(patient);
    const pros = [doctor, doctor2, await createVerifiedProfessional(t), await createVerifiedProfessional(t)];
    const answers = [];
    for (const pro of pros) answers.push(await answer(pro, q.id));
    const [a1, a2, a3, a4] = answers as unknown as [{ id: string }, { id: string }, { id: string }, { id: string }];
    // a3 gets two votes, a2 one; a4 is accepted; a1 none.
    for (const voter of [other, patient]) await t.request('POST', `${base}/answers/${a3.id}/helpful`, { token: voter.token });
    await t.request('POST', `${base}/answers/${a2.id}/helpful`, { token: other.token });
    await t.request('POST', `${base}/answers/${a4.id}/accept`, { token: patient.token });
    const list = (await (await t.request('GET', `${base}/${q.id}/answers`)).json()) as { id: string; helpful_count: number }[];
    expect(list.map((a) => a.id)).toEqual([a4.id, a3.id, a2.id, a1.id]);
  });

  it('counts one helpful vote per account, exactly, under concurrent votes; the author cannot vote; votes can be withdrawn', async () => {
    const q = await ask(patient);
    const a = await answer(doctor, q.id);
    expect((await t.request('POST', `${base}/answers/${a.id}/helpful`, { token: doctor.token })).status).toBe(403);
    expect((await t.request('POST', `${base}/answers/${a.id}/helpful`)).status).toBe(401);
    const voters = await Promise.all(Array.from({ length: 8 }, () => t.createUser()));
    const results = await Promise.all(
      [...voters, ...voters].map((v) => t.request('POST', `${base}/answers/${a.id}/helpful`, { token: v.token })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const row = await t.ctx.db.selectFrom('consulta_answers').select('helpful_count').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.helpful_count).toBe(8);
    await Promise.all(voters.slice(0, 3).flatMap((v) => [1, 2].map(() => t.request('DELETE', `${base}/answers/${a.id}/helpful`, { token: v.token }))));
    const after = (await (await t.request('GET', `${base}/${q.id}/answers`, { token: voters[0]!.token })).json()) as { helpful_count: number; helpful: boolean }[];
    expect(after[0]?.helpful_count).toBe(5);
    expect(after[0]?.helpful).toBe(false);
    const total = await t.ctx.db.selectFrom('consulta_questions').select('helpful_total').where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(total.helpful_total).toBe(5);
  });
});

describe('comments', () => {
  it('anyone signed in comments on a question or follows up on an answer; anonymous cannot; only the author or staff deletes', async () => {
    const q = await ask(patient);
    const a = await answer(doctor, q.id);
    expect((await t.request('POST', `${base}/${q.id}/comments`, { json: { body: 'hola' } })).status).toBe(401);
    const c1 = await t.request('POST', `${base}/${q.id}/comments`, { token: other.token, json: { body: 'A mí me pasó lo mismo.' } });
    expect(c1.status).toBe(200);
    const c2 = await t.request('POST', `${base}/${q.id}/comments`, { token: patient.token, json: { body: '¿Y si además me mareo?', answer_id: a.id } });
    expect(c2.status).toBe(200);
    const foreignAnswer = await t.request('POST', `${base}/${q.id}/comments`, { token: patient.token, json: { body: 'x', answer_id: '999999' } });
    expect(foreignAnswer.status).toBe(422);
    const comment = (await c1.json()) as { id: string };
    expect((await t.request('DELETE', `${base}/comments/${comment.id}`, { token: patient.token })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/comments/${comment.id}`, { token: moderator.token })).status).toBe(200);
    const notes = await t.ctx.db.selectFrom('notifications').select(['type', 'account_id']).where('type', '=', 'medired.consulta_comment').where('account_id', '=', doctor.accountId).execute();
    expect(notes.length).toBeGreaterThanOrEqual(1);
  });
});

describe('own question changes', () => {
  it('the asker edits or deletes while unanswered; others cannot; answered questions are locked', async () => {
    const q = await ask(patient);
    const edit = { ...sampleQuestion, title: 'Palpitaciones al subir escaleras (editado)' };
    expect((await t.request('PUT', `${base}/${q.id}`, { token: other.token, json: edit })).status).toBe(403);
    expect((await t.request('PUT', `${base}/${q.id}`, { json: edit })).status).toBe(401);
    const ok = await t.request('PUT', `${base}/${q.id}`, { token: patient.token, json: edit });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { title: string }).title).toContain('editado');
    await answer(doctor, q.id);
    expect((await t.request('PUT', `${base}/${q.id}`, { token: patient.token, json: edit })).status).toBe(409);
    expect((await t.request('DELETE', `${base}/${q.id}`, { token: patient.token })).status).toBe(409);
    const fresh = await ask(patient);
    expect((await t.request('DELETE', `${base}/${fresh.id}`, { token: other.token })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/${fresh.id}`, { token: patient.token })).status).toBe(200);
    expect((await t.request('GET', `${base}/${fresh.id}`)).status).toBe(404);
  });
});

describe('lists', () => {
  it('page newest first with a Link header, filter by specialty, tag and unanswered, and order by helpfulness', async () => {
    const lister = await createTestApp();
    try {
      await lister.createUser();
      const asker = await lister.createUser();
      const pro = await createVerifiedProfessional(lister, 'pediatrics');
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await lister.request('POST', base, {
          token: asker.token,
          json: { ...sampleQuestion, title: `Pregunta de prueba ${i}`, specialty: i % 2 ? 'pediatrics' : 'cardiology', tags: i === 4 ? ['fiebre'] : [] },
        });
        ids.push(((await res.json()) as { id: string }).id);
      }
      const page1 = await lister.request('GET', `${base}?limit=2`);
      expect(((await page1.json()) as { id: string }[]).map((q) => q.id)).toEqual([ids[4], ids[3]]);
      const link = page1.headers.get('link')!;
      const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
      const page2 = (await (await lister.request('GET', next.replace('http://localhost', ''))).json()) as { id: string }[];
      expect(page2.map((q) => q.id)).toEqual([ids[2], ids[1]]);
      const peds = (await (await lister.request('GET', `${base}?specialty=pediatrics`)).json()) as { id: string }[];
      expect(peds.map((q) => q.id)).toEqual([ids[3], ids[1]]);
      const tagged = (await (await lister.request('GET', `${base}?tag=Fiebre`)).json()) as { id: string }[];
      expect(tagged.map((q) => q.id)).toEqual([ids[4]]);
      const ans = await lister.request('POST', `${base}/${ids[1]}/answers`, { token: pro.token, json: { body: sampleAnswer } });
      const answerId = ((await ans.json()) as { id: string }).id;
      const unanswered = (await (await lister.request('GET', `${base}?sort=unanswered&specialty=pediatrics`)).json()) as { id: string }[];
      expect(unanswered.map((q) => q.id)).toEqual([ids[3]]);
      await lister.request('POST', `${base}/answers/${answerId}/helpful`, { token: asker.token });
      const helpful = await lister.request('GET', `${base}?sort=helpful&limit=1`);
      expect(((await helpful.json()) as { id: string }[]).map((q) => q.id)).toEqual([ids[1]]);
      const helpfulNext = /<([^>]+)>; rel="next"/.exec(helpful.headers.get('link')!)![1]!;
      expect(helpfulNext).toContain('cursor=');
      const second = (await (await lister.request('GET', helpfulNext.replace('http://localhost', ''))).json()) as { id: string }[];
      expect(second.map((q) => q.id)).toEqual([ids[4]]);
      const mine = await lister.request('GET', `${base}/for_me`, { token: pro.token });
      expect(((await mine.json()) as { id: string }[]).map((q) => q.id)).toEqual([ids[3]]);
      expect((await lister.request('GET', `${base}/for_me`, { token: asker.token })).status).toBe(403);
      expect((await lister.request('GET', `${base}/for_me`)).status).toBe(401);
    } finally {
      await lister.close();
    }
  });
});

describe('blocks and mutes', () => {
  it('a blocked user cannot answer or comment on the blocker question under their name, and the blocker no longer sees them', async () => {
    const blocker = await t.createUser();
    const q = await ask(blocker);
    const blockedPro = await createVerifiedProfessional(t);
    const a = await answer(blockedPro, q.id);
    await t.ctx.db.insertInto('blocks').values({ account_id: blocker.accountId, target_account_id: other.accountId }).execute();
    expect((await t.request('POST', `${base}/${q.id}/comments`, { token: other.token, json: { body: 'hola' } })).status).toBe(404);
    await t.ctx.db.insertInto('blocks').values({ account_id: blocker.accountId, target_account_id: doctor2.accountId }).execute();
    expect((await t.request('POST', `${base}/${q.id}/answers`, { token: doctor2.token, json: { body: sampleAnswer } })).status).toBe(404);
    // Under a pseudonym blocks do not apply: the question stays visible and open to them, as
    // anyone else's (a refusal would reveal who asked; see consultas.policy.ts).
    const anon = await ask(blocker, { pseudonym: 'Alguien' });
    expect((await t.request('POST', `${base}/${anon.id}/answers`, { token: doctor2.token, json: { body: sampleAnswer } })).status).toBe(200);
    expect((await t.request('POST', `${base}/${anon.id}/comments`, { token: other.token, json: { body: 'hola' } })).status).toBe(200);
    // The blocker mutes the professional who answered: their answer disappears for the blocker only.
    await t.ctx.db.insertInto('mutes').values({ account_id: blocker.accountId, target_account_id: blockedPro.accountId }).execute();
    const mine = (await (await t.request('GET', `${base}/${q.id}/answers`, { token: blocker.token })).json()) as { id: string }[];
    expect(mine.map((x) => x.id)).not.toContain(a.id);
    const theirs = (await (await t.request('GET', `${base}/${q.id}/answers`, { token: patient.token })).json()) as { id: string }[];
    expect(theirs.map((x) => x.id)).toContain(a.id);
    // The blocked user no longer sees the blocker's (non-pseudonymous) questions in lists.
    const list = (await (await t.request('GET', `${base}?limit=40`, { token: other.token })).json()) as { id: string }[];
    expect(list.map((x) => x.id)).not.toContain(q.id);
    expect(list.map((x) => x.id)).toContain(anon.id);
  });
});

describe('notifications to professionals of the specialty', () => {
  it('are sent by a background job, at most five per professional per day', async () => {
    const app = await createTestApp();
    try {
      await app.createUser();
      const asker = await app.createUser();
      const pro = await createVerifiedProfessional(app, 'neurology');
      const unverified = await app.createUser({ kind: 'professional', profession: 'doctor', specialty: 'neurology', license_number: '9', license_country: 'ES' });
      const otherSpecialty = await createVerifiedProfessional(app, 'urology');
      for (let i = 0; i < 7; i += 1) {
        await app.request('POST', base, { token: asker.token, json: { ...sampleQuestion, specialty: 'neurology', title: `Migraña número ${i}` } });
      }
      const count = async (accountId: string) =>
        (await app.ctx.db.selectFrom('notifications').select('id').where('type', '=', 'medired.consulta_question').where('account_id', '=', accountId).execute()).length;
      // Nothing is sent on the request path.
      expect(await count(pro.accountId)).toBe(0);
      await runDueJobs(app.ctx, jobHandlers);
      expect(await count(pro.accountId)).toBe(5);
      expect(await count(unverified.accountId)).toBe(0);
      expect(await count(otherSpecialty.accountId)).toBe(0);
      const note = await app.ctx.db.selectFrom('notifications').selectAll().where('account_id', '=', pro.accountId).executeTakeFirstOrThrow();
      expect(note.from_account_id).toBe(asker.accountId);
    } finally {
      await app.close();
    }
  });
});

describe('moderation state', () => {
  it('a hidden question is gone for everyone but its asker and staff', async () => {
    const q = await ask(patient);
    await t.ctx.db.updateTable('consulta_questions').set({ hidden_at: new Date() }).where('id', '=', q.id).execute();
    expect((await t.request('GET', `${base}/${q.id}`)).status).toBe(404);
    expect((await t.request('GET', `${base}/${q.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('GET', `${base}/${q.id}`, { token: patient.token })).status).toBe(200);
    expect((await t.request('GET', `${base}/${q.id}`, { token: moderator.token })).status).toBe(200);
    expect((await t.request('POST', `${base}/${q.id}/answers`, { token: doctor.token, json: { body: sampleAnswer } })).status).toBe(404);
  });
});
