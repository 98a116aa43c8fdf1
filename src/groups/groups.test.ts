import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';

const SECRET = 'Perdimos a nuestra hija en la semana 30 (zafiro-7731)';
const PUBLIC_TEXT = 'Consejos para medir la glucosa antes de correr (ambar-4410)';

let t: TestApp;
let owner: TestUser, member: TestUser, pending: TestUser, banned: TestUser, former: TestUser, outsider: TestUser, staff: TestUser, expert: TestUser, org: TestUser;
let users: TestUser[];
let privateGroup: { id: string; slug: string };
let publicGroup: { id: string; slug: string };
let secretPostId: string;
let pseudonymousPublicPostId: string;

async function call(method: string, url: string, user?: TestUser, json?: unknown): Promise<Response> {
  return t.request(method, url, { token: user?.token, ...(json !== undefined ? { json } : {}) });
}
async function ok<T = { id: string }>(res: Promise<Response>): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}
const g = (id: string, rest = '') => `/api/v1/medired/groups/${id}${rest}`;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser({ username: 'primera_admin' });
  users = await Promise.all(['duena_g', 'miembro_g', 'pendiente_g', 'expulsada_g', 'antigua_g', 'ajena_g', 'staff_g'].map((username) => t.createUser({ username })));
  [owner, member, pending, banned, former, outsider, staff] = users as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser, TestUser];
  expert = await createVerifiedProfessional(t, 'psychiatry');
  org = await createVerifiedOrganization(t);
  await t.setStaffRole(staff, 'moderator');
  staff = { ...staff, token: (await issueAccessToken(t.ctx.db, { userId: staff.userId, applicationId: null, scopes: 'read write follow push admin:read admin:write' })).access_token };

  privateGroup = await ok(call('POST', '/api/v1/medired/groups', owner, { name: 'Duelo perinatal', description: 'Un espacio para acompañarnos', rules: 'Respeto', tags: ['duelo', 'embarazo'], visibility: 'private' }));
  for (const u of [member, pending, banned, former]) await ok(call('POST', g(privateGroup.id, '/join'), u));
  for (const u of [member, banned, former]) await ok(call('POST', g(privateGroup.id, '/approve'), owner, { account_id: u.accountId }));
  await ok(call('PUT', g(privateGroup.id, '/pseudonym'), member, { pseudonym: 'Luna' }));
  const post = await ok(call('POST', g(privateGroup.id, '/posts'), member, { text: SECRET, pseudonymous: true }));
  secretPostId = post.id;
  await ok(call('POST', `/api/v1/medired/group_posts/${secretPostId}/replies`, owner, { text: `Un abrazo. ${SECRET}` }));
  await ok(call('POST', g(privateGroup.id, '/resources'), owner, { title: 'Asociación Umamanita', url: 'https://www.umamanita.es' }));
  await ok(call('POST', g(privateGroup.id, '/ban'), owner, { account_id: banned.accountId }));
  await ok(call('POST', g(privateGroup.id, '/leave'), former, { posts: 'keep' }));

  publicGroup = await ok(call('POST', '/api/v1/medired/groups', owner, { name: 'Diabetes tipo 1', tags: ['diabetes'], visibility: 'public' }));
  await ok(call('POST', g(publicGroup.id, '/join'), member));
  await ok(call('PUT', g(publicGroup.id, '/pseudonym'), member, { pseudonym: 'Sol' }));
  pseudonymousPublicPostId = (await ok(call('POST', g(publicGroup.id, '/posts'), member, { text: PUBLIC_TEXT, pseudonymous: true }))).id;
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("a private group's content is invisible to everyone but its active members", () => {
  const outsiders = () => ({ anonymous: undefined, other: outsider, pending, banned, former, staff }) as Record<string, TestUser | undefined>;

  it('its API routes answer 404 to anonymous, another account, pending, banned, former members and staff without a report', async () => {
    for (const [who, user] of Object.entries(outsiders())) {
      for (const url of [g(privateGroup.id, '/posts'), g(privateGroup.id, '/members'), g(privateGroup.id, '/resources'), `/api/v1/medired/group_posts/${secretPostId}`, `/api/v1/medired/group_posts/${secretPostId}/replies`]) {
        const res = await call('GET', url, user);
        expect(res.status, `${who} ${url}`).toBe(404);
        expect(await res.text()).not.toContain('zafiro');
      }
      if (user) {
        expect((await call('POST', `/api/v1/medired/group_posts/${secretPostId}/like`, user)).status, who).toBe(404);
        expect((await call('POST', `/api/v1/medired/group_posts/${secretPostId}/replies`, user, { text: 'hola' })).status, who).toBe(404);
        expect((await call('POST', g(privateGroup.id, '/posts'), user, { text: 'hola' })).status, who).toBe(404);
      }
    }
  });

  it('the directory lists its name, description and tags, but nothing of its content', async () => {
    const list = await ok<{ slug: string; description: string }[]>(call('GET', '/api/v1/medired/groups?tag=duelo'));
    expect(list.map((x) => x.slug)).toEqual([privateGroup.slug]);
    expect(JSON.stringify(list)).not.toContain('zafiro');
    const show = await ok<{ name: string }>(call('GET', g(privateGroup.id)));
    expect(show.name).toBe('Duelo perinatal');
  });

  it('no page, timeline, search, profile or notification shows it', async () => {
    for (const [who, user] of Object.entries(outsiders())) {
      const pages = ['/groups', `/groups/${privateGroup.slug}`, `/groups/${privateGroup.slug}/posts/${secretPostId}`, `/groups/${privateGroup.slug}/members`, `/groups/${privateGroup.slug}/resources`, `/@${member.username}`, `/@${owner.username}`, '/search?q=hija', '/public', '/tags/duelo'];
      const session = user ? await webSession(t, user) : null;
      for (const url of pages) {
        const res = session ? await session.get(url) : await t.request('GET', url, { headers: { accept: 'text/html' } });
        const html = await res.text();
        expect(html, `${who} ${url}`).not.toContain('zafiro');
        expect(html, `${who} ${url}`).not.toContain('Umamanita');
        expect(html, `${who} ${url}`).not.toContain('Luna');
      }
      const apis = ['/api/v2/search?q=hija', '/api/v1/timelines/public', '/api/v1/timelines/tag/duelo', `/api/v1/accounts/${member.accountId}/statuses`, `/api/v1/accounts/${owner.accountId}/statuses`];
      if (user) apis.push('/api/v1/timelines/home', '/api/v1/notifications', '/api/v1/notifications?types[]=medired.group_join_request&types[]=medired.group_approved&types[]=medired.group_invited&types[]=medired.group_reply&types[]=medired.group_report&types[]=mention', '/api/v2/notifications?types[]=medired.group_join_request&types[]=medired.group_approved&types[]=medired.group_invited&types[]=medired.group_reply&types[]=medired.group_report&types[]=mention');
      for (const url of apis) {
        const res = await call('GET', url, user);
        expect(res.status, `${who} ${url}`).toBeLessThan(500);
        expect(await res.text(), `${who} ${url}`).not.toContain('zafiro');
      }
    }
  });

  it('a former member, a banned one and a pending one get no notification about it any more', async () => {
    for (const user of [former, banned]) {
      const list = await ok<{ type: string }[]>(call('GET', '/api/v1/notifications?types[]=medired.group_join_request&types[]=medired.group_approved&types[]=medired.group_invited&types[]=medired.group_reply&types[]=medired.group_report&types[]=mention', user));
      expect(list.filter((n) => n.type.startsWith('medired.group_'))).toEqual([]);
    }
  });

  it('its active members read it, and the text is sealed at rest', async () => {
    const feed = await ok<{ id: string; content: string; replies: { content: string }[] }[]>(call('GET', g(privateGroup.id, '/posts'), member));
    expect(feed[0]!.content).toBe(SECRET);
    expect(feed[0]!.replies[0]!.content).toContain('Un abrazo');
    const row = await t.ctx.db.selectFrom('group_posts').selectAll().where('id', '=', secretPostId).executeTakeFirstOrThrow();
    expect(row.text).toBe('');
    expect(row.sealed).not.toBeNull();
    expect(Buffer.from(row.sealed!).toString('latin1')).not.toContain('zafiro');
    const pub = await t.ctx.db.selectFrom('group_posts').select(['text', 'sealed']).where('id', '=', pseudonymousPublicPostId).executeTakeFirstOrThrow();
    expect(pub).toEqual({ text: PUBLIC_TEXT, sealed: null });
  });

  it('staff read a reported post only after the group moderators escalate it, and that read is audited', async () => {
    expect((await call('GET', `/api/v1/medired/admin/group_posts/${secretPostId}`, staff)).status).toBe(404);
    // Reports cannot skip the group's moderators.
    expect((await call('POST', '/api/v1/reports', outsider, { target_type: 'group_post', target_id: secretPostId, comment: 'x', category: 'other' })).status).toBe(404);
    const report = await ok(call('POST', `/api/v1/medired/group_posts/${secretPostId}/report`, owner, { comment: 'Datos de otra persona' }));
    const queue = await ok<{ id: string; comment: string }[]>(call('GET', g(privateGroup.id, '/reports'), owner));
    expect(queue.map((r) => r.id)).toEqual([report.id]);
    expect((await call('GET', g(privateGroup.id, '/reports'), member)).status).toBe(403);
    const escalated = await ok<{ state: string; report_id: string }>(call('POST', `/api/v1/medired/group_reports/${report.id}/resolve`, owner, { action: 'escalate', reason: 'Que lo revise Medired' }));
    expect(escalated.state).toBe('escalated');
    const seen = await ok<{ content: string; account_id: string }>(call('GET', `/api/v1/medired/admin/group_posts/${secretPostId}`, staff));
    expect(seen).toMatchObject({ content: SECRET, account_id: member.accountId });
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'group_post.read_reported').execute();
    expect(audit).toHaveLength(1);
    // The instance report does not tell the reporter whose the pseudonymous post is.
    const adminReport = await ok<{ target_account: unknown }>(call('GET', `/api/v1/admin/reports/${escalated.report_id}`, staff));
    expect(adminReport.target_account).toBeTruthy();
  });
});

describe('pseudonyms', () => {
  it('other members see the pseudonym and a neutral avatar, never the account; the owner sees the account', async () => {
    const other = await t.createUser({ username: 'otra_miembro' });
    await ok(call('POST', g(publicGroup.id, '/join'), other));
    for (const viewer of [other, outsider, undefined]) {
      const res = await call('GET', g(publicGroup.id, '/posts'), viewer);
      const text = await res.text();
      const feed = JSON.parse(text) as { author: { account: unknown; pseudonym: string } }[];
      expect(feed[0]!.author).toMatchObject({ account: null, pseudonym: 'Sol' });
      expect(text).not.toContain(member.username);
      const members = await call('GET', g(publicGroup.id, '/members'), viewer);
      const list = await members.text();
      expect(list).not.toContain(member.username);
      expect(list).toContain('Sol');
      const page = await t.request('GET', `/groups/${publicGroup.slug}`, { headers: { accept: 'text/html' } });
      const html = await page.text();
      expect(html).toContain('Sol');
      expect(html).not.toContain(member.username);
    }
    const asOwner = await ok<{ author: { account: { username: string } | null } }[]>(call('GET', g(publicGroup.id, '/posts'), owner));
    expect(asOwner[0]!.author.account?.username).toBe(member.username);
  });

  it('staff see the account behind it, and each time the audit log says so', async () => {
    const before = (await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'group.reveal_pseudonym').execute()).length;
    const feed = await ok<{ author: { account: { username: string } | null } }[]>(call('GET', g(publicGroup.id, '/posts'), staff));
    expect(feed[0]!.author.account?.username).toBe(member.username);
    const after = (await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'group.reveal_pseudonym').execute()).length;
    expect(after).toBe(before + 1);
  });

  it("a reply under a pseudonym notifies the post's author without naming the account", async () => {
    const post = await ok(call('POST', g(publicGroup.id, '/posts'), owner, { text: '¿Qué sensor usáis?' }));
    await ok(call('POST', `/api/v1/medired/group_posts/${post.id}/replies`, member, { text: 'El Libre 3', pseudonymous: true }));
    const notes = await ok<{ type: string; account: unknown; medired: Record<string, unknown> }[]>(call('GET', '/api/v1/notifications?types[]=medired.group_reply', owner));
    const reply = notes.find((n) => n.type === 'medired.group_reply')!;
    expect(reply.account).toMatchObject({ id: '0' });
    expect(reply.medired.pseudonym).toBe('Sol');
    expect(JSON.stringify(reply)).not.toContain(member.username);
    const row = await t.ctx.db.selectFrom('notifications').select('from_account_id').where('type', '=', 'medired.group_reply').where('account_id', '=', owner.accountId).executeTakeFirstOrThrow();
    expect(row.from_account_id).toBeNull();
  });

  it('once a member has a pseudonym, posts and replies go under it unless they choose their account', async () => {
    const group = await ok<{ id: string }>(call('POST', '/api/v1/medired/groups', owner, { name: 'Esclerosis múltiple', visibility: 'private' }));
    const shy = await t.createUser();
    await ok(call('POST', g(group.id, '/join'), shy));
    await ok(call('POST', g(group.id, '/approve'), owner, { account_id: shy.accountId }));
    await ok(call('PUT', g(group.id, '/pseudonym'), shy, { pseudonym: 'Estrella' }));
    const post = await ok<{ id: string }>(call('POST', g(group.id, '/posts'), shy, { text: 'Me lo diagnosticaron hace un mes' }));
    await ok(call('POST', `/api/v1/medired/group_posts/${post.id}/replies`, shy, { text: 'Y sigo aprendiendo' }));
    await ok(call('POST', g(group.id, '/posts'), shy, { text: 'Esta la firmo yo', pseudonymous: false }));
    const rows = await t.ctx.db.selectFrom('group_posts').select(['text', 'pseudonym']).where('account_id', '=', shy.accountId).orderBy('id').execute();
    expect(rows.map((r) => r.pseudonym)).toEqual(['Estrella', 'Estrella', null]);
    // The web composer offers the pseudonym first, selected.
    const html = await (await (await webSession(t, shy)).get(`/groups/${(await ok<{ slug: string }>(call('GET', g(group.id), shy))).slug}`)).text();
    expect(html).toMatch(/<option value="true" selected(="")?>\s*Con mi seudónimo \(Estrella\)/);
  });

  it('a pseudonym cannot be the name of a member of the group', async () => {
    const group = await ok<{ id: string }>(call('POST', '/api/v1/medired/groups', owner, { name: 'Migraña', visibility: 'public' }));
    const impostor = await t.createUser();
    await t.ctx.db.updateTable('accounts').set({ display_name: 'Dueña del grupo' }).where('id', '=', owner.accountId).execute();
    await ok(call('POST', g(group.id, '/join'), impostor));
    const res = await call('PUT', g(group.id, '/pseudonym'), impostor, { pseudonym: 'dueña del grupo ' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { key?: string; details?: { key: string }[] }).details?.[0]?.key ?? '').toBe('groups.error.pseudonymIsAccount');
  });

  it('posting under a pseudonym needs one, and a pseudonym is unique in the group', async () => {
    const other = await t.createUser();
    await ok(call('POST', g(publicGroup.id, '/join'), other));
    expect((await call('POST', g(publicGroup.id, '/posts'), other, { text: 'hola', pseudonymous: true })).status).toBe(403);
    expect((await call('PUT', g(publicGroup.id, '/pseudonym'), other, { pseudonym: 'sol' })).status).toBe(422);
  });
});

describe('roles', () => {
  it("members cannot approve, ban, pin or change roles; the group's moderators can; the owner hands the group over", async () => {
    const group = await ok(call('POST', '/api/v1/medired/groups', owner, { name: 'Ansiedad', visibility: 'private' }));
    const [mod, plain, asker] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    for (const u of [mod, plain, asker]) await ok(call('POST', g(group.id, '/join'), u));
    for (const u of [mod, plain]) await ok(call('POST', g(group.id, '/approve'), owner, { account_id: u.accountId }));
    const post = await ok(call('POST', g(group.id, '/posts'), plain, { text: 'Hoy ha sido un día difícil' }));
    expect((await call('POST', g(group.id, '/approve'), plain, { account_id: asker.accountId })).status).toBe(403);
    expect((await call('POST', g(group.id, '/ban'), plain, { account_id: mod.accountId })).status).toBe(403);
    expect((await call('POST', `/api/v1/medired/group_posts/${post.id}/pin`, plain)).status).toBe(403);
    expect((await call('POST', g(group.id, '/role'), plain, { account_id: mod.accountId, role: 'moderator' })).status).toBe(403);
    await ok(call('POST', g(group.id, '/role'), owner, { account_id: mod.accountId, role: 'moderator' }));
    await ok(call('POST', g(group.id, '/approve'), mod, { account_id: asker.accountId }));
    await ok(call('POST', `/api/v1/medired/group_posts/${post.id}/pin`, mod));
    // A moderator cannot act on the owner.
    expect((await call('POST', g(group.id, '/ban'), mod, { account_id: owner.accountId })).status).toBe(403);
    expect((await call('POST', g(group.id, '/leave'), owner)).status).toBe(409);
    await ok(call('POST', g(group.id, '/transfer'), owner, { account_id: plain.accountId }));
    await ok(call('POST', g(group.id, '/leave'), owner));
    const members = await ok<{ account: { id: string }; role: string }[]>(call('GET', g(group.id, '/members'), plain));
    expect(members.find((m) => m.account.id === plain.accountId)?.role).toBe('owner');
    // A banned person cannot rejoin.
    await ok(call('POST', g(group.id, '/ban'), mod, { account_id: asker.accountId }));
    expect((await call('POST', g(group.id, '/join'), asker)).status).toBe(403);
  });

  it('only verified professionals are invited as experts, and they show as such', async () => {
    const group = await ok(call('POST', '/api/v1/medired/groups', owner, { name: 'Salud mental perinatal', visibility: 'public' }));
    expect((await call('POST', g(group.id, '/invite'), owner, { username: outsider.username, expert: true })).status).toBe(422);
    await ok(call('POST', g(group.id, '/invite'), owner, { username: expert.username, expert: true }));
    await ok(call('POST', g(group.id, '/accept_invite'), expert));
    await ok(call('POST', g(group.id, '/posts'), expert, { text: 'Pedid ayuda pronto si la tristeza no pasa.' }));
    const feed = await ok<{ author: { expert: boolean } }[]>(call('GET', g(group.id, '/posts')));
    expect(feed[0]!.author.expert).toBe(true);
  });

  it('an organisation runs a group from its page, which lists it', async () => {
    const group = await ok<{ slug: string; organisation: { id: string } }>(call('POST', '/api/v1/medired/groups', org, { name: 'Cuidadores de Alzheimer', visibility: 'public', organisation: true }));
    expect(group.organisation.id).toBe(org.accountId);
    expect((await call('POST', '/api/v1/medired/groups', outsider, { name: 'No soy organización', visibility: 'public', organisation: true })).status).toBe(403);
    const profile = await (await t.request('GET', `/@${org.username}`, { headers: { accept: 'text/html' } })).text();
    expect(profile).toContain(`/groups/${group.slug}`);
  });
});

describe('leaving', () => {
  it("keeps or deletes the member's posts, as they choose", async () => {
    const group = await ok(call('POST', '/api/v1/medired/groups', owner, { name: 'Celiaquía', visibility: 'public' }));
    const [keeper, deleter] = await Promise.all([t.createUser(), t.createUser()]);
    for (const u of [keeper, deleter]) {
      await ok(call('POST', g(group.id, '/join'), u));
      await ok(call('POST', g(group.id, '/posts'), u, { text: `Post de ${u.username}` }));
    }
    await ok(call('POST', g(group.id, '/leave'), keeper, { posts: 'keep' }));
    await ok(call('POST', g(group.id, '/leave'), deleter, { posts: 'delete' }));
    const text = await (await call('GET', g(group.id, '/posts'))).text();
    expect(text).toContain(`Post de ${keeper.username}`);
    expect(text).not.toContain(`Post de ${deleter.username}`);
    expect((await call('POST', g(group.id, '/posts'), keeper, { text: 'Ya no soy miembro' })).status).toBe(403);
  });

  it('a banned member still takes their posts back, one by one or all at once, and stays banned', async () => {
    const group = await ok<{ id: string }>(call('POST', '/api/v1/medired/groups', owner, { name: 'Fibromialgia', visibility: 'private' }));
    const expelled = await t.createUser();
    await ok(call('POST', g(group.id, '/join'), expelled));
    await ok(call('POST', g(group.id, '/approve'), owner, { account_id: expelled.accountId }));
    const first = await ok(call('POST', g(group.id, '/posts'), expelled, { text: 'Mi primera publicación' }));
    await ok(call('POST', g(group.id, '/posts'), expelled, { text: 'Mi segunda publicación' }));
    await ok(call('POST', g(group.id, '/ban'), owner, { account_id: expelled.accountId }));
    // Another account learns nothing new: the post of a private group is still not found for it.
    expect((await call('DELETE', `/api/v1/medired/group_posts/${first.id}`, outsider)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/medired/group_posts/${first.id}`, expelled)).status).toBe(200);
    await ok(call('POST', g(group.id, '/leave'), expelled, { posts: 'delete' }));
    const left = await t.ctx.db.selectFrom('group_posts').select('id').where('group_id', '=', group.id).where('account_id', '=', expelled.accountId).execute();
    expect(left).toEqual([]);
    expect((await call('POST', g(group.id, '/join'), expelled)).status).toBeGreaterThanOrEqual(400);
  });
});

describe('the web pages', () => {
  it('a member asks to join a private group from its page, the owner approves, and the member posts', async () => {
    const newcomer = await t.createUser();
    const web = await webSession(t, newcomer);
    const join = await web.post(`/groups/${privateGroup.slug}/join`, {});
    expect(join.status).toBe(303);
    expect(await (await web.get(`/groups/${privateGroup.slug}`)).text()).not.toContain('zafiro');
    const ownerWeb = await webSession(t, owner);
    const members = await (await ownerWeb.get(`/groups/${privateGroup.slug}/members`)).text();
    expect(members).toContain(newcomer.username);
    expect((await ownerWeb.post(`/groups/${privateGroup.slug}/members/approve`, { account_id: newcomer.accountId })).status).toBe(303);
    expect(await (await web.get(`/groups/${privateGroup.slug}`)).text()).toContain('zafiro');
    expect(await (await web.get(`/groups/${privateGroup.slug}/posts/${secretPostId}`)).text()).toContain('Un abrazo');
    expect((await web.post(`/groups/${privateGroup.slug}/posts`, { text: 'Gracias por aceptarme' })).status).toBe(303);
    expect(await (await ownerWeb.get(`/groups/${privateGroup.slug}`)).text()).toContain('Gracias por aceptarme');
  });

  it("a public group's post with personal data asks for confirmation first", async () => {
    const web = await webSession(t, member);
    const res = await web.post(`/groups/${publicGroup.slug}/posts`, { text: 'Llamadme al 612 345 678' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('confirm_personal_data');
    expect((await web.post(`/groups/${publicGroup.slug}/posts`, { text: 'Llamadme al 612 345 678', confirm_personal_data: 'true' })).status).toBe(303);
  });
});

describe('covers', () => {
  it('a group takes one of its creator’s images as its cover, and a cover is not removed as an unattached upload', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 8, height: 4, channels: 3, background: '#0b6e69' } }).png().toBuffer();
    const form = new FormData();
    form.append('file', new File([new Uint8Array(png)], 'portada.png', { type: 'image/png' }));
    const media = await ok(t.request('POST', '/api/v2/media', { token: owner.token, form }));
    expect((await call('POST', '/api/v1/medired/groups', outsider, { name: 'Con portada ajena', visibility: 'public', cover_media_id: media.id })).status).toBe(422);
    const group = await ok<{ cover: string | null }>(call('POST', '/api/v1/medired/groups', owner, { name: 'Con portada', visibility: 'public', cover_media_id: media.id }));
    expect(group.cover).toMatch(/^http:\/\/medired\.test\/media\//);
    const { deleteUnattachedMedia } = await import('../media/media.repository.js');
    expect(await deleteUnattachedMedia(t.ctx.db, media.id)).toBeUndefined();
  });
});
