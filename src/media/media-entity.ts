import type { Selectable } from 'kysely';
import type { Config } from '../config.js';
import { mediaUrl } from './media-urls.js';
import type { MediaAttachmentsTable } from './media.table.js';

export type MediaRow = Selectable<MediaAttachmentsTable>;

/** The fields of a media row its entity shows. */
export type MediaEntityFields = Pick<MediaRow, 'id' | 'kind' | 'file_path' | 'preview_path' | 'width' | 'height' | 'description'>;

/** Mastodon's MediaAttachment entity (https://docs.joinmastodon.org/entities/MediaAttachment/). */
export interface MastodonMediaAttachment {
  id: string;
  /** Mastodon's `unknown` is a file to download: Medired's PDF documents. */
  type: 'image' | 'video' | 'unknown';
  url: string;
  preview_url: string | null;
  remote_url: null;
  text_url: null;
  meta: { original?: { width: number; height: number; size: string; aspect: number } } | null;
  description: string | null;
  blurhash: null;
}

/** Converts a media row to the API entity; images without a separate preview use the file itself. */
export function toMediaAttachment(row: MediaEntityFields, config: Config): MastodonMediaAttachment {
  const url = mediaUrl(config, row.file_path);
  const hasSize = row.width !== null && row.height !== null && row.width > 0 && row.height > 0;
  return {
    id: row.id,
    type: row.kind === 'document' ? 'unknown' : row.kind,
    url,
    preview_url: row.preview_path ? mediaUrl(config, row.preview_path) : row.kind === 'image' ? url : null,
    remote_url: null,
    text_url: null,
    meta: hasSize
      ? { original: { width: row.width!, height: row.height!, size: `${row.width}x${row.height}`, aspect: row.width! / row.height! } }
      : null,
    description: row.description === '' ? null : row.description,
    blurhash: null,
  };
}
