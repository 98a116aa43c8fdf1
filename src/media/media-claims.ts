import type { Trx } from '../db/connect.js';
import { invalid } from '../errors.js';


/** Media an account uploaded that are not its avatar or header. */
function ownMedia(trx: Trx, accountId: string, ids: string[]) {
  return trx
    .selectFrom('media_attachments')
    .select(['id', 'kind', 'status_id'])
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
    );
}

/**
 * Attaches the author's uploads to a status, in the order given (Mastodon keeps that order by
 * id, so uploads are attached in upload order). Only the uploader may attach a file, and only
 * while it is unattached (or already on this status, when editing); anything else is a 422, as
 * Mastodon answers. Attachments left out of an edit are detached.
 */
export async function attachMedia(trx: Trx, accountId: string, statusId: string, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    const rows = await ownMedia(trx, accountId, unique).forUpdate().execute();
    const usable = new Set(rows.filter((r) => r.status_id === null || r.status_id === statusId).map((r) => r.id));
    const missing = unique.filter((id) => !usable.has(id));
    if (missing.length) throw invalid(`Media ${missing.join(', ')} cannot be attached: upload it yourself first, and attach each upload once`, 'media_ids');
    await trx.updateTable('media_attachments').set({ status_id: statusId }).where('id', 'in', unique).execute();
  }
  let detach = trx.updateTable('media_attachments').set({ status_id: null }).where('status_id', '=', statusId);
  if (unique.length) detach = detach.where('id', 'not in', unique);
  await detach.execute();
}

/** Checks that an article cover is one of the author's own images. */
export async function checkCover(trx: Trx, accountId: string, mediaId: string): Promise<void> {
  const row = await ownMedia(trx, accountId, [mediaId]).executeTakeFirst();
  if (!row || row.kind !== 'image') throw invalid('The cover must be an image you uploaded', 'cover_media_id');
}
