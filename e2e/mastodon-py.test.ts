import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type E2eServer } from './e2e-server.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { encodeTestVideo } from '../src/media/test-real-videos.js';

/**
 * Mastodon.py (Debian's python3-mastodon, a widely used third-party client library) against a
 * real server: version detection, app registration, sign-up, password log-in, statuses,
 * timelines, favourites, bookmarks, notifications, polls, lists, filters, markers, search,
 * media (an image with focus, a video through the asynchronous 202/206 flow) and Link-header
 * pagination. The script stops at the first call that fails and names it.
 * Debian's /usr/bin/python3 on purpose: the library is installed for it (see .ci/run).
 */
const PYTHON = process.env.MASTODON_PY_PYTHON ?? '/usr/bin/python3';
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'clients', 'mastodon_py_check.py');

let server: E2eServer;
let video: string;
beforeAll(async () => {
  server = await startServer();
  // A real H.264 video for media_post (asynchronous processing: 202, then 206 until its poster exists).
  const folder = mkdtempSync(path.join(tmpdir(), 'medired-mastodon-py-'));
  video = path.join(folder, 'explicacion.mp4');
  writeFileSync(video, await encodeTestVideo('video/mp4'));
});
afterAll(async () => {
  await server?.close();
  if (video) rmSync(path.dirname(video), { recursive: true, force: true });
});

function run(url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, [script, url, video], { timeout: 120_000, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

it('Mastodon.py detects a recent Mastodon version and every call it makes succeeds', { timeout: 150_000 }, async () => {
  const result = await run(server.url);
  expect(result.stderr, result.stdout).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^ok version detection 4\.\d+\.\d+$/m);
  expect(result.stdout.trim().split('\n').at(-1)).toBe('all ok');
});
