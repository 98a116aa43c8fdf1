import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

const world = browserWorld();
const { signUp } = world;

it('signs up, posts, is followed by a second person who sees the post at home, and switches to English', async () => {
  const ana = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(ana, 'ana_e2e');
  expect(await ana.locator('html').getAttribute('lang')).toBe('es');

  await ana.getByLabel('¿Qué quieres compartir?').fill('Hoy he aprendido a medirme la tensión en casa #salud');
  await Promise.all([ana.waitForURL(/notice=posted/), ana.getByRole('button', { name: 'Publicar', exact: true }).click()]);
  expect(await ana.locator('.status-content').first().textContent()).toContain('medirme la tensión');

  const luis = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(luis, 'luis_e2e');
  await luis.goto(`${world.server.url}/@ana_e2e`);
  await Promise.all([luis.waitForURL(/notice=followed/), luis.getByRole('button', { name: 'Seguir', exact: true }).click()]);
  await luis.getByRole('button', { name: 'Dejar de seguir' }).waitFor({ state: 'visible', timeout: 10_000 });

  await luis.getByRole('link', { name: 'Inicio' }).click();
  await luis.locator('.status-content').filter({ hasText: 'medirme la tensión' }).waitFor({ state: 'visible', timeout: 10_000 });

  await luis.getByRole('link', { name: 'EN', exact: true }).click();
  expect(await luis.locator('html').getAttribute('lang')).toBe('en');
  await luis.getByRole('link', { name: 'Home', exact: true }).waitFor({ state: 'visible', timeout: 10_000 });
  await luis.getByRole('heading', { name: 'Your timeline' }).waitFor({ state: 'visible', timeout: 10_000 });
  await luis.goto(`${world.server.url}/public`);
  await luis.getByRole('heading', { name: 'Explore', level: 1 }).waitFor({ state: 'visible', timeout: 10_000 });
});
