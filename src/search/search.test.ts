import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow } from '../relations/follows.service.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { insertStatus, tagStatus } from '../timelines/timelines.fixtures.js';

let t: TestApp;
let doctor: TestUser;
let nurse: TestUser;
let follower: TestUser;
let stranger: TestUser;
let muter: TestUser;
let suspended: TestUser;
const posts: Record<string, string> = {};

interface SearchJson {
  accounts: { id: string; username: string }[];
  statuses: { id: string }[];
  hashtags: { name: string; url: string; history: { day: string; uses: string; accounts: string }[] }[];
}

async function search(query: string, token?: string): Promise<SearchJson> {
  const res = await t.request('GET', `/api/v2/search?${query}`, { token });
  expect(res.status, `${query} → ${res.status}`).toBe(200);
  return (await res.json()) as SearchJson;
}
const statusIds = async (query: string, token?: string) => (await search(`type=statuses&${query}`, token)).statuses.map((s) => s.id);
const accountNames = async (query: string, token?: string) => (await search(`type=accounts&${query}`, token)).accounts.map((a) => a.username);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  doctor = await t.createUser({ username: 'dra_garcia', display_name: 'Dra. Lucía García', kind: 'professional', profession: 'doctor', specialty: 'cardiology', city: 'Málaga' });
  nurse = await t.createUser({ username: 'enfermero_ruiz', display_name: 'Pablo Ruiz', kind: 'professional', profession: 'nurse', city: 'Bilbao' });
  follower = await t.createUser();
  stranger = await t.createUser();
  muter = await t.createUser();
  suspended = await t.createUser({ username: 'garcia_suspendida', display_name: 'García suspendida' });
  await follow(t.ctx, follower.accountId, doctor.accountId);
  await db.insertInto('mutes').values({ account_id: muter.accountId, target_account_id: nurse.accountId }).execute();

  posts.nutrition = await insertStatus(db, { account_id: doctor.accountId, visibility: 'public', content_source: 'Guía de nutrición para pacientes con diabetes' });
  posts.heart = await insertStatus(db, { account_id: nurse.accountId, visibility: 'public', content_source: 'Cuidar el corazón caminando cada día' });
  posts.vaccine = await insertStatus(db, { account_id: nurse.accountId, visibility: 'public', language: 'en', content_source: 'Why every vaccine matters this winter' });
  posts.article = await insertStatus(db, { account_id: doctor.accountId, visibility: 'public', kind: 'article', title: 'Hipertensión arterial en jóvenes', content_source: 'Texto largo del artículo.' });
  posts.followersOnly = await insertStatus(db, { account_id: doctor.accountId, visibility: 'private', content_source: 'Nutrición solo para seguidores' });
  posts.unlisted = await insertStatus(db, { account_id: doctor.accountId, visibility: 'unlisted', content_source: 'Nutrición no listada' });
  posts.hidden = await insertStatus(db, { account_id: doctor.accountId, visibility: 'public', content_source: 'Nutrición oculta por moderación' });
  posts.suspended = await insertStatus(db, { account_id: suspended.accountId, visibility: 'public', content_source: 'Nutrición de una cuenta suspendida' });
  await db.updateTable('statuses').set({ hidden_at: new Date() }).where('id', '=', posts.hidden).execute();
  await db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
  await tagStatus(db, posts.nutrition, ['nutricion', 'NutricionInfantil', 'salud']);
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v2/search — statuses', () => {
  it('finds Spanish posts without accents: "nutricion" finds "nutrición", "corazon" finds "corazón"', async () => {
    expect(await statusIds('q=nutricion')).toEqual([posts.nutrition]);
    expect(await statusIds('q=corazon')).toEqual([posts.heart]);
    expect(await statusIds('q=CORAZÓN')).toEqual([posts.heart]);
  });

  it('stems English and Spanish words: "vaccines" finds "vaccine", "pacientes" finds "paciente"', async () => {
    expect(await statusIds('q=vaccines')).toEqual([posts.vaccine]);
    expect(await statusIds('q=paciente')).toEqual([posts.nutrition]);
  });

  it("finds articles by their title and supports web-search syntax", async () => {
    expect(await statusIds('q=hipertension')).toEqual([posts.article]);
    expect(await statusIds(`q=${encodeURIComponent('nutricion -diabetes')}`)).toEqual([]);
    expect(await statusIds(`q=${encodeURIComponent('"cada día"')}`)).toEqual([posts.heart]);
  });

  it('never returns followers-only, unlisted, hidden or suspended authors\' posts, even to followers and staff', async () => {
    const moderator = await t.createUser();
    await t.setStaffRole(moderator, 'moderator');
    for (const token of [undefined, follower.token, doctor.token, moderator.token]) {
      expect(await statusIds('q=nutricion&limit=40', token)).toEqual([posts.nutrition]);
    }
  });

  it('leaves out muted and blocked authors', async () => {
    expect(await statusIds('q=corazon', muter.token)).toEqual([]);
    await t.ctx.db.insertInto('blocks').values({ account_id: nurse.accountId, target_account_id: stranger.accountId }).execute();
    expect(await statusIds('q=corazon', stranger.token)).toEqual([]);
    expect(await statusIds('q=corazon', follower.token)).toEqual([posts.heart]);
  });

  it('filters by account_id and by following', async () => {
    expect(await statusIds(`q=nutricion&account_id=${nurse.accountId}`)).toEqual([]);
    expect(await statusIds(`q=nutricion&account_id=${doctor.accountId}`)).toEqual([posts.nutrition]);
    expect(await statusIds('q=corazon&following=true', follower.token)).toEqual([]);
    expect(await statusIds('q=nutricion&following=true', follower.token)).toEqual([posts.nutrition]);
    expect(await statusIds('q=nutricion&following=true')).toEqual([]);
  });
});

describe('GET /api/v2/search — accounts and hashtags', () => {
  it('finds accounts by handle, name without accents, city and specialty label, while typing', async () => {
    expect(await accountNames('q=dra_gar')).toEqual(['dra_garcia']);
    expect(await accountNames('q=garcia')).toEqual(['dra_garcia']);
    expect(await accountNames('q=malaga')).toEqual(['dra_garcia']);
    expect(await accountNames('q=cardiologia')).toEqual(['dra_garcia']);
    expect(await accountNames('q=cardio')).toEqual(['dra_garcia']);
    expect(await accountNames('q=%40enfermero_ruiz')).toEqual(['enfermero_ruiz']);
    expect(await accountNames('q=pablo%20r')).toEqual(['enfermero_ruiz']);
  });

  it('leaves out suspended accounts and accounts with a block, and filters by following', async () => {
    expect(await accountNames('q=suspendida')).toEqual([]);
    expect(await accountNames('q=ruiz', stranger.token)).toEqual([]);
    expect(await accountNames('q=ruiz', follower.token)).toEqual(['enfermero_ruiz']);
    expect(await accountNames('q=garcia&following=true', follower.token)).toEqual(['dra_garcia']);
    expect(await accountNames('q=ruiz&following=true', follower.token)).toEqual([]);
  });

  it('finds hashtags by prefix, exact name first, with a week of history', async () => {
    const { hashtags } = await search('type=hashtags&q=%23nutricion');
    expect(hashtags.map((h) => h.name)).toEqual(['nutricion', 'NutricionInfantil']);
    expect(hashtags[0]!.url).toBe('http://medired.test/tags/nutricion');
    expect(hashtags[0]!.history).toHaveLength(7);
    expect(hashtags[0]!.history[0]!.uses).toBe('1');
    expect((await search('type=hashtags&q=nutri_')).hashtags).toEqual([]);
  });

  it('answers all three kinds at once when no type is given', async () => {
    const all = await search('q=nutricion');
    expect(all.accounts).toEqual([]);
    expect(all.statuses.map((s) => s.id)).toEqual([posts.nutrition]);
    expect(all.hashtags.map((h) => h.name)).toContain('nutricion');
  });

  it('pages with limit and offset, refusing offsets beyond 200 and bad input with 422', async () => {
    expect(await statusIds('q=nutricion&offset=1')).toEqual([]);
    const deep = await t.request('GET', '/api/v2/search?q=nutricion&offset=201');
    expect(deep.status).toBe(422);
    expect(((await deep.json()) as { error: string }).error).toMatch(/offset/);
    expect((await t.request('GET', '/api/v2/search?q=')).status).toBe(422);
    expect((await t.request('GET', '/api/v2/search')).status).toBe(422);
    expect((await t.request('GET', '/api/v2/search?q=x&type=people')).status).toBe(422);
  });

  it('survives queries made only of punctuation or operators', async () => {
    for (const q of ['!!!', '&|:*', "'", '-', '""']) {
      const res = await search(`q=${encodeURIComponent(q)}`);
      expect(res.statuses).toEqual([]);
      expect(res.accounts).toEqual([]);
    }
  });
});

describe('GET /api/v1/accounts/search', () => {
  it('needs a signed-in account, like Mastodon', async () => {
    expect((await t.request('GET', '/api/v1/accounts/search?q=garcia')).status).toBe(401);
  });

  it('returns Mastodon accounts matching while typing', async () => {
    const res = await t.request('GET', '/api/v1/accounts/search?q=gar&limit=5', { token: stranger.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { username: string }[]).map((a) => a.username)).toEqual(['dra_garcia']);
  });
});

describe('GET /api/v2/search — limited accounts', () => {
  it("leaves a limited author's posts out, except for the author and their followers", async () => {
    const limited = await t.createUser();
    const fan = await t.createUser();
    await follow(t.ctx, fan.accountId, limited.accountId);
    const post = await insertStatus(t.ctx.db, { account_id: limited.accountId, visibility: 'public', content_source: 'Remedio milagroso contra la osteoporosis' });
    await t.ctx.db.updateTable('accounts').set({ silenced_at: new Date() }).where('id', '=', limited.accountId).execute();
    expect(await statusIds('q=osteoporosis')).toEqual([]);
    expect(await statusIds('q=osteoporosis', stranger.token)).toEqual([]);
    expect(await statusIds('q=osteoporosis', fan.token)).toEqual([post]);
    expect(await statusIds('q=osteoporosis', limited.token)).toEqual([post]);
  });
});
