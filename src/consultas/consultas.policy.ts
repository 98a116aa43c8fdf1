import { readerOf } from '../auth/reader.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import { conflict, forbidden, type AppError } from '../errors.js';

/**
 * Every "may this actor do this to that" decision of Consulta abierta. The services call these
 * before they act and throw the refusal; the API routes and the web pages never decide
 * themselves — a page asks the same functions whether to show a form or a button.
 *
 * A decision function returns `null` when the action is allowed, or the error to answer with.
 * The facts (the actor's account row, the question row, whether a block exists) are loaded by
 * the caller, so the rules stay pure and each has one home.
 *
 * **Blocks and pseudonyms.** A question asked under a pseudonym, and the asker's own comments
 * on it, are shown under the pseudonym, not under the asker's account. Blocks and mutes are
 * between accounts, so they do not reach content shown under a pseudonym: anyone may see,
 * answer, comment on, vote on and be told about a pseudonymous question exactly as if no block
 * existed, because any difference (a refusal, a missing question in a list, a missing
 * notification) would tell a blocked or blocking account who asked. What a block still does
 * there is invisible to the other side: the blocker does not see the content of the accounts
 * they block or mute, and is not notified by them. Questions under the asker's own name follow
 * the ordinary rule: in a block either way they are not found, as if they did not exist.
 */

/** The account columns the rules depend on. */
export interface ConsultaActor {
  kind: string;
  verification_status: string;
  suspended_at: Date | null;
}

/** The question columns the rules depend on. */
export interface QuestionFacts {
  account_id: string;
  pseudonym: string | null;
  hidden_at: Date | null;
  asker_suspended_at: Date | null;
  answers_count: number;
}

/**
 * Staff power in Consulta abierta: the staff role and two-factor authentication (through
 * `hasStaffPower`), on a session that has passed its second factor. The only source of staff
 * exceptions here: seeing hidden content and the asker behind a pseudonym, deleting others'
 * questions and comments.
 */
export function mayActAsStaff(viewer: Viewer | null): boolean {
  return viewer !== null && !viewer.mfaPending && hasStaffPower(viewer);
}

/** True when the viewer asked the question. */
export function isAsker(viewer: Viewer | null, question: { account_id: string }): boolean {
  return viewer !== null && viewer.accountId === question.account_id;
}

/**
 * Only the asker and staff see the account behind a pseudonym; a suspended account reads as an
 * anonymous visitor (`readerOf`), its own questions included.
 */
export function seesRealAsker(asViewer: Viewer | null, askerId: string): boolean {
  const viewer = readerOf(asViewer);
  return (viewer !== null && viewer.accountId === askerId) || mayActAsStaff(viewer);
}

/** True for a verified professional: the only accounts that answer and write fact-checks. */
export function isVerifiedProfessional(actor: ConsultaActor): boolean {
  return actor.kind === 'professional' && actor.verification_status === 'verified' && actor.suspended_at === null;
}

/** Whether blocks and mutes with the asker apply to a question (not under a pseudonym: see above). */
export function blocksApplyTo(question: { pseudonym: string | null }): boolean {
  return question.pseudonym === null;
}

/**
 * May the viewer see the question? A question hidden by a moderator, or whose asker is
 * suspended, is seen only by its asker and staff; one under the asker's name is not seen in a
 * block either way. `blockedWithAsker` is only consulted when blocks apply. A suspended account
 * reads as an anonymous visitor.
 */
export function maySeeQuestion(asViewer: Viewer | null, question: QuestionFacts, blockedWithAsker: boolean): boolean {
  const viewer = readerOf(asViewer);
  if (isAsker(viewer, question) || mayActAsStaff(viewer)) return true;
  if (question.hidden_at || question.asker_suspended_at) return false;
  return !(blockedWithAsker && blocksApplyTo(question));
}

/** Any signed-in account that is not suspended may ask. */
export function askRefusal(viewer: Viewer): AppError | null {
  return viewer.suspended ? forbidden('Your account is suspended') : null;
}

/** Only the asker edits a question, and only while nobody has answered it. */
export function editQuestionRefusal(viewer: Viewer, question: QuestionFacts): AppError | null {
  if (!isAsker(viewer, question)) return forbidden('Only the person who asked can change this question');
  if (question.answers_count > 0) return conflict('This question already has answers and can no longer be changed');
  return null;
}

/** The asker deletes while unanswered; staff delete any question. */
export function deleteQuestionRefusal(viewer: Viewer, question: QuestionFacts): AppError | null {
  if (mayActAsStaff(viewer)) return null;
  return editQuestionRefusal(viewer, question);
}

/** Only verified health professionals answer consultas at all (asked before any question is looked up). */
export function answererRefusal(viewer: Viewer, actor: ConsultaActor): AppError | null {
  return viewer.suspended || !isVerifiedProfessional(actor) ? forbidden('Only verified health professionals can answer consultas') : null;
}

/**
 * A verified professional answers someone else's visible question once. Blocks with the asker
 * need no check here: under the asker's name the question is not found in a block, under a
 * pseudonym blocks do not apply. `alreadyAnswered` lets a page hide the form (the service relies
 * on the unique index instead, which also holds under concurrent posts).
 */
export function answerRefusal(viewer: Viewer, actor: ConsultaActor, question: QuestionFacts, alreadyAnswered = false): AppError | null {
  const answerer = answererRefusal(viewer, actor);
  if (answerer) return answerer;
  if (isAsker(viewer, question)) return forbidden('You cannot answer your own question; add a comment instead');
  if (question.hidden_at) return forbidden('This question has been hidden by the moderators');
  if (alreadyAnswered) return conflict('You have already answered this question; edit your answer instead');
  return null;
}

/** Only its author edits an answer. */
export function editAnswerRefusal(viewer: Viewer, answer: { account_id: string }): AppError | null {
  return answer.account_id === viewer.accountId ? null : forbidden('Only its author can edit an answer');
}

/**
 * Anyone signed in comments on a visible question, or follows up on one of its answers. A
 * follow-up on the answer of an account in a block with the viewer is refused: answers are
 * always under their author's own name, so this reveals nothing about the asker.
 */
export function commentRefusal(viewer: Viewer, question: QuestionFacts, answer: { blockedWithAuthor: boolean } | null): AppError | null {
  if (viewer.suspended) return forbidden('Your account is suspended');
  if (question.hidden_at) return forbidden('This question has been hidden by the moderators');
  if (answer?.blockedWithAuthor) return forbidden('You cannot take part in this consulta');
  return null;
}

/** Its author deletes a comment; staff delete any. */
export function deleteCommentRefusal(viewer: Viewer, comment: { account_id: string }): AppError | null {
  return comment.account_id === viewer.accountId || mayActAsStaff(viewer) ? null : forbidden('Only its author can delete a comment');
}

/** Anyone but its author votes an answer helpful (not a hidden one); withdrawing is always allowed to a voter. */
export function helpfulVoteRefusal(viewer: Viewer, answer: { account_id: string; hidden_at: Date | null }, helpful: boolean): AppError | null {
  if (answer.account_id === viewer.accountId) return forbidden('You cannot vote for your own answer');
  if (helpful && answer.hidden_at) return forbidden('This answer has been hidden by the moderators');
  return null;
}

/** Only the asker marks (or clears) the answer that helped them; not a hidden answer. */
export function acceptAnswerRefusal(viewer: Viewer, question: { account_id: string }, answer: { hidden_at: Date | null }): AppError | null {
  if (!isAsker(viewer, question)) return forbidden('Only the person who asked can choose the answer that helped');
  if (answer.hidden_at) return forbidden('This answer has been hidden by the moderators');
  return null;
}

/**
 * The account whose content on this question is never left out of the viewer's reading for
 * blocks or mutes: the asker of a pseudonymous question (leaving their comments out would
 * reveal who asked). Null when blocks apply to everyone on the question.
 */
export function authorExemptFromSilencing(question: { account_id: string; pseudonym: string | null }): string | null {
  return blocksApplyTo(question) ? null : question.account_id;
}
