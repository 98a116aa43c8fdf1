import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import type { HonoEnv } from '../../http/hono-env.js';

/**
 * The chart library of the statistics dashboard, uPlot, served by the app itself from
 * node_modules (no CDN: the CSP allows scripts from 'self' only). Read once at start-up; the
 * URL carries the package version and the tags carry Subresource Integrity hashes, so browsers
 * cache the files for a year and refuse them if they were changed on the way.
 */
const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(require.resolve('uplot/package.json'), 'utf8')) as { version: string };

interface VendorFile {
  path: string;
  body: Uint8Array;
  type: string;
  integrity: string;
}

function vendorFile(file: string, name: string, type: string): VendorFile {
  const body = new Uint8Array(readFileSync(require.resolve(`uplot/dist/${file}`)));
  return { path: `/static/vendor/${name}`, body, type, integrity: `sha384-${createHash('sha384').update(body).digest('base64')}` };
}

const script = vendorFile('uPlot.iife.min.js', `uplot-${packageJson.version}.min.js`, 'text/javascript; charset=utf-8');
const style = vendorFile('uPlot.min.css', `uplot-${packageJson.version}.min.css`, 'text/css; charset=utf-8');

/** Where the page finds the library, with the hashes for `integrity`. */
export const chartLibrary = {
  version: packageJson.version,
  script: { url: script.path, integrity: script.integrity },
  style: { url: style.path, integrity: style.integrity },
} as const;

/** Serves the library's script and stylesheet: immutable for a year (the URL changes with the version). */
export function mountChartLibrary(hono: Hono<HonoEnv>): void {
  for (const file of [script, style]) {
    hono.get(file.path, (c) => {
      const etag = `"${file.integrity}"`;
      const headers = { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: etag, 'X-Content-Type-Options': 'nosniff' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(file.body.slice().buffer as ArrayBuffer, 200, headers);
    });
  }
}
