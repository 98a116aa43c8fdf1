import type { Db } from '../db/connect.js';

export interface KeysetPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

export interface PageItem {
  id: string;
  cursor: string;
}

/**
 * Applies Mastodon's cursors to a query ordered on `column`: max_id/since_id page back from the
 * newest, min_id pages forward from the oldest (results still returned newest first).
 */
function finish<T extends { cursor: string }>(rows: T[], page: KeysetPage): T[] {
  return page.minId && !page.sinceId && !page.maxId ? rows.reverse() : rows;
}

/** Accounts (not suspended) that favourited a status, newest favourite first, keyed by favourites.id. */
export async function favouritedByPage(db: Db, statusId: string, page: KeysetPage): Promise<PageItem[]> {
  const forward = Boolean(page.minId && !page.sinceId && !page.maxId);
  let q = db
    .selectFrom('favourites')
    .innerJoin('accounts', 'accounts.id', 'favourites.account_id')
    .select(['favourites.account_id as id', 'favourites.id as cursor'])
    .where('favourites.status_id', '=', statusId)
    .where('accounts.suspended_at', 'is', null)
    .orderBy('favourites.id', forward ? 'asc' : 'desc')
    .limit(page.limit);
  if (page.maxId) q = q.where('favourites.id', '<', page.maxId);
  if (page.sinceId) q = q.where('favourites.id', '>', page.sinceId);
  if (page.minId) q = q.where('favourites.id', '>', page.minId);
  return finish(await q.execute(), page);
}

/** Accounts (not suspended) that reblogged a status, newest first, keyed by the reblog's id. */
export async function rebloggedByPage(db: Db, statusId: string, page: KeysetPage): Promise<PageItem[]> {
  const forward = Boolean(page.minId && !page.sinceId && !page.maxId);
  let q = db
    .selectFrom('statuses')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .select(['statuses.account_id as id', 'statuses.id as cursor'])
    .where('statuses.reblog_of_id', '=', statusId)
    .where('accounts.suspended_at', 'is', null)
    .orderBy('statuses.id', forward ? 'asc' : 'desc')
    .limit(page.limit);
  if (page.maxId) q = q.where('statuses.id', '<', page.maxId);
  if (page.sinceId) q = q.where('statuses.id', '>', page.sinceId);
  if (page.minId) q = q.where('statuses.id', '>', page.minId);
  return finish(await q.execute(), page);
}

/** The statuses an account favourited, newest favourite first, keyed by favourites.id. */
export async function ownFavouritesPage(db: Db, accountId: string, page: KeysetPage): Promise<PageItem[]> {
  const forward = Boolean(page.minId && !page.sinceId && !page.maxId);
  let q = db
    .selectFrom('favourites')
    .select(['favourites.status_id as id', 'favourites.id as cursor'])
    .where('favourites.account_id', '=', accountId)
    .orderBy('favourites.id', forward ? 'asc' : 'desc')
    .limit(page.limit);
  if (page.maxId) q = q.where('favourites.id', '<', page.maxId);
  if (page.sinceId) q = q.where('favourites.id', '>', page.sinceId);
  if (page.minId) q = q.where('favourites.id', '>', page.minId);
  return finish(await q.execute(), page);
}
