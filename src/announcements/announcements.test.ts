import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

let t: TestApp;
let admin: TestUser;
let ana: TestUser;
let luis: TestUser;
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

interface Announcement {
  id: string;
  content: string;
  starts_at: string | null;
  ends_at: string | null;
  all_day: boolean;
  published_at: string;
  updated_at: string;
  read: boolean;
  mentions: unknown[];
  statuses: unknown[];
  tags: unknown[];
  emojis: unknown[];
  reactions: { name: string; count: number; me: boolean }[];
}

const publish = async (body: Record<string, unknown>) => {
  const res = await t.request('POST', '/api/v1/medired/admin/announcements', { token: admin.token, json: body });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<Announcement>(res);
};
const list = (user: TestUser, query = '') => json<Announcement[]>(t.request('GET', `/api/v1/announcements${query}`, { token: user.token }));

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.createUser({ username: 'admin_anuncios' });
  await t.setStaffRole(admin, 'admin');
  admin = { ...admin, token: (await issueAccessToken(t.ctx.db, { userId: admin.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token };
  ana = await t.createUser({ username: 'ana_anuncios' });
  luis = await t.createUser({ username: 'luis_anuncios' });
});
afterAll(async () => {
  await t?.close();
});

describe('announcements', () => {
  it('are published by an administrator and shown to every signed-in account, as Mastodon Announcement entities', async () => {
    const a = await publish({ text: 'Mantenimiento el domingo de 2:00 a 4:00.\n\nGracias por vuestra paciencia <3' });
    expect(a.content).toBe('<p>Mantenimiento el domingo de 2:00 a 4:00.</p><p>Gracias por vuestra paciencia &lt;3</p>');
    const [seen] = await list(ana);
    expect(seen).toMatchObject({ id: a.id, read: false, all_day: false, starts_at: null, ends_at: null, mentions: [], statuses: [], tags: [], emojis: [], reactions: [] });
    expect(Object.keys(seen!).sort()).toEqual(['all_day', 'content', 'emojis', 'ends_at', 'id', 'mentions', 'published', 'published_at', 'reactions', 'read', 'starts_at', 'statuses', 'tags', 'updated_at']);
    expect((await t.request('GET', '/api/v1/announcements')).status).toBe(401);
  });

  it('are dismissed per account: gone from that account’s list, still there with with_dismissed=true and for others', async () => {
    const a = await publish({ text: 'Nueva sección de consultas' });
    expect(await json(t.request('POST', `/api/v1/announcements/${a.id}/dismiss`, { token: ana.token }))).toEqual({});
    expect((await list(ana)).map((x) => x.id)).not.toContain(a.id);
    expect((await list(ana, '?with_dismissed=true')).find((x) => x.id === a.id)!.read).toBe(true);
    expect((await list(luis)).find((x) => x.id === a.id)!.read).toBe(false);
    expect((await t.request('POST', '/api/v1/announcements/999999/dismiss', { token: ana.token })).status).toBe(404);
  });

  it('take emoji reactions, counted, with "me" for the reader; a name that is not an emoji is refused', async () => {
    const a = await publish({ text: 'Feliz año' });
    const thumbs = encodeURIComponent('👍');
    expect((await t.request('PUT', `/api/v1/announcements/${a.id}/reactions/${thumbs}`, { token: ana.token })).status).toBe(200);
    expect((await t.request('PUT', `/api/v1/announcements/${a.id}/reactions/${thumbs}`, { token: luis.token })).status).toBe(200);
    expect((await t.request('PUT', `/api/v1/announcements/${a.id}/reactions/${encodeURIComponent('❤️')}`, { token: luis.token })).status).toBe(200);
    const forAna = (await list(ana)).find((x) => x.id === a.id)!;
    expect(forAna.reactions).toEqual([
      { name: '👍', count: 2, me: true },
      { name: '❤️', count: 1, me: false },
    ]);
    expect((await t.request('DELETE', `/api/v1/announcements/${a.id}/reactions/${thumbs}`, { token: ana.token })).status).toBe(200);
    expect((await list(ana)).find((x) => x.id === a.id)!.reactions[0]).toEqual({ name: '👍', count: 1, me: false });
    expect((await t.request('DELETE', `/api/v1/announcements/${a.id}/reactions/${thumbs}`, { token: ana.token })).status).toBe(404);
    expect((await t.request('PUT', `/api/v1/announcements/${a.id}/reactions/hola`, { token: ana.token })).status).toBe(422);
    expect((await t.request('PUT', `/api/v1/announcements/${a.id}/reactions/${encodeURIComponent('<b>')}`, { token: ana.token })).status).toBe(422);
  });

  it('drafts, ended and removed announcements are not shown; editing publishes and changes them', async () => {
    const draft = await publish({ text: 'Borrador', published: false });
    const ended = await publish({ text: 'Ya pasó', starts_at: '2026-01-01T00:00:00Z', ends_at: '2026-01-02T00:00:00Z' });
    const ids = (await list(ana, '?with_dismissed=true')).map((x) => x.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(ended.id);
    expect((await t.request('POST', `/api/v1/announcements/${draft.id}/dismiss`, { token: ana.token })).status).toBe(404);
    const edited = await json<Announcement>(t.request('PUT', `/api/v1/medired/admin/announcements/${draft.id}`, { token: admin.token, json: { text: 'Ya no es borrador', published: true } }));
    expect(edited.content).toBe('<p>Ya no es borrador</p>');
    expect((await list(ana)).map((x) => x.id)).toContain(draft.id);
    expect((await t.request('DELETE', `/api/v1/medired/admin/announcements/${draft.id}`, { token: admin.token })).status).toBe(200);
    expect((await list(ana)).map((x) => x.id)).not.toContain(draft.id);
    expect((await t.request('DELETE', `/api/v1/medired/admin/announcements/${draft.id}`, { token: admin.token })).status).toBe(404);
    const all = await json<Announcement[]>(t.request('GET', '/api/v1/medired/admin/announcements', { token: admin.token }));
    expect(all.map((x) => x.id)).toContain(ended.id);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('target_type', '=', 'announcement').where('target_id', '=', draft.id).orderBy('id').execute();
    expect(audit.map((x) => x.action)).toEqual(['announcement.create', 'announcement.update', 'announcement.delete']);
  });

  it('only administrators publish; bad input is refused with 422', async () => {
    expect((await t.request('POST', '/api/v1/medired/admin/announcements', { token: ana.token, json: { text: 'Hola' } })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/medired/admin/announcements', { token: admin.token, json: { text: '' } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/medired/admin/announcements', { token: admin.token, json: { text: 'x', starts_at: 'mañana' } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/medired/admin/announcements', { token: admin.token, json: { text: 'x', starts_at: '2026-05-02T00:00:00Z', ends_at: '2026-05-01T00:00:00Z' } })).status).toBe(422);
    expect((await t.request('PUT', '/api/v1/medired/admin/announcements/999999', { token: admin.token, json: { text: 'x' } })).status).toBe(404);
  });
});
