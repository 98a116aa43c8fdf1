import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registerAccount } from '../src/accounts/accounts.service.js';
import type { AppContext } from '../src/app-context.js';
import { issueAccessToken } from '../src/auth/access-tokens.js';
import { buildAppContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { launchChromium } from './e2e-server.js';

/**
 * Consulta abierta in a real browser: a patient asks, verified professionals answer, the patient
 * votes an answer helpful and marks it as the one that helped, and it then shows first with the
 * verified badge. The server runs in-process so the test can verify professionals in the database.
 */
let app: AppContext & { close(): Promise<void> };
let server: ServerType;
let url: string;
let dataDir: string;
let browser: Browser;
const PASSWORD = 'correct horse battery staple';

async function createVerifiedProfessional(username: string): Promise<{ accountId: string; token: string }> {
  const user = await registerAccount(app.db, {
    username,
    email: `${username}@example.test`,
    password: PASSWORD,
    agreement: true,
    locale: 'es',
    kind: 'professional',
    profession: 'doctor',
    specialty: 'cardiology',
    license_number: '28/28/12345',
    license_country: 'ES',
  });
  await app.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', user.accountId).execute();
  const token = await issueAccessToken(app.db, { userId: user.userId, applicationId: null, scopes: 'read write' });
  return { accountId: user.accountId, token: token.access_token };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'medired-e2e-consultas-'));
  // The public URL must match the port, which is only known once listening: bind first.
  const probe = serve({ fetch: () => new Response(''), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => probe.once('listening', () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  url = `http://127.0.0.1:${port}`;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn' });
  app = await buildAppContext(config);
  server = await new Promise((resolve) => {
    const s = serve({ fetch: createApp(app).fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  browser = await launchChromium();
  // The first account of an instance becomes its admin; take that place with someone else.
  await registerAccount(app.db, { username: 'admin_e2e', email: 'admin_e2e@example.test', password: PASSWORD, agreement: true, locale: 'es', kind: 'patient' });
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signUp(page: Page, username: string): Promise<void> {
  await page.goto(`${url}/auth/sign_up`);
  await page.getByLabel('Nombre de usuario').fill(username);
  await page.locator('input[name="email"]').fill(`${username}@example.test`);
  await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
  await page.locator('input[name="agreement"]').check();
  await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
}

async function signIn(page: Page, login: string): Promise<void> {
  await page.goto(`${url}/auth/sign_in`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_in"] button[type="submit"]').click()]);
}

it('a patient asks, verified professionals answer, and the answer the patient found helpful shows first with its badge', async () => {
  const patient = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(patient, 'paciente_e2e');

  // Ask: emergency wording first shows the guidance and needs confirming; then a normal question.
  await patient.goto(`${url}/consultas/new`);
  await patient.getByRole('heading', { name: 'Protege tu privacidad' }).waitFor();
  await patient.getByLabel('Título de la pregunta').fill('¿Es normal notar palpitaciones al subir escaleras?');
  await patient.getByLabel('Detalles').fill('Desde hace semanas noto el corazón muy acelerado al subir dos pisos, sin dolor en el pecho.');
  await patient.getByLabel('Especialidad').selectOption('cardiology');
  await patient.getByLabel('Etiquetas (opcional)').fill('palpitaciones, ejercicio');
  await patient.getByRole('button', { name: 'Publicar pregunta' }).click();
  await patient.getByRole('heading', { name: 'Esto puede ser una urgencia' }).waitFor();
  expect(await patient.locator('.emergency-guidance').textContent()).toContain('112');
  await patient.getByLabel('He leído el aviso y quiero publicar la pregunta igualmente').check();
  await Promise.all([patient.waitForURL(/\/consultas\/\d+\?notice=asked/), patient.getByRole('button', { name: 'Publicar pregunta' }).click()]);
  const questionUrl = patient.url().replace(/\?.*$/, '');
  const questionId = /\/consultas\/(\d+)/.exec(questionUrl)![1]!;
  expect(await patient.locator('.consulta-disclaimer').first().textContent()).toContain('Aviso médico');

  // A first professional answers through the API; the second one through the web form.
  const first = await createVerifiedProfessional('dr_primero');
  const apiAnswer = await fetch(`${url}/api/v1/medired/consultas/${questionId}/answers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ body: 'Puede deberse a falta de forma física, pero conviene descartar una arritmia con su médico.' }),
  });
  expect(apiAnswer.status).toBe(200);

  await createVerifiedProfessional('dra_cardio');
  const pro = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await signIn(pro, 'dra_cardio');
  await pro.goto(questionUrl);
  await pro.getByLabel('Texto de la respuesta').fill('Le recomiendo un electrocardiograma y un Holter de 24 horas; mientras tanto, evite la cafeína y el tabaco.');
  await Promise.all([pro.waitForURL(/notice=answered/), pro.getByRole('button', { name: 'Publicar respuesta' }).click()]);

  // The patient votes the second answer helpful and marks it as the one that helped.
  await patient.goto(questionUrl);
  const second = patient.locator('.consulta-answer', { hasText: 'Holter de 24 horas' });
  expect(await patient.locator('.consulta-answer').first().textContent()).toContain('falta de forma física');
  await Promise.all([patient.waitForLoadState('load'), second.getByRole('button', { name: 'Útil', exact: true }).click()]);
  await patient.locator('.consulta-answer', { hasText: 'Holter de 24 horas' }).getByText('1 personas la encontraron útil').waitFor();
  await Promise.all([
    patient.waitForLoadState('load'),
    patient.locator('.consulta-answer', { hasText: 'Holter de 24 horas' }).getByRole('button', { name: 'Esta respuesta me ayudó' }).click(),
  ]);
  await patient.locator('.consulta-answer-accepted').waitFor();

  const top = patient.locator('.consulta-answer').first();
  expect(await top.textContent()).toContain('Holter de 24 horas');
  expect(await top.getAttribute('class')).toContain('consulta-answer-accepted');
  expect(await top.locator('.verified-badge').count()).toBe(1);
  expect(await top.locator('.verified-label').textContent()).toBe('Cardiología');
  expect(await top.textContent()).toContain('1 personas la encontraron útil');

  // Anyone (even signed out) sees the same order.
  const visitor = await (await browser.newContext({ locale: 'es-ES' })).newPage();
  await visitor.goto(questionUrl);
  expect(await visitor.locator('.consulta-answer').first().textContent()).toContain('Holter de 24 horas');
  expect(await visitor.locator('script[type="application/ld+json"]').count()).toBe(1);
});
