import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { HonoEnv } from '../http/hono-env.js';

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

interface StaticFile {
  body: Uint8Array;
  type: string;
  etag: string;
  version: string;
}

/** The static files, read once at start-up (they are small and few). */
const files: Map<string, StaticFile> = new Map(
  readdirSync(STATIC_DIR)
    .filter((name) => TYPES[path.extname(name)])
    .map((name) => {
      const body = readFileSync(path.join(STATIC_DIR, name));
      const version = createHash('sha256').update(body).digest('hex').slice(0, 12);
      return [name, { body: new Uint8Array(body).slice(), type: TYPES[path.extname(name)]!, etag: `"${version}"`, version }];
    }),
);

/** URL of a static file with its content version, so browsers may cache it for a year. */
export function staticUrl(name: string): string {
  const file = files.get(name);
  return file ? `/static/${name}?v=${file.version}` : `/static/${name}`;
}

/**
 * Serves `/static/*`: versioned URLs are immutable for a year; unversioned ones (the API's default
 * avatar and header links) are cached for a day and revalidated with an ETag.
 */
export function mountStatic(hono: Hono<HonoEnv>): void {
  hono.get('/static/:name{[a-z0-9_.-]+}', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.notFound();
    const versioned = c.req.query('v') === file.version;
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=86400',
      ETag: file.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304, headers);
    return c.body(file.body.buffer as ArrayBuffer, 200, headers);
  });
  hono.get('/favicon.ico', (c) => c.redirect(staticUrl('favicon.svg'), 301));
}
