import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import type { Job } from '../jobs/jobs.queue.js';
import { enqueue } from '../jobs/jobs.queue.js';
import { deleteFilesOfMedia } from './media-files.js';
import { deleteUnattachedMedia, publicKeysInUse } from './media.repository.js';

/** Queue of the check that removes an upload never attached to a post. */
export const MEDIA_CLEANUP_QUEUE = 'media.cleanup_unattached';
/** How long an upload may wait to be attached (Mastodon: one day). */
const UNATTACHED_TTL_MS = 24 * 60 * 60 * 1000;

/** Schedules the removal of an upload, should it still be unattached a day from now. */
export async function scheduleUnattachedCleanup(db: Db, mediaId: string): Promise<void> {
  await enqueue(db, MEDIA_CLEANUP_QUEUE, { mediaId }, new Date(Date.now() + UNATTACHED_TTL_MS));
}

/**
 * Deletes the upload (row and files) if it is still not attached to a status, nor used as an
 * article cover, avatar or header. One statement, so a post attaching it at the same moment
 * either wins (and the upload stays) or finds it gone (422).
 */
export async function cleanupUnattachedMedia(app: AppContext, job: Job): Promise<void> {
  const mediaId = String(job.payload.mediaId ?? '');
  if (!/^\d{1,19}$/.test(mediaId)) return;
  const row = await deleteUnattachedMedia(app.db, mediaId);
  if (row) await deleteFilesOfMedia(app, [row]);
}

/** Queue of the removal of public copies of files that moved to the private area. */
export const MEDIA_PUBLIC_COPIES_QUEUE = 'media.delete_public_copies';

/** Deletes public copies of files now private, unless some upload still uses them publicly. */
export async function deletePublicCopies(app: AppContext, job: Job): Promise<void> {
  const keys = (Array.isArray(job.payload.keys) ? job.payload.keys : []).filter((k): k is string => typeof k === 'string');
  const inUse = await publicKeysInUse(app.db, keys);
  for (const key of keys) if (!inUse.has(key)) await app.storage.media.delete(key);
}
