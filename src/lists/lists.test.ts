import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Lists as Mastodon apps use them: the owner's alone (404 for anyone else), members only among
 * accounts one follows (422 otherwise), and a list timeline that shows what the owner may see,
 * by the replies policy, without what blocks and mutes hide; exclusive lists leave the home.
 */

let t: TestApp;
let me: TestUser;
let doctor: TestUser;
let nurse: TestUser;
let stranger: TestUser;
let intruder: TestUser;

interface ListJson {
  id: string;
  title: string;
  replies_policy: string;
  exclusive: boolean;
}
interface StatusJson {
  id: string;
  filtered: unknown[];
}

async function json<T>(res: Promise<Response> | Response, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const api = (method: string, url: string, user: TestUser | undefined, body?: unknown) => t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}) });
async function post(user: TestUser, status: string, extra: Record<string, unknown> = {}): Promise<string> {
  const id = (await json<{ id: string }>(api('POST', '/api/v1/statuses', user, { status, visibility: 'public', ...extra }))).id;
  await runDueJobs(t.ctx, jobHandlers);
  return id;
}
const follow = (a: TestUser, b: TestUser) => json(api('POST', `/api/v1/accounts/${b.accountId}/follow`, a));
const timelineIds = async (listId: string, query = '', user = me) => (await json<StatusJson[]>(api('GET', `/api/v1/timelines/list/${listId}${query}`, user))).map((s) => s.id);
const homeIds = async (user = me) => (await json<StatusJson[]>(api('GET', '/api/v1/timelines/home?limit=40', user))).map((s) => s.id);

beforeAll(async () => {
  t = await createTestApp();
  [me, doctor, nurse, stranger, intruder] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser(), t.createUser()]);
  await follow(me, doctor);
  await follow(me, nurse);
});
afterAll(async () => {
  await t.close();
});

describe('lists', () => {
  it('are created, read, renamed and deleted by their owner', async () => {
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Sanitarias' }));
    expect(list).toEqual({ id: list.id, title: 'Sanitarias', replies_policy: 'list', exclusive: false });
    expect(await json(api('GET', '/api/v1/lists', me))).toContainEqual(list);
    const changed = await json<ListJson>(api('PUT', `/api/v1/lists/${list.id}`, me, { title: 'Mis sanitarias', replies_policy: 'followed', exclusive: true }));
    expect(changed).toEqual({ id: list.id, title: 'Mis sanitarias', replies_policy: 'followed', exclusive: true });
    expect(await json(api('GET', `/api/v1/lists/${list.id}`, me))).toEqual(changed);
    expect(await json(api('DELETE', `/api/v1/lists/${list.id}`, me))).toEqual({});
    await json(api('GET', `/api/v1/lists/${list.id}`, me), 404);
  });

  it("are not found by anyone else, who changes nothing", async () => {
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Privada' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [doctor.accountId] }));
    await follow(intruder, doctor);
    for (const [method, url, body] of [
      ['GET', `/api/v1/lists/${list.id}`],
      ['PUT', `/api/v1/lists/${list.id}`, { title: 'Robada' }],
      ['DELETE', `/api/v1/lists/${list.id}`],
      ['GET', `/api/v1/lists/${list.id}/accounts`],
      ['POST', `/api/v1/lists/${list.id}/accounts`, { account_ids: [doctor.accountId] }],
      ['DELETE', `/api/v1/lists/${list.id}/accounts`, { account_ids: [doctor.accountId] }],
      ['GET', `/api/v1/timelines/list/${list.id}`],
    ] as const) {
      await json(api(method, url, intruder, body), 404);
    }
    expect(await json(api('GET', `/api/v1/lists/${list.id}`, me))).toEqual(list);
    expect((await json<{ id: string }[]>(api('GET', `/api/v1/lists/${list.id}/accounts`, me))).map((a) => a.id)).toEqual([doctor.accountId]);
    expect(await json(api('GET', '/api/v1/lists', intruder))).toEqual([]);
    expect(await json(api('GET', `/api/v1/accounts/${doctor.accountId}/lists`, intruder))).toEqual([]);
  });

  it('take only accounts the owner follows, and list them with Link pagination', async () => {
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Equipo' }));
    const refused = await json<{ error: string }>(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [doctor.accountId, stranger.accountId] }), 422);
    expect(refused.error).toMatch(/follow/);
    expect(await json(api('GET', `/api/v1/lists/${list.id}/accounts`, me))).toEqual([]);
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: ['999999999'] }), 404);
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [doctor.accountId, nurse.accountId] }));
    const first = await api('GET', `/api/v1/lists/${list.id}/accounts?limit=1`, me);
    const page = await json<{ id: string }[]>(first);
    expect(page).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    const rest = await json<{ id: string }[]>(api('GET', next.replace('http://localhost', ''), me));
    expect([...page, ...rest].map((a) => a.id).sort()).toEqual([doctor.accountId, nurse.accountId].sort());
    expect((await json<{ id: string }[]>(api('GET', `/api/v1/lists/${list.id}/accounts?limit=0`, me))).length).toBe(2);
    expect((await json<ListJson[]>(api('GET', `/api/v1/accounts/${doctor.accountId}/lists`, me))).map((l) => l.id)).toContain(list.id);
    await json(api('DELETE', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [nurse.accountId] }));
    expect((await json<{ id: string }[]>(api('GET', `/api/v1/lists/${list.id}/accounts?limit=0`, me))).map((a) => a.id)).toEqual([doctor.accountId]);
    expect((await json<ListJson[]>(api('GET', `/api/v1/accounts/${nurse.accountId}/lists`, me))).map((l) => l.id)).not.toContain(list.id);
  });

  it('refuse bad input', async () => {
    await json(api('POST', '/api/v1/lists', me, {}), 422);
    await json(api('POST', '/api/v1/lists', me, { title: '   ' }), 422);
    await json(api('POST', '/api/v1/lists', me, { title: 'x', replies_policy: 'everyone' }), 422);
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'x' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [] }), 422);
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: ['abc'] }), 422);
    await json(api('GET', `/api/v1/timelines/list/${list.id}?limit=abc`, me), 422);
    await json(api('GET', '/api/v1/lists', undefined), 401);
  });
});

describe('the list timeline', () => {
  it("shows members' statuses the owner may see, newest first with Link pagination, and nothing of others", async () => {
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Médicas' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [doctor.accountId] }));
    const a = await post(doctor, 'Primera');
    const followersOnly = await post(doctor, 'Solo para quienes me siguen', { visibility: 'private' });
    await post(doctor, `@${me.username} privado`, { visibility: 'direct' });
    const notMember = await post(nurse, 'No estoy en la lista');
    const c = await post(doctor, 'Tercera');
    const ids = await timelineIds(list.id);
    expect(ids).toEqual([c, followersOnly, a]);
    expect(ids).not.toContain(notMember);

    const first = await api('GET', `/api/v1/timelines/list/${list.id}?limit=2`, me);
    expect((await json<StatusJson[]>(first)).map((s) => s.id)).toEqual([c, followersOnly]);
    const link = first.headers.get('link') ?? '';
    const next = new URL(/<([^>]+)>; rel="next"/.exec(link)![1]!);
    expect(await timelineIds(list.id, next.search)).toEqual([a]);
    const prev = new URL(/<([^>]+)>; rel="prev"/.exec(link)![1]!);
    expect(await timelineIds(list.id, prev.search)).toEqual([]);
    expect(await timelineIds(list.id, `?since_id=${a}`)).toEqual([c, followersOnly]);
  });

  it('follows the replies policy', async () => {
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Respuestas', replies_policy: 'list' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [doctor.accountId] }));
    const nurseStatus = await post(nurse, 'Pregunta de la enfermera');
    const strangerStatus = await post(stranger, 'Pregunta de alguien');
    const ownStatus = await post(doctor, 'Hilo propio');
    const toNurse = await post(doctor, 'Respuesta a la enfermera', { in_reply_to_id: nurseStatus });
    const toStranger = await post(doctor, 'Respuesta a alguien', { in_reply_to_id: strangerStatus });
    const toSelf = await post(doctor, 'Sigo mi hilo', { in_reply_to_id: ownStatus });
    // list: replies to list members (and to oneself) only.
    let ids = await timelineIds(list.id);
    expect(ids).toContain(toSelf);
    expect(ids).not.toContain(toNurse);
    expect(ids).not.toContain(toStranger);
    // followed: replies to accounts the owner follows.
    await json(api('PUT', `/api/v1/lists/${list.id}`, me, { replies_policy: 'followed' }));
    ids = await timelineIds(list.id);
    expect(ids).toContain(toNurse);
    expect(ids).not.toContain(toStranger);
    // none: no replies to others.
    await json(api('PUT', `/api/v1/lists/${list.id}`, me, { replies_policy: 'none' }));
    ids = await timelineIds(list.id);
    expect(ids).toContain(toSelf);
    expect(ids).not.toContain(toNurse);
  });

  it('leaves out members the owner mutes or stopped following, and reblogs of accounts the owner blocks', async () => {
    const [pharmacist, blocked, nurse] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    await follow(me, pharmacist);
    await follow(me, nurse);
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Farmacia' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [pharmacist.accountId, nurse.accountId] }));
    const own = await post(pharmacist, 'Consejo de farmacia');
    const blockedStatus = await post(blocked, 'Algo de una cuenta bloqueada');
    const reblog = (await json<{ id: string }>(api('POST', `/api/v1/statuses/${blockedStatus}/reblog`, pharmacist))).id;
    const nurses = await post(nurse, 'Consejo de enfermería');
    expect(await timelineIds(list.id)).toEqual([nurses, reblog, own]);
    await json(api('POST', `/api/v1/accounts/${blocked.accountId}/block`, me));
    expect(await timelineIds(list.id)).toEqual([nurses, own]);
    await json(api('POST', `/api/v1/accounts/${nurse.accountId}/mute`, me));
    expect(await timelineIds(list.id)).toEqual([own]);
    await json(api('POST', `/api/v1/accounts/${nurse.accountId}/unmute`, me));
    await json(api('POST', `/api/v1/accounts/${pharmacist.accountId}/unfollow`, me));
    expect(await timelineIds(list.id)).toEqual([nurses]);
    expect((await json<{ id: string }[]>(api('GET', `/api/v1/lists/${list.id}/accounts`, me))).map((a) => a.id)).toEqual([nurse.accountId]);
    // Following again does not put them back in the list (the unfollow took them out, as in Mastodon).
    await follow(me, pharmacist);
    expect((await json<{ id: string }[]>(api('GET', `/api/v1/lists/${list.id}/accounts`, me))).map((a) => a.id)).toEqual([nurse.accountId]);
  });

  it('shows followers-only statuses of a member only while the owner follows them, and nothing when the member blocks the owner', async () => {
    const member = await t.createUser();
    await follow(me, member);
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Bloqueo' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [member.accountId] }));
    const status = await post(member, 'Solo seguidores', { visibility: 'private' });
    expect(await timelineIds(list.id)).toEqual([status]);
    await json(api('POST', `/api/v1/accounts/${me.accountId}/block`, member));
    expect(await timelineIds(list.id)).toEqual([]);
  });

  it("applies the owner's home filters", async () => {
    const list = await json<ListJson>(api('POST', '/api/v1/lists', me, { title: 'Filtrada' }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, me, { account_ids: [doctor.accountId] }));
    const hidden = await post(doctor, 'Oferta de suplementos');
    const shown = await post(doctor, 'Recomendación de la semana');
    const f = await json<{ id: string }>(api('POST', '/api/v2/filters', me, { title: 'Suplementos', context: ['home'], filter_action: 'hide', keywords_attributes: [{ keyword: 'suplementos' }] }));
    const ids = await timelineIds(list.id);
    expect(ids).toContain(shown);
    expect(ids).not.toContain(hidden);
    await json(api('DELETE', `/api/v2/filters/${f.id}`, me));
  });

  it('takes the members of an exclusive list out of the home timeline', async () => {
    const reader = await t.createUser();
    await follow(reader, doctor);
    await follow(reader, nurse);
    const fromDoctor = await post(doctor, 'De la doctora');
    const fromNurse = await post(nurse, 'De la enfermera');
    expect(await homeIds(reader)).toEqual(expect.arrayContaining([fromDoctor, fromNurse]));
    const list = await json<ListJson>(api('POST', '/api/v1/lists', reader, { title: 'Aparte', exclusive: true }));
    await json(api('POST', `/api/v1/lists/${list.id}/accounts`, reader, { account_ids: [doctor.accountId] }));
    const later = await post(doctor, 'Otra de la doctora');
    let home = await homeIds(reader);
    expect(home).toContain(fromNurse);
    expect(home).not.toContain(fromDoctor);
    expect(home).not.toContain(later);
    expect((await timelineIds(list.id, '', reader)).slice(0, 2)).toEqual([later, fromDoctor]);
    await json(api('PUT', `/api/v1/lists/${list.id}`, reader, { exclusive: false }));
    home = await homeIds(reader);
    expect(home).toEqual(expect.arrayContaining([fromDoctor, later, fromNurse]));
  });
});
