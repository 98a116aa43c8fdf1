import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../app-context.js';

/**
 * Resolves a stored media path (relative, forward slashes) inside the media folder, or null for
 * anything that could escape it: `..` segments, absolute paths, backslashes, NUL bytes.
 */
export function resolveMediaPath(mediaDir: string, relative: string): string | null {
  if (!relative || relative.includes('\0') || relative.includes('\\') || relative.startsWith('/')) return null;
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  const root = path.resolve(mediaDir);
  const absolute = path.resolve(root, ...segments);
  return absolute.startsWith(root + path.sep) ? absolute : null;
}

/** Removes stored files (after their rows are gone); a missing file is not an error. */
export async function deleteMediaFiles(app: AppContext, relativePaths: string[]): Promise<void> {
  for (const relative of relativePaths) {
    const absolute = resolveMediaPath(app.mediaDir, relative);
    if (!absolute) continue;
    try {
      await unlink(absolute);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') app.log.warn('could not delete media file', { err });
    }
  }
}
