import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession } from '../testing/web-session.js';

let t: TestApp;
let author: TestUser;
let reader: TestUser;
let statusId: string;

beforeAll(async () => {
  t = await createTestApp();
  author = await t.createUser({ kind: 'professional', profession: 'nurse', specialty: 'community_nursing' });
  reader = await t.createUser();
  const res = await t.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Lavarse las manos salva vidas' } });
  statusId = ((await res.json()) as { id: string }).id;
});
afterAll(async () => {
  await t.close();
});

describe('links to reporting, moderation and verification', () => {
  it('offers "Denunciar" on other people\'s posts and profiles, not on one\'s own, and not to visitors', async () => {
    const asReader = await (await (await webSession(t, reader)).get(`/@${author.username}/${statusId}`)).text();
    expect(asReader).toContain(`/report?status_id=${statusId}`);
    const profile = await (await (await webSession(t, reader)).get(`/@${author.username}`)).text();
    expect(profile).toContain(`/report?account_id=${author.accountId}`);
    const asAuthor = await (await (await webSession(t, author)).get(`/@${author.username}/${statusId}`)).text();
    expect(asAuthor).not.toContain(`/report?status_id=${statusId}`);
    const anonymous = await (await t.request('GET', `/@${author.username}/${statusId}`, { headers: { accept: 'text/html' } })).text();
    expect(anonymous).not.toContain('/report?');
  });

  it('shows the moderation link to staff only', async () => {
    const moderator = await t.createUser();
    // Without 2FA the session is complete at once; the link shows and the page then asks for 2FA.
    await t.setStaffRole(moderator, 'moderator', { totp: false });
    expect(await (await (await webSession(t, moderator)).get('/')).text()).toContain('href="/admin/reports"');
    expect(await (await (await webSession(t, reader)).get('/')).text()).not.toContain('href="/admin/reports"');
  });

  it('shows the verification tab to professionals and organisations, not to patients', async () => {
    expect(await (await (await webSession(t, author)).get('/settings/profile')).text()).toContain('href="/settings/verification"');
    expect(await (await (await webSession(t, reader)).get('/settings/security')).text()).not.toContain('href="/settings/verification"');
  });
});
