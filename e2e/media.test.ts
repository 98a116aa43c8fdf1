import sharp from 'sharp';
import { expect, it } from 'vitest';
import { browserWorld } from './browser-world.js';

/**
 * Images with alternative text through the web composer, as a person uses it: with the page's
 * script each chosen image gets its own description field; an image left without one brings the
 * warning back with the upload kept, and the description typed there is published. Then a YouTube
 * link: a placeholder, no frame until the click, the privacy-enhanced player after it.
 */
const world = browserWorld();

async function png(color: string): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: color } }).png().toBuffer();
}

it('uploads an image with its description, and warns before publishing one without', async () => {
  const url = world.server.url;
  const page = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
  await world.signUp(page, 'ana_fotos');

  // An image with its description, written in the field the script adds for the chosen file.
  await page.goto(`${url}/`);
  await page.locator('form.composer summary', { hasText: 'Añadir imágenes' }).click();
  await page.getByLabel('¿Qué quieres compartir?').fill('Mi desayuno antes de la analítica');
  await page.locator('#compose-media').setInputFiles({ name: 'desayuno.png', mimeType: 'image/png', buffer: await png('#e0a040') });
  const perFile = page.getByLabel(/Descripción de la imagen nueva 1/);
  await perFile.waitFor();
  await perFile.fill('Vaso de agua y una pieza de fruta');
  await Promise.all([page.waitForURL(/notice=posted/), page.locator('form.composer button[type="submit"].button', { hasText: 'Publicar' }).click()]);
  await page.locator('.status img[alt="Vaso de agua y una pieza de fruta"]').first().waitFor();

  // An image without a description: the form comes back with a warning, the text and the upload.
  await page.locator('form.composer summary', { hasText: 'Añadir imágenes' }).click();
  await page.getByLabel('¿Qué quieres compartir?').fill('Resultado del tensiómetro');
  await page.locator('#compose-media').setInputFiles({ name: 'tension.png', mimeType: 'image/png', buffer: await png('#3070c0') });
  await page.locator('form.composer button[type="submit"].button', { hasText: 'Publicar' }).click();
  await page.getByRole('heading', { name: 'Falta la descripción de 1 de tus imágenes' }).waitFor();
  expect(await page.getByLabel('¿Qué quieres compartir?').inputValue()).toBe('Resultado del tensiómetro');
  await page.locator('.media-pending img.media-thumb').waitFor();
  const missing = page.getByLabel('Descripción de la imagen 1');
  expect(await missing.getAttribute('aria-invalid')).toBe('true');
  await missing.fill('Pantalla del tensiómetro: 120 sobre 80');
  await Promise.all([page.waitForURL(/notice=posted/), missing.press('Enter')]);
  await page.locator('.status img[alt="Pantalla del tensiómetro: 120 sobre 80"]').first().waitFor();
});

it('a YouTube link is a placeholder until the click, then the privacy-enhanced player', async () => {
  const url = world.server.url;
  const context = await world.browser.newContext({ locale: 'es-ES' });
  const requested: string[] = [];
  // Nothing leaves the machine: third-party requests are answered here, and recorded.
  await context.route(/^https:\/\/(?!127\.0\.0\.1)/, (route) => {
    requested.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>player</title>' });
  });
  const page = await context.newPage();
  await world.signUp(page, 'luis_videos');
  // Links are for accounts older than a day.
  await world.server.app.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 3 * 86_400_000) }).where('username', '=', 'luis_videos').execute();
  await page.goto(`${url}/`);
  await page.getByLabel('¿Qué quieres compartir?').fill('Cómo tomarse la tensión en casa: https://youtu.be/dQw4w9WgXcQ');
  await Promise.all([page.waitForURL(/notice=posted/), page.locator('form.composer button[type="submit"].button', { hasText: 'Publicar' }).click()]);
  const placeholder = page.locator('.video-embed-placeholder').first();
  await placeholder.waitFor();
  expect(await placeholder.textContent()).toContain('Vídeo de YouTube');
  expect(await page.locator('iframe').count()).toBe(0);
  expect(requested).toEqual([]);
  await placeholder.click();
  const frame = page.locator('iframe.video-embed-frame');
  await frame.waitFor();
  expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&dnt=1');
  await expect.poll(() => requested.some((r) => r.startsWith('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'))).toBe(true);
  expect(requested.every((r) => r.startsWith('https://www.youtube-nocookie.com/'))).toBe(true);
});
