import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { hasStaffPower } from '../auth/staff-power.js';
import { renderMarkdown } from '../text/markdown.js';
import { assertMayTakePart, notSilencedForViewer, questionForViewer } from './consulta-access.js';
import type { CommentInput } from './consultas.js';
import { checkTextSafety } from './safety-gate.js';
import { findAnswer } from './answers.service.js';

/**
 * Anyone signed in comments on a question, or follows up on one of its answers. The answer's
 * author and the asker are told (a pseudonymous asker's comment does not name their account).
 */
export async function postComment(app: AppContext, viewer: Viewer, questionId: string, input: CommentInput & { answer_id?: string | undefined }) {
  const q = await questionForViewer(app.db, viewer, questionId);
  if (q.hidden_at) throw forbidden('This question has been hidden by the moderators');
  await assertMayTakePart(app.db, viewer, q.account_id);
  let answerAuthor: string | null = null;
  if (input.answer_id) {
    const answer = await findAnswer(app, input.answer_id);
    if (!answer || answer.question_id !== q.id) throw invalid('is not an answer of this question', 'answer_id');
    await assertMayTakePart(app.db, viewer, answer.account_id);
    answerAuthor = answer.account_id;
  }
  checkTextSafety(input.body, { confirmPersonalData: input.confirm_personal_data, checkEmergency: false });
  const comment = await app.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('consulta_comments')
      .values({ question_id: q.id, answer_id: input.answer_id ?? null, account_id: viewer.accountId, body_source: input.body, body_html: renderMarkdown(input.body) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('consulta_questions').set((eb) => ({ comments_count: eb('comments_count', '+', 1) })).where('id', '=', q.id).execute();
    return row;
  });
  const anonymous = q.pseudonym !== null && viewer.accountId === q.account_id;
  const payload = { question_id: q.id, comment_id: comment.id, ...(input.answer_id ? { answer_id: input.answer_id } : {}) };
  for (const recipient of new Set([q.account_id, answerAuthor].filter((x): x is string => x !== null))) {
    if (recipient === viewer.accountId) continue;
    await notify(app.db, { accountId: recipient, type: 'medired.consulta_comment', fromAccountId: anonymous ? null : viewer.accountId, payload });
  }
  return comment;
}

/** Deletes one's own comment; staff may delete any. */
export async function deleteComment(app: AppContext, viewer: Viewer, commentId: string): Promise<void> {
  const comment = await app.db.selectFrom('consulta_comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  if (!comment) throw notFound('Comment');
  await questionForViewer(app.db, viewer, comment.question_id);
  if (comment.account_id !== viewer.accountId && !hasStaffPower(viewer)) throw forbidden('Only its author can delete a comment');
  await app.db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('consulta_comments').where('id', '=', commentId).returning('id').executeTakeFirst();
    if (deleted) {
      await trx.updateTable('consulta_questions').set((eb) => ({ comments_count: eb('comments_count', '-', 1) })).where('id', '=', comment.question_id).execute();
    }
  });
}

/**
 * Comments of a question, oldest first. Comments of silenced accounts are left out, except the
 * asker's own on a pseudonymous question (leaving them out would reveal who asked).
 */
export async function listComments(app: AppContext, viewer: Viewer | null, question: { id: string; account_id: string; pseudonym: string | null }) {
  let query = app.db
    .selectFrom('consulta_comments as c')
    .innerJoin('accounts as author', 'author.id', 'c.account_id')
    .selectAll('c')
    .where('c.question_id', '=', question.id);
  if (question.pseudonym) {
    query = query.where((eb) => eb.or([eb('c.account_id', '=', question.account_id), notSilencedForViewer(viewer, 'c.account_id')]));
  } else {
    query = query.where(notSilencedForViewer(viewer, 'c.account_id'));
  }
  if (!hasStaffPower(viewer)) {
    query = query.where((eb) =>
      eb.or([eb('c.account_id', '=', viewer?.accountId ?? '0'), eb.and([eb('c.hidden_at', 'is', null), eb('author.suspended_at', 'is', null)])]),
    );
  }
  return query.orderBy('c.id', 'asc').limit(500).execute();
}
