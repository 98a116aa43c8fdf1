import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { randomToken } from '../auth/tokens.js';
import { AppError, invalid, notFound } from '../errors.js';
import { VIDEO_MAX_BYTES, sniffImage, sniffVideo } from './file-types.js';
import { processImage } from './images.js';
import { scheduleUnattachedCleanup } from './media-cleanup.js';
import type { MediaRow } from './media-entity.js';
import { deleteUnattachedMedia, findMediaOfAccount, findVisibilityOfMediaStatus, insertMediaRow, setMediaDescription, setSealedMediaDescription } from './media.repository.js';
import { deleteMediaFiles } from './media-files.js';
import { mediaPlace } from '../messages/sealed-text.js';
import { stripVideoMetadata } from './video-metadata.js';
import { sniffPdf, stripPdfMetadata, UnreadablePdfError } from './pdf-metadata.js';

/** PDF documents (private messages only) may be at most this large. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

const FULL_BOX = { width: 3840, height: 3840, fit: 'inside' } as const;
const PREVIEW_BOX = { width: 640, height: 640, fit: 'inside' } as const;

async function store(app: AppContext, relative: string, data: Uint8Array): Promise<void> {
  const absolute = path.join(app.mediaDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, data);
}

/**
 * Stores an upload for a post. Images are decoded and re-encoded (metadata such as EXIF and GPS
 * stripped) with a small preview; MP4 and WebM videos, recognised by their first bytes, are stored
 * with their location, device and creation metadata overwritten (see `stripVideoMetadata`), and
 * refused when their container cannot be read. Anything else is refused with 415.
 */
export async function uploadMedia(app: AppContext, viewer: Viewer, file: File, description: string): Promise<MediaRow> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const folder = path.posix.join('attachments', viewer.accountId);
  const name = randomToken(16);
  const video = sniffVideo(head);
  if (video) {
    if (file.size > VIDEO_MAX_BYTES) throw new AppError('payload_too_large', `Videos may be at most ${VIDEO_MAX_BYTES / 1024 / 1024} MB`);
    const relative = path.posix.join(folder, `${name}.${video === 'video/mp4' ? 'mp4' : 'webm'}`);
    const clean = stripVideoMetadata(new Uint8Array(await file.arrayBuffer()), video);
    await store(app, relative, clean);
    return insertMedia(app, { account_id: viewer.accountId, kind: 'video', file_path: relative, preview_path: null, mime_type: video, width: null, height: null, description });
  }
  if (sniffPdf(head)) {
    if (file.size > DOCUMENT_MAX_BYTES) throw new AppError('payload_too_large', `PDF documents may be at most ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`);
    let clean: Uint8Array;
    try {
      clean = await stripPdfMetadata(new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      if (err instanceof UnreadablePdfError) throw new AppError('validation_failed', 'The PDF cannot be read: it is damaged or encrypted');
      throw err;
    }
    const relative = path.posix.join(folder, `${name}.pdf`);
    await store(app, relative, clean);
    return insertMedia(app, { account_id: viewer.accountId, kind: 'document', file_path: relative, preview_path: null, mime_type: 'application/pdf', width: null, height: null, description });
  }
  const imageType = sniffImage(head);
  if (!imageType) throw new AppError('unsupported_media_type', 'Upload an image (JPEG, PNG, WebP, GIF, AVIF), a video (MP4, WebM) or, in a private message, a PDF');
  const typed = file.type === imageType ? file : new File([file], file.name, { type: imageType });
  const [full, preview] = [await processImage(typed, FULL_BOX), await processImage(typed, PREVIEW_BOX)];
  const relative = path.posix.join(folder, `${name}.webp`);
  const previewRelative = path.posix.join(folder, `${name}-small.webp`);
  await store(app, relative, full.data);
  await store(app, previewRelative, preview.data);
  return insertMedia(app, {
    account_id: viewer.accountId,
    kind: 'image',
    file_path: relative,
    preview_path: previewRelative,
    mime_type: full.mimeType,
    width: full.width,
    height: full.height,
    description,
  });
}

type NewMedia = Omit<MediaRow, 'id' | 'created_at' | 'status_id' | 'sealed_description'>;

/**
 * Stores an upload. Its description is kept sealed until the upload is attached (the upload may
 * become part of a private message: `attachMedia` opens it for any other status), so no
 * description is ever written in plaintext before it is known to be public.
 */
async function insertMedia(app: AppContext, values: NewMedia): Promise<MediaRow> {
  return app.db.transaction().execute(async (trx) => {
    const row = await insertMediaRow(trx, { ...values, description: '' });
    await scheduleUnattachedCleanup(trx, row.id);
    if (!values.description) return row;
    return openMediaRow(app, await setSealedMediaDescription(trx, row.id, app.sealer.seal(values.description, mediaPlace(row.id))));
  });
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

/**
 * Mastodon 4.4's `DELETE /api/v1/media/:id`: one of the viewer's uploads that nothing uses yet
 * (no status, cover, avatar, header or scheduled status), its files included; 422 when in use.
 */
export async function deleteOwnMedia(app: AppContext, viewer: Viewer, id: string): Promise<void> {
  await ownMedia(app, viewer, id);
  const row = await deleteUnattachedMedia(app.db, id);
  if (!row) throw invalid('Media attachment is currently used by a status', 'id');
  await deleteMediaFiles(app, [row.file_path, ...(row.preview_path ? [row.preview_path] : [])]);
}
