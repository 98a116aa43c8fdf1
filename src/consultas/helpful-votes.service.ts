import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { findAnswer, findHelpfulVotes, setHelpfulVoteRow } from './answers.repository.js';
import { questionForViewer } from './consulta-access.js';
import { helpfulVoteRefusal } from './consultas.policy.js';

/**
 * Votes an answer helpful (once per account; the author cannot vote their own), or withdraws
 * the vote. Counters stay exact under concurrent votes (see `setHelpfulVoteRow`). Returns the
 * new count and state.
 */
export async function setHelpfulVote(app: AppContext, viewer: Viewer, answerId: string, helpful: boolean): Promise<{ helpful_count: number; helpful: boolean }> {
  const answer = await findAnswer(app.db, answerId);
  if (!answer) throw notFound('Answer');
  await questionForViewer(app.db, viewer, answer.question_id);
  const refusal = helpfulVoteRefusal(viewer, answer, helpful);
  if (refusal) throw refusal;
  return { helpful_count: await setHelpfulVoteRow(app.db, answer, viewer.accountId, helpful), helpful };
}

/** Which of `answerIds` the viewer voted helpful. */
export async function helpfulVotedBy(app: AppContext, viewer: Viewer | null, answerIds: string[]): Promise<Set<string>> {
  if (!viewer) return new Set();
  return findHelpfulVotes(app.db, viewer.accountId, answerIds);
}
