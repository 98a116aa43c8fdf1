import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { FilterKeywordsTable, FiltersTable, FilterStatusesTable } from './filters.table.js';

/** The SQL of filters, their keywords and their statuses. Ownership is always in the query. */

export type FilterRow = Selectable<FiltersTable>;
export type FilterKeywordRow = Selectable<FilterKeywordsTable>;
export type FilterStatusRow = Selectable<FilterStatusesTable>;

/** A filter with what it matches. */
export interface FullFilter {
  filter: FilterRow;
  keywords: FilterKeywordRow[];
  statuses: FilterStatusRow[];
}

/** The account's filters (all of them, or those with `ids`), oldest first, each with its keywords and statuses. */
export async function findFilters(db: Db, accountId: string, ids?: readonly string[]): Promise<FullFilter[]> {
  if (ids && ids.length === 0) return [];
  const filters = await db
    .selectFrom('filters')
    .selectAll()
    .where('account_id', '=', accountId)
    .$if(ids !== undefined, (q) => q.where('id', 'in', [...ids!]))
    .orderBy('id')
    .execute();
  if (filters.length === 0) return [];
  const filterIds = filters.map((f) => f.id);
  const [keywords, statuses] = await Promise.all([
    db.selectFrom('filter_keywords').selectAll().where('filter_id', 'in', filterIds).orderBy('id').execute(),
    db.selectFrom('filter_statuses').selectAll().where('filter_id', 'in', filterIds).orderBy('id').execute(),
  ]);
  return filters.map((filter) => ({
    filter,
    keywords: keywords.filter((k) => k.filter_id === filter.id),
    statuses: statuses.filter((s) => s.filter_id === filter.id),
  }));
}

export async function findFilter(db: Db, accountId: string, id: string): Promise<FullFilter | undefined> {
  return (await findFilters(db, accountId, [id]))[0];
}

export function insertFilter(db: Db, values: Insertable<FiltersTable>): Promise<FilterRow> {
  return db.insertInto('filters').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateFilterRow(db: Db, accountId: string, id: string, changes: Updateable<FiltersTable>): Promise<void> {
  await db.updateTable('filters').set({ ...changes, updated_at: new Date() }).where('id', '=', id).where('account_id', '=', accountId).execute();
}

export async function deleteFilterRow(db: Db, accountId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('filters').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

export function insertKeywords(db: Db, rows: Insertable<FilterKeywordsTable>[]): Promise<FilterKeywordRow[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return db.insertInto('filter_keywords').values(rows).returningAll().execute();
}

/** A keyword with the filter it belongs to, when that filter is the account's. */
export function findOwnKeyword(db: Db, accountId: string, keywordId: string): Promise<FilterKeywordRow | undefined> {
  return db
    .selectFrom('filter_keywords')
    .innerJoin('filters', 'filters.id', 'filter_keywords.filter_id')
    .selectAll('filter_keywords')
    .where('filter_keywords.id', '=', keywordId)
    .where('filters.account_id', '=', accountId)
    .executeTakeFirst();
}

export async function updateKeyword(db: Db, filterId: string, keywordId: string, changes: Updateable<FilterKeywordsTable>): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('filter_keywords').set(changes).where('id', '=', keywordId).where('filter_id', '=', filterId).execute();
}

export async function deleteKeywords(db: Db, filterId: string, keywordIds: readonly string[]): Promise<void> {
  if (keywordIds.length === 0) return;
  await db.deleteFrom('filter_keywords').where('filter_id', '=', filterId).where('id', 'in', [...keywordIds]).execute();
}

/** Adds a status to a filter; undefined when it is already there. */
export function insertFilterStatus(db: Db, filterId: string, statusId: string): Promise<FilterStatusRow | undefined> {
  return db
    .insertInto('filter_statuses')
    .values({ filter_id: filterId, status_id: statusId })
    .onConflict((oc) => oc.columns(['filter_id', 'status_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findOwnFilterStatus(db: Db, accountId: string, id: string): Promise<FilterStatusRow | undefined> {
  return db
    .selectFrom('filter_statuses')
    .innerJoin('filters', 'filters.id', 'filter_statuses.filter_id')
    .selectAll('filter_statuses')
    .where('filter_statuses.id', '=', id)
    .where('filters.account_id', '=', accountId)
    .executeTakeFirst();
}

export async function deleteFilterStatus(db: Db, id: string): Promise<void> {
  await db.deleteFrom('filter_statuses').where('id', '=', id).execute();
}

/** How many keywords and statuses a filter has left. */
export async function countFilterParts(db: Db, filterId: string): Promise<number> {
  const [k, s] = await Promise.all([
    db.selectFrom('filter_keywords').select((eb) => eb.fn.countAll<string>().as('n')).where('filter_id', '=', filterId).executeTakeFirstOrThrow(),
    db.selectFrom('filter_statuses').select((eb) => eb.fn.countAll<string>().as('n')).where('filter_id', '=', filterId).executeTakeFirstOrThrow(),
  ]);
  return Number(k.n) + Number(s.n);
}

export async function countFilters(db: Db, accountId: string): Promise<number> {
  const row = await db.selectFrom('filters').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}
