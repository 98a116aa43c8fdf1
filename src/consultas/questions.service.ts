import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { enqueue } from '../jobs/jobs.queue.js';
import { hasStaffPower } from '../auth/staff-power.js';
import { renderMarkdown } from '../text/markdown.js';
import { findQuestion, loadActor, questionForViewer, type QuestionRow } from './consulta-access.js';
import type { QuestionInput } from './consultas.js';
import { checkTextSafety } from './safety-gate.js';

/** Queue of the job that tells professionals of the specialty about a new question. */
export const QUESTION_NOTICES_QUEUE = 'consultas.question_notices';

/**
 * Publishes a question. Emergency wording and identifying data are refused (422 with guidance)
 * unless the asker confirmed; professionals of the specialty are told off the request path.
 */
export async function askQuestion(app: AppContext, viewer: Viewer, input: QuestionInput): Promise<QuestionRow> {
  const asker = await loadActor(app.db, viewer.accountId);
  const text = `${input.title}\n${input.body}\n${input.pseudonym ?? ''}\n${input.tags.join(' ')}`;
  const safety = checkTextSafety(text, { confirmPersonalData: input.confirm_personal_data, confirmEmergency: input.confirm_emergency, country: asker.country });
  const id = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('consulta_questions')
      .values({
        account_id: viewer.accountId,
        pseudonym: input.pseudonym,
        title: input.title,
        body_source: input.body,
        body_html: renderMarkdown(input.body),
        specialty: input.specialty,
        tags: input.tags,
        personal_data_confirmed: safety.personalData,
        emergency_confirmed: safety.emergency,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await enqueue(trx, QUESTION_NOTICES_QUEUE, { question_id: row.id });
    return row.id;
  });
  return (await findQuestion(app.db, id))!;
}

async function ownUnansweredQuestion(app: AppContext, viewer: Viewer, id: string): Promise<QuestionRow> {
  const q = await questionForViewer(app.db, viewer, id);
  if (q.account_id !== viewer.accountId) throw forbidden('Only the person who asked can change this question');
  if (q.answers_count > 0) throw conflict('This question already has answers and can no longer be changed');
  return q;
}

/** Edits one's own question while nobody has answered it yet. */
export async function updateQuestion(app: AppContext, viewer: Viewer, id: string, input: QuestionInput): Promise<QuestionRow> {
  await ownUnansweredQuestion(app, viewer, id);
  const asker = await loadActor(app.db, viewer.accountId);
  const text = `${input.title}\n${input.body}\n${input.pseudonym ?? ''}\n${input.tags.join(' ')}`;
  const safety = checkTextSafety(text, { confirmPersonalData: input.confirm_personal_data, confirmEmergency: input.confirm_emergency, country: asker.country });
  const updated = await app.db
    .updateTable('consulta_questions')
    .set({
      pseudonym: input.pseudonym,
      title: input.title,
      body_source: input.body,
      body_html: renderMarkdown(input.body),
      specialty: input.specialty,
      tags: input.tags,
      personal_data_confirmed: safety.personalData,
      emergency_confirmed: safety.emergency,
      edited_at: new Date(),
    })
    .where('id', '=', id)
    // An answer may have arrived since the check above.
    .where('answers_count', '=', 0)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw conflict('This question already has answers and can no longer be changed');
  return (await findQuestion(app.db, id))!;
}

/** Deletes one's own unanswered question; staff may delete any question. */
export async function deleteQuestion(app: AppContext, viewer: Viewer, id: string): Promise<void> {
  if (hasStaffPower(viewer)) {
    const q = await findQuestion(app.db, id);
    if (!q) throw notFound('Question');
  } else {
    await ownUnansweredQuestion(app, viewer, id);
  }
  const query = app.db.deleteFrom('consulta_questions').where('id', '=', id);
  const deleted = await (hasStaffPower(viewer) ? query : query.where('answers_count', '=', 0)).returning('id').executeTakeFirst();
  if (!deleted) throw conflict('This question already has answers and can no longer be deleted');
}
