import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { MediaRow } from './media-entity.js';
import type { MediaFiles } from './media-files.js';
import type { MediaAttachmentsTable, MediaMeta, MediaSize } from './media.table.js';

/** The SQL of media attachments. */

/** Inserts a media attachment row and returns its id. */
export function insertMediaAttachment(db: Db, values: Insertable<MediaAttachmentsTable>): Promise<{ id: string }> {
  return db.insertInto('media_attachments').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts a media attachment row and returns it. */
export function insertMediaRow(trx: Trx, values: Insertable<MediaAttachmentsTable>): Promise<MediaRow> {
  return trx.insertInto('media_attachments').values(values).returningAll().executeTakeFirstOrThrow();
}

/** The upload with this id when the account uploaded it. */
export function findMediaOfAccount(db: Db, accountId: string, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media_attachments').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

/** Sets the description (alt text) of an upload in plaintext and returns the updated row. */
export function setMediaDescription(db: Db, id: string, description: string): Promise<MediaRow> {
  return db.updateTable('media_attachments').set({ description, sealed_description: null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Sets the sealed description of an upload (its plaintext column emptied) and returns the updated row. */
export function setSealedMediaDescription(db: Db, id: string, sealed: Buffer | null): Promise<MediaRow> {
  return db.updateTable('media_attachments').set({ description: '', sealed_description: sealed }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The visibility of the status an upload is attached to (undefined when unattached). */
export async function findVisibilityOfMediaStatus(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('media_attachments as m').innerJoin('statuses as s', 's.id', 'm.status_id').select('s.visibility').where('m.id', '=', id).executeTakeFirst();
  return row?.visibility;
}

/**
 * Deletes the upload if it is still not attached to a status, nor used as an article cover,
 * avatar or header, nor by an answer, a group post or a gallery, and returns its files. One statement, so a post attaching it at the same
 * moment either wins (and the upload stays) or finds it gone.
 */
export function deleteUnattachedMedia(db: Db, mediaId: string): Promise<MediaFiles | undefined> {
  return db
    .deleteFrom('media_attachments')
    .where('id', '=', mediaId)
    .where('status_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.or([
          eb.exists(eb.selectFrom('statuses').select('statuses.id').where('statuses.cover_media_id', '=', mediaId)),
          eb.exists(eb.selectFrom('groups').select('groups.id').where('groups.cover_media_id', '=', mediaId)),
          // Issue 11: images of consulta answers, group posts and before/after galleries.
          eb.exists(eb.selectFrom('consulta_answer_media').select('consulta_answer_media.media_id').where('consulta_answer_media.media_id', '=', mediaId)),
          eb.exists(eb.selectFrom('group_post_media').select('group_post_media.media_id').where('group_post_media.media_id', '=', mediaId)),
          eb.exists(
            eb
              .selectFrom('gallery_entries')
              .select('gallery_entries.id')
              .where((g) => g.or([g('gallery_entries.before_media_id', '=', mediaId), g('gallery_entries.after_media_id', '=', mediaId)])),
          ),
          // Uploads waiting for a scheduled status to be published.
          eb.exists(
            eb
              .selectFrom('scheduled_statuses')
              .select('scheduled_statuses.id')
              .where(sql<SqlBool>`scheduled_statuses.params -> 'media_ids' ? ${mediaId} OR scheduled_statuses.params ->> 'cover_media_id' = ${mediaId}`),
          ),
          eb.exists(
            eb
              .selectFrom('accounts')
              .select('accounts.id')
              .where((a) => a.or([a('accounts.avatar_media_id', '=', mediaId), a('accounts.header_media_id', '=', mediaId)])),
          ),
        ]),
      ),
    )
    .returning(['file_path', 'preview_path', 'private', 'incoming_path'])
    .executeTakeFirst();
}

/** The upload with this id, whoever uploaded it. */
export function findMediaById(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media_attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Records a finished processing: sizes, meta, blurhash, the preview; the raw upload is no longer
 * referenced. A focus point set meanwhile (PUT /api/v1/media/:id) is kept.
 */
export function markMediaProcessed(
  db: Db,
  id: string,
  values: { width: number | null; height: number | null; preview_path: string | null; meta: MediaMeta; blurhash: string | null },
): Promise<MediaRow | undefined> {
  return db
    .updateTable('media_attachments')
    .set({
      processing: 'done',
      processing_error: null,
      width: values.width,
      height: values.height,
      preview_path: values.preview_path,
      blurhash: values.blurhash,
      incoming_path: null,
      meta: sql<MediaMeta>`${JSON.stringify(values.meta)}::jsonb || CASE WHEN meta ? 'focus' THEN jsonb_build_object('focus', meta -> 'focus') ELSE '{}'::jsonb END`,
    })
    .where('id', '=', id)
    .where('processing', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Marks a queued upload failed, with the reason its owner reads. */
export async function markMediaFailed(db: Db, id: string, reason: string): Promise<void> {
  await db.updateTable('media_attachments').set({ processing: 'failed', processing_error: reason.slice(0, 500) }).where('id', '=', id).where('processing', '=', 'queued').execute();
}

/** Sets (or clears, with null) the focal point kept in `meta.focus`. */
export function setMediaFocus(db: Db, id: string, focus: { x: number; y: number } | null): Promise<MediaRow> {
  const meta = focus
    ? sql<MediaMeta>`coalesce(meta, '{}'::jsonb) || jsonb_build_object('focus', ${JSON.stringify(focus)}::jsonb)`
    : sql<MediaMeta>`CASE WHEN meta IS NULL THEN NULL ELSE meta - 'focus' END`;
  return db.updateTable('media_attachments').set({ meta }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Marks uploads as living in the private area (their files were copied there). */
export async function markMediaPrivate(trx: Trx, ids: string[]): Promise<void> {
  if (ids.length) await trx.updateTable('media_attachments').set({ private: true }).where('id', 'in', ids).execute();
}

/** The keys among `keys` that some upload still uses from the public area. */
export async function publicKeysInUse(db: Db, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .selectFrom('media_attachments')
    .select(['file_path', 'preview_path'])
    .where('private', '=', false)
    .where((eb) => eb.or([eb('file_path', 'in', keys), eb('preview_path', 'in', keys)]))
    .execute();
  return new Set(rows.flatMap((r) => [r.file_path, r.preview_path]).filter((k): k is string => k !== null));
}

/** Deletes an upload's row (an inline processing that failed: the upload is refused). */
export async function deleteMediaRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('media_attachments').where('id', '=', id).execute();
}

/** Uploads whose files should be private but are still in the public area: attached to a private message, or PDF documents (from before the private area existed). */
export function findPublicFilesOfPrivateMedia(db: Db, limit: number): Promise<Pick<MediaRow, 'id' | 'file_path' | 'preview_path'>[]> {
  return db
    .selectFrom('media_attachments as m')
    .leftJoin('statuses as s', 's.id', 'm.status_id')
    .select(['m.id', 'm.file_path', 'm.preview_path'])
    .where('m.private', '=', false)
    .where((eb) => eb.or([eb('s.visibility', '=', 'direct'), eb('m.kind', '=', 'document')]))
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

/** Records a video's own thumbnail: the preview, its blurhash and `meta.small`. */
export function setMediaThumbnail(db: Db, id: string, values: { preview_path: string; blurhash: string; small: MediaSize }): Promise<MediaRow> {
  return db
    .updateTable('media_attachments')
    .set({
      preview_path: values.preview_path,
      blurhash: values.blurhash,
      custom_thumbnail: true,
      meta: sql<MediaMeta>`coalesce(meta, '{}'::jsonb) || jsonb_build_object('small', ${JSON.stringify(values.small)}::jsonb)`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
