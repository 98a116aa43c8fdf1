import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserWorld } from './browser-world.js';

/**
 * A Mastodon web client on ANOTHER origin (its own little static server, masto.js from
 * node_modules) signs a person in through a popup: POST /api/v1/apps, /oauth/authorize in
 * window.open, the sign-in form and the consent page in the popup, the redirect back to the
 * client's origin hands the code to window.opener (which Cross-Origin-Opener-Policy: same-origin
 * on Medired's pages would cut), the code for a token at /oauth/token (CORS), then masto.js posts
 * and reads the home timeline.
 */
const world = browserWorld();
const root = path.dirname(fileURLToPath(import.meta.url));
const clientDir = path.join(root, 'clients', 'masto-web');
const nodeModules = path.join(root, '..', 'node_modules');
/** The only packages the client page may load: masto.js and what its ES modules import. */
const PACKAGES = ['masto', 'change-case', 'events-to-async', 'isomorphic-ws', 'ts-custom-error'];

let client: Server;
let clientUrl = '';

function fileFor(urlPath: string): string | undefined {
  if (urlPath === '/' || urlPath === '/index.html') return path.join(clientDir, 'index.html');
  if (urlPath === '/callback.html') return path.join(clientDir, 'callback.html');
  const match = /^\/node_modules\/([^/]+)\/(.+\.m?js)$/.exec(urlPath);
  if (!match || !PACKAGES.includes(match[1]!) || match[2]!.includes('..')) return undefined;
  return path.join(nodeModules, match[1]!, match[2]!);
}

beforeAll(async () => {
  client = createServer((req, res) => {
    const file = fileFor(new URL(req.url ?? '/', 'http://x').pathname);
    if (!file) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => client.listen(0, '127.0.0.1', resolve));
  const address = client.address();
  clientUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => client.close(() => resolve()));
});

it('a web client on another origin signs in through a popup, then posts and reads with masto.js', async () => {
  const medired = world.server.url;
  // The person has an account on Medired (signed up in their own browser profile).
  const own = await world.browser.newContext({ locale: 'es-ES' });
  await world.signUp(await own.newPage(), 'rosa_webclient');
  await own.close();

  const context = await world.browser.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${clientUrl}/?server=${encodeURIComponent(medired)}`);
  await page.locator('#status', { hasText: 'Registered' }).waitFor({ timeout: 15_000 });

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Sign in with Medired' }).click()]);
  // Not signed in on Medired in this browser: the authorize page sends the popup to the sign-in form.
  await popup.waitForURL(/\/auth\/sign_in/);
  await popup.locator('input[name="login"]').fill('rosa_webclient');
  await popup.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await Promise.all([popup.waitForURL(/\/oauth\/authorize/), popup.locator('form[action="/auth/sign_in"] button[type="submit"]').click()]);
  expect(await popup.locator('main').textContent()).toContain('Tiny web client');
  // Approving sends the popup to the client's redirect_uri, which posts the code to the opener and closes.
  await Promise.all([popup.waitForEvent('close', { timeout: 15_000 }), popup.locator('button[name="decision"][value="approve"]').click()]);

  await page.locator('#status', { hasText: 'Signed in as @rosa_webclient' }).waitFor({ timeout: 15_000 });
  expect(await page.locator('#timeline').textContent()).toContain('rosa_webclient: Escrito desde un cliente web de otro origen');
  expect(await page.locator('#status').textContent()).toContain('policy accept/filter; requests 0; muted true');
  expect(problems).toEqual([]);

  // The status is on Medired, on the person's public profile.
  const reader = await world.browser.newPage();
  await reader.goto(`${medired}/@rosa_webclient`);
  await reader.getByText('Escrito desde un cliente web de otro origen').first().waitFor();
  await reader.close();
  await context.close();
});
