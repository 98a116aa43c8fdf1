import type { Viewer } from '../auth/viewer.js';
import type { Db, Trx } from '../db/connect.js';
import { notSilencedForViewer } from './consultas.repository.js';

/** SQL of Consulta abierta's comments. */

export function findComment(db: Db, id: string) {
  return db.selectFrom('consulta_comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a comment and counts it on its question, in one transaction. */
export function insertComment(db: Db, c: { questionId: string; answerId: string | null; accountId: string; bodySource: string; bodyHtml: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('consulta_comments')
      .values({ question_id: c.questionId, answer_id: c.answerId, account_id: c.accountId, body_source: c.bodySource, body_html: c.bodyHtml })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('consulta_questions').set((eb) => ({ comments_count: eb('comments_count', '+', 1) })).where('id', '=', c.questionId).execute();
    return row;
  });
}

/** Deletes a comment and uncounts it, in one transaction (once, however many deletes race). */
export async function deleteCommentRow(db: Db, comment: { id: string; question_id: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom('consulta_comments').where('id', '=', comment.id).returning('id').executeTakeFirst();
    if (deleted) {
      await trx.updateTable('consulta_questions').set((eb) => ({ comments_count: eb('comments_count', '-', 1) })).where('id', '=', comment.question_id).execute();
    }
  });
}

/**
 * Comments of a question, oldest first (at most 500). Comments of accounts the viewer blocks or
 * mutes (or that block them) are left out, except those by `exemptAuthorId`; unless `staff`,
 * hidden ones and those of suspended authors too, for everyone but their author.
 */
export function findCommentsOfQuestion(db: Db, viewer: Viewer | null, questionId: string, f: { exemptAuthorId: string | null; staff: boolean }) {
  let query = db.selectFrom('consulta_comments as c').innerJoin('accounts as author', 'author.id', 'c.account_id').selectAll('c').where('c.question_id', '=', questionId);
  const exempt = f.exemptAuthorId;
  query = exempt
    ? query.where((eb) => eb.or([eb('c.account_id', '=', exempt), notSilencedForViewer(viewer, 'c.account_id')]))
    : query.where(notSilencedForViewer(viewer, 'c.account_id'));
  if (!f.staff) {
    query = query.where((eb) =>
      eb.or([eb('c.account_id', '=', viewer?.accountId ?? '0'), eb.and([eb('c.hidden_at', 'is', null), eb('author.suspended_at', 'is', null)])]),
    );
  }
  return query.orderBy('c.id', 'asc').limit(500).execute();
}
