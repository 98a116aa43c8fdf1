import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerFromAccessToken, type Viewer } from '../auth/viewer.js';
import { follow } from '../relations/follows.service.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { accountStatusIds, homeTimelineIds, publicTimelineIds, tagTimelineIds } from './timelines.repository.js';
import { idRange } from './timeline-page.js';
import { insertStatus, tagStatus } from './timelines.fixtures.js';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let aliceViewer: Viewer;
let carolViewer: Viewer;
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.createUser();
  bob = await t.createUser();
  carol = await t.createUser();
  await follow(t.ctx, alice.accountId, bob.accountId);
  aliceViewer = (await viewerFromAccessToken(t.ctx.db, alice.token))!;
  carolViewer = (await viewerFromAccessToken(t.ctx.db, carol.token))!;
});
afterAll(async () => {
  await t.close();
});

const all = { limit: 40 };

describe('timeline queries', () => {
  it('merge the viewer and followed authors newest first, with followers-only posts only for followers', async () => {
    const db = t.ctx.db;
    const a1 = await insertStatus(db, { account_id: alice.accountId, visibility: 'public' });
    const b1 = await insertStatus(db, { account_id: bob.accountId, visibility: 'private' });
    const c1 = await insertStatus(db, { account_id: carol.accountId, visibility: 'public' });
    const b2 = await insertStatus(db, { account_id: bob.accountId, visibility: 'public' });
    expect(await homeTimelineIds(db, aliceViewer, idRange(all))).toEqual([b2, b1, a1]);
    expect(await homeTimelineIds(db, aliceViewer, idRange({ limit: 2 }))).toEqual([b2, b1]);
    expect(await homeTimelineIds(db, aliceViewer, idRange({ maxId: b1, limit: 2 }))).toEqual([a1]);
    expect(await homeTimelineIds(db, aliceViewer, idRange({ minId: a1, limit: 1 }))).toEqual([b1]);
    expect(await homeTimelineIds(db, aliceViewer, idRange({ sinceId: a1, limit: 1 }))).toEqual([b2]);
    const pub = await publicTimelineIds(db, null, idRange(all), { remoteOnly: false, onlyMedia: false });
    expect(pub).toContain(c1);
    expect(pub).not.toContain(b1);
    expect(await accountStatusIds(db, carolViewer, bob.accountId, idRange(all), { excludeReplies: false, excludeReblogs: false, onlyMedia: false, tagged: null, kind: null })).toEqual([b2]);
    expect(await accountStatusIds(db, aliceViewer, bob.accountId, idRange(all), { excludeReplies: false, excludeReblogs: false, onlyMedia: false, tagged: null, kind: null })).toEqual([b2, b1]);
  });

  it('filter tag timelines with any, all and none', async () => {
    const db = t.ctx.db;
    const s1 = await insertStatus(db, { account_id: carol.accountId, visibility: 'public' });
    const s2 = await insertStatus(db, { account_id: carol.accountId, visibility: 'public' });
    await tagStatus(db, s1, ['Salud', 'corazon']);
    await tagStatus(db, s2, ['salud']);
    const base = { remoteOnly: false, onlyMedia: false, any: ['salud'], all: [] as string[], none: [] as string[] };
    expect(await tagTimelineIds(db, null, idRange(all), base)).toEqual([s2, s1]);
    expect(await tagTimelineIds(db, null, idRange(all), { ...base, all: ['CORAZON'] })).toEqual([s1]);
    expect(await tagTimelineIds(db, null, idRange(all), { ...base, none: ['corazon'] })).toEqual([s2]);
    expect(await tagTimelineIds(db, null, idRange(all), { ...base, any: ['nada'] })).toEqual([]);
  });
});
