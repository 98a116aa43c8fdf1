import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import type { MastodonStatus } from '../posts/status-views.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import type { MastodonPoll } from './poll-entity.js';
import { POLL_END_QUEUE } from './polls.service.js';

let t: TestApp;
let author: TestUser;
let voter: TestUser;
let other: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  author = await t.createUser({ username: 'autora_poll' });
  voter = await t.createUser({ username: 'votante_poll' });
  other = await t.createUser({ username: 'otra_poll' });
});
afterAll(async () => {
  await t.close();
});

async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(status);
  return (await r.json()) as T;
}
const pollBody = (poll: Record<string, unknown> = {}) => ({ status: '¿Cuántas horas duermes?', poll: { options: ['Menos de 6', '6 a 8', 'Más de 8'], expires_in: 3600, ...poll } });
const create = (user: TestUser, body: Record<string, unknown>) => json<MastodonStatus>(t.request('POST', '/api/v1/statuses', { token: user.token, json: body }));
const votes = (user: TestUser, id: string, choices: unknown) => t.request('POST', `/api/v1/polls/${id}/votes`, { token: user.token, json: { choices } });
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

/** Mastodon's documented Poll entity: these keys, these types. */
function expectPollShape(poll: MastodonPoll, signedIn: boolean) {
  const keys = ['id', 'expires_at', 'expired', 'multiple', 'votes_count', 'voters_count', 'options', 'emojis', ...(signedIn ? ['voted', 'own_votes'] : [])];
  expect(Object.keys(poll).sort()).toEqual(keys.sort());
  expect(poll.id).toMatch(/^\d+$/);
  expect(Number.isNaN(Date.parse(poll.expires_at!))).toBe(false);
  expect(typeof poll.expired).toBe('boolean');
  expect(typeof poll.multiple).toBe('boolean');
  expect(typeof poll.votes_count).toBe('number');
  for (const o of poll.options) {
    expect(Object.keys(o).sort()).toEqual(['title', 'votes_count']);
    expect(typeof o.title).toBe('string');
    expect(o.votes_count === null || typeof o.votes_count === 'number').toBe(true);
  }
  expect(poll.emojis).toEqual([]);
}

describe('creating polls', () => {
  it('creates a poll from JSON and shows Mastodon’s Poll entity in the status', async () => {
    const s = await create(author, pollBody());
    expectPollShape(s.poll!, true);
    expect(s.poll!.options).toEqual([
      { title: 'Menos de 6', votes_count: 0 },
      { title: '6 a 8', votes_count: 0 },
      { title: 'Más de 8', votes_count: 0 },
    ]);
    expect(s.poll!.multiple).toBe(false);
    expect(s.poll!.expired).toBe(false);
    // The author counts as having voted (Mastodon): their apps show results.
    expect(s.poll!.voted).toBe(true);
    expect(s.poll!.own_votes).toEqual([]);
    expect(Math.abs(Date.parse(s.poll!.expires_at!) - (Date.now() + 3600_000))).toBeLessThan(60_000);
    const anonymous = await json<MastodonStatus>(t.request('GET', `/api/v1/statuses/${s.id}`));
    expectPollShape(anonymous.poll!, false);
    const forVoter = await json<MastodonPoll>(t.request('GET', `/api/v1/polls/${s.poll!.id}`, { token: voter.token }));
    expect(forVoter.voted).toBe(false);
  });

  it('creates a poll from form fields (poll[options][], poll[expires_in], poll[multiple])', async () => {
    const res = await t.request('POST', '/api/v1/statuses', {
      token: author.token,
      form: { status: 'Formulario', 'poll[options][]': ['Sí', 'No'], 'poll[expires_in]': '600', 'poll[multiple]': 'true', 'poll[hide_totals]': 'false' },
    });
    const s = await json<MastodonStatus>(res);
    expect(s.poll!.options.map((o) => o.title)).toEqual(['Sí', 'No']);
    expect(s.poll!.multiple).toBe(true);
  });

  it('refuses with 422 what Mastodon refuses, and polls in private messages, articles or with media', async () => {
    const cases: Record<string, unknown>[] = [
      pollBody({ options: ['Solo una'] }),
      pollBody({ options: ['a', 'b', 'c', 'd', 'e'] }),
      pollBody({ options: ['a', 'x'.repeat(51)] }),
      pollBody({ options: ['a', 'a'] }),
      pollBody({ options: ['a', ' '] }),
      pollBody({ expires_in: 299 }),
      pollBody({ expires_in: 2_629_747 }),
      pollBody({ expires_in: 'mañana' }),
      { status: 'x', poll: { options: ['a', 'b'] } },
      { status: 'x', poll: 'no es una encuesta' },
      { ...pollBody(), visibility: 'direct' },
      { ...pollBody(), kind: 'article', title: 'Artículo' },
    ];
    for (const body of cases) {
      const res = await t.request('POST', '/api/v1/statuses', { token: author.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(typeof (await errorOf(res))).toBe('string');
    }
    const rows = await t.ctx.db.selectFrom('polls').select('id').where('account_id', '=', author.accountId).execute();
    expect(rows.length).toBe(2);
  });

  it('tells the truth about poll limits in /api/v1/instance and /api/v2/instance', async () => {
    const limits = { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 };
    expect((await json<{ configuration: { polls: unknown } }>(t.request('GET', '/api/v2/instance'))).configuration.polls).toEqual(limits);
    expect((await json<{ configuration: { polls: unknown } }>(t.request('GET', '/api/v1/instance'))).configuration.polls).toEqual(limits);
  });

  it('keeps the poll when a status is edited with the same poll, and refuses a changed one', async () => {
    const s = await create(author, pollBody());
    await json(t.request('PUT', `/api/v1/statuses/${s.id}`, { token: author.token, json: { status: 'Texto nuevo', poll: pollBody().poll } }));
    const res = await t.request('PUT', `/api/v1/statuses/${s.id}`, { token: author.token, json: { status: 'Texto nuevo', poll: { options: ['x', 'y'], expires_in: 600 } } });
    expect(res.status).toBe(422);
  });
});

describe('voting', () => {
  it('counts a vote, shows the voter’s choices, and refuses a second vote, the author and invalid choices', async () => {
    const s = await create(author, pollBody());
    const id = s.poll!.id;
    for (const bad of [[3], [-1], ['x'], [0, 1], []]) expect((await votes(voter, id, bad)).status, JSON.stringify(bad)).toBe(422);
    const ownRes = await votes(author, id, [0]);
    expect(ownRes.status).toBe(422);
    expect(await errorOf(ownRes)).toMatch(/own polls/);
    const poll = await json<MastodonPoll>(votes(voter, id, [1]));
    expectPollShape(poll, true);
    expect(poll.voted).toBe(true);
    expect(poll.own_votes).toEqual([1]);
    expect(poll.votes_count).toBe(1);
    expect(poll.voters_count).toBe(1);
    expect(poll.options.map((o) => o.votes_count)).toEqual([0, 1, 0]);
    const again = await votes(voter, id, [2]);
    expect(again.status).toBe(422);
    expect(await errorOf(again)).toMatch(/already voted/);
    // Everyone sees the new tallies at once (the cached entity changed version with the vote).
    const seen = await json<MastodonStatus>(t.request('GET', `/api/v1/statuses/${s.id}`, { token: other.token }));
    expect(seen.poll!.options.map((o) => o.votes_count)).toEqual([0, 1, 0]);
    expect(seen.poll!.voted).toBe(false);
    expect(seen.poll!.own_votes).toEqual([]);
    expect((await votes(voter, '99999999', [0])).status).toBe(404);
  });

  it('takes several choices in a multiple-choice poll and counts votes and voters apart', async () => {
    const s = await create(author, pollBody({ multiple: true }));
    await json(votes(voter, s.poll!.id, [0, 2]));
    const poll = await json<MastodonPoll>(t.request('POST', `/api/v1/polls/${s.poll!.id}/votes`, { token: other.token, form: { 'choices[]': ['2'] } }));
    expect(poll.votes_count).toBe(3);
    expect(poll.voters_count).toBe(2);
    expect(poll.options.map((o) => o.votes_count)).toEqual([1, 0, 2]);
    expect((await votes(voter, s.poll!.id, [0, 0])).status).toBe(422);
  });

  it('stays exact under concurrent votes', async () => {
    const s = await create(author, pollBody());
    const voters = await Promise.all(Array.from({ length: 8 }, () => t.createUser()));
    const results = await Promise.all([...voters, ...voters.slice(0, 3)].map((v, i) => votes(v, s.poll!.id, [i % 3])));
    expect(results.filter((r) => r.status === 200).length).toBe(8);
    const poll = await json<MastodonPoll>(t.request('GET', `/api/v1/polls/${s.poll!.id}`));
    expect(poll.votes_count).toBe(8);
    expect(poll.voters_count).toBe(8);
    expect(poll.options.reduce((n, o) => n + (o.votes_count ?? 0), 0)).toBe(8);
  });

  it('hides per-option counts of a hide_totals poll until it ends, even from voters and the author', async () => {
    const s = await create(author, pollBody({ hide_totals: true }));
    const poll = await json<MastodonPoll>(votes(voter, s.poll!.id, [0]));
    expect(poll.options.map((o) => o.votes_count)).toEqual([null, null, null]);
    expect(poll.votes_count).toBe(1);
    expect((await json<MastodonPoll>(t.request('GET', `/api/v1/polls/${s.poll!.id}`, { token: author.token }))).options[0]!.votes_count).toBeNull();
    await t.ctx.db.updateTable('polls').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', s.poll!.id).execute();
    const ended = await json<MastodonPoll>(t.request('GET', `/api/v1/polls/${s.poll!.id}`));
    expect(ended.expired).toBe(true);
    expect(ended.options.map((o) => o.votes_count)).toEqual([1, 0, 0]);
  });

  it('refuses votes after the end, and shows the poll only to who may see its status', async () => {
    const s = await create(author, pollBody());
    await t.ctx.db.updateTable('polls').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', s.poll!.id).execute();
    const res = await votes(voter, s.poll!.id, [0]);
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toMatch(/ended/);
    const hidden = await create(author, { ...pollBody(), visibility: 'private' });
    expect((await t.request('GET', `/api/v1/polls/${hidden.poll!.id}`, { token: other.token })).status).toBe(404);
    expect((await votes(other, hidden.poll!.id, [0])).status).toBe(404);
    expect((await t.request('GET', `/api/v1/polls/${hidden.poll!.id}`, { token: author.token })).status).toBe(200);
    expect((await t.request('POST', `/api/v1/polls/${s.poll!.id}/votes`, { json: { choices: [0] } })).status).toBe(401);
  });
});

describe('the end of a poll', () => {
  it('sends Mastodon’s `poll` notification to the author and every voter once, when it ends', async () => {
    const s = await create(author, pollBody());
    await json(votes(voter, s.poll!.id, [0]));
    await json(votes(other, s.poll!.id, [1]));
    // Not due yet: the job leaves it for later.
    await runDueJobs(t.ctx, { [POLL_END_QUEUE]: jobHandlers[POLL_END_QUEUE]! });
    const none = await t.ctx.db.selectFrom('notifications').select('id').where('type', '=', 'poll').where('status_id', '=', s.id).execute();
    expect(none).toEqual([]);
    await t.ctx.db.updateTable('polls').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', s.poll!.id).execute();
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('queue', '=', POLL_END_QUEUE).execute();
    await runDueJobs(t.ctx, { [POLL_END_QUEUE]: jobHandlers[POLL_END_QUEUE]! });
    await runDueJobs(t.ctx, { [POLL_END_QUEUE]: jobHandlers[POLL_END_QUEUE]! });
    const rows = await t.ctx.db.selectFrom('notifications').select(['account_id', 'from_account_id']).where('type', '=', 'poll').where('status_id', '=', s.id).execute();
    expect(rows.map((r) => r.account_id).sort()).toEqual([author.accountId, voter.accountId, other.accountId].sort());
    expect(rows.every((r) => r.from_account_id === author.accountId)).toBe(true);
    const list = await json<{ type: string; account: { id: string }; status: MastodonStatus }[]>(t.request('GET', '/api/v1/notifications?types[]=poll', { token: voter.token }));
    expect(list[0]).toMatchObject({ type: 'poll', account: { id: author.accountId }, status: { id: s.id, poll: { expired: true } } });
  });
});
