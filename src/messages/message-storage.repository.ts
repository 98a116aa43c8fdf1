import type { Trx } from '../db/connect.js';
import type { MessageSealer } from './message-sealer.js';
import { mediaPlace } from './sealed-text.js';

/** The SQL of storing a private message's sealed parts, inside its posting or editing transaction. */

export async function setStatusSealedText(trx: Trx, statusId: string, sealed: Buffer): Promise<void> {
  await trx.updateTable('statuses').set({ sealed }).where('id', '=', statusId).execute();
}

/** Seals the descriptions of a message's attachments (the plaintext column is emptied). */
export async function sealAttachmentDescriptions(trx: Trx, sealer: MessageSealer, statusId: string): Promise<void> {
  const rows = await trx.selectFrom('media_attachments').select(['id', 'description']).where('status_id', '=', statusId).where('description', '<>', '').execute();
  for (const row of rows) {
    await trx.updateTable('media_attachments').set({ sealed_description: sealer.seal(row.description, mediaPlace(row.id)), description: '' }).where('id', '=', row.id).execute();
  }
}
