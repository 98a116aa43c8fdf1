import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { conflict, notFound } from '../errors.js';
import { enqueue } from '../jobs/jobs.queue.js';
import { renderMarkdown } from '../text/markdown.js';
import { loadActor, questionForViewer } from './consulta-access.js';
import type { QuestionInput } from './consultas.js';
import { askRefusal, deleteQuestionRefusal, editQuestionRefusal, mayActAsStaff } from './consultas.policy.js';
import { deleteQuestionRow, findQuestion, insertQuestion, updateUnansweredQuestion, type QuestionRow, type QuestionValues } from './consultas.repository.js';
import { checkTextSafety } from './safety-gate.js';

/** Queue of the job that tells professionals of the specialty about a new question. */
export const QUESTION_NOTICES_QUEUE = 'consultas.question_notices';

/** Checks the text for emergencies and identifying data (refusing unless confirmed) and builds the row. */
async function questionValues(app: AppContext, viewer: Viewer, input: QuestionInput): Promise<QuestionValues> {
  const asker = await loadActor(app.db, viewer.accountId);
  const text = `${input.title}\n${input.body}\n${input.pseudonym ?? ''}\n${input.tags.join(' ')}`;
  const safety = checkTextSafety(text, { confirmPersonalData: input.confirm_personal_data, confirmEmergency: input.confirm_emergency, country: asker.country });
  return {
    pseudonym: input.pseudonym,
    title: input.title,
    body_source: input.body,
    body_html: renderMarkdown(input.body),
    specialty: input.specialty,
    tags: input.tags,
    personal_data_confirmed: safety.personalData,
    emergency_confirmed: safety.emergency,
  };
}

/**
 * Publishes a question. Emergency wording and identifying data are refused (422 with guidance)
 * unless the asker confirmed; professionals of the specialty are told off the request path.
 */
export async function askQuestion(app: AppContext, viewer: Viewer, input: QuestionInput): Promise<QuestionRow> {
  const refusal = askRefusal(viewer);
  if (refusal) throw refusal;
  const values = await questionValues(app, viewer, input);
  const id = await app.db.transaction().execute(async (trx) => {
    const questionId = await insertQuestion(trx, viewer.accountId, values);
    await enqueue(trx, QUESTION_NOTICES_QUEUE, { question_id: questionId });
    return questionId;
  });
  return (await findQuestion(app.db, id))!;
}

/** The question as the viewer may edit it (`editQuestionRefusal` in the policy). */
export async function questionToEdit(app: AppContext, viewer: Viewer, id: string): Promise<QuestionRow> {
  const q = await questionForViewer(app.db, viewer, id);
  const refusal = editQuestionRefusal(viewer, q);
  if (refusal) throw refusal;
  return q;
}

/** Edits one's own question while nobody has answered it yet. */
export async function updateQuestion(app: AppContext, viewer: Viewer, id: string, input: QuestionInput): Promise<QuestionRow> {
  await questionToEdit(app, viewer, id);
  // An answer may have arrived since the check above.
  if (!(await updateUnansweredQuestion(app.db, id, await questionValues(app, viewer, input)))) {
    throw conflict('This question already has answers and can no longer be changed');
  }
  return (await findQuestion(app.db, id))!;
}

/** Deletes one's own unanswered question; staff may delete any question. */
export async function deleteQuestion(app: AppContext, viewer: Viewer, id: string): Promise<void> {
  const staff = mayActAsStaff(viewer);
  const q = staff ? await findQuestion(app.db, id) : await questionForViewer(app.db, viewer, id);
  if (!q) throw notFound('Question');
  const refusal = deleteQuestionRefusal(viewer, q);
  if (refusal) throw refusal;
  if (!(await deleteQuestionRow(app.db, id, staff))) throw conflict('This question already has answers and can no longer be deleted');
}
