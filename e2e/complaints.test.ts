import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

/**
 * A patient files a public complaint from a clinic's profile; the clinic answers it and moves it
 * to private with one click. The profile still shows the complaint with the public note, and the
 * patient finds the private conversation among her conversations (not as a message request).
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

it('a complaint is answered and moved to private; the profile keeps it with the note and the patient finds the conversation', async () => {
  const url = world.server.url;
  const clinic = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUpClinic(clinic, 'clinica_e2e');
  const patient = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await world.signUp(patient, 'paciente_e2e');

  // From the clinic's profile.
  await patient.goto(`${url}/@clinica_e2e`);
  await Promise.all([patient.waitForURL(/\/complaints\/new\?about=clinica_e2e/), patient.getByRole('link', { name: 'Presentar una reclamación' }).click()]);
  await patient.getByLabel('Asunto').fill('Me cambiaron la cita tres veces');
  await patient.getByLabel('Qué ha pasado').fill('Me cambiaron la cita de revisión tres veces en dos semanas, siempre el mismo día por la mañana.');
  await patient.locator('input[name="visibility"][value="public"]').check();
  await Promise.all([patient.waitForURL(/\/complaints\/\d+\?notice=created/), patient.getByRole('button', { name: 'Enviar reclamación' }).click()]);
  const complaintUrl = patient.url().split('?')[0]!;

  // The clinic finds it among the complaints about it, answers, then continues in private.
  await clinic.goto(`${url}/complaints?tab=about_me`);
  await Promise.all([clinic.waitForURL(complaintUrl), clinic.getByRole('link', { name: 'Me cambiaron la cita tres veces' }).click()]);
  await clinic.getByLabel('Tu respuesta').fill('Lo sentimos mucho: revisamos su agenda y le escribimos.');
  await Promise.all([clinic.waitForURL(/notice=replied/), clinic.getByRole('button', { name: 'Enviar respuesta' }).click()]);
  await Promise.all([clinic.waitForURL(/notice=moved/), clinic.getByRole('button', { name: 'Continuar en privado' }).click()]);
  // There is no way for the clinic to delete, hide or edit it.
  expect(await clinic.getByRole('button', { name: /eliminar|borrar|ocultar|editar|retirar/i }).count()).toBe(0);

  // Anyone, signed out, still reads it on the clinic's profile, with the public note.
  const visitor = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await visitor.goto(`${url}/@clinica_e2e`);
  const section = visitor.locator('.profile-complaints');
  await section.getByText('Me cambiaron la cita tres veces').waitFor();
  expect(await section.textContent()).toContain('La reclamación continúa en privado');
  await visitor.goto(complaintUrl);
  expect(await visitor.locator('.complaint-entry-note').textContent()).toContain('La reclamación continúa en privado');
  expect(await visitor.getByText('Lo sentimos mucho').count()).toBe(1);
  expect(await visitor.getByRole('link', { name: 'Abrir la conversación privada' }).count()).toBe(0);

  // The patient opens the private conversation from the complaint, and has it among her conversations.
  await patient.goto(complaintUrl);
  expect(await patient.locator('.complaint-state').first().textContent()).toBe('Respondida');
  await Promise.all([patient.waitForURL(/\/messages\/\d+$/), patient.getByRole('link', { name: 'Abrir la conversación privada' }).click()]);
  await patient.locator('.message-body').filter({ hasText: 'Seguimos en privado con tu reclamación' }).waitFor();
  const conversationUrl = patient.url();
  await patient.goto(`${url}/messages`);
  expect(await patient.locator(`a[href="${new URL(conversationUrl).pathname}"]`).count()).toBeGreaterThan(0);
});
