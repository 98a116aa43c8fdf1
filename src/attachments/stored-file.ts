import { readFile } from 'node:fs/promises';
import type { AppContext } from '../app-context.js';
import { resolveMediaPath } from '../media/media-files.js';

/**
 * The bytes of a stored image for a route that decided itself who may see it (group posts of
 * private groups, gallery pairs with consent): WebP only, `nosniff`, a sandboxing CSP, and the
 * caller's Cache-Control. Null when the file is gone.
 */
export async function storedImageResponse(app: AppContext, relativePath: string, cacheControl: string): Promise<Response | null> {
  const absolute = resolveMediaPath(app.mediaDir, relativePath);
  if (!absolute || !absolute.endsWith('.webp')) return null;
  const data = await readFile(absolute).catch(() => null);
  if (!data) return null;
  return new Response(new Uint8Array(data), {
    status: 200,
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(data.length),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': cacheControl,
    },
  });
}
