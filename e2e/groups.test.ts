import { expect, it } from 'vitest';
import { browserWorld } from './browser-world.js';

/**
 * A private support group: someone asks to join, the owner approves, the new member posts under
 * a pseudonym, and another member sees the pseudonym, not the account.
 */
const world = browserWorld();
const { signUp } = world;

it('a member joins a private group after approval and posts under a pseudonym that another member sees instead of the account', async () => {
  const owner = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(owner, 'duena_grupo');
  await owner.goto(`${world.server.url}/groups/new`);
  await owner.locator('#f-name').fill('Duelo perinatal');
  await owner.locator('#f-description').fill('Un espacio privado para acompañarnos.');
  await owner.locator('#f-visibility').selectOption('private');
  await Promise.all([owner.waitForURL(/notice=created/), owner.getByRole('button', { name: 'Crear grupo' }).click()]);
  const groupUrl = owner.url().split('?')[0]!;

  const member = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(member, 'marta_grupo');
  await member.goto(groupUrl);
  await expect(member.locator('body').textContent()).resolves.toContain('Este grupo es privado');
  await Promise.all([member.waitForURL(/notice=requested/), member.getByRole('button', { name: 'Pedir unirme' }).click()]);

  await owner.goto(`${groupUrl}/members`);
  await Promise.all([owner.waitForURL(/notice=done/), owner.getByRole('button', { name: 'Aprobar' }).click()]);

  await member.goto(groupUrl);
  await member.getByText('Tu seudónimo en este grupo').click();
  await member.locator('#f-pseudonym').fill('Luna');
  await Promise.all([member.waitForURL(/notice=saved/), member.getByRole('button', { name: 'Guardar seudónimo' }).click()]);
  await member.locator('#group-text').fill('Hoy hace tres meses. Gracias por estar aquí.');
  await member.locator('select[name=pseudonymous]').selectOption('true');
  await Promise.all([member.waitForURL(/#p-\d+/), member.getByRole('button', { name: 'Publicar', exact: true }).click()]);

  // A third member sees the pseudonym and not the account.
  const other = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await signUp(other, 'otro_grupo');
  await other.goto(groupUrl);
  await Promise.all([other.waitForURL(/notice=requested/), other.getByRole('button', { name: 'Pedir unirme' }).click()]);
  await owner.goto(`${groupUrl}/members`);
  await Promise.all([owner.waitForURL(/notice=done/), owner.getByRole('button', { name: 'Aprobar' }).click()]);
  await other.goto(groupUrl);
  const post = other.locator('.group-post').filter({ hasText: 'Hoy hace tres meses' });
  await post.waitFor();
  expect(await post.textContent()).toContain('Luna');
  expect(await other.content()).not.toContain('marta_grupo');
  // The owner, who moderates the group, sees the account behind it.
  await owner.goto(groupUrl);
  expect(await owner.locator('.group-post').filter({ hasText: 'Hoy hace tres meses' }).textContent()).toContain('marta_grupo');
});
