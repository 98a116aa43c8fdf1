import { sql, type Insertable, type Selectable } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { visibleToViewer } from '../posts/visibility.js';
import type { FactChecksTable } from './factchecks.table.js';

/** The SQL of fact-check notes and their ratings. */

export type FactCheckRow = Selectable<FactChecksTable>;

/** A note with its helpful/unhelpful counts (as text: `count(*)` is a bigint). */
export type FactCheckWithCountsRow = FactCheckRow & { helpful_count: string; unhelpful_count: string };

/** The author of an original status (not a reblog) the viewer may see, by the rules of `visibility.ts`. */
export function findVisibleStatusAuthor(db: Db, id: string, viewer: Viewer | null): Promise<{ account_id: string } | undefined> {
  return db
    .selectFrom('statuses')
    .select(['statuses.account_id'])
    .where('statuses.id', '=', id)
    .where('statuses.reblog_of_id', 'is', null)
    .where((eb) => visibleToViewer(eb, viewer))
    .executeTakeFirst();
}

/** The author, question and hidden state of a consulta answer. */
export function findAnswerAuthor(db: Db, id: string): Promise<{ account_id: string; question_id: string; hidden_at: Date | null } | undefined> {
  return db.selectFrom('consulta_answers').select(['account_id', 'question_id', 'hidden_at']).where('id', '=', id).executeTakeFirst();
}

/** Inserts a note and returns its id; a second note by the same author on a target breaks a unique index. */
export function insertFactCheck(db: Db, values: Insertable<FactChecksTable>): Promise<{ id: string }> {
  return db.insertInto('fact_checks').values(values).returning('id').executeTakeFirstOrThrow();
}

export function findFactCheckById(db: Db, id: string): Promise<FactCheckRow | undefined> {
  return db.selectFrom('fact_checks').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findFactCheckAuthor(db: Db, id: string): Promise<{ account_id: string } | undefined> {
  return db.selectFrom('fact_checks').select(['account_id']).where('id', '=', id).executeTakeFirst();
}

export function findFactCheckTarget(db: Db, id: string): Promise<{ status_id: string | null; answer_id: string | null } | undefined> {
  return db.selectFrom('fact_checks').select(['status_id', 'answer_id']).where('id', '=', id).executeTakeFirst();
}

export async function deleteFactCheckById(db: Db, id: string): Promise<void> {
  await db.deleteFrom('fact_checks').where('id', '=', id).execute();
}

/** Records the account's rating of a note, replacing an earlier one. */
export async function upsertFactCheckRating(db: Db, factCheckId: string, accountId: string, helpful: boolean): Promise<void> {
  await db
    .insertInto('fact_check_ratings')
    .values({ fact_check_id: factCheckId, account_id: accountId, helpful })
    .onConflict((oc) => oc.columns(['fact_check_id', 'account_id']).doUpdateSet({ helpful, updated_at: new Date() }))
    .execute();
}

/**
 * The notes (of authors not suspended) about these statuses or answers, oldest first, with their
 * exact helpful/unhelpful counts from currently verified professionals other than the author.
 */
export function findFactChecksWithCounts(db: Db, column: 'f.status_id' | 'f.answer_id', targetIds: string[]): Promise<FactCheckWithCountsRow[]> {
  return db
    .selectFrom('fact_checks as f')
    .innerJoin('accounts as author', 'author.id', 'f.account_id')
    .where('author.suspended_at', 'is', null)
    .selectAll('f')
    .select([
      sql<string>`(select count(*) from fact_check_ratings r join accounts ra on ra.id = r.account_id where r.fact_check_id = f.id and r.helpful and r.account_id <> f.account_id and ra.kind = 'professional' and ra.verification_status = 'verified' and ra.suspended_at is null)`.as('helpful_count'),
      sql<string>`(select count(*) from fact_check_ratings r join accounts ra on ra.id = r.account_id where r.fact_check_id = f.id and not r.helpful and r.account_id <> f.account_id and ra.kind = 'professional' and ra.verification_status = 'verified' and ra.suspended_at is null)`.as('unhelpful_count'),
    ])
    .where(column, 'in', targetIds)
    .orderBy('f.id', 'asc')
    .execute();
}

/** The account's own ratings among these notes. */
export function findRatingsByAccount(db: Db, accountId: string, factCheckIds: string[]): Promise<{ fact_check_id: string; helpful: boolean }[]> {
  return db.selectFrom('fact_check_ratings').select(['fact_check_id', 'helpful']).where('account_id', '=', accountId).where('fact_check_id', 'in', factCheckIds).execute();
}
