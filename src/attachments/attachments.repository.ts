import { sql } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { MediaRow } from '../media/media-entity.js';
import type { AttachmentOwner } from './attachments.js';

/** The SQL of uploads attached to consulta answers and group posts. */

export interface ClaimableUpload {
  id: string;
  kind: MediaRow['kind'];
  /** Already part of something: a status, an answer, a group post, a gallery, a cover, an avatar. */
  in_use: boolean;
}

/** Whether the upload `ref` is used anywhere: the one list of every place an upload can belong to. */
export const uploadInUse = (ref: string) => sql<boolean>`(
  ${sql.ref(`${ref}.status_id`)} IS NOT NULL
  OR EXISTS (SELECT 1 FROM consulta_answer_media x WHERE x.media_id = ${sql.ref(`${ref}.id`)})
  OR EXISTS (SELECT 1 FROM group_post_media x WHERE x.media_id = ${sql.ref(`${ref}.id`)})
  OR EXISTS (SELECT 1 FROM gallery_entries x WHERE x.before_media_id = ${sql.ref(`${ref}.id`)} OR x.after_media_id = ${sql.ref(`${ref}.id`)})
  OR EXISTS (SELECT 1 FROM statuses x WHERE x.cover_media_id = ${sql.ref(`${ref}.id`)})
  OR EXISTS (SELECT 1 FROM groups x WHERE x.cover_media_id = ${sql.ref(`${ref}.id`)})
  OR EXISTS (SELECT 1 FROM accounts x WHERE x.avatar_media_id = ${sql.ref(`${ref}.id`)} OR x.header_media_id = ${sql.ref(`${ref}.id`)})
)`;

/** The account's uploads among `ids`, locked FOR UPDATE, with whether each is already in use. */
export function lockClaimableUploads(trx: Trx, accountId: string, ids: string[]): Promise<ClaimableUpload[]> {
  return trx
    .selectFrom('media_attachments as m')
    .select(['m.id', 'm.kind', uploadInUse('m').as('in_use')])
    .where('m.account_id', '=', accountId)
    .where('m.id', 'in', ids)
    .forUpdate()
    .execute();
}

/** Links the uploads to the content, in the order given. */
export async function insertAttachmentLinks(trx: Trx, owner: AttachmentOwner, ownerId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  if (owner === 'consulta_answer') {
    await trx.insertInto('consulta_answer_media').values(ids.map((media_id, position) => ({ answer_id: ownerId, media_id, position }))).execute();
  } else {
    await trx.insertInto('group_post_media').values(ids.map((media_id, position) => ({ post_id: ownerId, media_id, position }))).execute();
  }
}

export type AttachedMediaRow = MediaRow & { owner_id: string };

/** The uploads attached to each of the contents, in their order. */
export function findAttachedMedia(db: Db, owner: AttachmentOwner, ownerIds: readonly string[]): Promise<AttachedMediaRow[]> {
  if (ownerIds.length === 0) return Promise.resolve([]);
  if (owner === 'consulta_answer') {
    return db
      .selectFrom('consulta_answer_media as l')
      .innerJoin('media_attachments as m', 'm.id', 'l.media_id')
      .selectAll('m')
      .select('l.answer_id as owner_id')
      .where('l.answer_id', 'in', ownerIds)
      .orderBy('l.answer_id')
      .orderBy('l.position')
      .execute();
  }
  return db
    .selectFrom('group_post_media as l')
    .innerJoin('media_attachments as m', 'm.id', 'l.media_id')
    .selectAll('m')
    .select('l.post_id as owner_id')
    .where('l.post_id', 'in', ownerIds)
    .orderBy('l.post_id')
    .orderBy('l.position')
    .execute();
}

/** One upload attached to one group post, or undefined. */
export function findGroupPostMedia(db: Db, postId: string, mediaId: string): Promise<MediaRow | undefined> {
  return db
    .selectFrom('group_post_media as l')
    .innerJoin('media_attachments as m', 'm.id', 'l.media_id')
    .selectAll('m')
    .where('l.post_id', '=', postId)
    .where('l.media_id', '=', mediaId)
    .executeTakeFirst();
}

/** The uploads among `ids` whose description is sealed (written while they were private). */
export function findSealedDescriptions(trx: Trx, ids: readonly string[]): Promise<{ id: string; sealed_description: Buffer | null }[]> {
  return trx.selectFrom('media_attachments').select(['id', 'sealed_description']).where('id', 'in', ids).where('sealed_description', 'is not', null).execute() as Promise<{ id: string; sealed_description: Buffer | null }[]>;
}
