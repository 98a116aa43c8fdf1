import type { Trx } from '../db/connect.js';
import { invalid } from '../errors.js';
import { detachMediaExcept, findOwnMedia, findSealedDescriptionOf, findSealedDescriptions, lockOwnMedia, setMediaStatus } from './media-claims.repository.js';
import { markMediaPrivate, setMediaDescription } from './media.repository.js';
import { enqueue } from '../jobs/jobs.queue.js';
import type { Storage } from '../infra/storage.js';
import { MEDIA_PUBLIC_COPIES_QUEUE } from './media-cleanup.js';
import type { MessageSealer } from '../messages/message-sealer.js';
import { mediaPlace } from '../messages/sealed-text.js';

/**
 * Attaches the author's uploads to a status, in the order given (Mastodon keeps that order by
 * id, so uploads are attached in upload order). Only the uploader may attach a file, and only
 * while it is unattached (or already on this status, when editing); anything else is a 422, as
 * Mastodon answers; so is an upload still processing or whose processing failed. Attachments
 * left out of an edit are detached. Documents (PDF) only with `documents` (private messages),
 * whose attachments are moved to the private storage area (pass `storage`).
 */
export async function attachMedia(
  trx: Trx,
  accountId: string,
  statusId: string,
  ids: string[],
  options: { documents?: boolean; openDescriptionsWith?: MessageSealer; storage?: Storage } = {},
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length > 0) {
    const rows = await lockOwnMedia(trx, accountId, unique);
    const usable = new Set(rows.filter((r) => r.status_id === null || r.status_id === statusId).map((r) => r.id));
    const missing = unique.filter((id) => !usable.has(id));
    if (missing.length) throw invalid(`Media ${missing.join(', ')} cannot be attached: upload it yourself first, and attach each upload once`, 'media_ids');
    // PDF documents travel in private messages only.
    if (!options.documents && rows.some((r) => r.kind === 'document')) throw invalid('PDF documents can only be sent in private messages', 'media_ids', 'messages.documentsOnlyPrivate');
    if (!options.documents && rows.some((r) => r.private)) throw invalid('This upload was made for a private message and can only be sent in one', 'media_ids', 'messages.documentsOnlyPrivate');
    // As Mastodon: an upload still being processed (or that failed) cannot be attached.
    const failed = rows.find((r) => r.processing === 'failed');
    if (failed) throw invalid(`Media ${failed.id} could not be processed (${failed.processing_error ?? 'unknown error'}); upload it again`, 'media_ids', 'media.processingFailed');
    if (rows.some((r) => r.processing !== 'done')) throw invalid('Cannot attach files that have not finished processing. Try again in a moment!', 'media_ids', 'media.notReady');
    // Attachments of private messages move to the private storage area.
    if (options.documents && options.storage) await moveToPrivateArea(trx, options.storage, rows.filter((r) => !r.private));
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

/**
 * Copies the files of uploads into the private area and marks them private, inside the posting
 * transaction; their public copies are deleted by a job enqueued in the same transaction, so they
 * go exactly when the message is sent (a rolled-back message leaves the public files in place).
 */
async function moveToPrivateArea(trx: Trx, storage: Storage, rows: { id: string; file_path: string; preview_path: string | null }[]): Promise<void> {
  if (!rows.length) return;
  const keys = rows.flatMap((r) => [r.file_path, ...(r.preview_path ? [r.preview_path] : [])]);
  for (const key of keys) {
    const bytes = await storage.media.read(key);
    if (bytes) await storage.private.put(key, bytes);
  }
  await markMediaPrivate(trx, rows.map((r) => r.id));
  await enqueue(trx, MEDIA_PUBLIC_COPIES_QUEUE, { keys });
}

/** Checks that an article cover is one of the author's own images, and makes its description public. */
export async function checkCover(trx: Trx, accountId: string, mediaId: string, sealer: MessageSealer): Promise<void> {
  const row = await findOwnMedia(trx, accountId, mediaId);
  if (!row || row.kind !== 'image' || row.private) throw invalid('The cover must be an image you uploaded', 'cover_media_id');
  if (row.processing !== 'done') throw invalid('Cannot attach files that have not finished processing. Try again in a moment!', 'cover_media_id', 'media.notReady');
  const sealed = await findSealedDescriptionOf(trx, mediaId);
  if (sealed) await setMediaDescription(trx, mediaId, sealer.open(sealed, mediaPlace(mediaId)));
}
