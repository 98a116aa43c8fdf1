import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserWorld } from './browser-world.js';

/** Two people in two browsers write to each other; each sees the other's messages arrive without reloading. */
const world = browserWorld();
const { signUp } = world;

async function openConversation(page: Page, url: string): Promise<void> {
  const streamOpened = page.waitForResponse((res) => res.url().includes('/api/v1/streaming/user'), { timeout: 10_000 });
  await page.goto(url);
  expect((await streamOpened).status()).toBe(200);
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Mensaje', { exact: true }).fill(text);
  await Promise.all([page.waitForURL(/notice=sent/), page.getByRole('button', { name: 'Enviar mensaje privado' }).click()]);
}

it('two people exchange private messages live, from a profile’s "Enviar mensaje"', async () => {
  const marta = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(marta, 'marta_live');
  const jose = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(jose, 'jose_live');
  // Jose lets anyone write to him, so Marta's first message goes straight into his conversations.
  await jose.goto(`${world.server.url}/settings/messages`);
  await jose.locator('input[value="anyone"]').check();
  await Promise.all([jose.waitForURL(/notice=settings/), jose.getByRole('button', { name: 'Guardar' }).click()]);

  await marta.goto(`${world.server.url}/@jose_live`);
  await Promise.all([marta.waitForURL(/\/messages\/new/), marta.getByRole('link', { name: 'Enviar mensaje' }).click()]);
  await send(marta, 'Hola José, ¿cómo va la rodilla?');
  const conversationUrl = marta.url().split('?')[0]!;

  // Jose sees the unread badge and the message.
  await jose.goto(`${world.server.url}/`);
  expect(await jose.locator('[data-live-count="messages"]').textContent()).toBe('1');
  await openConversation(jose, conversationUrl);
  await jose.locator('.message-body').filter({ hasText: 'cómo va la rodilla' }).waitFor();

  // Marta waits on the conversation page; Jose answers; it appears for Marta without a reload.
  await openConversation(marta, conversationUrl);
  const martaLoads: string[] = [];
  marta.on('load', () => martaLoads.push(marta.url()));
  await send(jose, 'Mucho mejor, gracias');
  await marta.locator('.message-body').filter({ hasText: 'Mucho mejor, gracias' }).waitFor({ timeout: 10_000 });
  // And the other way round.
  await send(marta, 'Me alegro mucho');
  await jose.locator('.message-body').filter({ hasText: 'Me alegro mucho' }).waitFor({ timeout: 10_000 });
  expect(martaLoads.filter((u) => !u.includes('notice=sent'))).toEqual([]);
});
