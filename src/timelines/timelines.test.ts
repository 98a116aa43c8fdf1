import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow } from '../relations/follows.service.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { insertStatus, tagStatus } from './timelines.fixtures.js';

let t: TestApp;
let author: TestUser;
let follower: TestUser;
let stranger: TestUser;
let muter: TestUser;
let blocker: TestUser;
let moderator: TestUser;
let suspended: TestUser;
let silenced: TestUser;
const posts: Record<string, string> = {};

interface StatusJson {
  id: string;
  visibility: string;
  account: { id: string };
  reblog: { id: string } | null;
}

async function ids(url: string, token?: string): Promise<string[]> {
  const res = await t.request('GET', url, { token });
  expect(res.status, `${url} → ${res.status}`).toBe(200);
  return ((await res.json()) as StatusJson[]).map((s) => s.id);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  author = await t.createUser({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
  follower = await t.createUser();
  stranger = await t.createUser();
  muter = await t.createUser();
  blocker = await t.createUser();
  moderator = await t.createUser();
  suspended = await t.createUser();
  silenced = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
  for (const u of [follower, muter, blocker]) await follow(t.ctx, u.accountId, author.accountId);
  await follow(t.ctx, follower.accountId, suspended.accountId);
  await follow(t.ctx, follower.accountId, silenced.accountId);
  await db.insertInto('mutes').values({ account_id: muter.accountId, target_account_id: author.accountId }).execute();
  await db.insertInto('blocks').values({ account_id: blocker.accountId, target_account_id: author.accountId }).execute();

  posts.public = await insertStatus(db, { account_id: author.accountId, visibility: 'public', content_source: 'Consejos para el corazón #salud' });
  await tagStatus(db, posts.public, ['salud']);
  posts.followersOnly = await insertStatus(db, { account_id: author.accountId, visibility: 'private', content_source: 'Solo para seguidores #salud' });
  await tagStatus(db, posts.followersOnly, ['salud']);
  posts.unlisted = await insertStatus(db, { account_id: author.accountId, visibility: 'unlisted' });
  posts.direct = await insertStatus(db, { account_id: author.accountId, visibility: 'direct' });
  posts.strangerPublic = await insertStatus(db, { account_id: stranger.accountId, visibility: 'public' });
  posts.reblogByFollower = await insertStatus(db, { account_id: follower.accountId, visibility: 'public', reblog_of_id: posts.strangerPublic });
  posts.replyToStranger = await insertStatus(db, {
    account_id: author.accountId,
    visibility: 'public',
    in_reply_to_id: posts.strangerPublic,
    in_reply_to_account_id: stranger.accountId,
  });
  posts.selfReply = await insertStatus(db, { account_id: author.accountId, visibility: 'public', in_reply_to_id: posts.public, in_reply_to_account_id: author.accountId });
  posts.article = await insertStatus(db, { account_id: author.accountId, visibility: 'public', kind: 'article', title: 'Hipertensión: guía', content_source: 'Cuerpo del artículo' });
  posts.suspended = await insertStatus(db, { account_id: suspended.accountId, visibility: 'public' });
  posts.silenced = await insertStatus(db, { account_id: silenced.accountId, visibility: 'public' });
  posts.hidden = await insertStatus(db, { account_id: author.accountId, visibility: 'public' });
  await db.updateTable('statuses').set({ hidden_at: new Date() }).where('id', '=', posts.hidden).execute();
  await db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
  await db.updateTable('accounts').set({ silenced_at: new Date() }).where('id', '=', silenced.accountId).execute();
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/v1/timelines/home', () => {
  it('needs a signed-in account with the read:statuses scope', async () => {
    expect((await t.request('GET', '/api/v1/timelines/home')).status).toBe(401);
    const writeOnly = await issueAccessToken(t.ctx.db, { userId: follower.userId, applicationId: null, scopes: 'write' });
    expect((await t.request('GET', '/api/v1/timelines/home', { token: writeOnly.access_token })).status).toBe(403);
  });

  it("shows a follower the author's public, unlisted and followers-only posts and their own reblogs, but not direct or hidden ones", async () => {
    const home = await ids('/api/v1/timelines/home?limit=40', follower.token);
    expect(home).toEqual(expect.arrayContaining([posts.public, posts.followersOnly, posts.unlisted, posts.selfReply, posts.article, posts.reblogByFollower]));
    expect(home).not.toContain(posts.direct);
    expect(home).not.toContain(posts.hidden);
    expect(home).toEqual([...home].sort((a, b) => Number(b) - Number(a)));
  });

  it('leaves out replies to people the viewer does not follow, as Mastodon does', async () => {
    expect(await ids('/api/v1/timelines/home?limit=40', follower.token)).not.toContain(posts.replyToStranger);
  });

  it('includes the reblogged status inside a reblog', async () => {
    const res = await t.request('GET', '/api/v1/timelines/home?limit=40', { token: follower.token });
    const reblog = ((await res.json()) as StatusJson[]).find((s) => s.id === posts.reblogByFollower);
    expect(reblog?.reblog?.id).toBe(posts.strangerPublic);
  });

  it('shows authors only to people who follow them', async () => {
    const home = await ids('/api/v1/timelines/home?limit=40', stranger.token);
    expect(home).toEqual([posts.strangerPublic]);
  });

  it('leaves out muted and blocked authors even when followed', async () => {
    expect(await ids('/api/v1/timelines/home', muter.token)).toEqual([]);
    expect(await ids('/api/v1/timelines/home', blocker.token)).toEqual([]);
  });

  it('leaves out suspended authors but keeps silenced ones the viewer follows', async () => {
    const home = await ids('/api/v1/timelines/home?limit=40', follower.token);
    expect(home).not.toContain(posts.suspended);
    expect(home).toContain(posts.silenced);
  });

  it('shows the author their own posts, hidden ones included', async () => {
    const home = await ids('/api/v1/timelines/home?limit=40', author.token);
    expect(home).toEqual(expect.arrayContaining([posts.public, posts.followersOnly, posts.hidden]));
  });
});

describe('GET /api/v1/timelines/public', () => {
  it('shows public posts to anyone, never followers-only, unlisted, direct or hidden ones', async () => {
    for (const token of [undefined, follower.token, moderator.token]) {
      const list = await ids('/api/v1/timelines/public?limit=40', token);
      expect(list).toContain(posts.public);
      expect(list).toContain(posts.article);
      for (const hiddenOne of [posts.followersOnly, posts.unlisted, posts.direct, posts.hidden, posts.reblogByFollower]) expect(list).not.toContain(hiddenOne);
    }
  });

  it('keeps self-replies but not replies to others', async () => {
    const list = await ids('/api/v1/timelines/public?limit=40');
    expect(list).toContain(posts.selfReply);
    expect(list).not.toContain(posts.replyToStranger);
  });

  it('leaves out suspended authors, and silenced ones except for their followers', async () => {
    const anonymous = await ids('/api/v1/timelines/public?limit=40');
    expect(anonymous).not.toContain(posts.suspended);
    expect(anonymous).not.toContain(posts.silenced);
    expect(await ids('/api/v1/timelines/public?limit=40', stranger.token)).not.toContain(posts.silenced);
    expect(await ids('/api/v1/timelines/public?limit=40', follower.token)).toContain(posts.silenced);
  });

  it('leaves out authors the viewer muted or has a block with', async () => {
    expect(await ids('/api/v1/timelines/public?limit=40', muter.token)).not.toContain(posts.public);
    expect(await ids('/api/v1/timelines/public?limit=40', blocker.token)).not.toContain(posts.public);
  });

  it('answers remote=true with nothing (Medired does not federate yet) and honours only_media', async () => {
    expect(await ids('/api/v1/timelines/public?remote=true')).toEqual([]);
    expect(await ids('/api/v1/timelines/public?only_media=true')).toEqual([]);
    expect((await t.request('GET', '/api/v1/timelines/public?only_media=perhaps')).status).toBe(422);
  });
});

describe('GET /api/v1/timelines/tag/:hashtag', () => {
  it('lists public posts with the tag, case-insensitively, never followers-only ones, even for followers', async () => {
    expect(await ids('/api/v1/timelines/tag/SALUD')).toEqual([posts.public]);
    expect(await ids('/api/v1/timelines/tag/salud', follower.token)).toEqual([posts.public]);
    expect(await ids('/api/v1/timelines/tag/salud?none[]=salud')).toEqual([]);
    expect(await ids('/api/v1/timelines/tag/nada?any[]=salud')).toEqual([posts.public]);
    expect(await ids('/api/v1/timelines/tag/salud?all[]=nada')).toEqual([]);
    expect((await t.request('GET', '/api/v1/timelines/tag/no-valid')).status).toBe(422);
  });
});

describe('GET /api/v1/accounts/:id/statuses', () => {
  const url = () => `/api/v1/accounts/${author.accountId}/statuses?limit=40`;

  it('shows followers-only posts to followers and to the author, not to others', async () => {
    expect(await ids(url(), follower.token)).toContain(posts.followersOnly);
    expect(await ids(url(), author.token)).toContain(posts.followersOnly);
    // Staff see every status, as `canViewStatus` says, so moderators can review a profile.
    expect(await ids(url(), moderator.token)).toContain(posts.followersOnly);
    for (const token of [undefined, stranger.token]) {
      const list = await ids(url(), token);
      expect(list).toContain(posts.unlisted);
      expect(list).not.toContain(posts.followersOnly);
      expect(list).not.toContain(posts.direct);
      expect(list).not.toContain(posts.hidden);
    }
  });

  it('shows nothing when a block stands between viewer and author', async () => {
    expect(await ids(url(), blocker.token)).toEqual([]);
  });

  it('applies exclude_replies (self-replies stay), exclude_reblogs, pinned, tagged and kind', async () => {
    const noReplies = await ids(`${url()}&exclude_replies=true`);
    expect(noReplies).toContain(posts.selfReply);
    expect(noReplies).not.toContain(posts.replyToStranger);
    const followerOwn = await ids(`/api/v1/accounts/${follower.accountId}/statuses?exclude_reblogs=true`);
    expect(followerOwn).not.toContain(posts.reblogByFollower);
    expect(await ids(`/api/v1/accounts/${follower.accountId}/statuses`)).toContain(posts.reblogByFollower);
    expect(await ids(`${url()}&pinned=true`)).toEqual([]);
    expect(await ids(`${url()}&tagged=salud`)).toEqual([posts.public]);
    expect(await ids(`${url()}&kind=article`)).toEqual([posts.article]);
    expect(await ids(`${url()}&kind=note`)).not.toContain(posts.article);
    expect((await t.request('GET', `${url()}&kind=video`)).status).toBe(422);
  });

  it('answers 404 for an unknown account and 410 for a suspended one (staff still see it)', async () => {
    expect((await t.request('GET', '/api/v1/accounts/999999999/statuses')).status).toBe(404);
    expect((await t.request('GET', `/api/v1/accounts/${suspended.accountId}/statuses`)).status).toBe(410);
    expect(await ids(`/api/v1/accounts/${suspended.accountId}/statuses`, moderator.token)).toEqual([posts.suspended]);
  });
});

describe('GET /api/v1/medired/accounts/:id/articles', () => {
  it("lists only the author's articles, to anyone", async () => {
    expect(await ids(`/api/v1/medired/accounts/${author.accountId}/articles`)).toEqual([posts.article]);
    expect(await ids(`/api/v1/medired/accounts/${stranger.accountId}/articles`, stranger.token)).toEqual([]);
    expect((await t.request('GET', '/api/v1/medired/accounts/999999999/articles')).status).toBe(404);
  });

  it('pages newest first with Link headers', async () => {
    const writer = await t.createUser({ kind: 'professional', profession: 'nurse' });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push(await insertStatus(t.ctx.db, { account_id: writer.accountId, visibility: 'public', kind: 'article', title: `Artículo ${i}` }));
    const res = await t.request('GET', `/api/v1/medired/accounts/${writer.accountId}/articles?limit=2`);
    expect(((await res.json()) as StatusJson[]).map((s) => s.id)).toEqual([made[2], made[1]]);
    const next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')![1]!;
    expect(await ids(next.replace(/^https?:\/\/[^/]+/, ''))).toEqual([made[0]]);
  });
});

describe('pagination', () => {
  let reader: TestUser;
  let writer: TestUser;
  const made: string[] = [];
  beforeAll(async () => {
    reader = await t.createUser();
    writer = await t.createUser();
    await follow(t.ctx, reader.accountId, writer.accountId);
    for (let i = 0; i < 5; i++) made.push(await insertStatus(t.ctx.db, { account_id: writer.accountId, visibility: 'private' }));
  });

  it('follows Link headers: next pages back with max_id, prev forward with min_id', async () => {
    const first = await t.request('GET', '/api/v1/timelines/home?limit=2', { token: reader.token });
    expect(((await first.json()) as StatusJson[]).map((s) => s.id)).toEqual([made[4], made[3]]);
    const link = first.headers.get('link') ?? '';
    const next = /<([^>]+)>; rel="next"/.exec(link)![1]!;
    const prev = /<([^>]+)>; rel="prev"/.exec(link)![1]!;
    expect(new URL(next).searchParams.get('max_id')).toBe(made[3]);
    expect(new URL(prev).searchParams.get('min_id')).toBe(made[4]);
    expect(new URL(next).searchParams.get('limit')).toBe('2');
    const path = (u: string) => u.replace(/^https?:\/\/[^/]+/, '');
    expect(await ids(path(next), reader.token)).toEqual([made[2], made[1]]);
    expect(await ids(path(prev), reader.token)).toEqual([]);
  });

  it('reads the page just above min_id, and the newest page above since_id', async () => {
    expect(await ids(`/api/v1/timelines/home?limit=2&min_id=${made[0]}`, reader.token)).toEqual([made[2], made[1]]);
    expect(await ids(`/api/v1/timelines/home?limit=2&since_id=${made[0]}`, reader.token)).toEqual([made[4], made[3]]);
    expect(await ids(`/api/v1/timelines/home?max_id=${made[3]}&since_id=${made[0]}`, reader.token)).toEqual([made[2], made[1]]);
  });

  it('sends no Link header on an empty page and refuses malformed cursors', async () => {
    const res = await t.request('GET', `/api/v1/timelines/home?max_id=${made[0]}`, { token: reader.token });
    expect(await res.json()).toEqual([]);
    expect(res.headers.get('link')).toBeNull();
    expect((await t.request('GET', '/api/v1/timelines/home?max_id=abc', { token: reader.token })).status).toBe(422);
    expect((await t.request('GET', '/api/v1/timelines/home?limit=0', { token: reader.token })).status).toBe(422);
  });
});

describe('home timeline repeats', () => {
  it('shows a post reposted by several followed accounts once, at its newest appearance', async () => {
    const reader = await t.createUser();
    const author = await t.createUser();
    const friendA = await t.createUser();
    const friendB = await t.createUser();
    for (const f of [author, friendA, friendB]) await follow(t.ctx, reader.accountId, f.accountId);
    const original = await insertStatus(t.ctx.db, { account_id: author.accountId, visibility: 'public', content_source: 'Vacúnate de la gripe' });
    await insertStatus(t.ctx.db, { account_id: friendA.accountId, visibility: 'public', reblog_of_id: original });
    const newest = await insertStatus(t.ctx.db, { account_id: friendB.accountId, visibility: 'public', reblog_of_id: original });
    const res = await t.request('GET', '/api/v1/timelines/home', { token: reader.token });
    const statuses = (await res.json()) as { id: string; reblog: { id: string } | null }[];
    expect(statuses.map((s) => s.id)).toEqual([newest]);
    expect(statuses[0]!.reblog!.id).toBe(original);
  });
});
