import type { Trx } from '../db/connect.js';
import { invalid } from '../errors.js';
import { detachMediaExcept, findOwnMedia, findSealedDescriptionOf, findSealedDescriptions, lockOwnMedia, setMediaStatus } from './media-claims.repository.js';
import { setMediaDescription } from './media.repository.js';
import type { MessageSealer } from '../messages/message-sealer.js';
import { mediaPlace } from '../messages/sealed-text.js';

/**
 * Attaches the author's uploads to a status, in the order given (Mastodon keeps that order by
 * id, so uploads are attached in upload order). Only the uploader may attach a file, and only
 * while it is unattached (or already on this status, when editing); anything else is a 422, as
 * Mastodon answers. Attachments left out of an edit are detached. Documents (PDF) only with
 * `documents` (private messages).
 */
export async function attachMedia(trx: Trx, accountId: string, statusId: string, ids: string[], options: { documents?: boolean; openDescriptionsWith?: MessageSealer } = {}): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    const rows = await lockOwnMedia(trx, accountId, unique);
    const usable = new Set(rows.filter((r) => r.status_id === null || r.status_id === statusId).map((r) => r.id));
    const missing = unique.filter((id) => !usable.has(id));
    if (missing.length) throw invalid(`Media ${missing.join(', ')} cannot be attached: upload it yourself first, and attach each upload once`, 'media_ids');
    // PDF documents travel in private messages only.
    if (!options.documents && rows.some((r) => r.kind === 'document')) throw invalid('PDF documents can only be sent in private messages', 'media_ids', 'messages.documentsOnlyPrivate');
    await setMediaStatus(trx, statusId, unique);
    // Descriptions stay sealed until an upload is attached; a post that is not a private message shows them.
    const sealer = options.openDescriptionsWith;
    if (sealer) {
      for (const row of await findSealedDescriptions(trx, statusId)) {
        await setMediaDescription(trx, row.id, sealer.open(row.sealed_description, mediaPlace(row.id)));
      }
    }
  }
  await detachMediaExcept(trx, statusId, unique);
}

/** Checks that an article cover is one of the author's own images, and makes its description public. */
export async function checkCover(trx: Trx, accountId: string, mediaId: string, sealer: MessageSealer): Promise<void> {
  const row = await findOwnMedia(trx, accountId, mediaId);
  if (!row || row.kind !== 'image') throw invalid('The cover must be an image you uploaded', 'cover_media_id');
  const sealed = await findSealedDescriptionOf(trx, mediaId);
  if (sealed) await setMediaDescription(trx, mediaId, sealer.open(sealed, mediaPlace(mediaId)));
}
