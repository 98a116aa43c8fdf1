import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/** The status routes Mastodon clients call that Medired lacked (issue 10). */

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let eve: TestUser;
let publicId: string;
let privateId: string;

const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });
const post = async (user: TestUser, body: Record<string, unknown>) => (await json<{ id: string }>(await api('POST', '/api/v1/statuses', user, body))).id;

async function upload(user: TestUser): Promise<string> {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0b6e69' } }).png().toBuffer();
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'x.png');
  return (await json<{ id: string }>(await t.request('POST', '/api/v2/media', { token: user.token, form }))).id;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  [alice, bob, eve] = await Promise.all([t.createUser({ username: 'alice' }), t.createUser({ username: 'bob' }), t.createUser({ username: 'eve' })]);
  await json(await api('POST', `/api/v1/accounts/${alice.accountId}/follow`, bob));
  publicId = await post(alice, { status: 'Pública', visibility: 'public' });
  privateId = await post(alice, { status: 'Solo para quien me sigue', visibility: 'private' });
});
afterAll(async () => {
  await t?.close();
});

describe('several statuses at once (GET /api/v1/statuses)', () => {
  it('answers those the viewer may see, in the order asked, and refuses more than 20', async () => {
    const asBob = await json<{ id: string }[]>(await api('GET', `/api/v1/statuses?id[]=${privateId}&id[]=${publicId}`, bob));
    expect(asBob.map((s) => s.id)).toEqual([privateId, publicId]);
    const asEve = await json<{ id: string }[]>(await api('GET', `/api/v1/statuses?id[]=${privateId}&id[]=${publicId}`, eve));
    expect(asEve.map((s) => s.id)).toEqual([publicId]);
    const many = Array.from({ length: 21 }, (_, i) => `id[]=${i + 1}`).join('&');
    expect((await api('GET', `/api/v1/statuses?${many}`, bob)).status).toBe(422);
  });
});

describe('oEmbed', () => {
  it('previews a public status of this server; anything else is not found', async () => {
    const embed = await json<{ type: string; html: string; author_url: string; provider_name: string }>(await t.request('GET', `/api/oembed?url=${encodeURIComponent(`http://medired.test/@alice/${publicId}`)}`));
    expect(embed).toMatchObject({ type: 'rich', version: '1.0', title: 'New status by alice', author_url: 'http://medired.test/@alice', provider_name: 'medired.test', width: 400 });
    expect(embed.html).toContain('Pública');
    expect((await t.request('GET', `/api/oembed?url=${encodeURIComponent(`http://medired.test/@alice/${privateId}`)}`)).status).toBe(404);
    expect((await t.request('GET', `/api/oembed?url=${encodeURIComponent(`https://elsewhere.example/@alice/${publicId}`)}`)).status).toBe(404);
  });
});

describe('quotes and translation, which Medired does not have', () => {
  it('a status has no quotes, only nobody may quote it, and translating is refused', async () => {
    expect(await json(await api('GET', `/api/v1/statuses/${publicId}/quotes`, bob))).toEqual([]);
    expect((await api('POST', `/api/v1/statuses/${publicId}/quotes/${privateId}/revoke`, alice)).status).toBe(422);
    expect((await api('POST', `/api/v1/statuses/${publicId}/quotes/${privateId}/revoke`, bob)).status).toBe(403);
    expect(await json(await api('PUT', `/api/v1/statuses/${publicId}/interaction_policy`, alice, { quote_approval_policy: 'nobody' }))).toMatchObject({ id: publicId });
    expect((await api('PUT', `/api/v1/statuses/${publicId}/interaction_policy`, alice, { quote_approval_policy: 'public' })).status).toBe(422);
    expect((await api('PATCH', `/api/v1/statuses/${publicId}/interaction_policy`, bob, {})).status).toBe(403);
    expect((await api('POST', `/api/v1/statuses/${publicId}/translate`, bob, { lang: 'en' })).status).toBe(403);
    expect((await api('POST', `/api/v1/statuses/${privateId}/translate`, eve)).status).toBe(404);
  });
});

describe('editing with PATCH and deleting uploads', () => {
  it('PATCH edits a status as PUT does', async () => {
    expect(await json(await api('PATCH', `/api/v1/statuses/${publicId}`, alice, { status: 'Pública, editada' }))).toMatchObject({ content: '<p>Pública, editada</p>' });
  });

  it('deletes one\'s own upload that no status uses; an attached one is refused, someone else\'s is not found', async () => {
    const loose = await upload(alice);
    expect((await api('DELETE', `/api/v1/media/${loose}`, bob)).status).toBe(404);
    expect(await json(await api('DELETE', `/api/v1/media/${loose}`, alice))).toEqual({});
    expect((await api('GET', `/api/v1/media/${loose}`, alice)).status).toBe(404);
    const attached = await upload(alice);
    await post(alice, { status: 'Con foto', media_ids: [attached], visibility: 'public' });
    const refused = await api('DELETE', `/api/v1/media/${attached}`, alice);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toBe('Media attachment is currently used by a status');
  });
});

describe('direct and link timelines, conversation unread', () => {
  it('the direct timeline holds the private messages one takes part in; a link timeline is empty', async () => {
    const dm = await post(bob, { status: '@alice ¿nos vemos?', visibility: 'direct' });
    expect((await json<{ id: string }[]>(await api('GET', '/api/v1/timelines/direct', alice))).map((s) => s.id)).toEqual([dm]);
    expect((await json<{ id: string }[]>(await api('GET', '/api/v1/timelines/direct', bob))).map((s) => s.id)).toEqual([dm]);
    expect(await json(await api('GET', '/api/v1/timelines/direct', eve))).toEqual([]);
    expect(await json(await api('GET', '/api/v1/timelines/link?url=https%3A%2F%2Fexample.org%2F', eve))).toEqual([]);

    // Its author's conversation: read, marked unread again, then read.
    const [conversation] = await json<{ id: string; unread: boolean }[]>(await api('GET', '/api/v1/conversations', bob));
    expect(conversation!.unread).toBe(false);
    expect(await json(await api('POST', `/api/v1/conversations/${conversation!.id}/unread`, bob))).toMatchObject({ id: conversation!.id, unread: true });
    expect((await json<{ unread: boolean }[]>(await api('GET', '/api/v1/conversations', bob)))[0]!.unread).toBe(true);
    expect(await json(await api('POST', `/api/v1/conversations/${conversation!.id}/read`, bob))).toMatchObject({ unread: false });
    expect((await api('POST', `/api/v1/conversations/${conversation!.id}/unread`, eve)).status).toBe(404);
  });
});
