import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { en } from './i18n/en.js';
import { es } from './i18n/es.js';
import { resolveLang } from './i18n/language.js';
import { t } from './i18n/i18n.js';
import { staticUrl } from './static.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('i18n', () => {
  it('has an English text for every Spanish key and no extra keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('es', 'composer.remaining', { count: 12 })).toBe('Quedan 12 caracteres');
    expect(t('en', 'composer.remaining')).toBe('{count} characters left');
  });

  it('prefers the cookie, then the user locale, then Spanish', () => {
    expect(resolveLang('en', 'es')).toBe('en');
    expect(resolveLang(undefined, 'en')).toBe('en');
    expect(resolveLang('xx', undefined)).toBe('es');
  });
});

describe('web pages', () => {
  it('serves the home page in Spanish by default with the lang attribute and metadata', async () => {
    const res = await app.request('GET', '/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('property="og:title"');
    expect(html).toContain('name="twitter:card"');
    expect(html).toContain('<link rel="canonical" href="http://medired.test/"');
    expect(html).toContain('href="#content"');
  });

  it('switches language with ?lang=, remembers it in a cookie for a year and redirects back', async () => {
    const res = await app.request('GET', '/public?lang=en&max_id=5');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/public?max_id=5');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lang=en;/);
    expect(cookie).toContain('Max-Age=31536000');
    const page = await app.request('GET', '/', { headers: { cookie: 'lang=en' } });
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Sign up');
  });

  it('answers unknown web paths with an HTML 404 page and unknown API paths with JSON', async () => {
    const page = await app.request('GET', '/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Página no encontrada');
    const api = await app.request('GET', '/api/v1/no-such-endpoint');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'Record not found', code: 'not_found', key: 'errors.code.not_found' });
  });

  it('serves static files with cache headers, long-lived when versioned', async () => {
    const plain = await app.request('GET', '/static/avatar.svg');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('image/svg+xml');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=86400');
    const etag = plain.headers.get('etag')!;
    const again = await app.request('GET', '/static/avatar.svg', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const versioned = await app.request('GET', staticUrl('style.css'));
    expect(versioned.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('GET', '/static/../package.json')).status).toBe(404);
  });
});
