import type { Context, Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';
import { isStorageKey, parseByteRange, type FileStorage } from '../infra/storage.js';

/** The only file types served, by extension; anything else is a 404. */
const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  avif: 'image/avif',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
};

/** The served type of a stored key, from its extension; undefined for anything not served. */
export function contentTypeOf(key: string): string | undefined {
  const dot = key.lastIndexOf('.');
  return dot > key.lastIndexOf('/') ? CONTENT_TYPES[key.slice(dot + 1).toLowerCase()] : undefined;
}

/** Stored names carry random tokens and never change, so clients may cache them for a year. */
const PUBLIC_CACHE_CONTROL = 'public, max-age=31536000, immutable';

function notFoundResponse(c: Context<HonoEnv>): Response {
  return c.json({ error: 'Record not found', code: 'not_found' }, 404);
}

/**
 * Answers a stored file: the Content-Type from a fixed list, `nosniff`, a sandboxing CSP, and
 * single byte ranges (video players need them): `bytes=a-b`, `bytes=a-`, `bytes=-n` get 206 with
 * Content-Range, anything unsatisfiable 416 with the size in Content-Range. Documents are downloaded, never
 * rendered by the browser's viewer on this origin.
 */
export async function serveStoredFile(c: Context<HonoEnv>, storage: FileStorage, key: string, cacheControl: string, downloadName?: string): Promise<Response> {
  const type = contentTypeOf(key);
  if (!isStorageKey(key) || !type) return notFoundResponse(c);
  const info = await storage.head(key);
  if (!info) return notFoundResponse(c);
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cacheControl,
    'Accept-Ranges': 'bytes',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  if (type === 'application/pdf') headers['Content-Disposition'] = downloadName ? `attachment; filename="${downloadName}"` : 'attachment';
  const range = parseByteRange(c.req.header('range'), info.size);
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${info.size}` } });
  const status = range ? 206 : 200;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${info.size}`;
  headers['Content-Length'] = String(range ? range.end - range.start + 1 : info.size);
  if (c.req.method === 'HEAD' || info.size === 0) return new Response(null, { status, headers });
  const file = await storage.get(key, range ?? undefined);
  if (!file) return notFoundResponse(c);
  return new Response(file.body, { status, headers });
}

/**
 * Serves the public storage area at `GET /media/<key>` (from the data folder, or from the bucket
 * when S3_PUBLIC_URL is not set). Keys are checked by `isStorageKey` (no `..`, no absolute or
 * hidden paths); the private area is a different storage and cannot be named here.
 */
export function mountMediaFiles(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.on(['GET', 'HEAD'], '/media/*', async (c) => {
    let key: string;
    try {
      key = decodeURIComponent(c.req.path.slice('/media/'.length));
    } catch {
      return notFoundResponse(c);
    }
    return serveStoredFile(c, app.storage.media, key, PUBLIC_CACHE_CONTROL);
  });
}
