import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db, Trx } from '../db/connect.js';
import { blockedEitherWay, notBlockedOrMutedBy } from '../relations/relations.repository.js';
import type { ListQuery } from './consultas.js';

/**
 * SQL of Consulta abierta's questions and of the accounts its rules look at. Plain functions
 * taking the database handle first; the rules that decide what to ask for live in
 * `consultas.policy.ts`.
 */

/** The account columns the consultas rules depend on, or undefined for an unknown account. */
export function findActorRow(db: Db, accountId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'kind', 'verification_status', 'specialty', 'country', 'city', 'suspended_at'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** True when the account exists and is not suspended. */
export async function isActiveAccount(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('id', '=', accountId).where('suspended_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * SQL: true unless the viewer blocks or mutes `accountRef`, or is blocked by it. Used to leave
 * such accounts' content out of lists.
 */
export function notSilencedForViewer(viewer: Viewer | null, accountRef: string): RawBuilder<SqlBool> {
  if (!viewer) return sql<SqlBool>`true`;
  return sql<SqlBool>`${notBlockedOrMutedBy(viewer.accountId, accountRef)}`;
}

function questionsWithAsker(db: Db) {
  return db
    .selectFrom('consulta_questions as q')
    .innerJoin('accounts as asker', 'asker.id', 'q.account_id')
    .selectAll('q')
    .select(['asker.suspended_at as asker_suspended_at', 'asker.country as asker_country']);
}

export type QuestionRow = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;

/** A question with the asker's suspension and country, whoever may see it. */
export function findQuestion(db: Db, id: string) {
  return questionsWithAsker(db).where('q.id', '=', id).executeTakeFirst();
}

export interface QuestionValues {
  pseudonym: string | null;
  title: string;
  body_source: string;
  body_html: string;
  specialty: string;
  tags: string[];
  personal_data_confirmed: boolean;
  emergency_confirmed: boolean;
}

/** Inserts a question; returns its id. */
export async function insertQuestion(trx: Trx, accountId: string, values: QuestionValues): Promise<string> {
  const row = await trx.insertInto('consulta_questions').values({ account_id: accountId, ...values }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Rewrites a question that still has no answers; false when an answer arrived first. */
export async function updateUnansweredQuestion(db: Db, id: string, values: QuestionValues): Promise<boolean> {
  const updated = await db
    .updateTable('consulta_questions')
    .set({ ...values, edited_at: new Date() })
    .where('id', '=', id)
    .where('answers_count', '=', 0)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Deletes a question (only while unanswered unless `evenAnswered`); false when nothing was deleted. */
export async function deleteQuestionRow(db: Db, id: string, evenAnswered: boolean): Promise<boolean> {
  const query = db.deleteFrom('consulta_questions').where('id', '=', id);
  const deleted = await (evenAnswered ? query : query.where('answers_count', '=', 0)).returning('id').executeTakeFirst();
  return deleted !== undefined;
}

/** Sets the question's accepted answer, or clears it when it is still `answerId`. */
export async function setAcceptedAnswerId(db: Db, questionId: string, answerId: string, accepted: boolean): Promise<void> {
  const query = db.updateTable('consulta_questions').where('id', '=', questionId);
  if (accepted) await query.set({ accepted_answer_id: answerId }).execute();
  else await query.set({ accepted_answer_id: null }).where('accepted_answer_id', '=', answerId).execute();
}

/**
 * One page (`fetch` rows) of a question list. Hidden questions and those of suspended askers
 * are left out (except the viewer's own), and so are those of accounts the viewer blocks or
 * mutes, unless asked under a pseudonym (blocks do not apply there: see the policy).
 */
export function findQuestionPage(db: Db, viewer: Viewer | null, query: Omit<ListQuery, 'limit'>, fetch: number): Promise<QuestionRow[]> {
  const me = viewer?.accountId ?? '0';
  let q = questionsWithAsker(db)
    .where((eb) => eb.or([eb('q.account_id', '=', me), eb.and([eb('q.hidden_at', 'is', null), eb('asker.suspended_at', 'is', null)])]))
    .where((eb) => eb.or([eb('q.pseudonym', 'is not', null), notSilencedForViewer(viewer, 'q.account_id')]));
  if (query.specialty) q = q.where('q.specialty', '=', query.specialty);
  if (query.tag) q = q.where(sql<boolean>`q.tags @> array[${query.tag}]::text[]`);
  if (query.sort === 'unanswered') q = q.where('q.answers_count', '=', 0);
  if (query.sort === 'helpful') {
    if (query.cursor) {
      const [score, id] = query.cursor.split('.') as [string, string];
      q = q.where(sql<boolean>`(q.helpful_total, q.id) < (${Number(score)}, ${id}::bigint)`);
    }
    return q.orderBy('q.helpful_total', 'desc').orderBy('q.id', 'desc').limit(fetch).execute();
  }
  if (query.max_id) q = q.where('q.id', '<', query.max_id);
  return q.orderBy('q.id', 'desc').limit(fetch).execute();
}

/** What the new-question job needs about a question. */
export function findQuestionForNotices(db: Db, id: string) {
  return db
    .selectFrom('consulta_questions')
    .select(['id', 'account_id', 'pseudonym', 'specialty', 'title', 'hidden_at', 'answers_count'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The next `limit` verified, active professionals of `specialty` after `afterId`, other than
 * the asker. With `skipBlockedWith` set, those in a block with that account are left out.
 */
export function findProfessionalsToNotify(db: Db, f: { specialty: string; askerId: string; afterId: string; limit: number; skipBlockedWith: string | null }) {
  let q = db
    .selectFrom('accounts as p')
    .select('p.id')
    .where('p.kind', '=', 'professional')
    .where('p.verification_status', '=', 'verified')
    .where('p.suspended_at', 'is', null)
    .where('p.specialty', '=', f.specialty)
    .where('p.id', '>', f.afterId)
    .where('p.id', '<>', f.askerId);
  const other = f.skipBlockedWith;
  if (other) q = q.where((eb) => eb.not(blockedEitherWay(other, 'p.id')));
  return q.orderBy('p.id').limit(f.limit).execute();
}

/**
 * Takes one unit of a day's notice quota for a professional: true if they may get one more
 * "new question" notification today (UTC). One atomic statement, so concurrent jobs never
 * exceed the cap.
 */
export async function takeNoticeQuotaRow(db: Db, accountId: string, cap: number): Promise<boolean> {
  const result = await sql<{ sent: number }>`
    INSERT INTO consulta_notice_quota AS quota (account_id, day, sent)
    VALUES (${accountId}, (now() AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT (account_id, day) DO UPDATE SET sent = quota.sent + 1 WHERE quota.sent < ${cap}
    RETURNING sent`.execute(db);
  return result.rows.length > 0;
}
