import type { Insertable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { MediaAttachmentsTable } from './media.table.js';

/** The SQL of media attachments. */

/** Inserts a media attachment row and returns its id. */
export function insertMediaAttachment(db: Db, values: Insertable<MediaAttachmentsTable>): Promise<{ id: string }> {
  return db.insertInto('media_attachments').values(values).returning('id').executeTakeFirstOrThrow();
}

/**
 * Deletes the upload if it is still not attached to a status, nor used as an article cover,
 * avatar or header, and returns its files. One statement, so a post attaching it at the same
 * moment either wins (and the upload stays) or finds it gone.
 */
export function deleteUnattachedMedia(db: Db, mediaId: string): Promise<{ file_path: string; preview_path: string | null } | undefined> {
  return db
    .deleteFrom('media_attachments')
    .where('id', '=', mediaId)
    .where('status_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(eb.selectFrom('statuses').select('statuses.id').where('statuses.cover_media_id', '=', mediaId)),
          eb.exists(
            eb
              .selectFrom('accounts')
              .select('accounts.id')
              .where((a) => a.or([a('accounts.avatar_media_id', '=', mediaId), a('accounts.header_media_id', '=', mediaId)])),
          ),
        ]),
      ),
    )
    .returning(['file_path', 'preview_path'])
    .executeTakeFirst();
}
