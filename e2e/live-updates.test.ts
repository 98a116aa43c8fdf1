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

it('shows "new posts" on the home page, without reloading, when someone followed posts', async () => {
  const bea = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(bea, 'bea_live');
  const ana = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(ana, 'ana_live');
  await ana.goto(`${server.url}/@bea_live`);
  await Promise.all([ana.waitForURL(/notice=followed/), ana.getByRole('button', { name: 'Seguir', exact: true }).click()]);
  // The stream is open once its response has started (the server registers it before answering).
  const streamOpened = ana.waitForResponse((res) => res.url().includes('/api/v1/streaming/user'), { timeout: 10_000 });
  await ana.goto(`${server.url}/`);
  expect((await streamOpened).status()).toBe(200);
  const banner = ana.locator('[data-live-timeline="home"]');
  expect(await banner.isHidden()).toBe(true);

  await bea.getByLabel('¿Qué quieres compartir?').fill('Consejo del día: camina treinta minutos');
  await Promise.all([bea.waitForURL(/notice=posted/), bea.getByRole('button', { name: 'Publicar', exact: true }).click()]);

  await banner.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await banner.textContent()).toContain('Hay publicaciones nuevas');
  await Promise.all([ana.waitForLoadState('load'), banner.getByRole('link', { name: 'mostrar' }).click()]);
  await ana.locator('.status-content').filter({ hasText: 'camina treinta minutos' }).waitFor({ state: 'visible', timeout: 10_000 });
});
