import type { Generated, GeneratedAlways } from 'kysely';

export interface MediaAttachmentsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string | null;
  kind: 'image' | 'video' | 'document';
  file_path: string;
  preview_path: string | null;
  mime_type: string;
  width: number | null;
  height: number | null;
  description: Generated<string>;
  /** The description of an attachment of a private message, sealed; `description` then stays empty. */
  sealed_description: Generated<Buffer | null>;
  created_at: Generated<Date>;
  /** `queued` while a job makes its variants, `done` when shown, `failed` (with `processing_error`). */
  processing: Generated<MediaProcessing>;
  processing_error: Generated<string | null>;
  /** Mastodon's `meta` (original and small sizes, video length, focus); null until processed. */
  meta: Generated<MediaMeta | null>;
  blurhash: Generated<string | null>;
  /** True when the files live in the private storage area (attachments of private messages, documents). */
  private: Generated<boolean>;
  /** The upload as received, in the private area, until it is processed. */
  incoming_path: Generated<string | null>;
  /** A video whose preview is the picture its owner sent (`thumbnail`), kept when the poster is made. */
  custom_thumbnail: Generated<boolean>;
}

export type MediaProcessing = 'queued' | 'done' | 'failed';

/** Mastodon's `meta.original` / `meta.small` of an image, and of a video's poster. */
export interface MediaSize {
  width: number;
  height: number;
  size: string;
  aspect: number;
}

/** Mastodon's MediaAttachment `meta`, as stored (https://docs.joinmastodon.org/entities/MediaAttachment/#meta). */
export interface MediaMeta {
  /** Images: a MediaSize. Videos, as Mastodon: width, height, frame_rate ("25/1"), duration, bitrate. */
  original?: { width: number; height: number; size?: string; aspect?: number; frame_rate?: string; duration?: number; bitrate?: number };
  small?: MediaSize;
  focus?: { x: number; y: number };
  /** Videos: `H:MM:SS.ss`, seconds, frames per second, and the original's size again at the top level. */
  length?: string;
  duration?: number;
  fps?: number;
  width?: number;
  height?: number;
  size?: string;
  aspect?: number;
}
