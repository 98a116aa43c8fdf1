import type { AppContext } from '../app-context.js';
import { findPublicFilesOfPrivateMedia, markMediaPrivate } from './media.repository.js';

/**
 * Moves to the private area the files of uploads that belong there but were stored publicly by
 * earlier versions: attachments of private messages and PDF documents. Run at start-up, like the
 * sealing of old messages; it finds nothing to do once done. Each file is copied, the row marked,
 * then the public copy deleted, so an interruption leaves every file readable.
 */
export async function movePrivateMediaOutOfPublicArea(app: Pick<AppContext, 'db' | 'storage'>): Promise<number> {
  let moved = 0;
  for (;;) {
    const rows = await findPublicFilesOfPrivateMedia(app.db, 100);
    if (rows.length === 0) return moved;
    for (const row of rows) {
      const keys = [row.file_path, ...(row.preview_path ? [row.preview_path] : [])];
      for (const key of keys) {
        const bytes = await app.storage.media.read(key);
        if (bytes) await app.storage.private.put(key, bytes);
      }
      await app.db.transaction().execute((trx) => markMediaPrivate(trx, [row.id]));
      for (const key of keys) await app.storage.media.delete(key);
      moved += 1;
    }
  }
}
