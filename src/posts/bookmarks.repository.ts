import { sql, type SqlBool } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db, Trx } from '../db/connect.js';
import type { IdRange } from '../timelines/timeline-page.js';
import { keyset, type KeysetPage, type PageItem } from './interaction-lists.repository.js';
import { visibleToViewer, type StatusesEb } from './visibility.js';

/** The SQL of bookmarks and profile pins. */

/** Bookmarks a status (idempotent). */
export async function insertBookmark(db: Db, accountId: string, statusId: string): Promise<void> {
  await db.insertInto('bookmarks').values({ account_id: accountId, status_id: statusId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteBookmark(db: Db, accountId: string, statusId: string): Promise<void> {
  await db.deleteFrom('bookmarks').where('account_id', '=', accountId).where('status_id', '=', statusId).execute();
}

/**
 * The account's bookmarks, newest bookmark first, keyset on the bookmark's id (Mastodon's
 * cursors for this list). Only statuses the viewer may still see are listed, in the query itself,
 * so a page is never short of what has meanwhile become invisible (a block, a message left).
 */
export function bookmarksPage(db: Db, viewer: Viewer, page: KeysetPage): Promise<PageItem[]> {
  const query = db
    .selectFrom('bookmarks')
    .innerJoin('statuses', 'statuses.id', 'bookmarks.status_id')
    .select(['bookmarks.status_id as id', 'bookmarks.id as cursor'])
    .where('bookmarks.account_id', '=', viewer.accountId)
    .where((eb) => visibleToViewer(eb as unknown as StatusesEb, viewer));
  return keyset(query, 'bookmarks.id', page);
}

/** How many statuses the account has pinned, with the account row locked until the transaction ends (the limit holds under concurrency). */
export async function countPinsLocked(trx: Trx, accountId: string): Promise<number> {
  await trx.selectFrom('accounts').select('id').where('id', '=', accountId).forUpdate().execute();
  const row = await trx.selectFrom('status_pins').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Pins a status; true when it was not pinned yet. */
export async function insertPin(trx: Trx, accountId: string, statusId: string): Promise<boolean> {
  const rows = await trx.insertInto('status_pins').values({ account_id: accountId, status_id: statusId }).onConflict((oc) => oc.doNothing()).returning('id').execute();
  return rows.length > 0;
}

export async function isPinned(db: Db, accountId: string, statusId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('status_pins').select('id').where('account_id', '=', accountId).where('status_id', '=', statusId).executeTakeFirst());
}

export async function deletePin(db: Db, accountId: string, statusId: string): Promise<void> {
  await db.deleteFrom('status_pins').where('account_id', '=', accountId).where('status_id', '=', statusId).execute();
}

/**
 * An account's pinned statuses the viewer may see, newest status first, paginated by status id
 * (as Mastodon's `pinned=true` on the account's statuses).
 */
export async function pinnedStatusIds(db: Db, viewer: Viewer | null, accountId: string, range: IdRange): Promise<string[]> {
  let q = db
    .selectFrom('status_pins')
    .innerJoin('statuses', 'statuses.id', 'status_pins.status_id')
    .select('statuses.id')
    .where('status_pins.account_id', '=', accountId)
    .where('statuses.account_id', '=', accountId)
    .where((eb) => visibleToViewer(eb as unknown as StatusesEb, viewer, { asStaff: false }))
    .orderBy('statuses.id', range.ascending ? 'asc' : 'desc')
    .limit(range.limit);
  if (range.below) q = q.where('statuses.id', '<', range.below);
  if (range.above) q = q.where(sql<SqlBool>`statuses.id > ${range.above}`);
  const ids = (await q.execute()).map((r) => r.id);
  return range.ascending ? ids.reverse() : ids;
}
