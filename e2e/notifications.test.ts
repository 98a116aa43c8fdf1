import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

const world = browserWorld();
const { signUp } = world;

it('warns before a public post with a phone number, then shows a like in the badge and the list until marked read', async () => {
  const ana = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(ana, 'ana_avisos');
  const text = 'Mi fisio es estupenda, llamadla al 612 345 678';
  await ana.getByLabel('¿Qué quieres compartir?').fill(text);
  await ana.getByRole('button', { name: 'Publicar', exact: true }).click();
  await ana.getByRole('heading', { name: 'Esta publicación no es privada' }).waitFor({ state: 'visible', timeout: 10_000 });
  expect(await ana.getByLabel('¿Qué quieres compartir?').inputValue()).toBe(text);
  await Promise.all([ana.waitForURL(/notice=posted/), ana.getByRole('button', { name: 'Publicar igualmente' }).click()]);
  expect(await ana.locator('.status-content').first().textContent()).toContain('612 345 678');

  const luis = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(luis, 'luis_avisos');
  await luis.goto(`${world.server.url}/@ana_avisos`);
  await luis.locator('form[action$="/favourite"] button').first().click();
  await luis.locator('form[action$="/unfavourite"]').first().waitFor({ state: 'attached', timeout: 10_000 });

  await ana.goto(`${world.server.url}/`);
  const badge = ana.locator('[data-live-count="notifications"]');
  expect(await badge.textContent()).toBe('1');
  await ana.locator('a[href="/notifications"]').click();
  const entry = ana.locator('.notification-unread');
  expect(await entry.count()).toBe(1);
  await entry.getByRole('link', { name: 'A luis_avisos le ha gustado tu publicación' }).waitFor({ state: 'visible' });
  await Promise.all([ana.waitForURL(/notice=read/), ana.getByRole('button', { name: 'Marcar todo como leído' }).click()]);
  expect(await ana.locator('.notification-unread').count()).toBe(0);
  expect(await badge.isVisible()).toBe(false);
  await ana.getByRole('link', { name: 'A luis_avisos le ha gustado tu publicación' }).click();
  await ana.waitForURL(/\/@ana_avisos\/\d+$/);
});
