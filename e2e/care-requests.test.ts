import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

/**
 * A clinic opens its practice to online requests; a patient asks for an appointment with two
 * preferred times from the clinic's profile; the clinic answers from its inbox; the patient reads
 * the answer in the conversation and sees the request answered.
 */
const world = browserWorld();

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function signUpClinic(page: Page, username: string): Promise<void> {
  const url = world.server.url;
  await page.goto(`${url}/auth/sign_up`);
  await page.locator('input[name="kind"][value="organization"]').check();
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.locator('input[name="display_name"]').fill('Clínica del Parque');
  await page.locator('input[name="email"]').fill(`${username}@example.test`);
  await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await page.locator('select[name="organization_type"]').selectOption('clinic');
  await page.locator('input[name="agreement"]').check();
  await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
}

it('a patient requests an appointment with two slots from a clinic’s profile and the clinic answers from its inbox', async () => {
  const url = world.server.url;
  const clinic = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUpClinic(clinic, 'clinica_parque');
  await clinic.goto(`${url}/settings/practice`);
  await clinic.getByLabel('Acepto solicitudes en línea', { exact: false }).check();
  await clinic.locator('input[name="address_0_street"]').fill('Paseo del Parque 3');
  await clinic.locator('input[name="address_0_city"]').fill('Málaga');
  await clinic.getByLabel('Lunes').fill('09:00-14:00, 16:00-19:00');
  await Promise.all([clinic.waitForURL(/notice=saved/), clinic.getByRole('button', { name: 'Guardar' }).click()]);

  const patient = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await world.signUp(patient, 'paciente_cita');
  await patient.goto(`${url}/@clinica_parque`);
  await patient.locator('.practice-section').filter({ hasText: 'Paseo del Parque 3' }).waitFor();
  await Promise.all([patient.waitForURL(/\/care-requests\/new\?to=clinica_parque/), patient.getByRole('link', { name: 'Contactar / Pedir cita' }).click()]);
  await patient.getByLabel('Cita', { exact: true }).check();
  await patient.locator('input[name="slot_0_date"]').fill(inDays(3));
  await patient.locator('input[name="slot_0_from"]').fill('09:00');
  await patient.locator('input[name="slot_0_to"]').fill('11:00');
  await patient.locator('input[name="slot_1_date"]').fill(inDays(5));
  await patient.locator('input[name="slot_1_from"]').fill('16:30');
  await patient.locator('input[name="slot_1_to"]').fill('18:00');
  await patient.getByLabel('Tu mensaje').fill('Hola, quisiera una primera consulta de fisioterapia por dolor de espalda.');
  await Promise.all([patient.waitForURL(/\/care-requests\/\d+\?notice=sent/), patient.getByRole('button', { name: 'Enviar solicitud' }).click()]);
  const requestUrl = patient.url().split('?')[0]!;
  expect(await patient.locator('.care-state').textContent()).toBe('Nueva');

  // The clinic sees it in its inbox (with the badge), opens it and answers.
  await clinic.goto(`${url}/`);
  expect(await clinic.locator('[data-live-count="careRequests"]').textContent()).toBe('1');
  await Promise.all([clinic.waitForURL(/\/care-requests$/), clinic.getByRole('link', { name: /Solicitudes/ }).first().click()]);
  await Promise.all([clinic.waitForURL(requestUrl), clinic.locator('.care-item-link').filter({ hasText: 'paciente_cita' }).click()]);
  expect(await clinic.locator('.care-slots li').count()).toBe(2);
  await clinic.locator('.care-text').filter({ hasText: 'dolor de espalda' }).waitFor();
  await clinic.getByLabel('Tu respuesta').fill('Le esperamos el primer día a las 9:30. Traiga sus informes.');
  await Promise.all([clinic.waitForURL(/notice=answered/), clinic.getByRole('button', { name: 'Responder' }).click()]);

  // The patient sees the request answered and reads the answer in the conversation.
  await patient.goto(requestUrl);
  expect(await patient.locator('.care-state').textContent()).toBe('Respondida');
  await Promise.all([patient.waitForURL(/\/messages\/\d+/), patient.getByRole('link', { name: 'Ver conversación' }).click()]);
  await patient.locator('.message-body').filter({ hasText: 'Le esperamos el primer día' }).waitFor();
  await patient.locator('.message-body').filter({ hasText: 'dolor de espalda' }).waitFor();
});
