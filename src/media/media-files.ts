import type { AppContext } from '../app-context.js';
import type { StorageArea } from '../infra/storage.js';

/** The stored files of one media row, wherever they live. */
export interface MediaFiles {
  file_path: string;
  preview_path: string | null;
  /** True when the files are in the private area (attachments of private messages, documents). */
  private?: boolean;
  /** The upload as received, waiting in the private area to be processed. */
  incoming_path?: string | null;
}

/**
 * Removes stored files (after their rows are gone) from one storage area; a missing file is not
 * an error, and a failure is logged rather than thrown: the row is already gone, and a stray
 * file under an unguessable name is harmless.
 */
export async function deleteMediaFiles(app: AppContext, keys: string[], area: StorageArea = 'media'): Promise<void> {
  for (const key of keys) {
    try {
      await app.storage[area].delete(key);
    } catch (err) {
      app.log.warn('could not delete media file', { err, area });
    }
  }
}

/** Removes every file of media rows that are gone: variants in their area, the raw upload in the private one. */
export async function deleteFilesOfMedia(app: AppContext, rows: MediaFiles[]): Promise<void> {
  for (const row of rows) {
    await deleteMediaFiles(app, [row.file_path, ...(row.preview_path ? [row.preview_path] : [])], row.private ? 'private' : 'media');
    if (row.incoming_path) await deleteMediaFiles(app, [row.incoming_path], 'private');
  }
}
