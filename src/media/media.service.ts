import path from 'node:path';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { randomToken } from '../auth/tokens.js';
import { AppError, invalid, notFound } from '../errors.js';
import { enqueue, notifyJobs } from '../jobs/jobs.queue.js';
import { sniffImage, sniffVideo } from './file-types.js';
import { imageDimensions, makeImageVariants, mediaSize, ORIGINAL_MAX_PIXELS } from './image-variants.js';
import { scheduleUnattachedCleanup } from './media-cleanup.js';
import type { MediaRow } from './media-entity.js';
import { MEDIA_PROCESS_QUEUE, formatLength, processMedia, ProcessingFailure } from './media-processing.js';
import { deleteMediaRow, deleteUnattachedMedia, findMediaOfAccount, findVisibilityOfMediaStatus, insertMediaRow, setMediaDescription, setMediaFocus, setMediaThumbnail, setSealedMediaDescription } from './media.repository.js';
import type { MediaMeta } from './media.table.js';
import { deleteFilesOfMedia } from './media-files.js';
import { mediaPlace } from '../messages/sealed-text.js';
import { readVideoInfo } from './video-info.js';
import { stripVideoMetadata } from './video-metadata.js';
import { sniffPdf, stripPdfMetadata, UnreadablePdfError } from './pdf-metadata.js';

/** PDF documents (private messages only) may be at most this large by default (`MEDIA_DOCUMENT_MAX_MB`). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Images above this size (or above the `original` pixel bound) are processed in the background by `POST /api/v2/media`. */
export const SYNC_IMAGE_MAX_BYTES = 2 * 1024 * 1024;

/** A focal point, as Mastodon: x and y from -1.0 to 1.0 (left/bottom to right/top). */
export interface Focus {
  x: number;
  y: number;
}

export interface UploadOptions {
  /**
   * `inline` (default: `POST /api/v1/media`, the web forms) makes every variant before answering;
   * `queued` (`POST /api/v2/media`) leaves videos and large images to a job, as Mastodon, and the
   * row says `queued` until it is done.
   */
  processing?: 'inline' | 'queued';
  focus?: Focus | undefined;
  /** Store the files in the private area from the start (uploads for a private message). */
  private?: boolean;
  /** Mastodon's `thumbnail`: a picture to show as a video's preview instead of its first frame. */
  thumbnail?: File | undefined;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Stores an upload for a post, recognised by its first bytes (never by its name or declared type):
 *
 * - images (JPEG, PNG, WebP, GIF, AVIF) are decoded and re-encoded without metadata (EXIF, GPS)
 *   as `original` (at most 8.3 million pixels) and `small` (230,400), with a blurhash;
 * - MP4 and WebM videos within the size and length limits are stored with their location, device
 *   and creation metadata overwritten (`stripVideoMetadata`), then get a poster frame;
 * - PDF documents (private messages only) lose their metadata and go to the private area.
 *
 * Anything else is refused with 415, files over their limit with 413, videos too long with 422;
 * nothing is stored then. With `processing: 'queued'`, videos and large images are answered
 * before their variants exist (the job `media.process` makes them).
 */
export async function uploadMedia(app: AppContext, viewer: Viewer, file: File, description: string, options: UploadOptions = {}): Promise<MediaRow> {
  const limits = app.config.media;
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const folder = path.posix.join('attachments', viewer.accountId);
  const name = randomToken(16);
  const isPrivate = options.private === true;
  const area = isPrivate ? app.storage.private : app.storage.media;
  const focusMeta: MediaMeta = options.focus ? { focus: options.focus } : {};
  const base = { account_id: viewer.accountId, description, private: isPrivate, blurhash: null, incoming_path: null, processing_error: null, custom_thumbnail: false };

  const video = sniffVideo(head);
  if (video) {
    if (file.size > limits.videoMaxBytes) throw new AppError('payload_too_large', `Videos may be at most ${mb(limits.videoMaxBytes)}; this one is ${mb(file.size)}`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const clean = stripVideoMetadata(bytes, video);
    const info = readVideoInfo(clean, video);
    if (info.durationSeconds !== null && info.durationSeconds > limits.videoMaxSeconds) {
      const seconds = Math.round(info.durationSeconds);
      throw invalid(`Videos may be at most ${limits.videoMaxSeconds} seconds long; this one lasts ${seconds}`, 'file', 'media.videoTooLong', { max: limits.videoMaxSeconds, seconds });
    }
    const thumbnail = options.thumbnail ? await thumbnailVariant(app, options.thumbnail) : null;
    const relative = path.posix.join(folder, `${name}.${video === 'video/mp4' ? 'mp4' : 'webm'}`);
    const previewPath = path.posix.join(folder, thumbnail ? `${name}-thumb-${randomToken(6)}.webp` : `${name}-poster.webp`);
    await area.put(relative, clean, { contentType: video });
    if (thumbnail) await area.put(previewPath, thumbnail.data, { contentType: 'image/webp' });
    const meta: MediaMeta = {
      ...focusMeta,
      ...(info.durationSeconds !== null ? { duration: info.durationSeconds, length: formatLength(info.durationSeconds) } : {}),
      ...(thumbnail ? { small: mediaSize(thumbnail.width, thumbnail.height) } : {}),
    };
    const row = await insertMedia(app, {
      ...base,
      ...(thumbnail ? { custom_thumbnail: true, blurhash: thumbnail.blurhash } : {}),
      kind: 'video',
      file_path: relative,
      preview_path: previewPath,
      mime_type: video,
      width: info.width,
      height: info.height,
      processing: 'queued',
      meta,
    }, options.processing === 'queued');
    return options.processing === 'queued' ? row : finishInline(app, row);
  }

  if (sniffPdf(head)) {
    if (file.size > limits.documentMaxBytes) throw new AppError('payload_too_large', `PDF documents may be at most ${mb(limits.documentMaxBytes)}`);
    let clean: Uint8Array;
    try {
      clean = await stripPdfMetadata(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      if (err instanceof UnreadablePdfError) throw new AppError('validation_failed', 'The PDF cannot be read: it is damaged or encrypted');
      throw err;
    }
    // Documents travel in private messages only: they never enter the public area.
    const relative = path.posix.join(folder, `${name}.pdf`);
    await app.storage.private.put(relative, clean, { contentType: 'application/pdf' });
    return insertMedia(app, { ...base, private: true, kind: 'document', file_path: relative, preview_path: null, mime_type: 'application/pdf', width: null, height: null, processing: 'done', meta: null }, false);
  }

  const imageType = sniffImage(head);
  if (!imageType) throw new AppError('unsupported_media_type', 'Upload an image (JPEG, PNG, WebP, GIF, AVIF), a video (MP4, WebM) or, in a private message, a PDF; this file is none of them, whatever its name says');
  if (file.size > limits.imageMaxBytes) throw new AppError('payload_too_large', `Images may be at most ${mb(limits.imageMaxBytes)}; this one is ${mb(file.size)}`);
  const input = Buffer.from(await file.arrayBuffer());
  const size = await imageDimensions(input);
  if (!size) throw new AppError('unsupported_media_type', `The file starts like ${imageType.slice(6).toUpperCase()} but is not an image we can read`);
  const relative = path.posix.join(folder, `${name}.webp`);
  const previewRelative = path.posix.join(folder, `${name}-small.webp`);
  const large = input.length > SYNC_IMAGE_MAX_BYTES || size.width * size.height > ORIGINAL_MAX_PIXELS;
  if (options.processing === 'queued' && large) {
    // The raw upload still carries its metadata: it waits in the private area only.
    const incoming = path.posix.join('incoming', viewer.accountId, name);
    await app.storage.private.put(incoming, input);
    return insertMedia(app, { ...base, kind: 'image', file_path: relative, preview_path: previewRelative, mime_type: 'image/webp', width: null, height: null, processing: 'queued', meta: Object.keys(focusMeta).length ? focusMeta : null, incoming_path: incoming }, true);
  }
  const variants = await makeImageVariants(input);
  await area.put(relative, variants.original.data, { contentType: 'image/webp' });
  await area.put(previewRelative, variants.small.data, { contentType: 'image/webp' });
  return insertMedia(app, {
    ...base,
    kind: 'image',
    file_path: relative,
    preview_path: previewRelative,
    mime_type: 'image/webp',
    width: variants.original.width,
    height: variants.original.height,
    processing: 'done',
    meta: { original: mediaSize(variants.original.width, variants.original.height), small: mediaSize(variants.small.width, variants.small.height), ...focusMeta },
    blurhash: variants.blurhash,
  }, false);
}

/** The preview made from a `thumbnail` upload: an image, within the image limit, at the `small` size, with its blurhash. */
async function thumbnailVariant(app: AppContext, file: File): Promise<{ data: Buffer; width: number; height: number; blurhash: string }> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (!sniffImage(head)) throw new AppError('unsupported_media_type', 'The thumbnail must be an image (JPEG, PNG, WebP, GIF, AVIF)');
  if (file.size > app.config.media.imageMaxBytes) throw new AppError('payload_too_large', `The thumbnail may be at most ${mb(app.config.media.imageMaxBytes)}`);
  const variants = await makeImageVariants(Buffer.from(await file.arrayBuffer()));
  return { ...variants.small, blurhash: variants.blurhash };
}

/**
 * Replaces a video's preview with a picture of the owner's choice (Mastodon's `thumbnail` on
 * `PUT /api/v1/media/:id`), under a new name (previews are cached as immutable); the first frame
 * is no longer used for it.
 */
export async function updateMediaThumbnail(app: AppContext, viewer: Viewer, id: string, file: File): Promise<MediaRow> {
  const row = await ownMedia(app, viewer, id);
  if (row.kind !== 'video') throw invalid('Only videos take a thumbnail', 'thumbnail');
  const thumbnail = await thumbnailVariant(app, file);
  const area = row.private ? app.storage.private : app.storage.media;
  const previewPath = path.posix.join(path.posix.dirname(row.file_path), `${path.posix.basename(row.file_path).replace(/\.[a-z0-9]+$/, '')}-thumb-${randomToken(6)}.webp`);
  await area.put(previewPath, thumbnail.data, { contentType: 'image/webp' });
  const updated = await setMediaThumbnail(app.db, id, { preview_path: previewPath, blurhash: thumbnail.blurhash, small: mediaSize(thumbnail.width, thumbnail.height) });
  if (row.preview_path && row.preview_path !== previewPath) await area.delete(row.preview_path);
  return openMediaRow(app, updated);
}

/** Processes a queued row now (the inline path); a file that cannot be processed is refused (422) and removed. */
async function finishInline(app: AppContext, row: MediaRow): Promise<MediaRow> {
  try {
    return openMediaRow(app, await processMedia(app, row));
  } catch (err) {
    await deleteMediaRow(app.db, row.id);
    const area = row.private ? app.storage.private : app.storage.media;
    await area.delete(row.file_path);
    if (row.preview_path) await area.delete(row.preview_path);
    if (err instanceof ProcessingFailure) throw invalid(err.message, 'file');
    throw err;
  }
}

type NewMedia = Omit<MediaRow, 'id' | 'created_at' | 'status_id' | 'sealed_description'>;

/**
 * Stores an upload's row. Its description is kept sealed until the upload is attached (the
 * upload may become part of a private message: `attachMedia` opens it for any other status), so
 * no description is ever written in plaintext before it is known to be public. With `queue`, the
 * processing job is enqueued in the same transaction (and the workers woken after it commits).
 */
async function insertMedia(app: AppContext, values: NewMedia, queue: boolean): Promise<MediaRow> {
  const row = await app.db.transaction().execute(async (trx) => {
    const inserted = await insertMediaRow(trx, { ...values, description: '', meta: values.meta ? (JSON.stringify(values.meta) as never) : null });
    await scheduleUnattachedCleanup(trx, inserted.id);
    if (queue) await enqueue(trx, MEDIA_PROCESS_QUEUE, { mediaId: inserted.id });
    if (!values.description) return inserted;
    return openMediaRow(app, await setSealedMediaDescription(trx, inserted.id, app.sealer.seal(values.description, mediaPlace(inserted.id))));
  });
  if (queue) await notifyJobs(app);
  return row;
}

/** An upload with its description readable (opened when sealed), for its owner's API answers. */
export function openMediaRow(app: AppContext, row: MediaRow): MediaRow {
  return row.sealed_description ? { ...row, description: app.sealer.open(row.sealed_description, mediaPlace(row.id)) } : row;
}

/** One of the viewer's own uploads; someone else's is a 404 (its existence is not revealed). */
export async function ownMedia(app: AppContext, viewer: Viewer, id: string): Promise<MediaRow> {
  const row = await findMediaOfAccount(app.db, viewer.accountId, id);
  if (!row) throw notFound('Media');
  return openMediaRow(app, row);
}

/**
 * Changes the description (alt text) of one of the viewer's uploads: in plaintext when it is
 * attached to a post that is not a private message, sealed otherwise (unattached, or in a message).
 */
export async function updateMediaDescription(app: AppContext, viewer: Viewer, id: string, description: string): Promise<MediaRow> {
  await ownMedia(app, viewer, id);
  const visibility = await findVisibilityOfMediaStatus(app.db, id);
  if (visibility && visibility !== 'direct') return setMediaDescription(app.db, id, description);
  return openMediaRow(app, await setSealedMediaDescription(app.db, id, description ? app.sealer.seal(description, mediaPlace(id)) : null));
}

/** Changes the focal point (`meta.focus`) of one of the viewer's uploads. */
export async function updateMediaFocus(app: AppContext, viewer: Viewer, id: string, focus: Focus): Promise<MediaRow> {
  await ownMedia(app, viewer, id);
  return openMediaRow(app, await setMediaFocus(app.db, id, focus));
}

/**
 * Mastodon 4.4's `DELETE /api/v1/media/:id`: one of the viewer's uploads that nothing uses yet
 * (no status, cover, avatar, header or scheduled status), its files included; 422 when in use.
 */
export async function deleteOwnMedia(app: AppContext, viewer: Viewer, id: string): Promise<void> {
  await ownMedia(app, viewer, id);
  const row = await deleteUnattachedMedia(app.db, id);
  if (!row) throw invalid('Media attachment is currently used by a status', 'id');
  await deleteFilesOfMedia(app, [row]);
}
