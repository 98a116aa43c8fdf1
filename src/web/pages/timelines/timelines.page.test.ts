import { afterAll, beforeAll, expect, it } from 'vitest';
import { viewerFromAccessToken } from '../../../auth/viewer.js';
import { createStatus } from '../../../posts/statuses.service.js';
import { createTestApp, type TestApp } from '../../../testing/test-app.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
  const user = await app.createUser({ username: 'enfermera_rosa' });
  const viewer = (await viewerFromAccessToken(app.ctx.db, user.token))!;
  for (let i = 1; i <= 22; i++) await createStatus(app.ctx, viewer, { kind: 'note', status: `Consejo número ${i} #vacunas`, visibility: 'public' });
  await createStatus(app.ctx, viewer, { kind: 'note', status: 'Nota no listada', visibility: 'unlisted' });
});
afterAll(async () => {
  await app.close();
});

it('pages the local timeline backwards with a "Más antiguos" link carrying the next max_id', async () => {
  const first = await (await app.request('GET', '/public')).text();
  expect(first).toContain('Consejo número 22');
  expect(first).not.toContain('Consejo número 2 ');
  expect(first).not.toContain('Nota no listada');
  const next = /<a href="(\/public\?max_id=\d+)" rel="next">Más antiguos/.exec(first);
  expect(next).not.toBeNull();
  const second = await (await app.request('GET', next![1]!.replaceAll('&amp;', '&'))).text();
  expect(second).toContain('Consejo número 1 ');
  expect(second).not.toContain('Consejo número 22');
  expect(second).not.toContain('rel="next"');
});

it('lists a hashtag whatever the case of the link', async () => {
  const res = await app.request('GET', '/tags/Vacunas');
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('<h1>#vacunas</h1>');
  expect(html).toContain('Consejo número 22');
});

it('shows the landing with the latest public posts to visitors', async () => {
  const html = await (await app.request('GET', '/')).text();
  expect(html).toContain('Información de salud fiable');
  expect(html).toContain('href="/auth/sign_up"');
  expect(html).toContain('Consejo número 22');
});
