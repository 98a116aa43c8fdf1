import type { AppContext } from '../app-context.js';
import type { Trx } from '../db/connect.js';
import { invalid } from '../errors.js';
import { toMediaAttachment, type MastodonMediaAttachment, type MediaRow } from '../media/media-entity.js';
import { setMediaDescription } from '../media/media.repository.js';
import { openMediaRow } from '../media/media.service.js';
import type { MessageSealer } from '../messages/message-sealer.js';
import { mediaPlace } from '../messages/sealed-text.js';
import { MAX_ATTACHMENTS, type AttachmentOwner } from './attachments.js';
import { findAttachedMedia, findSealedDescriptions, insertAttachmentLinks, lockClaimableUploads } from './attachments.repository.js';

/**
 * Attaches the author's uploads (`POST /api/v2/media`) to an answer or a group post, in the order
 * given, inside the transaction that writes it. Only the uploader's own images and videos, each
 * unused so far (not on a status, another answer or post, a gallery, a cover or an avatar); at most
 * four (`imagesOnly`: no videos). Anything else is a 422 naming `media_ids`, as Mastodon answers for statuses. Descriptions
 * are kept sealed for content read only by members (`keepSealed`: private groups), opened otherwise.
 */
export async function attachUploads(
  trx: Trx,
  sealer: MessageSealer,
  target: { owner: AttachmentOwner; ownerId: string; accountId: string; ids: readonly string[]; keepSealed?: boolean; imagesOnly?: boolean },
): Promise<void> {
  const ids = [...new Set(target.ids)];
  if (ids.length === 0) return;
  if (ids.length > MAX_ATTACHMENTS) throw invalid(`At most ${MAX_ATTACHMENTS} uploads may be attached`, 'media_ids', 'media.error.tooMany', { max: MAX_ATTACHMENTS });
  const rows = await lockClaimableUploads(trx, target.accountId, ids);
  const usable = new Set(rows.filter((r) => !r.in_use && (r.kind === 'image' || (r.kind === 'video' && !target.imagesOnly))).map((r) => r.id));
  const missing = ids.filter((id) => !usable.has(id));
  if (missing.length) throw invalid(`Media ${missing.join(', ')} cannot be attached: upload an image or video yourself first, and attach each upload once`, 'media_ids', 'media.error.notAttachable');
  await insertAttachmentLinks(trx, target.owner, target.ownerId, ids);
  if (target.keepSealed) return;
  for (const row of await findSealedDescriptions(trx, ids)) {
    await setMediaDescription(trx, row.id, sealer.open(row.sealed_description as Buffer, mediaPlace(row.id)));
  }
}

/** The uploads of each content, with their descriptions readable, by content id. */
export async function attachedMediaRows(app: AppContext, owner: AttachmentOwner, ownerIds: readonly string[]): Promise<Map<string, MediaRow[]>> {
  const out = new Map<string, MediaRow[]>();
  for (const row of await findAttachedMedia(app.db, owner, ownerIds)) {
    const { owner_id, ...media } = row;
    const list = out.get(owner_id) ?? [];
    list.push(openMediaRow(app, media));
    out.set(owner_id, list);
  }
  return out;
}

/** The Mastodon MediaAttachment entities of each content, by content id (public files). */
export async function attachedMediaEntities(app: AppContext, owner: AttachmentOwner, ownerIds: readonly string[]): Promise<Map<string, MastodonMediaAttachment[]>> {
  const rows = await attachedMediaRows(app, owner, ownerIds);
  return new Map([...rows].map(([id, list]) => [id, list.map((m) => toMediaAttachment(m, app.config))]));
}
