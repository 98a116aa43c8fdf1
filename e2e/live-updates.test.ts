import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

const world = browserWorld();
const { signUp } = world;

it('shows "new posts" on the home page, without reloading, when someone followed posts', async () => {
  const bea = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(bea, 'bea_live');
  const ana = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(ana, 'ana_live');
  await ana.goto(`${world.server.url}/@bea_live`);
  await Promise.all([ana.waitForURL(/notice=followed/), ana.getByRole('button', { name: 'Seguir', exact: true }).click()]);
  // The stream is open once its response has started (the server registers it before answering).
  const streamOpened = ana.waitForResponse((res) => res.url().includes('/api/v1/streaming/user'), { timeout: 10_000 });
  await ana.goto(`${world.server.url}/`);
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
