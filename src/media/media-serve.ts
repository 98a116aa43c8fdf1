import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';
import { resolveMediaPath } from './media-files.js';

/** The only file types served, by extension; anything else is a 404. */
const CONTENT_TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.pdf': 'application/pdf',
};

/** Stored names carry random tokens and never change, so clients may cache them for a year. */
const CACHE_CONTROL = 'public, max-age=31536000, immutable';

function notFoundResponse(c: Context<HonoEnv>): Response {
  return c.json({ error: 'Record not found', code: 'not_found' }, 404);
}

/** Parses a single `bytes=a-b` range; null when absent or not satisfiable as one range. */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'invalid' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'invalid' : { start, end };
}

/**
 * Serves uploaded files at `GET /media/*` from `app.mediaDir`: no path traversal (see
 * `resolveMediaPath`), the Content-Type from a fixed list, `nosniff`, a long cache and single
 * byte ranges (video players need them).
 */
export function mountMediaFiles(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.on(['GET', 'HEAD'], '/media/*', async (c) => {
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.slice('/media/'.length));
    } catch {
      return notFoundResponse(c);
    }
    const absolute = resolveMediaPath(app.mediaDir, relative);
    const type = absolute ? CONTENT_TYPES[path.extname(absolute).toLowerCase()] : undefined;
    // private/ (verification documents) is served only through the moderators' API route.
    if (!absolute || !type || relative.split('/')[0] === 'private') return notFoundResponse(c);
    const info = await stat(absolute).catch(() => null);
    if (!info?.isFile()) return notFoundResponse(c);

    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': CACHE_CONTROL,
      'Accept-Ranges': 'bytes',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    };
    // Documents are downloaded, never rendered by the browser's viewer on this origin.
    if (type === 'application/pdf') headers['Content-Disposition'] = 'attachment';
    const range = parseRange(c.req.header('range'), info.size);
    if (range === 'invalid') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${info.size}` } });
    const { start, end } = range ?? { start: 0, end: info.size - 1 };
    headers['Content-Length'] = String(info.size === 0 ? 0 : end - start + 1);
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    const status = range ? 206 : 200;
    if (c.req.method === 'HEAD' || info.size === 0) return new Response(null, { status, headers });
    const stream = Readable.toWeb(createReadStream(absolute, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(stream, { status, headers });
  });
}
