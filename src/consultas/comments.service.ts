import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { invalid, notFound } from '../errors.js';
import { isBlockedEitherWay } from '../relations/relations.repository.js';
import { notify } from '../notifications/notify.js';
import { renderMarkdown } from '../text/markdown.js';
import { findAnswer } from './answers.repository.js';
import { deleteCommentRow, findComment, findCommentsOfQuestion, insertComment } from './comments.repository.js';
import { questionForViewer } from './consulta-access.js';
import type { CommentInput } from './consultas.js';
import { authorExemptFromSilencing, commentRefusal, deleteCommentRefusal, mayActAsStaff } from './consultas.policy.js';
import { checkTextSafety } from './safety-gate.js';

/**
 * Anyone signed in comments on a question, or follows up on one of its answers. The answer's
 * author and the asker are told (a pseudonymous asker's comment does not name their account).
 * Blocks with the asker of a pseudonymous question do not apply (see `consultas.policy.ts`).
 */
export async function postComment(app: AppContext, viewer: Viewer, questionId: string, input: CommentInput & { answer_id?: string | undefined }) {
  const q = await questionForViewer(app.db, viewer, questionId);
  let answer: { accountId: string; blockedWithAuthor: boolean } | null = null;
  if (input.answer_id) {
    const row = await findAnswer(app.db, input.answer_id);
    if (!row || row.question_id !== q.id) throw invalid('is not an answer of this question', 'answer_id');
    const blockedWithAuthor = row.account_id !== viewer.accountId && (await isBlockedEitherWay(app.db, viewer.accountId, row.account_id));
    answer = { accountId: row.account_id, blockedWithAuthor };
  }
  const refusal = commentRefusal(viewer, q, answer);
  if (refusal) throw refusal;
  checkTextSafety(input.body, { confirmPersonalData: input.confirm_personal_data, checkEmergency: false });
  const comment = await insertComment(app.db, { questionId: q.id, answerId: input.answer_id ?? null, accountId: viewer.accountId, bodySource: input.body, bodyHtml: renderMarkdown(input.body) });
  const anonymous = q.pseudonym !== null && viewer.accountId === q.account_id;
  const payload = { question_id: q.id, comment_id: comment.id, ...(input.answer_id ? { answer_id: input.answer_id } : {}) };
  for (const recipient of new Set([q.account_id, answer?.accountId ?? null].filter((x): x is string => x !== null))) {
    if (recipient === viewer.accountId) continue;
    await notify(app.db, { accountId: recipient, type: 'medired.consulta_comment', fromAccountId: anonymous ? null : viewer.accountId, payload });
  }
  return comment;
}

/** Deletes one's own comment; staff may delete any. */
export async function deleteComment(app: AppContext, viewer: Viewer, commentId: string): Promise<void> {
  const comment = await findComment(app.db, commentId);
  if (!comment) throw notFound('Comment');
  await questionForViewer(app.db, viewer, comment.question_id);
  const refusal = deleteCommentRefusal(viewer, comment);
  if (refusal) throw refusal;
  await deleteCommentRow(app.db, comment);
}

/**
 * Comments of a question, oldest first. Comments of silenced accounts are left out, except the
 * asker's own on a pseudonymous question (leaving them out would reveal who asked).
 */
export async function listComments(app: AppContext, viewer: Viewer | null, question: { id: string; account_id: string; pseudonym: string | null }) {
  return findCommentsOfQuestion(app.db, viewer, question.id, { exemptAuthorId: authorExemptFromSilencing(question), staff: mayActAsStaff(viewer) });
}
