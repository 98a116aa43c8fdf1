import { sql, type SqlBool } from 'kysely';
import type { Trx } from '../db/connect.js';
import type { MediaRow } from './media-entity.js';

type OwnMediaRow = Pick<MediaRow, 'id' | 'kind' | 'status_id' | 'processing' | 'processing_error' | 'private' | 'file_path' | 'preview_path'>;

/** The SQL of attaching uploads to statuses (`media-claims.ts`); each runs in the posting transaction. */

/** Media an account uploaded that are not its avatar or header (nor another domain's: issue 11). */
function ownMedia(trx: Trx, accountId: string, ids: string[]) {
  return trx
    .selectFrom('media_attachments')
    .select(['id', 'kind', 'status_id', 'processing', 'processing_error', 'private', 'file_path', 'preview_path'])
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('accounts')
            .select('accounts.id')
            .where((a) => a.or([a('accounts.avatar_media_id', '=', a.ref('media_attachments.id')), a('accounts.header_media_id', '=', a.ref('media_attachments.id'))])),
        ),
      ),
    )
    .where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM consulta_answer_media x WHERE x.media_id = media_attachments.id)
      AND NOT EXISTS (SELECT 1 FROM group_post_media x WHERE x.media_id = media_attachments.id)
      AND NOT EXISTS (SELECT 1 FROM gallery_entries x WHERE x.before_media_id = media_attachments.id OR x.after_media_id = media_attachments.id)`);
}

/** The account's own uploads among `ids` (not its avatar or header), locked FOR UPDATE. */
export function lockOwnMedia(trx: Trx, accountId: string, ids: string[]): Promise<OwnMediaRow[]> {
  return ownMedia(trx, accountId, ids).forUpdate().execute();
}

/** One of the account's own uploads (not its avatar or header), or undefined. */
export function findOwnMedia(trx: Trx, accountId: string, id: string): Promise<OwnMediaRow | undefined> {
  return ownMedia(trx, accountId, [id]).executeTakeFirst();
}

/** Attaches the uploads to the status. */
export async function setMediaStatus(trx: Trx, statusId: string, ids: string[]): Promise<void> {
  await trx.updateTable('media_attachments').set({ status_id: statusId }).where('id', 'in', ids).execute();
}

/** Detaches from the status every upload not among `keepIds` (all of them when it is empty). */
export async function detachMediaExcept(trx: Trx, statusId: string, keepIds: string[]): Promise<void> {
  let detach = trx.updateTable('media_attachments').set({ status_id: null }).where('status_id', '=', statusId);
  if (keepIds.length) detach = detach.where('id', 'not in', keepIds);
  await detach.execute();
}

/** Uploads attached to the status whose description is still sealed. */
export async function findSealedDescriptions(trx: Trx, statusId: string): Promise<{ id: string; sealed_description: Buffer }[]> {
  const rows = await trx.selectFrom('media_attachments').select(['id', 'sealed_description']).where('status_id', '=', statusId).where('sealed_description', 'is not', null).execute();
  return rows as { id: string; sealed_description: Buffer }[];
}

/** The sealed description of one upload, or null. */
export async function findSealedDescriptionOf(trx: Trx, id: string): Promise<Buffer | null> {
  const row = await trx.selectFrom('media_attachments').select('sealed_description').where('id', '=', id).executeTakeFirst();
  return (row?.sealed_description as Buffer | null | undefined) ?? null;
}
