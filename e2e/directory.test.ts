import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

/**
 * Three doctors sign up through the form (two cardiologists, in Sevilla and Madrid, and a
 * paediatrician in Sevilla), and a patient signs up in Sevilla. A visitor opens the directory,
 * chooses the specialty and types the city in the filter form, and finds exactly the cardiologist
 * in Sevilla, in a URL she can share; on a phone too; the patient never appears.
 */
const world = browserWorld();

async function signUpDoctor(page: Page, username: string, specialty: string, city: string): Promise<void> {
  const url = world.server.url;
  await page.goto(`${url}/auth/sign_up`);
  await page.locator('input[name="kind"][value="professional"]').check();
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.locator('input[name="display_name"]').fill(username.replace(/_/g, ' '));
  await page.locator('input[name="email"]').fill(`${username}@example.test`);
  await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await page.locator('select[name="profession"]').selectOption('doctor');
  await page.locator('select[name="specialty"]').selectOption(specialty);
  await page.locator('input[name="city"]').fill(city);
  await page.locator('input[name="country"]').fill('ES');
  await page.locator('input[name="agreement"]').check();
  await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
}

it('the directory filtered by specialty and city finds the cardiologist in Sevilla, on desktop and on a phone', async () => {
  const url = world.server.url;
  const signUps = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUpDoctor(signUps, 'cardio_sevilla', 'cardiology', 'Sevilla');
  await signUps.context().clearCookies();
  await signUpDoctor(signUps, 'cardio_madrid', 'cardiology', 'Madrid');
  await signUps.context().clearCookies();
  await signUpDoctor(signUps, 'pedia_sevilla', 'pediatrics', 'Sevilla');
  await signUps.context().clearCookies();
  await signUps.goto(`${url}/auth/sign_up`);
  await signUps.getByLabel('Nombre de usuario').fill('paciente_sevilla');
  await signUps.locator('input[name="email"]').fill('paciente_sevilla@example.test');
  await signUps.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await signUps.locator('input[name="city"]').fill('Sevilla');
  await signUps.locator('input[name="agreement"]').check();
  await Promise.all([signUps.waitForURL(`${url}/`), signUps.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);

  // A visitor on a desktop: from the navigation to the directory, then the filters.
  const visitor = await (await world.browser.newContext({ locale: 'es-ES', viewport: { width: 1366, height: 900 } })).newPage();
  await visitor.goto(`${url}/`);
  await Promise.all([visitor.waitForURL(`${url}/directory`), visitor.getByRole('link', { name: 'Directorio' }).click()]);
  await visitor.getByRole('heading', { name: 'Explorar por categoría' }).waitFor();
  await visitor.getByLabel('Especialidad', { exact: true }).selectOption({ label: 'Cardiología' });
  await visitor.getByLabel('Ciudad', { exact: true }).fill('Sevilla');
  await Promise.all([visitor.waitForURL(/\/directory\?specialty=cardiology&city=Sevilla$/), visitor.getByRole('button', { name: 'Buscar' }).click()]);
  const results = visitor.locator('.directory-list .directory-card');
  expect(await results.count()).toBe(1);
  expect(await results.first().textContent()).toContain('@cardio_sevilla');
  expect(await visitor.locator('#directory-results').textContent()).toBe('1 cuenta');
  // The form keeps what was chosen, and the URL can be shared.
  expect(await visitor.getByLabel('Especialidad', { exact: true }).inputValue()).toBe('cardiology');
  expect(await visitor.getByLabel('Ciudad', { exact: true }).inputValue()).toBe('Sevilla');
  const shared = visitor.url();

  // The same link on a phone, then a free-text search typed the way people ask.
  const phone = await (await world.browser.newContext({ locale: 'es-ES', viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(shared);
  expect(await phone.locator('.directory-list .directory-card').count()).toBe(1);
  expect(await phone.locator('.directory-card').first().textContent()).toContain('Sevilla');
  await phone.getByLabel('Especialidad', { exact: true }).selectOption('');
  await phone.getByLabel('Ciudad', { exact: true }).fill('');
  await phone.getByLabel('Buscar', { exact: true }).fill('pediatra en Sevilla');
  await Promise.all([phone.waitForURL(/q=pediatra/), phone.getByRole('button', { name: 'Buscar' }).click()]);
  const found = await phone.locator('.directory-list .directory-card').allTextContents();
  expect(found).toHaveLength(1);
  expect(found[0]).toContain('@pedia_sevilla');

  // Everyone in Sevilla: the two doctors, never the patient.
  await phone.goto(`${url}/directory?city=sevilla`);
  const sevilla = (await phone.locator('.directory-list .directory-card').allTextContents()).join(' ');
  expect(sevilla).toContain('@cardio_sevilla');
  expect(sevilla).toContain('@pedia_sevilla');
  expect(sevilla).not.toContain('paciente_sevilla');
});
