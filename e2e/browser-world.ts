import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type E2eServer } from './e2e-server.js';

/**
 * What every browser test file needs: a server and a Chromium for the file (started before its
 * tests, closed after), and signing a new person up through the real form.
 */
export function browserWorld(): { readonly server: E2eServer; readonly browser: Browser; signUp(page: Page, username: string): Promise<void> } {
  let server: E2eServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    async signUp(page, username) {
      const url = server!.url;
      await page.goto(`${url}/auth/sign_up`);
      await page.getByLabel('Nombre de usuario').fill(username);
      await page.locator('input[name="email"]').fill(`${username}@example.test`);
      await page.locator('input[name="password"]').fill('una contraseña bastante larga 42');
      await page.locator('input[name="agreement"]').check();
      await Promise.all([page.waitForURL(`${url}/`), page.locator('form[action="/auth/sign_up"] button[type="submit"]').click()]);
    },
  };
}
