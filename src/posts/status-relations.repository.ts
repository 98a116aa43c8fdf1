import type { Db } from '../db/connect.js';
import type { MediaRow } from '../media/media-entity.js';

/**
 * The SQL behind `loadStatusRelations`: each function reads one kind of thing a page of statuses
 * refers to, for all of them at once.
 */

/** Attachments of the statuses, and the media rows of article covers, in upload order. */
export function findMediaOfStatuses(db: Db, statusIds: string[], coverIds: string[]): Promise<MediaRow[]> {
  return db
    .selectFrom('media_attachments')
    .selectAll()
    .where((eb) => eb.or([eb('status_id', 'in', statusIds), ...(coverIds.length ? [eb('id', 'in', coverIds)] : [])]))
    .orderBy('id')
    .execute();
}

/** The accounts mentioned by each status, by username. */
export function findMentionsOfStatuses(db: Db, statusIds: string[]): Promise<{ status_id: string; id: string; username: string }[]> {
  return db
    .selectFrom('mentions')
    .innerJoin('accounts', 'accounts.id', 'mentions.account_id')
    .select(['mentions.status_id', 'accounts.id', 'accounts.username'])
    .where('mentions.status_id', 'in', statusIds)
    .orderBy('accounts.username')
    .execute();
}

/** The hashtags of each status, by name. */
export function findTagsOfStatuses(db: Db, statusIds: string[]): Promise<{ status_id: string; name: string }[]> {
  return db
    .selectFrom('status_tags')
    .innerJoin('tags', 'tags.id', 'status_tags.tag_id')
    .select(['status_tags.status_id', 'tags.name'])
    .where('status_tags.status_id', 'in', statusIds)
    .orderBy('tags.name')
    .execute();
}

/** Name and website of the client applications with these ids. */
export function findApplicationNames(db: Db, ids: string[]): Promise<{ id: string; name: string; website: string | null }[]> {
  return db.selectFrom('oauth_applications').select(['id', 'name', 'website']).where('id', 'in', ids).execute();
}

/** Which of the statuses the account favourited. */
export function findFavouritedAmong(db: Db, accountId: string, statusIds: string[]): Promise<{ status_id: string }[]> {
  return db.selectFrom('favourites').select('status_id').where('account_id', '=', accountId).where('status_id', 'in', statusIds).execute();
}

/** Which of the statuses the account reblogged. */
export function findRebloggedAmong(db: Db, accountId: string, statusIds: string[]): Promise<{ reblog_of_id: string | null }[]> {
  return db.selectFrom('statuses').select('reblog_of_id').where('account_id', '=', accountId).where('reblog_of_id', 'in', statusIds).execute();
}
