import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type E2eServer } from './e2e-server.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signUp(page: Page, username: string): Promise<void> {
  await page.goto(`${server.url}/auth/sign_up`);
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.locator('input[name="email"]').fill(`${username}@example.test`);
  await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await page.locator('input[name="agreement"]').check();
  await Promise.all([page.waitForURL(`${server.url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
}

it('signs up, posts, is followed by a second person who sees the post at home, and switches to English', async () => {
  const ana = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(ana, 'ana_e2e');
  expect(await ana.locator('html').getAttribute('lang')).toBe('es');

  await ana.getByLabel('¿Qué quieres compartir?').fill('Hoy he aprendido a medirme la tensión en casa #salud');
  await Promise.all([ana.waitForURL(/notice=posted/), ana.getByRole('button', { name: 'Publicar', exact: true }).click()]);
  expect(await ana.locator('.status-content').first().textContent()).toContain('medirme la tensión');

  const luis = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(luis, 'luis_e2e');
  await luis.goto(`${server.url}/@ana_e2e`);
  await Promise.all([luis.waitForURL(/notice=followed/), luis.getByRole('button', { name: 'Seguir', exact: true }).click()]);
  await luis.getByRole('button', { name: 'Dejar de seguir' }).waitFor({ state: 'visible', timeout: 10_000 });

  await luis.getByRole('link', { name: 'Inicio' }).click();
  await luis.locator('.status-content').filter({ hasText: 'medirme la tensión' }).waitFor({ state: 'visible', timeout: 10_000 });

  await luis.getByRole('link', { name: 'EN', exact: true }).click();
  expect(await luis.locator('html').getAttribute('lang')).toBe('en');
  await luis.getByRole('link', { name: 'Home', exact: true }).waitFor({ state: 'visible', timeout: 10_000 });
  await luis.getByRole('heading', { name: 'Your timeline' }).waitFor({ state: 'visible', timeout: 10_000 });
  await luis.goto(`${server.url}/public`);
  await luis.getByRole('heading', { name: 'Explore', level: 1 }).waitFor({ state: 'visible', timeout: 10_000 });
});
