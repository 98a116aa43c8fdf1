import type { AppContext } from '../app-context.js';
import { isStorageKey } from '../infra/storage.js';

/**
 * The bytes of a stored image for a route that decided itself who may see it (group posts of
 * private groups, gallery pairs with consent): WebP only, `nosniff`, a sandboxing CSP, and the
 * caller's Cache-Control. Read through the storage interface (disk or S3), from the upload's own
 * area. Null when the file is gone.
 */
export async function storedImageResponse(app: AppContext, key: string, cacheControl: string, area: 'media' | 'private' = 'media'): Promise<Response | null> {
  if (!isStorageKey(key) || !key.endsWith('.webp')) return null;
  const data = await app.storage[area].read(key);
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
