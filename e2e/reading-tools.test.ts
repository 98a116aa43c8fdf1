import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserWorld } from './browser-world.js';

/**
 * A small Mastodon web client served from another origin, driven in Chromium: with a token of
 * its own it creates filters, follows a hashtag and a list, and reads the home and list
 * timelines across origins. What a person sees in it: a hidden post is not there, a warned one
 * is behind its filter's title, a followed tag's post appears in the home timeline.
 */
const world = browserWorld();
const PASSWORD = 'una contraseña bastante larga 42';

/** The client: one page that calls the API named in its hash with the token in its hash. */
const CLIENT_PAGE = `<!doctype html><meta charset="utf-8"><title>Cliente</title><main id="out"></main>
<script>
const [api, token] = decodeURIComponent(location.hash.slice(1)).split('|');
const call = async (method, path, body) => {
  const res = await fetch(api + path, { method, headers: { authorization: 'Bearer ' + token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(method + ' ' + path + ' ' + res.status);
  return res.json();
};
const render = (title, statuses) => {
  const section = document.createElement('section');
  section.dataset.timeline = title;
  for (const s of statuses) {
    const article = document.createElement('article');
    const warned = (s.filtered || []).map((f) => f.filter.title);
    article.textContent = warned.length ? 'Filtrado: ' + warned.join(', ') : new DOMParser().parseFromString(s.content, 'text/html').body.textContent;
    section.append(article);
  }
  document.getElementById('out').append(section);
};
window.run = async (doctorId) => {
  await call('POST', '/api/v2/filters', { title: 'Dietas', context: ['home'], filter_action: 'warn', keywords_attributes: [{ keyword: 'dieta' }] });
  await call('POST', '/api/v2/filters', { title: 'Detox', context: ['home'], filter_action: 'hide', keywords_attributes: [{ keyword: 'detox' }] });
  await call('POST', '/api/v1/tags/vacunas/follow');
  const list = await call('POST', '/api/v1/lists', { title: 'Médicas' });
  await call('POST', '/api/v1/lists/' + list.id + '/accounts', { account_ids: [doctorId] });
  return list.id;
};
window.show = async (listId) => {
  document.getElementById('out').replaceChildren();
  render('home', await call('GET', '/api/v1/timelines/home'));
  render('list', await call('GET', '/api/v1/timelines/list/' + listId));
};
</script>`;

let client: Server;
let clientUrl = '';

beforeAll(async () => {
  client = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(CLIENT_PAGE);
  });
  await new Promise<void>((resolve) => client.listen(0, '127.0.0.1', resolve));
  clientUrl = `http://127.0.0.1:${(client.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => client.close(() => resolve()));
});

async function tokenFor(username: string): Promise<string> {
  const api = world.server.url;
  const app = (await (await fetch(`${api}/api/v1/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Cliente', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write follow' }) })).json()) as { client_id: string; client_secret: string };
  const res = await fetch(`${api}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username, password: PASSWORD, client_id: app.client_id, client_secret: app.client_secret, scope: 'read write follow' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function apiAs(token: string, method: string, path: string, body?: unknown): Promise<{ id: string }> {
  const res = await fetch(`${world.server.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { id: string };
}

it('a web client on another origin filters, follows a tag and reads a list', async () => {
  const context = await world.browser.newContext({ locale: 'es-ES' });
  const page = await context.newPage();
  for (const name of ['lectora_filtros', 'doctora_filtros', 'vecino_filtros']) {
    const signUpContext = await world.browser.newContext({ locale: 'es-ES' });
    await world.signUp(await signUpContext.newPage(), name);
    await signUpContext.close();
  }
  const [reader, doctor, neighbour] = await Promise.all(['lectora_filtros', 'doctora_filtros', 'vecino_filtros'].map(tokenFor));
  const doctorAccount = await apiAs(doctor!, 'GET', '/api/v1/accounts/verify_credentials');
  await apiAs(reader!, 'POST', `/api/v1/accounts/${doctorAccount.id}/follow`);

  await page.goto(`${clientUrl}#${encodeURIComponent(`${world.server.url}|${reader}`)}`);
  const listId = await page.evaluate((id) => (window as unknown as { run(id: string): Promise<string> }).run(id), doctorAccount.id);

  await apiAs(doctor!, 'POST', '/api/v1/statuses', { status: 'Mi consejo: una dieta variada', visibility: 'public' });
  await apiAs(doctor!, 'POST', '/api/v1/statuses', { status: 'Compra mi té detox', visibility: 'public' });
  await apiAs(doctor!, 'POST', '/api/v1/statuses', { status: 'Bebe agua cada día', visibility: 'public' });
  await apiAs(neighbour!, 'POST', '/api/v1/statuses', { status: 'Hoy hay campaña de #vacunas en el barrio', visibility: 'public' });
  // Fan-out runs in the server's job worker: wait until the followed tag's post has arrived.
  await expect
    .poll(async () => {
      await page.evaluate((id) => (window as unknown as { show(id: string): Promise<void> }).show(id), listId);
      return page.locator('[data-timeline="home"] article').allTextContents();
    }, { timeout: 10_000 })
    .toEqual(['Hoy hay campaña de #vacunas en el barrio', 'Bebe agua cada día', 'Filtrado: Dietas']);
  expect(await page.locator('[data-timeline="list"] article').allTextContents()).toEqual(['Bebe agua cada día', 'Filtrado: Dietas']);
  await context.close();
});
