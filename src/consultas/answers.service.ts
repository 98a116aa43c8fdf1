import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { isUniqueViolation } from '../db/errors.js';
import { conflict, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { renderMarkdown } from '../text/markdown.js';
import { findAnswer as findAnswerRow, findAnswersOfQuestion, insertAnswer, updateAnswerBody, type AnswerRow } from './answers.repository.js';
import { loadActor, questionForViewer } from './consulta-access.js';
import type { AnswerInput } from './consultas.js';
import { acceptAnswerRefusal, answererRefusal, answerRefusal, editAnswerRefusal, mayActAsStaff } from './consultas.policy.js';
import { setAcceptedAnswerId } from './consultas.repository.js';
import { checkTextSafety } from './safety-gate.js';
import { attachUploads } from '../attachments/attachments.service.js';

export type { AnswerRow } from './answers.repository.js';

export function findAnswer(app: AppContext, id: string) {
  return findAnswerRow(app.db, id);
}

/**
 * A verified professional answers a question (once; they edit to add to it). Records the
 * response time and, for the first answer, the question's time to first answer; tells the asker.
 */
export async function postAnswer(app: AppContext, viewer: Viewer, questionId: string, input: AnswerInput): Promise<AnswerRow> {
  const actor = await loadActor(app.db, viewer.accountId);
  // Refused before the question is looked up, so the refusal says nothing about the question.
  const notProfessional = answererRefusal(viewer, actor);
  if (notProfessional) throw notProfessional;
  const q = await questionForViewer(app.db, viewer, questionId);
  const refusal = answerRefusal(viewer, actor, q);
  if (refusal) throw refusal;
  checkTextSafety(input.body, { confirmPersonalData: input.confirm_personal_data, checkEmergency: false });
  let answerId: string;
  try {
    answerId = await app.db.transaction().execute(async (trx) => {
      const id = await insertAnswer(trx, { questionId: q.id, questionCreatedAt: q.created_at, accountId: viewer.accountId, bodySource: input.body, bodyHtml: renderMarkdown(input.body) });
      // Consultas are public: the images' descriptions are opened.
      await attachUploads(trx, app.sealer, { owner: 'consulta_answer', ownerId: id, accountId: viewer.accountId, ids: input.media_ids ?? [] });
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('You have already answered this question; edit your answer instead');
    throw err;
  }
  await notify(app.db, { accountId: q.account_id, type: 'medired.consulta_answer', fromAccountId: viewer.accountId, payload: { question_id: q.id, answer_id: answerId } });
  return (await findAnswerRow(app.db, answerId))!;
}

/** The author edits their answer. */
export async function editAnswer(app: AppContext, viewer: Viewer, answerId: string, input: AnswerInput): Promise<AnswerRow> {
  const answer = await findAnswerRow(app.db, answerId);
  if (!answer) throw notFound('Answer');
  await questionForViewer(app.db, viewer, answer.question_id);
  const refusal = editAnswerRefusal(viewer, answer);
  if (refusal) throw refusal;
  checkTextSafety(input.body, { confirmPersonalData: input.confirm_personal_data, checkEmergency: false });
  await updateAnswerBody(app.db, answerId, input.body, renderMarkdown(input.body));
  return (await findAnswerRow(app.db, answerId))!;
}

/** The asker marks the answer that helped them (replacing an earlier choice), or clears it. */
export async function setAcceptedAnswer(app: AppContext, viewer: Viewer, answerId: string, accepted: boolean): Promise<AnswerRow> {
  const answer = await findAnswerRow(app.db, answerId);
  if (!answer) throw notFound('Answer');
  const q = await questionForViewer(app.db, viewer, answer.question_id);
  const refusal = acceptAnswerRefusal(viewer, q, answer);
  if (refusal) throw refusal;
  await setAcceptedAnswerId(app.db, q.id, answerId, accepted);
  if (accepted && q.accepted_answer_id !== answerId) {
    await notify(app.db, {
      accountId: answer.account_id,
      type: 'medired.consulta_accepted',
      // A pseudonymous asker stays anonymous to the professional too.
      fromAccountId: q.pseudonym ? null : q.account_id,
      payload: { question_id: q.id, answer_id: answerId },
    });
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
  const rows = await findAnswersOfQuestion(app.db, viewer, q, mayActAsStaff(viewer));
  return { question: q, answers: rows };
}
