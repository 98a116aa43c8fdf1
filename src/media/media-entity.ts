import type { Selectable } from 'kysely';
import type { Config } from '../config.js';
import { mediaUrl } from './media-urls.js';
import type { MediaAttachmentsTable, MediaMeta } from './media.table.js';
import { mediaSize } from './image-variants.js';
import { privateMediaPath } from './private-media-urls.js';

export type MediaRow = Selectable<MediaAttachmentsTable>;

/** The fields of a media row its entity shows. */
export type MediaEntityFields = Pick<MediaRow, 'id' | 'kind' | 'file_path' | 'preview_path' | 'width' | 'height' | 'description'> &
  Partial<Pick<MediaRow, 'meta' | 'blurhash' | 'processing' | 'private'>>;

/** Mastodon's MediaAttachment entity (https://docs.joinmastodon.org/entities/MediaAttachment/). */
export interface MastodonMediaAttachment {
  id: string;
  /** Mastodon's `unknown` is a file to download: Medired's PDF documents. */
  type: 'image' | 'video' | 'unknown';
  /** Null while the upload is being processed (Mastodon answers 202/206 then). */
  url: string | null;
  preview_url: string | null;
  remote_url: null;
  preview_remote_url: null;
  text_url: null;
  meta: MediaMeta | null;
  description: string | null;
  blurhash: string | null;
}

/**
 * Converts a media row to the API entity. `meta` is Mastodon's: `original` and `small` with
 * width, height, `"WxH"` size and aspect (videos: length, duration, fps and the original's
 * frame rate and bit rate), `focus` when set. Rows from before processing existed have only their
 * stored size as `original`. A file in the private area gets the address of the authorised route
 * (`/private-media/<id>/…`), which `signPrivateMediaUrls` completes for the one reader.
 */
export function toMediaAttachment(row: MediaEntityFields, config: Config): MastodonMediaAttachment {
  const ready = (row.processing ?? 'done') === 'done';
  const fileUrl = (key: string, variant: 'original' | 'small') => (row.private ? `${config.publicUrl}${privateMediaPath(row.id, variant)}` : mediaUrl(config, key));
  const url = ready ? fileUrl(row.file_path, 'original') : null;
  const previewUrl = ready ? (row.preview_path ? fileUrl(row.preview_path, 'small') : row.kind === 'image' ? url : null) : null;
  return {
    id: row.id,
    type: row.kind === 'document' ? 'unknown' : row.kind,
    url,
    preview_url: previewUrl,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: entityMeta(row),
    description: row.description === '' ? null : row.description,
    blurhash: ready ? (row.blurhash ?? null) : null,
  };
}

function entityMeta(row: MediaEntityFields): MediaMeta | null {
  const hasSize = row.width !== null && row.height !== null && row.width > 0 && row.height > 0;
  const stored = row.meta ?? null;
  if (stored && (stored.original || (row.processing ?? 'done') !== 'done')) return stored;
  if (hasSize) return { ...(stored ?? {}), original: mediaSize(row.width!, row.height!) };
  return stored && Object.keys(stored).length ? stored : null;
}
