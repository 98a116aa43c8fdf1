import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { isUniqueViolation } from '../db/errors.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { hasStaffPower } from '../auth/staff-power.js';
import { renderMarkdown } from '../text/markdown.js';
import { assertMayTakePart, isVerifiedProfessional, loadActor, questionForViewer, notSilencedForViewer } from './consulta-access.js';
import type { AnswerInput } from './consultas.js';
import { checkTextSafety } from './safety-gate.js';

export type AnswerRow = Awaited<ReturnType<typeof findAnswer>> & object;

export function findAnswer(app: AppContext, id: string) {
  return app.db.selectFrom('consulta_answers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * A verified professional answers a question (once; they edit to add to it). Records the
 * response time and, for the first answer, the question's time to first answer; tells the asker.
 */
export async function postAnswer(app: AppContext, viewer: Viewer, questionId: string, input: AnswerInput) {
  const actor = await loadActor(app.db, viewer.accountId);
  if (!isVerifiedProfessional(actor)) throw forbidden('Only verified health professionals can answer consultas');
  const q = await questionForViewer(app.db, viewer, questionId);
  if (q.account_id === viewer.accountId) throw forbidden('You cannot answer your own question; add a comment instead');
  if (q.hidden_at) throw forbidden('This question has been hidden by the moderators');
  await assertMayTakePart(app.db, viewer, q.account_id);
  checkTextSafety(input.body, { confirmPersonalData: input.confirm_personal_data, checkEmergency: false });
  let answerId: string;
  try {
    answerId = await app.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('consulta_answers')
        .values({
          question_id: q.id,
          account_id: viewer.accountId,
          body_source: input.body,
          body_html: renderMarkdown(input.body),
          response_seconds: sql<number>`greatest(0, floor(extract(epoch from (now() - ${q.created_at}::timestamptz))))::int`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('consulta_questions')
        .set((eb) => ({ answers_count: eb('answers_count', '+', 1), first_answered_at: sql`coalesce(first_answered_at, now())` }))
        .where('id', '=', q.id)
        .execute();
      return row.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('You have already answered this question; edit your answer instead');
    throw err;
  }
  await notify(app.db, { accountId: q.account_id, type: 'medired.consulta_answer', fromAccountId: viewer.accountId, payload: { question_id: q.id, answer_id: answerId } });
  return (await findAnswer(app, answerId))!;
}

/** The author edits their answer. */
export async function editAnswer(app: AppContext, viewer: Viewer, answerId: string, input: AnswerInput) {
  const answer = await findAnswer(app, answerId);
  if (!answer) throw notFound('Answer');
  await questionForViewer(app.db, viewer, answer.question_id);
  if (answer.account_id !== viewer.accountId) throw forbidden('Only its author can edit an answer');
  checkTextSafety(input.body, { confirmPersonalData: input.confirm_personal_data, checkEmergency: false });
  await app.db
    .updateTable('consulta_answers')
    .set({ body_source: input.body, body_html: renderMarkdown(input.body), edited_at: new Date() })
    .where('id', '=', answerId)
    .execute();
  return (await findAnswer(app, answerId))!;
}

/** The asker marks the answer that helped them (replacing an earlier choice), or clears it. */
export async function setAcceptedAnswer(app: AppContext, viewer: Viewer, answerId: string, accepted: boolean) {
  const answer = await findAnswer(app, answerId);
  if (!answer) throw notFound('Answer');
  const q = await questionForViewer(app.db, viewer, answer.question_id);
  if (q.account_id !== viewer.accountId) throw forbidden('Only the person who asked can choose the answer that helped');
  if (answer.hidden_at) throw forbidden('This answer has been hidden by the moderators');
  const query = app.db.updateTable('consulta_questions').where('id', '=', q.id);
  if (accepted) {
    await query.set({ accepted_answer_id: answerId }).execute();
    if (q.accepted_answer_id !== answerId) {
      await notify(app.db, {
        accountId: answer.account_id,
        type: 'medired.consulta_accepted',
        // A pseudonymous asker stays anonymous to the professional too.
        fromAccountId: q.pseudonym ? null : q.account_id,
        payload: { question_id: q.id, answer_id: answerId },
      });
    }
  } else {
    await query.set({ accepted_answer_id: null }).where('accepted_answer_id', '=', answerId).execute();
  }
  return answer;
}

/**
 * Answers of a question in display order: the asker's choice first, then most helpful, then
 * oldest. Answers of accounts the viewer blocks or mutes (or that block them) are left out, and
 * hidden ones for everyone but their author and staff.
 */
export async function listAnswers(app: AppContext, viewer: Viewer | null, questionId: string) {
  const q = await questionForViewer(app.db, viewer, questionId);
  let query = app.db
    .selectFrom('consulta_answers as a')
    .innerJoin('accounts as author', 'author.id', 'a.account_id')
    .selectAll('a')
    .where('a.question_id', '=', q.id)
    .where(notSilencedForViewer(viewer, 'a.account_id'));
  if (!hasStaffPower(viewer)) {
    query = query.where((eb) =>
      eb.or([
        eb('a.account_id', '=', viewer?.accountId ?? '0'),
        eb.and([eb('a.hidden_at', 'is', null), eb('author.suspended_at', 'is', null)]),
      ]),
    );
  }
  const rows = await query
    .orderBy(sql`(a.id = ${q.accepted_answer_id ?? '0'})`, 'desc')
    .orderBy('a.helpful_count', 'desc')
    .orderBy('a.id', 'asc')
    .execute();
  return { question: q, answers: rows };
}
