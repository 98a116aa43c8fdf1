/**
 * Takes screenshots of the main pages on a running server, for people to look at:
 *   npx tsx e2e/take-screenshots.ts http://localhost:3000 [username password]
 * Phone (390×844) and desktop (1366×900), Spanish and English, into e2e/screenshots/ (gitignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './e2e-server.js';

const base = process.argv[2] ?? 'http://localhost:3000';
const [login, password] = [process.argv[3], process.argv[4]];
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(out, { recursive: true });

const anonymousPages = (process.env.PAGES_ANON ?? '/,/public,/search?q=nutricion,/auth/sign_up,/no-such-page').split(',');
const signedInPages = (process.env.PAGES_USER ?? '/,/notifications,/settings/notifications,/settings/profile,/articles/new').split(',');
const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 900 } } as const;

const slug = (p: string) => p.replace(/[^a-zA-Z0-9]+/g, '_').replace(/^_|_$/g, '') || 'home';

const browser = await launchChromium();
try {
  // Sign in once (sign-in is rate limited) and reuse the session cookie in every context.
  let session: Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>> | undefined;
  if (login && password) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/auth/sign_in`);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill(password);
    await Promise.all([page.waitForURL(`${base}/`), page.locator('form[action="/auth/sign_in"] button[type="submit"]').click()]);
    session = await context.storageState();
    await context.close();
  }
  for (const lang of ['es', 'en'] as const) {
    for (const [name, viewport] of Object.entries(viewports)) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      await context.addCookies([{ name: 'lang', value: lang, url: base }]);
      const page = await context.newPage();
      for (const p of anonymousPages) {
        await page.goto(base + p);
        await page.screenshot({ path: path.join(out, `${lang}-${name}-anon-${slug(p)}.png`), fullPage: true });
      }
      await context.close();
      if (session) {
        const signedIn = await browser.newContext({ viewport, deviceScaleFactor: 1, storageState: session });
        await signedIn.addCookies([{ name: 'lang', value: lang, url: base }]);
        const userPage = await signedIn.newPage();
        for (const p of signedInPages) {
          await userPage.goto(base + p);
          await userPage.screenshot({ path: path.join(out, `${lang}-${name}-user-${slug(p)}.png`), fullPage: true });
        }
        await signedIn.close();
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${out}`);
