import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import sharp from 'sharp';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Private messages through the Mastodon API and Medired's extensions: who may write to whom,
 * message requests, the conversation list, read state, delete for me, leaving, and that nobody
 * outside a conversation reads it through any path.
 */
let t: TestApp;
let ana: TestUser; // patient, default setting (verified professionals and accounts she follows)
let berta: TestUser; // patient
let carlos: TestUser; // outsider
let lucia: TestUser; // verified professional
let moderator: TestUser;

async function json<T>(res: Response | Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const body = await r.text();
  expect(r.status, body).toBe(status);
  return JSON.parse(body) as T;
}

interface Conversation {
  id: string;
  unread: boolean;
  accounts: { id: string; acct: string }[];
  last_status: { id: string; content: string; visibility: string } | null;
  medired: { request: boolean; muted: boolean; group: boolean };
}

const start = (from: TestUser, to: TestUser[], status: string) =>
  t.request('POST', '/api/v1/medired/conversations', { token: from.token, json: { account_ids: to.map((u) => u.accountId), status } });

beforeAll(async () => {
  t = await createTestApp();
  ana = await t.createUser({ username: 'ana_msg' });
  berta = await t.createUser({ username: 'berta_msg' });
  carlos = await t.createUser({ username: 'carlos_msg' });
  lucia = await t.createUser({ username: 'lucia_msg', kind: 'professional', profession: 'physician', specialty: 'cardiology', license_number: '282812345', license_country: 'ES' } as never);
  await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified', verified_at: new Date() }).where('id', '=', lucia.accountId).execute();
  moderator = await t.createUser({ username: 'mod_msg' });
  await t.setStaffRole(moderator, 'moderator');
});

afterAll(async () => {
  await t?.close();
});

describe('who may write to whom', () => {
  it('puts a first message from a stranger into the patient’s message requests, not her conversations', async () => {
    const conv = await json<Conversation>(start(berta, [ana], 'Hola Ana, ¿cómo llevas el tratamiento?'));
    expect(conv.medired.request).toBe(false); // the sender sees her own conversation
    expect(await json<Conversation[]>(t.request('GET', '/api/v1/conversations', { token: ana.token }))).toEqual([]);
    const requests = await json<Conversation[]>(t.request('GET', '/api/v1/medired/conversations/requests', { token: ana.token }));
    expect(requests.map((r) => r.id)).toEqual([conv.id]);
    expect(requests[0]!.last_status!.content).toContain('tratamiento');
    const counts = await json<{ requests: number }>(t.request('GET', '/api/v1/medired/conversations/unread_count', { token: ana.token }));
    expect(counts.requests).toBe(1);
    const notifications = await json<{ type: string }[]>(t.request('GET', '/api/v1/notifications?types[]=medired.message_request', { token: ana.token }));
    expect(notifications.map((n) => n.type)).toContain('medired.message_request');
  });

  it('lets a verified professional write straight into a patient’s conversations, with a mention notification', async () => {
    const conv = await json<Conversation>(start(lucia, [ana], 'Buenos días, le escribo por su consulta.'));
    const list = await json<Conversation[]>(t.request('GET', '/api/v1/conversations', { token: ana.token }));
    expect(list.map((c) => c.id)).toContain(conv.id);
    expect(list.find((c) => c.id === conv.id)!.unread).toBe(true);
    const notifications = await json<{ type: string; status?: { id: string } }[]>(t.request('GET', '/api/v1/notifications', { token: ana.token }));
    expect(notifications.some((n) => n.type === 'mention' && n.status?.id === conv.last_status!.id)).toBe(true);
  });

  it('accepting a request moves it into the conversations; answering a request accepts it too', async () => {
    const [request] = await json<Conversation[]>(t.request('GET', '/api/v1/medired/conversations/requests', { token: ana.token }));
    const accepted = await json<Conversation>(t.request('POST', `/api/v1/medired/conversations/${request!.id}/accept`, { token: ana.token }));
    expect(accepted.medired.request).toBe(false);
    expect((await json<Conversation[]>(t.request('GET', '/api/v1/conversations', { token: ana.token }))).map((c) => c.id)).toContain(request!.id);

    const other = await json<Conversation>(start(carlos, [berta], 'Hola Berta'));
    const reply = await t.request('POST', `/api/v1/medired/conversations/${other.id}/messages`, { token: berta.token, json: { status: 'Hola Carlos' } });
    expect(reply.status).toBe(200);
    expect((await json<Conversation[]>(t.request('GET', '/api/v1/conversations', { token: berta.token }))).map((c) => c.id)).toContain(other.id);
  });

  it('refuses to write to someone who blocks you, and does not say more', async () => {
    await json(t.request('POST', `/api/v1/accounts/${carlos.accountId}/block`, { token: lucia.token }));
    const res = await start(carlos, [lucia], 'Hola doctora');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).not.toMatch(/block/i);
  });

  it('a conversation has at most 10 people', async () => {
    const many = await Promise.all(Array.from({ length: 10 }, () => t.createUser()));
    const res = await start(lucia, many, 'Hola a todos');
    expect(res.status).toBe(422);
  });

  it('with "nobody", even a verified professional lands in requests', async () => {
    await json(t.request('PUT', '/api/v1/medired/messaging_settings', { token: berta.token, json: { messages_from: 'nobody' } }));
    const conv = await json<Conversation>(start(lucia, [berta], 'Hola Berta, soy la Dra. Lucía'));
    const requests = await json<Conversation[]>(t.request('GET', '/api/v1/medired/conversations/requests', { token: berta.token }));
    expect(requests.map((r) => r.id)).toContain(conv.id);
    const bad = await t.request('PUT', '/api/v1/medired/messaging_settings', { token: berta.token, json: { messages_from: 'everyone' } });
    expect(bad.status).toBe(422);
  });
});

describe('Mastodon clients', () => {
  it('a direct status addressed by mention opens a conversation; a reply stays in it; read and remove work', async () => {
    const first = await json<{ id: string; visibility: string }>(
      t.request('POST', '/api/v1/statuses', { token: lucia.token, json: { status: '@ana_msg ¿Ha podido hacerse el análisis?', visibility: 'direct' } }),
    );
    expect(first.visibility).toBe('direct');
    const reply = await json<{ id: string }>(
      t.request('POST', '/api/v1/statuses', { token: ana.token, json: { status: '@lucia_msg Sí, el martes', visibility: 'direct', in_reply_to_id: first.id } }),
    );
    const list = await json<Conversation[]>(t.request('GET', '/api/v1/conversations', { token: lucia.token }));
    const conv = list.find((c) => c.last_status?.id === reply.id)!;
    expect(conv).toBeDefined();
    expect(conv.accounts.map((a) => a.acct)).toEqual(['ana_msg']);
    expect(conv.unread).toBe(true);
    const read = await json<Conversation>(t.request('POST', `/api/v1/conversations/${conv.id}/read`, { token: lucia.token }));
    expect(read.unread).toBe(false);
    const messages = await json<{ id: string }[]>(t.request('GET', `/api/v1/medired/conversations/${conv.id}/messages`, { token: lucia.token }));
    expect(messages.map((m) => m.id)).toEqual(expect.arrayContaining([first.id, reply.id]));

    await json(t.request('DELETE', `/api/v1/conversations/${conv.id}`, { token: lucia.token }));
    expect((await json<Conversation[]>(t.request('GET', '/api/v1/conversations', { token: lucia.token }))).map((c) => c.id)).not.toContain(conv.id);
    expect((await t.request('GET', `/api/v1/statuses/${first.id}`, { token: lucia.token })).status).toBe(404);
    // Deleted for Lucía only: Ana still reads it.
    expect((await t.request('GET', `/api/v1/statuses/${first.id}`, { token: ana.token })).status).toBe(200);
  });

  it('a direct status without recipients is a clear 422', async () => {
    const res = await t.request('POST', '/api/v1/statuses', { token: ana.token, json: { status: 'sin destinatario', visibility: 'direct' } });
    expect(res.status).toBe(422);
  });

  it('editing a message keeps its history readable to the members', async () => {
    const conv = await json<Conversation>(start(lucia, [ana], 'Versión uno del mensaje'));
    const id = conv.last_status!.id;
    await json(t.request('PUT', `/api/v1/statuses/${id}`, { token: lucia.token, json: { status: 'Versión dos del mensaje' } }));
    const history = await json<{ content: string }[]>(t.request('GET', `/api/v1/statuses/${id}/history`, { token: ana.token }));
    expect(history.map((h) => h.content).join(' ')).toMatch(/Versión uno.*Versión dos/);
    const source = await json<{ text: string }>(t.request('GET', `/api/v1/statuses/${id}/source`, { token: lucia.token }));
    expect(source.text).toBe('Versión dos del mensaje');
    expect((await t.request('GET', `/api/v1/statuses/${id}/history`, { token: carlos.token })).status).toBe(404);
  });
});

describe('only participants read a conversation', () => {
  const secret = 'Mi número de historia clínica es HC-93311';
  let statusId: string;
  let conversationId: string;

  beforeAll(async () => {
    const conv = await json<Conversation>(start(lucia, [ana], secret));
    statusId = conv.last_status!.id;
    conversationId = conv.id;
  });

  it('outsiders, anonymous visitors and staff get 404 for the message, its context, its conversation and its messages', async () => {
    for (const token of [carlos.token, moderator.token, undefined]) {
      expect((await t.request('GET', `/api/v1/statuses/${statusId}`, { token })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/statuses/${statusId}/context`, { token })).status).toBe(404);
    }
    for (const token of [carlos.token, moderator.token]) {
      expect((await t.request('GET', `/api/v1/medired/conversations/${conversationId}`, { token })).status).toBe(404);
      expect((await t.request('GET', `/api/v1/medired/conversations/${conversationId}/messages`, { token })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/medired/conversations/${conversationId}/messages`, { token, json: { status: 'me cuelo' } })).status).toBe(404);
      expect((await t.request('POST', `/api/v1/conversations/${conversationId}/read`, { token })).status).toBe(404);
      expect((await t.request('POST', '/api/v1/statuses', { token, json: { status: 'me cuelo', visibility: 'direct', in_reply_to_id: statusId } })).status).toBe(404);
    }
  });

  it('never shows up in search, public timelines, tags, profiles or home', async () => {
    for (const token of [ana.token, carlos.token]) {
      const search = await json<{ statuses: unknown[] }>(t.request('GET', `/api/v2/search?q=HC-93311&type=statuses`, { token }));
      expect(search.statuses).toEqual([]);
    }
    for (const path of ['/api/v1/timelines/public', '/api/v1/timelines/home', `/api/v1/accounts/${lucia.accountId}/statuses`]) {
      const page = await json<{ id: string }[]>(t.request('GET', path, { token: ana.token }));
      expect(page.map((s) => s.id)).not.toContain(statusId);
    }
    const profilePage = await (await t.request('GET', '/@lucia_msg')).text();
    expect(profilePage).not.toContain('HC-93311');
  });

  it('raw rows keep no plaintext: the text is sealed', async () => {
    const row = await t.ctx.db.selectFrom('statuses').select(['content_source', 'content_html', 'sealed', 'conversation_id']).where('id', '=', statusId).executeTakeFirstOrThrow();
    expect(row.content_source).toBe('');
    expect(row.content_html).toBe('');
    expect(row.sealed).not.toBeNull();
    expect(Buffer.from(row.sealed!).toString('latin1')).not.toContain('HC-93311');
    const tables = ['statuses', 'status_edits', 'media_attachments', 'notifications', 'jobs', 'audit_log', 'conversations', 'conversation_members', 'mentions'];
    for (const table of tables) {
      const { rows } = await sql<{ t: string }>`SELECT (x.*)::text AS t FROM ${sql.table(table)} x`.execute(t.ctx.db);
      expect(rows.filter((r) => r.t.includes('HC-93311')), table).toEqual([]);
    }
  });

  it('a reported message is readable by moderators, and each read is audited', async () => {
    const report = await json<{ id: string }>(
      t.request('POST', '/api/v1/reports', { token: ana.token, json: { account_id: lucia.accountId, status_ids: [statusId], comment: 'inapropiado', category: 'other' } }),
    );
    const staffToken = (await issueAccessToken(t.ctx.db, { userId: moderator.userId, applicationId: null, scopes: 'read write admin:read admin:write' })).access_token;
    const admin = await json<{ statuses: { id: string; content: string }[] }>(t.request('GET', `/api/v1/admin/reports/${report.id}`, { token: staffToken }));
    expect(admin.statuses.map((s) => s.id)).toEqual([statusId]);
    expect(admin.statuses[0]!.content).toContain('HC-93311');
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'message.read_reported').where('target_id', '=', statusId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_account_id).toBe(moderator.accountId);
    // Still not readable by the moderator outside the report.
    expect((await t.request('GET', `/api/v1/statuses/${statusId}`, { token: moderator.token })).status).toBe(404);
  });
});

describe('group conversations', () => {
  it('a member who leaves reads nothing more; the others go on', async () => {
    const dani = await t.createUser();
    const conv = await json<Conversation>(start(lucia, [ana, dani], 'Grupo de seguimiento'));
    expect(conv.medired.group).toBe(true);
    await json(t.request('POST', `/api/v1/medired/conversations/${conv.id}/leave`, { token: dani.token }));
    const after = await json<{ id: string }>(t.request('POST', `/api/v1/medired/conversations/${conv.id}/messages`, { token: lucia.token, json: { status: 'Sigue el grupo' } }));
    expect((await t.request('GET', `/api/v1/statuses/${after.id}`, { token: dani.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${after.id}`, { token: ana.token })).status).toBe(200);
    const left = await json<Conversation>(t.request('GET', `/api/v1/medired/conversations/${conv.id}`, { token: ana.token }));
    expect(left.accounts.map((a) => a.id)).toEqual([lucia.accountId]);
  });

  it('a one-to-one conversation cannot be left (it is deleted for oneself instead)', async () => {
    const conv = await json<Conversation>(start(lucia, [ana], 'Solo nosotras'));
    expect((await t.request('POST', `/api/v1/medired/conversations/${conv.id}/leave`, { token: ana.token })).status).toBe(403);
  });
});

describe('found by the review', () => {
  it('a block stands inside a conversation: no more messages 1:1, and in a group the blocker gets nothing unread', async () => {
    const [x, y, z] = await Promise.all([t.createUser(), t.createUser(), t.createUser()]);
    await json(t.request('PUT', '/api/v1/medired/messaging_settings', { token: y.token, json: { messages_from: 'anyone' } }));
    await json(t.request('PUT', '/api/v1/medired/messaging_settings', { token: z.token, json: { messages_from: 'anyone' } }));
    const one = await json<Conversation>(start(x, [y], 'Hola'));
    const group = await json<Conversation>(start(x, [y, z], 'Hola grupo'));
    await json(t.request('POST', `/api/v1/conversations/${group.id}/read`, { token: y.token }));
    await json(t.request('POST', `/api/v1/conversations/${one.id}/read`, { token: y.token }));
    await json(t.request('POST', `/api/v1/accounts/${x.accountId}/block`, { token: y.token }));
    expect((await t.request('POST', `/api/v1/medired/conversations/${one.id}/messages`, { token: x.token, json: { status: 'sigo' } })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/statuses', { token: x.token, json: { status: 'sigo', visibility: 'direct', in_reply_to_id: one.last_status!.id } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/medired/conversations/${group.id}/messages`, { token: x.token, json: { status: 'en el grupo' } })).status).toBe(200);
    const counts = await json<{ conversations: number }>(t.request('GET', '/api/v1/medired/conversations/unread_count', { token: y.token }));
    expect(counts.conversations).toBe(0);
    const zCounts = await json<{ conversations: number }>(t.request('GET', '/api/v1/medired/conversations/unread_count', { token: z.token }));
    expect(zCounts.conversations).toBe(1);
  });

  it('an attachment’s description is never written in plaintext before it is known to be public', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } }).png().toBuffer();
    const upload = async (description: string) => {
      const form = new FormData();
      form.set('file', new File([new Uint8Array(png)], 'x.png', { type: 'image/png' }));
      form.set('description', description);
      return json<{ id: string; description: string }>(t.request('POST', '/api/v2/media', { token: lucia.token, form }));
    };
    const pending = await upload('radiografía de Ana DESC-1');
    expect(pending.description).toBe('radiografía de Ana DESC-1');
    const raw = async (id: string) => t.ctx.db.selectFrom('media_attachments').select(['description', 'sealed_description']).where('id', '=', id).executeTakeFirstOrThrow();
    expect((await raw(pending.id)).description).toBe('');
    const conv = await json<Conversation>(t.request('POST', '/api/v1/medired/conversations', { token: lucia.token, json: { account_ids: [ana.accountId], status: 'La imagen', media_ids: [pending.id] } }));
    await json(t.request('PUT', `/api/v1/media/${pending.id}`, { token: lucia.token, json: { description: 'cambiada DESC-2' } }));
    expect((await raw(pending.id)).description).toBe('');
    const seen = await json<{ media_attachments: { description: string }[] }>(t.request('GET', `/api/v1/statuses/${conv.last_status!.id}`, { token: ana.token }));
    expect(seen.media_attachments[0]!.description).toBe('cambiada DESC-2');

    const publicOne = await upload('gráfico público');
    const post = await json<{ media_attachments: { description: string }[] }>(t.request('POST', '/api/v1/statuses', { token: lucia.token, json: { status: 'Un gráfico', media_ids: [publicOne.id] } }));
    expect(post.media_attachments[0]!.description).toBe('gráfico público');
    expect(await raw(publicOne.id)).toEqual({ description: 'gráfico público', sealed_description: null });
  });

  it('a pending request cannot be liked (that would say it was read), and a reply to a message cannot be public', async () => {
    const stranger = await t.createUser();
    const conv = await json<Conversation>(start(stranger, [ana], '¿Me lees?'));
    expect((await t.request('POST', `/api/v1/statuses/${conv.last_status!.id}/favourite`, { token: ana.token })).status).toBe(403);
    const reply = await t.request('POST', '/api/v1/statuses', { token: stranger.token, json: { status: 'público', visibility: 'public', in_reply_to_id: conv.last_status!.id } });
    expect(reply.status).toBe(422);
  });
});
