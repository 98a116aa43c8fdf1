import sharp from 'sharp';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import type { Job } from '../jobs/jobs.queue.js';
import { MAX_ATTEMPTS } from '../jobs/jobs.queue.js';
import type { VideoType } from './file-types.js';
import { blurhashOf, boundedSize, makeImageVariants, mediaSize, SMALL_MAX_PIXELS } from './image-variants.js';
import type { MediaRow } from './media-entity.js';
import { findMediaById, markMediaFailed, markMediaProcessed } from './media.repository.js';
import type { MediaMeta } from './media.table.js';
import { extractPoster, PosterError } from './video-poster.js';

/** Queue of the processing of uploads that `POST /api/v2/media` answered with 202. */
export const MEDIA_PROCESS_QUEUE = 'media.process';

/**
 * A processing that can never succeed for this file (it is not what it claimed, no frame
 * decodes, it is too long): the upload is marked failed with this message at once, not retried.
 */
export class ProcessingFailure extends Error {
  override name = 'ProcessingFailure';
}

const areaOf = (app: AppContext, row: Pick<MediaRow, 'private'>) => (row.private ? app.storage.private : app.storage.media);

/** `H:MM:SS.ss`, as Mastodon's `meta.length`. */
export function formatLength(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds - h * 3600 - m * 60;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(2).padStart(5, '0')}`;
}

/** ffprobe's rational frame rate (`25/1`, `30000/1001`), as Mastodon's `meta.original.frame_rate`. */
function frameRate(fps: number): string {
  if (Number.isInteger(fps)) return `${fps}/1`;
  if (Math.abs(fps * 1.001 - Math.round(fps * 1.001)) < 0.01) return `${Math.round(fps * 1.001) * 1000}/1001`;
  return `${Math.round(fps * 1000)}/1000`;
}

/**
 * Makes the variants of an upload whose row is `queued` and marks it done: images from the raw
 * upload waiting in the private area (then removed), videos from their cleaned file (a poster
 * frame as preview, blurhash, length). Returns the finished row; throws `ProcessingFailure` for a
 * file that cannot be processed, anything else (storage away) for a retry.
 */
export async function processMedia(app: AppContext, row: MediaRow): Promise<MediaRow> {
  const done = row.kind === 'video' ? await processVideo(app, row) : await processQueuedImage(app, row);
  return done ?? row;
}

async function processQueuedImage(app: AppContext, row: MediaRow): Promise<MediaRow | undefined> {
  if (!row.incoming_path) throw new ProcessingFailure('The upload was not kept; upload the image again');
  const input = await app.storage.private.read(row.incoming_path);
  if (!input) throw new ProcessingFailure('The upload was not kept; upload the image again');
  let variants;
  try {
    variants = await makeImageVariants(input);
  } catch (err) {
    if (err instanceof AppError) throw new ProcessingFailure(err.message);
    throw err;
  }
  const area = areaOf(app, row);
  await area.put(row.file_path, variants.original.data, { contentType: 'image/webp' });
  if (row.preview_path) await area.put(row.preview_path, variants.small.data, { contentType: 'image/webp' });
  const meta: MediaMeta = { original: mediaSize(variants.original.width, variants.original.height), small: mediaSize(variants.small.width, variants.small.height) };
  const updated = await markMediaProcessed(app.db, row.id, { width: variants.original.width, height: variants.original.height, preview_path: row.preview_path, meta, blurhash: variants.blurhash });
  await app.storage.private.delete(row.incoming_path);
  return updated;
}

async function processVideo(app: AppContext, row: MediaRow): Promise<MediaRow | undefined> {
  const area = areaOf(app, row);
  const video = await area.read(row.file_path);
  if (!video) throw new ProcessingFailure('The video was not kept; upload it again');
  let poster;
  try {
    poster = await extractPoster(video, row.mime_type as VideoType);
  } catch (err) {
    if (err instanceof PosterError) throw new ProcessingFailure(`The video cannot be played back: ${err.message}. Export it as MP4 (H.264) or WebM (VP8/VP9) and upload it again`);
    throw err;
  }
  // The container's length was checked at upload; when it did not tell, ffmpeg's reading decides.
  const duration = row.meta?.duration ?? poster.durationSeconds;
  const maxSeconds = app.config.media.videoMaxSeconds;
  if (duration === null || duration === undefined) throw new ProcessingFailure('The length of the video cannot be read; export it again and retry');
  if (duration > maxSeconds) throw new ProcessingFailure(`Videos may be at most ${maxSeconds} seconds long; this one lasts ${Math.round(duration)}`);

  const frame = await sharp(poster.png).metadata();
  const width = frame.width || row.width || 0;
  const height = frame.height || row.height || 0;
  const previewPath = row.preview_path ?? row.file_path.replace(/\.[a-z0-9]+$/, '-poster.webp');
  let small = row.meta?.small;
  let blurhash = row.blurhash;
  // A thumbnail the owner sent stays the preview; otherwise the first frame is.
  if (!row.custom_thumbnail || !small) {
    const box = boundedSize(width, height, SMALL_MAX_PIXELS);
    const { data: preview, info } = await sharp(poster.png).resize({ width: box.width, height: box.height, fit: 'fill' }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
    await area.put(previewPath, preview, { contentType: 'image/webp' });
    small = mediaSize(info.width, info.height);
    blurhash = await blurhashOf(preview);
  }
  const size = mediaSize(width, height);
  const meta: MediaMeta = {
    length: formatLength(duration),
    duration,
    ...(poster.fps ? { fps: poster.fps } : {}),
    size: size.size,
    width,
    height,
    aspect: size.aspect,
    original: { width, height, ...(poster.fps ? { frame_rate: frameRate(poster.fps) } : {}), duration, ...(poster.bitrate ? { bitrate: poster.bitrate } : {}) },
    small,
  };
  return markMediaProcessed(app.db, row.id, { width, height, preview_path: previewPath, meta, blurhash });
}

/**
 * The job behind `202 Accepted`: processes one queued upload. A file that cannot be processed is
 * marked failed with the reason at once; other errors are retried, and the upload is marked
 * failed when the queue gives up, so no upload stays "processing" for ever.
 */
export async function processQueuedMedia(app: AppContext, job: Job): Promise<void> {
  const mediaId = String(job.payload.mediaId ?? '');
  if (!/^\d{1,19}$/.test(mediaId)) return;
  const row = await findMediaById(app.db, mediaId);
  if (!row || row.processing !== 'queued') return;
  try {
    await processMedia(app, row);
  } catch (err) {
    if (err instanceof ProcessingFailure) {
      app.log.info('media processing failed', { mediaId, reason: err.message });
      await markMediaFailed(app.db, mediaId, err.message);
      return;
    }
    if (job.attempt >= MAX_ATTEMPTS) await markMediaFailed(app.db, mediaId, 'The file could not be processed; upload it again');
    throw err;
  }
}
