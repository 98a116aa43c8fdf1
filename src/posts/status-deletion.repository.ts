import type { Trx } from '../db/connect.js';
import type { MediaFiles } from '../media/media-files.js';

/** The SQL of deleting a status; each runs inside the deleting transaction. */

/** Locks the status row (FOR UPDATE); undefined when it is already gone. */
export function lockStatus(trx: Trx, id: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('statuses').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The stored files of the status's attachments. */
export function findMediaFilesOfStatus(trx: Trx, statusId: string): Promise<MediaFiles[]> {
  return trx.selectFrom('media_attachments').select(['file_path', 'preview_path', 'private', 'incoming_path']).where('status_id', '=', statusId).execute();
}

export async function deleteStatusRow(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('statuses').where('id', '=', id).execute();
}
