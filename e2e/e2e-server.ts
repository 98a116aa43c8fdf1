import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildAppContext } from '../src/bootstrap.js';
import type { AppContext } from '../src/app-context.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { attachStreamingWebSocket } from '../src/streaming/websocket.js';
import { jobHandlers } from '../src/jobs/job-handlers.js';
import { startJobWorker } from '../src/jobs/job-worker.js';

/** Debian's Chromium, as CI installs it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface E2eServer {
  url: string;
  /** The server's application context (its database), for the few facts a test sets directly. */
  app: AppContext;
  close(): Promise<void>;
}

/** A real Medired server on a free port: PGlite in a temporary data folder, no demo world, job worker running. */
export async function startServer(): Promise<E2eServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medired-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn' });
  const app = await buildAppContext(config);
  const hono = createApp(app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: hono.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  attachStreamingWebSocket(server, app);
  // As in production: fan-out to home feeds and other background work run in the same process.
  const stopJobs = startJobWorker(app, jobHandlers);
  return {
    url,
    app,
    async close() {
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopJobs();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
