import { expect, it } from 'vitest';
import type { ConsoleMessage, Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

/**
 * A clinic opens its statistics: every chart is drawn by uPlot (served by the app, loaded with
 * integrity) from the page's JSON data, under the strict CSP, with no violation or error in the
 * console; the tables stay available behind "Ver los datos en una tabla"; the range buttons and
 * the English interface work, on a desktop and on a phone.
 */
const world = browserWorld();

async function signUpClinic(page: Page, username: string): Promise<void> {
  const url = world.server.url;
  await page.goto(`${url}/auth/sign_up`);
  await page.locator('input[name="kind"][value="organization"]').check();
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.locator('input[name="email"]').fill(`${username}@example.test`);
  await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await page.locator('select[name="organization_type"]').selectOption('clinic');
  await page.locator('input[name="agreement"]').check();
  await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
}

/** Console errors and CSP violations a page reports while it is used. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

async function expectChartsDrawn(page: Page): Promise<number> {
  const boxes = page.locator('.analytics-canvas[data-chart]');
  const count = await boxes.count();
  expect(count).toBeGreaterThanOrEqual(5);
  for (let i = 0; i < count; i++) {
    const box = boxes.nth(i);
    await box.locator('canvas').first().waitFor();
    expect(await box.getAttribute('data-drawn')).toBe('true');
    const size = await box.locator('canvas').first().evaluate((c: HTMLCanvasElement) => ({ w: c.width, h: c.height }));
    expect(size.w).toBeGreaterThan(100);
    expect(size.h).toBeGreaterThan(100);
  }
  return count;
}

it('draws every chart of a clinic’s statistics under the strict CSP, with tables and CSV behind them, on desktop and phone', async () => {
  const url = world.server.url;
  const clinic = await (await world.browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 900 } })).newPage();
  const problems = watch(clinic);
  await signUpClinic(clinic, 'clinica_stats_e2e');
  await clinic.getByLabel('¿Qué quieres compartir?').fill('Abrimos consulta de cardiología los sábados por la mañana. #cardiología');
  await Promise.all([clinic.waitForURL(/notice=posted/), clinic.getByRole('button', { name: 'Publicar', exact: true }).click()]);

  // A visitor reads the post (a view to count).
  const visitor = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await visitor.goto(`${url}/@clinica_stats_e2e`);

  await Promise.all([clinic.waitForURL(`${url}/estadisticas`), clinic.getByRole('link', { name: 'Estadísticas' }).click()]);
  expect(await clinic.locator('h1').textContent()).toBe('Estadísticas');
  await expectChartsDrawn(clinic);
  // With the charts drawn, the data tables fold away but stay one click away.
  const details = clinic.locator('details.analytics-data').first();
  expect(await details.getAttribute('open')).toBeNull();
  await details.locator('summary').click();
  expect(await details.locator('tbody tr').count()).toBe(30);
  expect(await clinic.locator('a[download][href^="/api/v1/medired/analytics/followers.csv"]').count()).toBe(1);

  // Another range, then English.
  await Promise.all([clinic.waitForURL(/days=7$/), clinic.getByRole('link', { name: 'Últimos 7 días' }).click()]);
  await expectChartsDrawn(clinic);
  expect(await clinic.locator('details.analytics-data').first().locator('tbody tr').count()).toBe(7);
  await Promise.all([clinic.waitForURL(/days=7$/), clinic.getByRole('link', { name: 'EN', exact: true }).click()]);
  expect(await clinic.locator('h1').textContent()).toBe('Statistics');
  await expectChartsDrawn(clinic);

  // On a phone the charts fit the screen.
  const phone = await (await world.browser.newContext({ locale: 'es-ES', viewport: { width: 390, height: 844 }, storageState: await clinic.context().storageState() })).newPage();
  const phoneProblems = watch(phone);
  await phone.goto(`${url}/estadisticas?days=90`);
  await expectChartsDrawn(phone);
  const widest = await phone.locator('.analytics-canvas canvas').evaluateAll((cs) => Math.max(...cs.map((c) => c.getBoundingClientRect().right)));
  expect(widest).toBeLessThanOrEqual(390);

  expect(problems).toEqual([]);
  expect(phoneProblems).toEqual([]);
});
