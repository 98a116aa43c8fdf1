import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

let t: TestApp;
let author: TestUser;
let checker: TestUser;
let raters: TestUser[];
let patient: TestUser;
let unverified: TestUser;
let moderator: TestUser;
let statusId: string;
const base = '/api/v1/medired/fact_checks';
const note = { note: 'Esta afirmación no tiene respaldo: los estudios no muestran ese efecto.', sources: ['https://www.who.int/es/news-room/fact-sheets'] };

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  author = await t.createUser();
  checker = await createVerifiedProfessional(t);
  raters = [await createVerifiedProfessional(t), await createVerifiedProfessional(t), await createVerifiedProfessional(t)];
  patient = await t.createUser();
  unverified = await t.createUser({ kind: 'professional', profession: 'nurse', specialty: 'community_nursing' });
  moderator = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
  const status = await t.ctx.db
    .insertInto('statuses')
    .values({ account_id: author.accountId, content_source: 'El limón cura la gripe', content_html: '<p>El limón cura la gripe</p>', visibility: 'public' })
    .returning('id')
    .executeTakeFirstOrThrow();
  statusId = status.id;
});
afterAll(async () => {
  await t.close();
});

const list = async (token?: string) => {
  const res = await t.request('GET', `${base}?target_type=status&target_id=${statusId}`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; visible: boolean; helpful_count: number; unhelpful_count: number; my_rating: string | null }[];
};

describe('fact-check notes', () => {
  let id: string;

  it('only verified professionals write them: patients and unverified professionals get 403, anonymous 401', async () => {
    for (const user of [patient, unverified, author]) {
      expect((await t.request('POST', base, { token: user.token, json: { ...note, target_type: 'status', target_id: statusId } })).status).toBe(403);
    }
    expect((await t.request('POST', base, { json: { ...note, target_type: 'status', target_id: statusId } })).status).toBe(401);
    const res = await t.request('POST', base, { token: checker.token, json: { ...note, target_type: 'status', target_id: statusId } });
    expect(res.status).toBe(200);
    id = ((await res.json()) as { id: string }).id;
    expect((await t.request('POST', base, { token: checker.token, json: { ...note, target_type: 'status', target_id: statusId } })).status).toBe(409);
  });

  it('need 1 to 5 http(s) source links', async () => {
    for (const sources of [[], ['javascript:alert(1)'], ['ftp://example.com/x'], Array.from({ length: 6 }, (_, i) => `https://example.com/${i}`)]) {
      const res = await t.request('POST', base, { token: raters[0]!.token, json: { ...note, sources, target_type: 'status', target_id: statusId } });
      expect(res.status, JSON.stringify(sources)).toBe(422);
    }
  });

  it('stay hidden from the public until two other verified professionals rate them helpful', async () => {
    expect(await list()).toEqual([]);
    expect(await list(patient.token)).toEqual([]);
    expect((await list(raters[0]!.token)).map((n) => n.id)).toEqual([id]);
    expect((await list(moderator.token)).map((n) => n.id)).toEqual([id]);
    // Only other verified professionals rate.
    expect((await t.request('POST', `${base}/${id}/rate`, { token: checker.token, json: { helpful: true } })).status).toBe(403);
    expect((await t.request('POST', `${base}/${id}/rate`, { token: patient.token, json: { helpful: true } })).status).toBe(403);
    expect((await t.request('POST', `${base}/${id}/rate`, { token: unverified.token, json: { helpful: true } })).status).toBe(403);
    expect((await t.request('POST', `${base}/${id}/rate`, { json: { helpful: true } })).status).toBe(401);
    const first = await t.request('POST', `${base}/${id}/rate`, { token: raters[0]!.token, json: { helpful: true } });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { my_rating: string }).my_rating).toBe('helpful');
    expect(await list()).toEqual([]);
    await t.request('POST', `${base}/${id}/rate`, { token: raters[1]!.token, json: { helpful: true } });
    const visible = await list();
    expect(visible.map((n) => [n.id, n.visible, n.helpful_count])).toEqual([[id, true, 2]]);
  });

  it('hide again when unhelpful ratings catch up; a rating can be changed', async () => {
    await t.request('POST', `${base}/${id}/rate`, { token: raters[2]!.token, json: { helpful: false } });
    expect((await list()).length).toBe(1);
    await t.request('POST', `${base}/${id}/rate`, { token: raters[1]!.token, json: { helpful: 'false' } });
    const forRater = await list(raters[1]!.token);
    expect(forRater[0]).toMatchObject({ helpful_count: 1, unhelpful_count: 2, visible: false, my_rating: 'unhelpful' });
    expect(await list()).toEqual([]);
    await t.request('POST', `${base}/${id}/rate`, { token: raters[1]!.token, json: { helpful: true } });
    await t.request('POST', `${base}/${id}/rate`, { token: raters[2]!.token, json: { helpful: true } });
    expect((await list())[0]).toMatchObject({ helpful_count: 3, unhelpful_count: 0, visible: true });
  });

  it('attach to consulta answers too, and follow the visibility of their target', async () => {
    const asker = await t.createUser();
    const q = (await (await t.request('POST', '/api/v1/medired/consultas', { token: asker.token, json: sampleQuestion })).json()) as { id: string };
    const answer = (await (await t.request('POST', `/api/v1/medired/consultas/${q.id}/answers`, { token: raters[0]!.token, json: { body: sampleAnswer } })).json()) as { id: string };
    const res = await t.request('POST', base, { token: checker.token, json: { ...note, target_type: 'consulta_answer', target_id: answer.id } });
    expect(res.status).toBe(200);
    // A note about the professional's own answer is refused.
    expect((await t.request('POST', base, { token: raters[0]!.token, json: { ...note, target_type: 'consulta_answer', target_id: answer.id } })).status).toBe(403);
    const priv = await t.ctx.db
      .insertInto('statuses')
      .values({ account_id: author.accountId, content_source: 'solo seguidores', content_html: '<p>solo seguidores</p>', visibility: 'private' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await t.request('POST', base, { token: checker.token, json: { ...note, target_type: 'status', target_id: priv.id } })).status).toBe(404);
    expect((await t.request('GET', `${base}?target_type=status&target_id=${priv.id}`)).status).toBe(404);
  });

  it('can be deleted by their author or staff only', async () => {
    const res = await t.request('POST', base, { token: raters[2]!.token, json: { ...note, target_type: 'status', target_id: statusId } });
    const created = (await res.json()) as { id: string };
    expect((await t.request('DELETE', `${base}/${created.id}`, { token: raters[0]!.token })).status).toBe(403);
    expect((await t.request('DELETE', `${base}/${created.id}`, { token: moderator.token })).status).toBe(200);
  });
});
