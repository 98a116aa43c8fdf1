import type { Db, Trx } from '../db/connect.js';
import type { Language, Visibility } from './posts.table.js';

/** The SQL of favourites and reblogs (a reblog is a status row with `reblog_of_id`). */

/** Inserts the favourite unless it exists (ON CONFLICT DO NOTHING); its id only when inserted. */
export function insertFavourite(trx: Trx, accountId: string, statusId: string): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('favourites')
    .values({ account_id: accountId, status_id: statusId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** Deletes the favourite; its id only when there was one. */
export function deleteFavourite(trx: Trx, accountId: string, statusId: string): Promise<{ id: string } | undefined> {
  return trx
    .deleteFrom('favourites')
    .where('account_id', '=', accountId)
    .where('status_id', '=', statusId)
    .returning('id')
    .executeTakeFirst();
}

/**
 * Inserts the account's reblog of a status unless it exists (one per account and status, by the
 * partial unique index); the new status's id only when inserted.
 */
export function insertReblog(
  trx: Trx,
  values: { accountId: string; reblogOfId: string; visibility: Visibility; language: Language; applicationId: string | null },
): Promise<{ id: string } | undefined> {
  return trx
    .insertInto('statuses')
    .values({
      account_id: values.accountId,
      reblog_of_id: values.reblogOfId,
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      visibility: values.visibility,
      language: values.language,
      cover_media_id: null,
      reading_time_minutes: null,
      application_id: values.applicationId,
    })
    .onConflict((oc) => oc.columns(['account_id', 'reblog_of_id']).where('reblog_of_id', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The id of the account's reblog of a status, if any. */
export function findReblogId(db: Db, accountId: string, statusId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('statuses')
    .select('id')
    .where('account_id', '=', accountId)
    .where('reblog_of_id', '=', statusId)
    .executeTakeFirst();
}

/** Deletes the account's reblog of a status; its id and visibility only when there was one. */
export function deleteReblog(trx: Trx, accountId: string, statusId: string): Promise<{ id: string; visibility: Visibility } | undefined> {
  return trx
    .deleteFrom('statuses')
    .where('account_id', '=', accountId)
    .where('reblog_of_id', '=', statusId)
    .returning(['id', 'visibility'])
    .executeTakeFirst();
}
