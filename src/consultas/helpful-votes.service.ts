import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../errors.js';
import { questionForViewer } from './consulta-access.js';
import { findAnswer } from './answers.service.js';

/**
 * Votes an answer helpful (once per account; the author cannot vote their own). The vote and the
 * counters change in one transaction, and only when the vote row really appeared or went away,
 * so counters stay exact however many votes arrive at once. Returns the new count and state.
 */
export async function setHelpfulVote(app: AppContext, viewer: Viewer, answerId: string, helpful: boolean): Promise<{ helpful_count: number; helpful: boolean }> {
  const answer = await findAnswer(app, answerId);
  if (!answer) throw notFound('Answer');
  await questionForViewer(app.db, viewer, answer.question_id);
  if (answer.account_id === viewer.accountId) throw forbidden('You cannot vote for your own answer');
  if (helpful && answer.hidden_at) throw forbidden('This answer has been hidden by the moderators');
  return app.db.transaction().execute(async (trx) => {
    const changed = helpful
      ? await trx
          .insertInto('consulta_helpful_votes')
          .values({ answer_id: answerId, account_id: viewer.accountId })
          .onConflict((oc) => oc.doNothing())
          .returning('answer_id')
          .executeTakeFirst()
      : await trx
          .deleteFrom('consulta_helpful_votes')
          .where('answer_id', '=', answerId)
          .where('account_id', '=', viewer.accountId)
          .returning('answer_id')
          .executeTakeFirst();
    if (changed) {
      const delta = helpful ? 1 : -1;
      await trx
        .updateTable('consulta_questions')
        .set((eb) => ({ helpful_total: eb('helpful_total', '+', delta) }))
        .where('id', '=', answer.question_id)
        .execute();
      const row = await trx
        .updateTable('consulta_answers')
        .set((eb) => ({ helpful_count: eb('helpful_count', '+', delta) }))
        .where('id', '=', answerId)
        .returning('helpful_count')
        .executeTakeFirstOrThrow();
      return { helpful_count: row.helpful_count, helpful };
    }
    const row = await trx.selectFrom('consulta_answers').select('helpful_count').where('id', '=', answerId).executeTakeFirstOrThrow();
    return { helpful_count: row.helpful_count, helpful };
  });
}

/** Which of `answerIds` the viewer voted helpful. */
export async function helpfulVotedBy(app: AppContext, viewer: Viewer | null, answerIds: string[]): Promise<Set<string>> {
  if (!viewer || answerIds.length === 0) return new Set();
  const rows = await app.db
    .selectFrom('consulta_helpful_votes')
    .select('answer_id')
    .where('account_id', '=', viewer.accountId)
    .where('answer_id', 'in', answerIds)
    .execute();
  return new Set(rows.map((r) => r.answer_id));
}
