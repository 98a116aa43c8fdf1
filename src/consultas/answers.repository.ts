import { sql } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db, Trx } from '../db/connect.js';
import { notSilencedForViewer } from './consultas.repository.js';

/** SQL of Consulta abierta's answers and helpful votes. */

export type AnswerRow = NonNullable<Awaited<ReturnType<typeof findAnswer>>>;

export function findAnswer(db: Db, id: string) {
  return db.selectFrom('consulta_answers').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Inserts an answer with its response time, and counts it on the question (recording the time
 * to first answer), in the caller's transaction. A second answer by the same account violates
 * the unique index. Returns the new id.
 */
export async function insertAnswer(
  trx: Trx,
  a: { questionId: string; questionCreatedAt: Date; accountId: string; bodySource: string; bodyHtml: string },
): Promise<string> {
  const row = await trx
    .insertInto('consulta_answers')
    .values({
      question_id: a.questionId,
      account_id: a.accountId,
      body_source: a.bodySource,
      body_html: a.bodyHtml,
      response_seconds: sql<number>`greatest(0, floor(extract(epoch from (now() - ${a.questionCreatedAt}::timestamptz))))::int`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('consulta_questions')
    .set((eb) => ({ answers_count: eb('answers_count', '+', 1), first_answered_at: sql`coalesce(first_answered_at, now())` }))
    .where('id', '=', a.questionId)
    .execute();
  return row.id;
}

export async function updateAnswerBody(db: Db, id: string, bodySource: string, bodyHtml: string): Promise<void> {
  await db.updateTable('consulta_answers').set({ body_source: bodySource, body_html: bodyHtml, edited_at: new Date() }).where('id', '=', id).execute();
}

/**
 * Answers of a question in display order: the accepted one first, then most helpful, then
 * oldest. Answers of accounts the viewer blocks or mutes (or that block them) are left out, and
 * unless `staff`, hidden ones and those of suspended authors for everyone but their author.
 */
export function findAnswersOfQuestion(db: Db, viewer: Viewer | null, question: { id: string; accepted_answer_id: string | null }, staff: boolean) {
  let query = db
    .selectFrom('consulta_answers as a')
    .innerJoin('accounts as author', 'author.id', 'a.account_id')
    .selectAll('a')
    .where('a.question_id', '=', question.id)
    .where(notSilencedForViewer(viewer, 'a.account_id'));
  if (!staff) {
    query = query.where((eb) =>
      eb.or([eb('a.account_id', '=', viewer?.accountId ?? '0'), eb.and([eb('a.hidden_at', 'is', null), eb('author.suspended_at', 'is', null)])]),
    );
  }
  return query
    .orderBy(sql`(a.id = ${question.accepted_answer_id ?? '0'})`, 'desc')
    .orderBy('a.helpful_count', 'desc')
    .orderBy('a.id', 'asc')
    .execute();
}

/**
 * Adds or withdraws one account's helpful vote. The vote and the counters change in one
 * transaction, and only when the vote row really appeared or went away, so counters stay exact
 * however many votes arrive at once. Returns the answer's count afterwards.
 */
export function setHelpfulVoteRow(db: Db, answer: { id: string; question_id: string }, accountId: string, helpful: boolean): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const changed = helpful
      ? await trx.insertInto('consulta_helpful_votes').values({ answer_id: answer.id, account_id: accountId }).onConflict((oc) => oc.doNothing()).returning('answer_id').executeTakeFirst()
      : await trx.deleteFrom('consulta_helpful_votes').where('answer_id', '=', answer.id).where('account_id', '=', accountId).returning('answer_id').executeTakeFirst();
    if (changed) {
      const delta = helpful ? 1 : -1;
      await trx.updateTable('consulta_questions').set((eb) => ({ helpful_total: eb('helpful_total', '+', delta) })).where('id', '=', answer.question_id).execute();
      const row = await trx
        .updateTable('consulta_answers')
        .set((eb) => ({ helpful_count: eb('helpful_count', '+', delta) }))
        .where('id', '=', answer.id)
        .returning('helpful_count')
        .executeTakeFirstOrThrow();
      return row.helpful_count;
    }
    const row = await trx.selectFrom('consulta_answers').select('helpful_count').where('id', '=', answer.id).executeTakeFirstOrThrow();
    return row.helpful_count;
  });
}

/** Which of `answerIds` the account voted helpful. */
export async function findHelpfulVotes(db: Db, accountId: string, answerIds: string[]): Promise<Set<string>> {
  if (answerIds.length === 0) return new Set();
  const rows = await db.selectFrom('consulta_helpful_votes').select('answer_id').where('account_id', '=', accountId).where('answer_id', 'in', answerIds).execute();
  return new Set(rows.map((r) => r.answer_id));
}

/** Raw response-time figures of one account's answers (as text, as the database returns them). */
export function findAnswerStatsRow(db: Db, accountId: string) {
  return db
    .selectFrom('consulta_answers as a')
    .innerJoin('consulta_questions as q', 'q.id', 'a.question_id')
    .where('a.account_id', '=', accountId)
    .select([
      sql<string>`count(*)`.as('answers'),
      sql<string>`count(*) filter (where q.first_answered_at is not null and a.created_at <= q.first_answered_at)`.as('first_answers'),
      sql<string>`count(*) filter (where q.accepted_answer_id = a.id)`.as('accepted'),
      sql<string | null>`sum(a.helpful_count)`.as('helpful'),
      sql<string | null>`percentile_cont(0.5) within group (order by a.response_seconds)`.as('median'),
      sql<string | null>`avg(a.response_seconds)`.as('average'),
    ])
    .executeTakeFirstOrThrow();
}

/**
 * An account's answers per UTC day written in [from, until): how many, how many were helpful
 * (accepted, or with at least one helpful vote) and the median response time. Answers moderators
 * hid do not count.
 */
export function findAnswerDays(db: Db, accountId: string, from: Date, until: Date) {
  return db
    .selectFrom('consulta_answers as a')
    .innerJoin('consulta_questions as q', 'q.id', 'a.question_id')
    .where('a.account_id', '=', accountId)
    .where('a.hidden_at', 'is', null)
    .where('a.created_at', '>=', from)
    .where('a.created_at', '<', until)
    .select([
      sql<string>`(a.created_at AT TIME ZONE 'UTC')::date::text`.as('day'),
      sql<string>`count(*)`.as('answered'),
      sql<string>`count(*) filter (where a.helpful_count > 0 or q.accepted_answer_id = a.id)`.as('helpful'),
    ])
    .groupBy(sql`1`)
    .execute();
}

/** The median response time (seconds) of an account's answers written in [from, until), or null. */
export async function findAnswerMedianBetween(db: Db, accountId: string, from: Date, until: Date): Promise<number | null> {
  const row = await db
    .selectFrom('consulta_answers')
    .where('account_id', '=', accountId)
    .where('hidden_at', 'is', null)
    .where('created_at', '>=', from)
    .where('created_at', '<', until)
    .select(sql<string | null>`percentile_cont(0.5) within group (order by response_seconds)`.as('median'))
    .executeTakeFirstOrThrow();
  return row.median === null ? null : Math.round(Number(row.median));
}
