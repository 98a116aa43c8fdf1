import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { notify } from './notify.js';
import { webSession } from '../web/testing/web-session.js';
import { listen, openSse } from '../streaming/streaming-test-helpers.js';

/**
 * Mastodon 4.3's notification filtering: the policy decides, per sender, whether a notification is
 * accepted, kept aside under the sender's request, or never recorded; accepting a request brings
 * its notifications back and lets the sender through from then on.
 */

let t: TestApp;
let me: TestUser;
let friend: TestUser;
let stranger: TestUser;
let another: TestUser;
let myStatus: string;

interface Notification {
  id: string;
  type: string;
  account: { id: string };
  status?: { id: string };
}
interface Request {
  id: string;
  notifications_count: string;
  account: { id: string };
  last_status?: { id: string };
}
interface Policy {
  for_not_following: string;
  for_not_followers: string;
  for_new_accounts: string;
  for_private_mentions: string;
  for_limited_accounts: string;
  summary: { pending_requests_count: number; pending_notifications_count: number };
}

const api = (method: string, url: string, user: TestUser, body?: unknown) => t.request(method, url, { token: user.token, ...(body !== undefined ? { json: body } : {}) });
const notifications = async (user: TestUser, query = '') => json<Notification[]>(await api('GET', `/api/v1/notifications${query}`, user));
const requests = async (user: TestUser) => json<Request[]>(await api('GET', '/api/v1/notifications/requests', user));
const unread = async (user: TestUser) => (await json<{ count: number }>(await api('GET', '/api/v1/notifications/unread_count', user))).count;
const favourite = async (user: TestUser, statusId: string) => json(await api('POST', `/api/v1/statuses/${statusId}/favourite`, user));
const post = async (user: TestUser, status: string, extra: Record<string, unknown> = {}) => json<{ id: string }>(await api('POST', '/api/v1/statuses', user, { status, visibility: 'public', ...extra }));
const setPolicy = async (user: TestUser, body: Record<string, string>) => json<Policy>(await api('PATCH', '/api/v2/notifications/policy', user, body));

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  [me, friend, stranger, another] = await Promise.all([t.createUser({ username: 'yo' }), t.createUser({ username: 'amiga' }), t.createUser({ username: 'desconocido' }), t.createUser({ username: 'otra_persona' })]);
  await json(await api('POST', `/api/v1/accounts/${friend.accountId}/follow`, me));
  myStatus = (await post(me, 'Hoy he ido a caminar una hora')).id;
});
afterAll(async () => {
  await t?.close();
});

describe('the notification policy', () => {
  it('starts with Medired\'s defaults (Mastodon 4.3\'s, private mentions accepted) in both forms', async () => {
    const v2 = await json<Policy>(await api('GET', '/api/v2/notifications/policy', me));
    expect(v2).toEqual({
      for_not_following: 'accept',
      for_not_followers: 'accept',
      for_new_accounts: 'accept',
      for_private_mentions: 'accept',
      for_limited_accounts: 'filter',
      summary: { pending_requests_count: 0, pending_notifications_count: 0 },
    });
    const v1 = await json(await api('GET', '/api/v1/notifications/policy', me));
    expect(v1).toEqual({ filter_not_following: false, filter_not_followers: false, filter_new_accounts: false, filter_private_mentions: false, summary: v2.summary });
  });

  it('changes only the fields given, and refuses an unknown answer', async () => {
    const v2 = await setPolicy(me, { for_not_following: 'filter' });
    expect(v2).toMatchObject({ for_not_following: 'filter', for_not_followers: 'accept', for_limited_accounts: 'filter' });
    const bad = await api('PATCH', '/api/v2/notifications/policy', me, { for_not_following: 'maybe' });
    expect(bad.status).toBe(422);
    // v1's booleans: true filters, false accepts (PUT, as Mastodon 4.3.0 took it).
    const v1 = await json(await api('PUT', '/api/v1/notifications/policy', me, { filter_new_accounts: true }));
    expect(v1).toMatchObject({ filter_not_following: true, filter_new_accounts: true, filter_private_mentions: false });
    expect(await json<Policy>(await api('GET', '/api/v2/notifications/policy', me))).toMatchObject({ for_new_accounts: 'filter' });
    await setPolicy(me, { for_new_accounts: 'accept' });
  });
});

describe('filtered notifications and their requests', () => {
  it('keeps a stranger\'s notifications out of the list, the count and v2, under the stranger\'s request', async () => {
    const before = await unread(me);
    await favourite(stranger, myStatus);
    await favourite(friend, myStatus);
    const list = await notifications(me);
    expect(list.map((n) => n.account.id)).toEqual([friend.accountId]);
    expect(await unread(me)).toBe(before + 1);
    const grouped = await json<{ notification_groups: { sample_account_ids: string[] }[] }>(await api('GET', '/api/v2/notifications', me));
    expect(grouped.notification_groups.flatMap((g) => g.sample_account_ids)).not.toContain(stranger.accountId);

    const pending = await requests(me);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ notifications_count: '1', account: { id: stranger.accountId }, last_status: { id: myStatus } });
    expect(await json(await api('GET', `/api/v1/notifications/requests/${pending[0]!.id}`, me))).toMatchObject({ id: pending[0]!.id });
    expect((await json<Policy>(await api('GET', '/api/v2/notifications/policy', me))).summary).toEqual({ pending_requests_count: 1, pending_notifications_count: 1 });
    // Mastodon's include_filtered shows them in place.
    expect((await notifications(me, '?include_filtered=true')).map((n) => n.account.id)).toEqual([friend.accountId, stranger.accountId]);
    // Nobody else reads someone's requests.
    expect((await api('GET', `/api/v1/notifications/requests/${pending[0]!.id}`, another)).status).toBe(404);
    expect(await requests(another)).toEqual([]);
  });

  it('brings them back when the request is accepted, and lets that sender through from then on', async () => {
    const [request] = await requests(me);
    expect((await api('POST', `/api/v1/notifications/requests/${request!.id}/accept`, another)).status).toBe(404);
    expect(await json(await api('POST', `/api/v1/notifications/requests/${request!.id}/accept`, me))).toEqual({});
    expect(await requests(me)).toEqual([]);
    expect(await json(await api('GET', '/api/v1/notifications/requests/merged', me))).toEqual({ merged: true });
    expect((await notifications(me)).map((n) => n.account.id)).toEqual([friend.accountId, stranger.accountId]);
    const later = await post(me, 'Otra publicación');
    await favourite(stranger, later.id);
    expect((await notifications(me))[0]).toMatchObject({ type: 'favourite', account: { id: stranger.accountId }, status: { id: later.id } });
    expect(await requests(me)).toEqual([]);
  });

  it('deletes what a dismissed request held; a new one opens if the sender writes again', async () => {
    const mention = await post(another, '@yo ¿te apuntas al grupo de caminar?');
    const [request] = await requests(me);
    expect(request).toMatchObject({ account: { id: another.accountId }, notifications_count: '1', last_status: { id: mention.id } });
    expect(await json(await api('POST', `/api/v1/notifications/requests/${request!.id}/dismiss`, me))).toEqual({});
    expect(await requests(me)).toEqual([]);
    expect((await notifications(me, '?include_filtered=true')).map((n) => n.account.id)).not.toContain(another.accountId);
    await post(another, '@yo ¿y mañana?');
    expect((await requests(me)).map((r) => r.account.id)).toEqual([another.accountId]);
  });

  it('accepts and dismisses several requests at once with id[]', async () => {
    const third = await t.createUser({ username: 'tercera' });
    await favourite(third, myStatus);
    const pending = await requests(me);
    expect(pending).toHaveLength(2);
    expect((await t.request('POST', '/api/v1/notifications/requests/accept', { token: me.token, form: { 'id[]': [pending[0]!.id] } })).status).toBe(200);
    expect((await requests(me)).map((r) => r.id)).toEqual([pending[1]!.id]);
    expect(await json(await api('POST', '/api/v1/notifications/requests/dismiss', me, { id: [pending[1]!.id] }))).toEqual({});
    expect(await requests(me)).toEqual([]);
    expect((await api('POST', '/api/v1/notifications/requests/dismiss', me, { id: [] })).status).toBe(422);
  });

  it('drops what the policy drops: nothing is recorded, not even aside', async () => {
    const newcomer = await t.createUser({ username: 'recien_llegada' });
    await setPolicy(me, { for_not_following: 'accept', for_new_accounts: 'drop' });
    await favourite(newcomer, myStatus);
    expect((await notifications(me, '?include_filtered=true')).map((n) => n.account.id)).not.toContain(newcomer.accountId);
    expect(await requests(me)).toEqual([]);
    // Accounts one follows are never new to one.
    await favourite(friend, (await post(me, 'Para mis amistades')).id);
    expect((await notifications(me))[0]!.account.id).toBe(friend.accountId);
    await setPolicy(me, { for_new_accounts: 'accept' });
  });

  it('filters accounts limited by a moderator unless followed (the default), and never Medired\'s own types', async () => {
    const limited = await t.createUser({ username: 'limitada' });
    await t.ctx.db.updateTable('accounts').set({ silenced_at: new Date() }).where('id', '=', limited.accountId).execute();
    await favourite(limited, myStatus);
    expect((await requests(me)).map((r) => r.account.id)).toEqual([limited.accountId]);
    // A health notification (a complaint, a care request…) from the same account is delivered as before.
    await notify(t.ctx.db, { accountId: me.accountId, type: 'medired.care_request', fromAccountId: limited.accountId, payload: { care_request_id: '1', kind: 'administrative' } });
    const health = await notifications(me, '?types[]=medired.care_request');
    expect(health.map((n) => n.account.id)).toEqual([limited.accountId]);
    // Apps that do not name Medired's types still never see them.
    expect((await notifications(me)).map((n) => n.type)).not.toContain('medired.care_request');
  });

  it('filters private messages from strangers when asked to, but not answers in a conversation one wrote in', async () => {
    const nurse = await t.createUser({ kind: 'professional', profession: 'nurse' });
    await setPolicy(nurse, { for_private_mentions: 'filter' });
    const patient = await t.createUser({ username: 'paciente_nueva' });
    // A patient writes to the nurse (who accepts messages from anyone): her notification is kept aside.
    const first = await json<{ id: string }>(await api('POST', '/api/v1/statuses', patient, { status: `@${nurse.username} ¿puedo pedirle una duda?`, visibility: 'direct' }));
    expect((await notifications(nurse)).filter((n) => n.type === 'mention')).toEqual([]);
    expect((await requests(nurse)).map((r) => [r.account.id, r.last_status?.id])).toEqual([[patient.accountId, first.id]]);
    // Once the nurse answers in that conversation, the patient's replies are no longer strangers' messages.
    const answer = await json<{ id: string }>(await api('POST', '/api/v1/statuses', nurse, { status: `@${patient.username} claro, dígame`, visibility: 'direct', in_reply_to_id: first.id }));
    await api('POST', '/api/v1/statuses', patient, { status: `@${nurse.username} gracias`, visibility: 'direct', in_reply_to_id: answer.id });
    expect((await notifications(nurse)).filter((n) => n.type === 'mention').map((n) => n.account.id)).toEqual([patient.accountId]);
  });
});

describe('muting a conversation', () => {
  it('stops notifications about the whole thread for the muter, marks its statuses muted, and unmuting undoes it', async () => {
    const root = await post(friend, 'Empiezo un hilo sobre el sueño');
    const reply = await post(me, '@amiga yo duermo poco', { in_reply_to_id: root.id });
    const muted = await json<{ id: string; muted: boolean }>(await api('POST', `/api/v1/statuses/${root.id}/mute`, me));
    expect(muted).toMatchObject({ id: root.id, muted: true });
    // The whole thread reads muted for the muter, and for nobody else.
    expect(await json(await api('GET', `/api/v1/statuses/${reply.id}`, me))).toMatchObject({ muted: true });
    expect(await json(await api('GET', `/api/v1/statuses/${root.id}`, friend))).toMatchObject({ muted: false });
    const before = (await notifications(me, '?include_filtered=true')).length;
    await post(friend, '@yo ¿cuántas horas?', { in_reply_to_id: reply.id });
    await favourite(friend, reply.id);
    expect((await notifications(me, '?include_filtered=true')).length).toBe(before);
    // Another thread still notifies.
    await post(friend, '@yo otro tema');
    expect((await notifications(me))[0]).toMatchObject({ type: 'mention', account: { id: friend.accountId } });

    expect(await json(await api('POST', `/api/v1/statuses/${reply.id}/unmute`, me))).toMatchObject({ id: reply.id, muted: false });
    await post(friend, '@yo ¿sigues ahí?', { in_reply_to_id: reply.id });
    expect((await notifications(me))[0]).toMatchObject({ type: 'mention', account: { id: friend.accountId } });
  });

  it('answers 404 for a status the viewer may not see', async () => {
    const hidden = await post(friend, 'Solo para quien me sigue', { visibility: 'private' });
    expect((await api('POST', `/api/v1/statuses/${hidden.id}/mute`, stranger)).status).toBe(404);
  });
});

describe('private notes about accounts', () => {
  it('keeps the note for its writer only, in Relationship.note; an empty comment removes it', async () => {
    const rel = await json<{ id: string; note: string }>(await api('POST', `/api/v1/accounts/${stranger.accountId}/note`, me, { comment: 'Me escribió sobre el grupo de caminar' }));
    expect(rel).toMatchObject({ id: stranger.accountId, note: 'Me escribió sobre el grupo de caminar' });
    const [again] = await json<{ note: string }[]>(await api('GET', `/api/v1/accounts/relationships?id[]=${stranger.accountId}`, me));
    expect(again!.note).toBe('Me escribió sobre el grupo de caminar');
    const [others] = await json<{ note: string }[]>(await api('GET', `/api/v1/accounts/relationships?id[]=${stranger.accountId}`, friend));
    expect(others!.note).toBe('');
    expect((await api('POST', `/api/v1/accounts/${stranger.accountId}/note`, me, { comment: 'x'.repeat(2001) })).status).toBe(422);
    expect((await api('POST', '/api/v1/accounts/999999999/note', me, { comment: 'nadie' })).status).toBe(404);
    expect(await json(await api('POST', `/api/v1/accounts/${stranger.accountId}/note`, me, { comment: '' }))).toMatchObject({ note: '' });
  });
});

describe('on the web pages', () => {
  it('the settings page sets the policy; the notifications page leads to the requests, which are accepted or dismissed there', async () => {
    const person = await t.createUser({ username: 'en_la_web' });
    const web = await webSession(t, person);
    const settings = await (await web.get('/settings/notifications')).text();
    expect(settings).toContain('Filtrar avisos de desconocidos');
    expect(settings).toMatch(/name="for_limited_accounts">.*<option value="filter" selected/s);
    const saved = await web.post('/settings/notifications/policy', { for_not_following: 'filter', for_not_followers: 'accept', for_new_accounts: 'accept', for_private_mentions: 'accept', for_limited_accounts: 'filter' });
    expect(saved.status).toBe(303);
    expect((await web.post('/settings/notifications/policy', { for_not_following: 'sometimes' })).status).toBe(422);

    const own = await post(person, 'Mi primera publicación');
    const [one, two] = [await t.createUser({ username: 'visita_uno' }), await t.createUser({ username: 'visita_dos' })];
    await favourite(one, own.id);
    await favourite(two, own.id);
    const page = await (await web.get('/notifications')).text();
    expect(page).toContain('Solicitudes de notificación pendientes: 2');
    const list = await (await web.get('/notifications/requests')).text();
    expect(list).toContain('visita_uno');
    expect(list).toContain('Avisos apartados: 1');

    const [first, second] = await requests(person);
    // Someone else's request is not found; the owner's CSRF token is needed.
    const other = await webSession(t, stranger);
    expect((await other.post(`/notifications/requests/${first!.id}/accept`, {})).status).toBe(404);
    expect((await web.post(`/notifications/requests/${first!.id}/accept`, {}, { csrf: false })).status).toBe(403);
    const accepted = await web.post(`/notifications/requests/${first!.id}/accept`, {});
    expect(accepted.headers.get('location')).toBe('/notifications/requests?notice=accepted');
    await web.post(`/notifications/requests/${second!.id}/dismiss`, {});
    expect(await requests(person)).toEqual([]);
    expect((await notifications(person)).map((n) => n.account.id)).toEqual([first!.account.id]);
  });
});

describe('on the streams', () => {
  it('a filtered notification is not streamed; accepting its request sends notifications_merged', async () => {
    const server = await listen(t);
    const person = await t.createUser({ username: 'escucha' });
    const pal = await t.createUser({ username: 'companera' });
    const outsider = await t.createUser({ username: 'de_fuera' });
    await json(await api('POST', `/api/v1/accounts/${pal.accountId}/follow`, person));
    await setPolicy(person, { for_not_following: 'filter' });
    const own = await post(person, 'Escucho el stream');
    const sse = await openSse(`${server.url}/api/v1/streaming/user/notification`, { authorization: `Bearer ${person.token}` });
    try {
      await favourite(outsider, own.id);
      await favourite(pal, own.id);
      // Events arrive in order: once the friend's is here, the outsider's would have been too.
      const from = (e: { event: string; data: string }) => (e.event === 'notification' ? (JSON.parse(e.data) as { account: { id: string } }).account.id : null);
      await sse.next((e) => from(e) === pal.accountId);
      expect(sse.events.map(from).filter((id) => id === outsider.accountId)).toEqual([]);
      const [request] = await requests(person);
      await json(await api('POST', `/api/v1/notifications/requests/${request!.id}/accept`, person));
      expect(await sse.next((e) => e.event === 'notifications_merged')).toEqual({ event: 'notifications_merged', data: '1' });
    } finally {
      sse.close();
      await server.close();
    }
  });
});
