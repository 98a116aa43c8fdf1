import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerAccount } from '../src/accounts/accounts.service.js';
import type { AppContext } from '../src/app-context.js';
import { issueAccessToken } from '../src/auth/access-tokens.js';
import { buildAppContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { launchChromium } from './e2e-server.js';

/**
 * A poll posted by a Mastodon app (the API) in a real browser: a reader signs up, finds the poll
 * on the author's profile, votes with the ballot on the card and sees the results with her choice.
 * The server runs in-process so the author can get an API token directly.
 */
let app: AppContext & { close(): Promise<void> };
let server: ServerType;
let url: string;
let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'medired-e2e-polls-'));
  const probe = serve({ fetch: () => new Response(''), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => probe.once('listening', () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn' });
  app = await buildAppContext(config);
  server = await new Promise((resolve) => {
    const s = serve({ fetch: createApp(app).fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signUp(page: Page, username: string): Promise<void> {
  await page.goto(`${url}/auth/sign_up`);
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.locator('input[name="email"]').fill(`${username}@example.test`);
  await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await page.locator('input[name="agreement"]').check();
  await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
}

it('a reader votes in a poll from its card and then sees the results with her choice', async () => {
  const author = await registerAccount(app.db, { username: 'encuestadora', email: 'encuestadora@example.test', password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'patient' });
  const token = (await issueAccessToken(app.db, { userId: author.userId, applicationId: null, scopes: 'read write' })).access_token;
  const res = await fetch(`${url}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ status: '¿Cuántos vasos de agua bebes al día?', poll: { options: ['Menos de 4', 'De 4 a 8', 'Más de 8'], expires_in: 86_400 } }),
  });
  expect(res.status).toBe(200);
  const status = (await res.json()) as { id: string };

  const reader = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(reader, 'lectora_encuesta');
  await reader.goto(`${url}/@encuestadora`);
  const card = reader.locator(`#s-${status.id}`);
  await card.getByText('De 4 a 8').click();
  await Promise.all([reader.waitForURL(new RegExp(`#s-${status.id}$`)), card.getByRole('button', { name: 'Votar' }).click()]);

  const results = reader.locator(`#s-${status.id} .poll-results`);
  await results.waitFor();
  expect(await results.locator('.poll-result.is-own').textContent()).toContain('De 4 a 8');
  expect(await results.locator('.poll-result.is-own .poll-result-percent').textContent()).toBe('100%');
  expect(await results.locator('.poll-summary').textContent()).toContain('Votos: 1');
  // No ballot any more: one vote per person.
  expect(await reader.locator(`#s-${status.id} .poll-ballot`).count()).toBe(0);

  // The author's app reads the same tally.
  const poll = (await (await fetch(`${url}/api/v1/statuses/${status.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { poll: { options: { votes_count: number }[] } };
  expect(poll.poll.options.map((o) => o.votes_count)).toEqual([0, 1, 0]);
});
