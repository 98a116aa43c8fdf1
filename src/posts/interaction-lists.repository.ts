import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';

/** Mastodon's cursors, as ids of the listing's own rows (favourites.id, the reblog's id). */
export interface KeysetPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/** One entry of a page: the id listed (account or status) and its cursor. */
export interface PageItem {
  id: string;
  cursor: string;
}

/**
 * Applies the cursors to a query on `column`, on its index, never with OFFSET: max_id/since_id
 * read back in time from the newest; min_id alone reads forward from just after it. Either way
 * the page comes back newest first, as Mastodon returns it.
 */
export async function keyset<DB extends Database, TB extends keyof DB>(
  query: SelectQueryBuilder<DB, TB, PageItem>,
  column: 'favourites.id' | 'statuses.id' | 'bookmarks.id' | 'scheduled_statuses.id',
  page: KeysetPage,
): Promise<PageItem[]> {
  const forward = Boolean(page.minId && !page.sinceId && !page.maxId);
  let q = query.orderBy(column as never, forward ? 'asc' : 'desc').limit(page.limit);
  if (page.maxId) q = q.where(column as never, '<', page.maxId as never);
  if (page.sinceId) q = q.where(column as never, '>', page.sinceId as never);
  if (page.minId) q = q.where(column as never, '>', page.minId as never);
  const rows = await q.execute();
  return forward ? rows.reverse() : rows;
}

/** Accounts (not suspended) that favourited a status, newest favourite first. */
export function favouritedByPage(db: Db, statusId: string, page: KeysetPage): Promise<PageItem[]> {
  const query = db
    .selectFrom('favourites')
    .innerJoin('accounts', 'accounts.id', 'favourites.account_id')
    .select(['favourites.account_id as id', 'favourites.id as cursor'])
    .where('favourites.status_id', '=', statusId)
    .where('accounts.suspended_at', 'is', null);
  return keyset(query, 'favourites.id', page);
}

/** Accounts (not suspended) that reblogged a status, newest reblog first. */
export function rebloggedByPage(db: Db, statusId: string, page: KeysetPage): Promise<PageItem[]> {
  const query = db
    .selectFrom('statuses')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .select(['statuses.account_id as id', 'statuses.id as cursor'])
    .where('statuses.reblog_of_id', '=', statusId)
    .where('accounts.suspended_at', 'is', null);
  return keyset(query, 'statuses.id', page);
}

/** The statuses an account favourited, newest favourite first. */
export function ownFavouritesPage(db: Db, accountId: string, page: KeysetPage): Promise<PageItem[]> {
  const query = db
    .selectFrom('favourites')
    .select(['favourites.status_id as id', 'favourites.id as cursor'])
    .where('favourites.account_id', '=', accountId);
  return keyset(query, 'favourites.id', page);
}
