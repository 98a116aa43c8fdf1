import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatus } from '../../../posts/statuses.service.js';
import { createTestApp, type TestApp, type TestUser } from '../../../testing/test-app.js';
import { viewerFromAccessToken } from '../../../auth/viewer.js';
import { webSession, type WebSession } from '../../testing/web-session.js';

let app: TestApp;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;
let authorWeb: WebSession;
let followerWeb: WebSession;
let strangerWeb: WebSession;
let publicId: string;
let privateId: string;

async function post(user: TestUser, text: string, visibility: 'public' | 'private' = 'public', extra: Record<string, string> = {}) {
  const viewer = (await viewerFromAccessToken(app.ctx.db, user.token))!;
  return createStatus(app.ctx, viewer, { kind: 'note', status: text, visibility, ...extra });
}

beforeAll(async () => {
  app = await createTestApp();
  author = await app.createUser({ username: 'dra_autora', display_name: 'Dra. <b>Autora</b>' });
  follower = await app.createUser({ username: 'seguidor' });
  stranger = await app.createUser({ username: 'extrana' });
  authorWeb = await webSession(app, author);
  followerWeb = await webSession(app, follower);
  strangerWeb = await webSession(app, stranger);
  await followerWeb.post('/@dra_autora/follow', { return_to: '/@dra_autora' });
  publicId = await post(author, 'Hola <script>alert(1)</script> #nutrición');
  privateId = await post(author, 'Solo para seguidores', 'private');
});
afterAll(async () => {
  await app.close();
});

describe('status page /@handle/:id', () => {
  it('shows a public post to anonymous visitors with OpenGraph tags and escaped content', async () => {
    const res = await app.request('GET', `/@dra_autora/${publicId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<meta property="og:type" content="article"/>');
    expect(html).toContain(`<link rel="canonical" href="http://medired.test/@dra_autora/${publicId}"/>`);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Dra. &lt;b&gt;Autora&lt;/b&gt;');
    expect(html).toContain('href="http://medired.test/tags/nutrici%C3%B3n"');
  });

  it('hides a followers-only post from anonymous visitors and strangers, shows it to followers and the author', async () => {
    expect((await app.request('GET', `/@dra_autora/${privateId}`)).status).toBe(404);
    expect((await strangerWeb.get(`/@dra_autora/${privateId}`)).status).toBe(404);
    const seen = await followerWeb.get(`/@dra_autora/${privateId}`);
    expect(seen.status).toBe(200);
    expect(await seen.text()).toContain('Solo para seguidores');
    expect((await authorWeb.get(`/@dra_autora/${privateId}`)).status).toBe(200);
  });

  it('keeps followers-only posts out of what anonymous visitors see on the profile', async () => {
    const html = await (await app.request('GET', '/@dra_autora')).text();
    expect(html).toContain('Hola &lt;script&gt;');
    expect(html).not.toContain('Solo para seguidores');
    const followerHtml = await (await followerWeb.get('/@dra_autora')).text();
    expect(followerHtml).toContain('Solo para seguidores');
  });

  it('describes the profile with schema.org data in which user text cannot close the script', async () => {
    const html = await (await app.request('GET', '/@dra_autora')).text();
    expect(html).toContain('<script type="application/ld+json">{"@context":"https://schema.org","@type":"ProfilePage"');
    expect(html).toContain('"name":"Dra. \\u003cb>Autora\\u003c/b>"');
  });

  it('redirects a path with the wrong handle to the canonical one', async () => {
    const res = await app.request('GET', `/@seguidor/${publicId}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/@dra_autora/${publicId}`);
  });

  it('answers 404 pages for unknown statuses and accounts', async () => {
    expect((await app.request('GET', '/@dra_autora/999999999')).status).toBe(404);
    expect((await app.request('GET', '/@nadie_existe')).status).toBe(404);
  });
});

describe('posting and interacting through forms', () => {
  it('publishes a post from the composer and shows it on the home timeline of a follower', async () => {
    const res = await authorWeb.post('/statuses', { status: 'Nuevo consejo: bebe agua', visibility: 'public', return_to: '/' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/\?notice=posted#s-\d+$/);
    const home = await (await followerWeb.get('/')).text();
    expect(home).toContain('Nuevo consejo: bebe agua');
  });

  it('refuses a form post without the CSRF token', async () => {
    const res = await authorWeb.post('/statuses', { status: 'Sin token' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('El formulario ha caducado');
  });

  it('refuses posting for anonymous visitors, sending them to sign in', async () => {
    const res = await app.request('POST', '/statuses', { form: { status: 'Anónimo' }, headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/auth/sign_in');
  });

  it('returns the composer with a Spanish error when the post is too long', async () => {
    const res = await authorWeb.post('/statuses', { status: 'a'.repeat(501), return_to: '/' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('máximo 500 caracteres');
    expect(html).toContain('aria-invalid="true"');
  });

  it('likes and reposts through forms and returns to the page', async () => {
    const like = await followerWeb.post(`/statuses/${publicId}/favourite`, { return_to: `/@dra_autora/${publicId}` });
    expect(like.status).toBe(303);
    expect(like.headers.get('location')).toBe(`/@dra_autora/${publicId}#s-${publicId}`);
    const page = await (await followerWeb.get(`/@dra_autora/${publicId}`)).text();
    expect(page).toContain(`action="/statuses/${publicId}/unfavourite"`);
    const reblog = await followerWeb.post(`/statuses/${publicId}/reblog`, { return_to: 'https://evil.example/' });
    expect(reblog.headers.get('location')).toBe(`/#s-${publicId}`);
  });

  it('replies from the thread page and lists the reply under the post', async () => {
    const res = await followerWeb.post('/statuses', { status: '@dra_autora ¡gracias!', in_reply_to_id: publicId, visibility: 'public', return_to: `/@dra_autora/${publicId}` });
    expect(res.status).toBe(303);
    const html = await (await app.request('GET', `/@dra_autora/${publicId}`)).text();
    expect(html).toContain('¡gracias!');
  });

  it('attaches an uploaded image with its description to a post', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0b6e69' } }).png().toBuffer();
    const form = new FormData();
    form.set('status', '');
    form.set('media', new File([new Uint8Array(png)], 'foto.png', { type: 'image/png' }));
    form.set('media_description', 'Tensiómetro de brazo');
    form.set('return_to', '/@dra_autora');
    const res = await authorWeb.post('/statuses', form);
    expect(res.status, await res.clone().text()).toBe(303);
    const id = /#s-(\d+)/.exec(res.headers.get('location')!)![1]!;
    const html = await (await app.request('GET', `/@dra_autora/${id}`)).text();
    expect(html).toMatch(/<img src="http:\/\/medired\.test\/media\/[^"]+\.webp" alt="Tensiómetro de brazo"/);
  });

  it('lets only the author delete a post', async () => {
    const id = await post(author, 'Para borrar');
    const refused = await strangerWeb.post(`/statuses/${id}/delete`, {});
    expect(refused.status).toBe(403);
    const deleted = await authorWeb.post(`/statuses/${id}/delete`, {});
    expect(deleted.status).toBe(303);
    expect((await app.request('GET', `/@dra_autora/${id}`)).status).toBe(404);
  });
});
