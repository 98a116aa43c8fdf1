import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional } from '../../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession } from '../testing/web-session.js';

let t: TestApp;
let author: TestUser;
let checker: TestUser;
let raters: TestUser[];
let statusPath: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  author = await t.createUser();
  checker = await createVerifiedProfessional(t);
  raters = [await createVerifiedProfessional(t), await createVerifiedProfessional(t)];
  const status = await t.ctx.db
    .insertInto('statuses')
    .values({ account_id: author.accountId, content_source: 'El ajo en ayunas cura la hipertensión', content_html: '<p>El ajo en ayunas cura la hipertensión</p>', visibility: 'public' })
    .returning('id')
    .executeTakeFirstOrThrow();
  statusPath = `/@${author.username}/${status.id}`;
});
afterAll(async () => {
  await t.close();
});

describe('fact-check notes under a status page', () => {
  it('are written and rated through plain forms by verified professionals, and shown to everyone once rated helpful by two others', async () => {
    const checkerWeb = await webSession(t, checker);
    const page = await (await checkerWeb.get(statusPath)).text();
    expect(page).toContain('action="/consultas/fact_checks"');
    const created = await checkerWeb.post('/consultas/fact_checks', {
      target_type: 'status',
      target_id: statusPath.split('/').pop()!,
      note: 'No hay pruebas de que el ajo sustituya al tratamiento antihipertensivo.',
      sources: 'https://www.who.int/news-room/fact-sheets/detail/hypertension',
      return_to: statusPath,
    });
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`${statusPath}?notice=fact_check_created`);
    const anonymous = async () => (await t.request('GET', statusPath, { headers: { accept: 'text/html' } })).text();
    expect(await anonymous()).not.toContain('No hay pruebas de que el ajo');
    const noteId = (await t.ctx.db.selectFrom('fact_checks').select('id').executeTakeFirstOrThrow()).id;
    for (const rater of raters) {
      const web = await webSession(t, rater);
      expect(await (await web.get(statusPath)).text()).toContain('No hay pruebas de que el ajo');
      expect((await web.post(`/consultas/fact_checks/${noteId}/rate`, { helpful: 'true', return_to: statusPath })).status).toBe(303);
    }
    const html = await anonymous();
    expect(html).toContain('No hay pruebas de que el ajo');
    expect(html).toContain('https://www.who.int/news-room/fact-sheets/detail/hypertension');
    expect(html).not.toContain('action="/consultas/fact_checks"');
  });

  it('refuses notes from accounts that are not verified professionals', async () => {
    const patientWeb = await webSession(t, await t.createUser());
    const res = await patientWeb.post('/consultas/fact_checks', { target_type: 'status', target_id: statusPath.split('/').pop()!, note: 'Una nota cualquiera de prueba.', sources: 'https://example.org/a', return_to: statusPath });
    expect(res.status).toBe(403);
  });
});
