import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { insertStatus, json, staffUser } from './trust-safety.fixtures.js';

let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let author: TestUser;
let reporter: TestUser;
let bystander: TestUser;

interface Report {
  id: string;
  action_taken: boolean;
  category: string;
  status_ids: string[] | null;
  medired: { category: string; target_type: string; target_id: string | null; actions?: { id: string; action: string }[] };
  statuses?: { id: string }[];
  target_account?: { id: string } | null;
}
interface Notification {
  id: string;
  type: string;
  medired?: { action: string; reason: string; moderation_action_id: string; appealable: boolean; decision?: string; label?: string | null };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await staffUser(t, 'admin');
  moderator = await staffUser(t, 'moderator');
  author = await t.createUser({ username: 'autor_bulos' });
  reporter = await t.createUser();
  bystander = await t.createUser();
});
afterAll(async () => {
  await t.close();
});

async function report(body: Record<string, unknown>, who: TestUser = reporter): Promise<Report> {
  const res = await t.request('POST', '/api/v1/reports', { token: who.token, json: body });
  expect(res.status).toBe(200);
  return json<Report>(res);
}

async function act(body: Record<string, unknown>, who: TestUser = moderator): Promise<Response> {
  return t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: who.token, json: body });
}

async function lastModerationNotice(user: TestUser): Promise<Notification> {
  const list = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.moderation', { token: user.token }));
  return list[0]!;
}

describe('reports (POST /api/v1/reports)', () => {
  it('files a report on a status with a Medired category, visible in the moderators\' queue', async () => {
    const statusId = await insertStatus(t, author.accountId, 'El limón cura el cáncer');
    const created = await report({ account_id: author.accountId, status_ids: [statusId], category: 'health_misinformation', comment: 'Bulo peligroso' });
    expect(created).toMatchObject({ action_taken: false, category: 'violation', status_ids: [statusId], medired: { category: 'health_misinformation', target_type: 'status', target_id: statusId } });
    const queue = await json<Report[]>(await t.request('GET', '/api/v1/admin/reports', { token: moderator.token }));
    const entry = queue.find((r) => r.id === created.id)!;
    expect(entry.statuses!.map((s) => s.id)).toEqual([statusId]);
    expect(entry.target_account!.id).toBe(author.accountId);
    const staffNotes = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=admin.report', { token: moderator.token }));
    expect(staffNotes.length).toBeGreaterThan(0);
  });

  it('maps Mastodon categories and accepts account-only reports', async () => {
    const created = await report({ account_id: author.accountId, category: 'spam' });
    expect(created).toMatchObject({ category: 'spam', medired: { category: 'spam', target_type: 'account' } });
    const legal = await report({ account_id: author.accountId, category: 'legal' });
    expect(legal.medired.category).toBe('other');
    const bad = await t.request('POST', '/api/v1/reports', { token: reporter.token, json: { account_id: author.accountId, category: 'rude' } });
    expect(bad.status).toBe(422);
  });

  it('stores generic targets such as Consulta answers', async () => {
    const q = await t.ctx.db
      .insertInto('consulta_questions')
      .values({ account_id: reporter.accountId, title: 'Dolor de espalda', body_source: 'Me duele la espalda al levantarme', body_html: '<p>x</p>', specialty: 'traumatology' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await t.ctx.db
      .insertInto('consulta_answers')
      .values({ question_id: q.id, account_id: author.accountId, body_source: 'Toma este suplemento milagroso ya', body_html: '<p>x</p>', response_seconds: 10 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = await report({ target_type: 'consulta_answer', target_id: a.id, category: 'health_misinformation' });
    expect(created.medired).toMatchObject({ target_type: 'consulta_answer', target_id: a.id });
    expect(created.target_account!.id).toBe(author.accountId);
    const hidden = await act({ action: 'hide', report_id: created.id, reason: 'Recomendación sin evidencia' });
    expect(hidden.status).toBe(200);
    const row = await t.ctx.db.selectFrom('consulta_answers').select('hidden_at').where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.hidden_at).not.toBeNull();
    expect((await t.request('POST', '/api/v1/reports', { token: reporter.token, json: { target_type: 'unicorn', target_id: '1' } })).status).toBe(422);
  });

  it('refuses reporting oneself, statuses one cannot see, and anonymous reporters', async () => {
    expect((await t.request('POST', '/api/v1/reports', { token: author.token, json: { account_id: author.accountId } })).status).toBe(422);
    const secret = await insertStatus(t, author.accountId, 'Solo seguidores', 'private');
    expect((await t.request('POST', '/api/v1/reports', { token: bystander.token, json: { status_ids: [secret] } })).status).toBe(404);
    expect((await t.request('POST', '/api/v1/reports', { json: { account_id: author.accountId } })).status).toBe(401);
  });

  it('keeps the queue and report details to moderators', async () => {
    const [row] = await t.ctx.db.selectFrom('reports').select('id').limit(1).execute();
    expect((await t.request('GET', '/api/v1/admin/reports')).status).toBe(401);
    for (const user of [reporter, author]) {
      expect((await t.request('GET', '/api/v1/admin/reports', { token: user.token })).status).toBe(403);
      expect((await t.request('GET', `/api/v1/admin/reports/${row!.id}`, { token: user.token })).status).toBe(403);
      expect((await t.request('POST', `/api/v1/admin/reports/${row!.id}/resolve`, { token: user.token })).status).toBe(403);
      expect((await t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: user.token, json: { action: 'warn', account_id: bystander.accountId, reason: 'x x x' } })).status).toBe(403);
      expect((await t.request('GET', '/api/v1/admin/accounts', { token: user.token })).status).toBe(403);
    }
    expect((await t.request('GET', `/api/v1/admin/reports/${row!.id}`, { token: admin.token })).status).toBe(200);
  });

  it('resolves and reopens reports (Mastodon admin API)', async () => {
    const created = await report({ account_id: author.accountId, comment: 'Molesto' });
    const resolved = await json<Report>(await t.request('POST', `/api/v1/admin/reports/${created.id}/resolve`, { token: moderator.token }));
    expect(resolved.action_taken).toBe(true);
    const resolvedList = await json<Report[]>(await t.request('GET', '/api/v1/admin/reports?resolved=true', { token: moderator.token }));
    expect(resolvedList.some((r) => r.id === created.id)).toBe(true);
    const reopened = await json<Report>(await t.request('POST', `/api/v1/admin/reports/${created.id}/reopen`, { token: moderator.token }));
    expect(reopened.action_taken).toBe(false);
  });
});

describe('moderation actions, notices and appeals', () => {
  it('hides a reported status: others no longer see it, the author is told why and appeals once; an upheld appeal shows it again', async () => {
    const statusId = await insertStatus(t, author.accountId, 'Las vacunas causan autismo');
    const r = await report({ status_ids: [statusId], category: 'health_misinformation' });
    const res = await act({ action: 'hide', report_id: r.id, reason: 'Afirmación refutada por la evidencia científica' });
    expect(res.status).toBe(200);
    const actionId = (await json<{ id: string }>(res)).id;
    expect((await t.request('GET', `/api/v1/statuses/${statusId}`, { token: bystander.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/statuses/${statusId}`, { token: author.token })).status).toBe(200);
    const notice = await lastModerationNotice(author);
    expect(notice.medired).toMatchObject({ action: 'hide', reason: 'Afirmación refutada por la evidencia científica', moderation_action_id: actionId, appealable: true });
    const handled = await json<Report>(await t.request('GET', `/api/v1/admin/reports/${r.id}`, { token: moderator.token }));
    expect(handled.action_taken).toBe(true);
    expect(handled.medired.actions!.map((a) => a.action)).toEqual(['hide']);

    const appeal = await t.request('POST', '/api/v1/medired/appeals', { token: author.token, json: { action_id: actionId, text: 'Cito un estudio publicado, revisadlo por favor' } });
    expect(appeal.status).toBe(200);
    const appealId = (await json<{ id: string }>(appeal)).id;
    const second = await t.request('POST', '/api/v1/medired/appeals', { token: author.token, json: { action_id: actionId, text: 'Otra vez lo mismo, por favor' } });
    expect(second.status).toBe(422);
    expect((await json<{ error: string }>(second)).error).toMatch(/already appealed/);
    const stranger = await t.request('POST', '/api/v1/medired/appeals', { token: bystander.token, json: { action_id: actionId, text: 'No es mío pero apelo' } });
    expect(stranger.status).toBe(404);

    const pending = await json<{ id: string }[]>(await t.request('GET', '/api/v1/medired/admin/appeals', { token: moderator.token }));
    expect(pending.map((a) => a.id)).toContain(appealId);
    expect((await t.request('GET', '/api/v1/medired/admin/appeals', { token: author.token })).status).toBe(403);
    const approve = await t.request('POST', `/api/v1/medired/admin/appeals/${appealId}/approve`, { token: moderator.token, json: { reason: 'El estudio es válido' } });
    expect(approve.status).toBe(200);
    expect((await t.request('GET', `/api/v1/statuses/${statusId}`, { token: bystander.token })).status).toBe(200);
    const decision = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.appeal', { token: author.token }));
    expect(decision[0]!.medired).toMatchObject({ decision: 'approved' });
    expect((await t.request('POST', `/api/v1/medired/admin/appeals/${appealId}/reject`, { token: moderator.token, json: {} })).status).toBe(409);
  });

  it('labels a status with the default misinformation label, and a rejected appeal keeps it', async () => {
    const statusId = await insertStatus(t, author.accountId, 'El ayuno cura la diabetes tipo 1');
    const res = await act({ action: 'label', status_id: statusId, reason: 'Contradice las guías clínicas' });
    const actionId = (await json<{ id: string }>(res)).id;
    const status = await json<{ medired: { moderation_label: string } }>(await t.request('GET', `/api/v1/statuses/${statusId}`, { token: bystander.token }));
    expect(status.medired.moderation_label).toBe('Información sanitaria engañosa');
    expect((await lastModerationNotice(author)).medired).toMatchObject({ action: 'label', label: 'Información sanitaria engañosa' });
    const appeal = await json<{ id: string }>(await t.request('POST', '/api/v1/medired/appeals', { token: author.token, json: { action_id: actionId, text: 'Es mi experiencia personal' } }));
    await t.request('POST', `/api/v1/medired/admin/appeals/${appeal.id}/reject`, { token: moderator.token, json: { reason: 'Sigue siendo engañoso' } });
    const after = await t.ctx.db.selectFrom('statuses').select('moderation_label').where('id', '=', statusId).executeTakeFirstOrThrow();
    expect(after.moderation_label).toBe('Información sanitaria engañosa');
    const decision = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.appeal', { token: author.token }));
    expect(decision[0]!.medired).toMatchObject({ decision: 'rejected', reason: 'Sigue siendo engañoso' });
  });

  it('removes a status keeping a snapshot in the audit log, and an upheld appeal restores it with its counters', async () => {
    const statusId = await insertStatus(t, author.accountId, 'Compra mi suplemento milagroso');
    await t.request('POST', `/api/v1/statuses/${statusId}/favourite`, { token: bystander.token });
    const before = await t.ctx.db.selectFrom('accounts').select('statuses_count').where('id', '=', author.accountId).executeTakeFirstOrThrow();
    const r = await report({ status_ids: [statusId], category: 'spam' });
    const res = await act({ action: 'remove', report_id: r.id, reason: 'Publicidad de productos sin autorización' });
    expect(res.status).toBe(200);
    const actionId = (await json<{ id: string }>(res)).id;
    expect(await t.ctx.db.selectFrom('statuses').select('id').where('id', '=', statusId).executeTakeFirst()).toBeUndefined();
    const mid = await t.ctx.db.selectFrom('accounts').select('statuses_count').where('id', '=', author.accountId).executeTakeFirstOrThrow();
    expect(mid.statuses_count).toBe(before.statuses_count - 1);
    const audit = await json<{ data: { snapshot: { status: { content_source: string } } } }[]>(
      await t.request('GET', `/api/v1/medired/admin/audit_log?action=moderation.remove&target_id=${statusId}`, { token: admin.token }),
    );
    expect(audit[0]!.data.snapshot.status.content_source).toBe('Compra mi suplemento milagroso');
    const appeal = await json<{ id: string }>(await t.request('POST', '/api/v1/medired/appeals', { token: author.token, json: { action_id: actionId, text: 'Es información, no publicidad' } }));
    await t.request('POST', `/api/v1/medired/admin/appeals/${appeal.id}/approve`, { token: moderator.token, json: {} });
    const restored = await t.ctx.db.selectFrom('statuses').select(['content_source', 'favourites_count']).where('id', '=', statusId).executeTakeFirstOrThrow();
    expect(restored).toEqual({ content_source: 'Compra mi suplemento milagroso', favourites_count: 1 });
    const after = await t.ctx.db.selectFrom('accounts').select('statuses_count').where('id', '=', author.accountId).executeTakeFirstOrThrow();
    expect(after.statuses_count).toBe(before.statuses_count);
  });

  it('warns an account; the warning can be appealed once', async () => {
    const res = await act({ action: 'warn', account_id: author.accountId, reason: 'Tono agresivo con pacientes' });
    const actionId = (await json<{ id: string }>(res)).id;
    expect((await lastModerationNotice(author)).medired).toMatchObject({ action: 'warn', reason: 'Tono agresivo con pacientes' });
    const mine = await json<{ id: string; appealable: boolean }[]>(await t.request('GET', '/api/v1/medired/moderation_actions', { token: author.token }));
    expect(mine.find((a) => a.id === actionId)!.appealable).toBe(true);
  });

  it('limits an account (Mastodon "silence") and lifts the limit', async () => {
    const res = await t.request('POST', `/api/v1/admin/accounts/${author.accountId}/action`, { token: moderator.token, json: { type: 'silence', text: 'Spam repetido' } });
    expect(res.status).toBe(200);
    const admined = await json<{ silenced: boolean; medired: { actions: { action: string }[] } }>(await t.request('GET', `/api/v1/admin/accounts/${author.accountId}`, { token: moderator.token }));
    expect(admined.silenced).toBe(true);
    expect(admined.medired.actions[0]!.action).toBe('limit');
    expect((await lastModerationNotice(author)).medired).toMatchObject({ action: 'limit', reason: 'Spam repetido' });
    expect((await act({ action: 'limit', account_id: author.accountId, reason: 'otra vez' })).status).toBe(409);
    expect((await t.request('POST', `/api/v1/admin/accounts/${author.accountId}/unsilence`, { token: author.token })).status).toBe(403);
    const lifted = await t.request('POST', `/api/v1/admin/accounts/${author.accountId}/unsilence`, { token: moderator.token, json: { text: 'Comportamiento corregido' } });
    expect(lifted.status).toBe(200);
    expect((await json<{ silenced: boolean }>(lifted)).silenced).toBe(false);
    expect((await act({ action: 'unlimit', account_id: author.accountId, reason: 'otra vez' })).status).toBe(409);
    const row = await t.ctx.db.selectFrom('accounts').select('silenced_at').where('id', '=', author.accountId).executeTakeFirstOrThrow();
    expect(row.silenced_at).toBeNull();
  });

  it('suspends an account: it cannot post or act (403) but can still appeal, and an upheld appeal lifts the suspension', async () => {
    const victim = await t.createUser();
    const res = await act({ action: 'suspend', account_id: victim.accountId, reason: 'Suplantación de identidad de un médico' });
    expect(res.status).toBe(200);
    const actionId = (await json<{ id: string }>(res)).id;
    expect((await t.request('POST', '/api/v1/statuses', { token: victim.token, json: { status: 'Sigo aquí' } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/accounts/${bystander.accountId}/follow`, { token: victim.token })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/reports', { token: victim.token, json: { account_id: bystander.accountId } })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/accounts/${victim.accountId}`, { token: bystander.token })).status).toBe(410);
    const appeal = await t.request('POST', '/api/v1/medired/appeals', { token: victim.token, json: { action_id: actionId, text: 'Soy yo de verdad, aquí mi colegiación' } });
    expect(appeal.status).toBe(200);
    await t.request('POST', `/api/v1/medired/admin/appeals/${(await json<{ id: string }>(appeal)).id}/approve`, { token: moderator.token, json: {} });
    expect((await t.request('POST', '/api/v1/statuses', { token: victim.token, json: { status: 'De vuelta' } })).status).toBe(200);
  });

  it('requires a reason, the content for content actions, and lets only admins act against staff', async () => {
    expect((await act({ action: 'warn', account_id: author.accountId })).status).toBe(422);
    expect((await act({ action: 'hide', account_id: author.accountId, reason: 'sin contenido' })).status).toBe(422);
    expect((await act({ action: 'suspend', account_id: admin.accountId, reason: 'intento' })).status).toBe(403);
    expect((await act({ action: 'warn', account_id: moderator.accountId, reason: 'aviso al moderador' }, admin)).status).toBe(200);
    expect((await t.request('POST', `/api/v1/admin/accounts/${author.accountId}/action`, { token: moderator.token, json: { type: 'none', warning_preset_id: '99' } })).status).toBe(422);
    expect((await t.request('POST', `/api/v1/admin/accounts/${author.accountId}/action`, { token: moderator.token, json: { type: 'none', warning_preset_id: '2' } })).status).toBe(200);
  });
});

describe('audit log', () => {
  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(sql`UPDATE audit_log SET reason = 'tampered'`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    const count = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });

  it('can be browsed by staff only, with filters and keyset pagination', async () => {
    expect((await t.request('GET', '/api/v1/medired/admin/audit_log')).status).toBe(401);
    expect((await t.request('GET', '/api/v1/medired/admin/audit_log', { token: reporter.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/medired/admin/audit_log', { token: moderator.token })).status).toBe(200);
    const first = await t.request('GET', '/api/v1/medired/admin/audit_log?limit=2', { token: admin.token });
    expect(first.status).toBe(200);
    const page1 = await json<{ id: string }[]>(first);
    expect(page1).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')![1]!;
    const page2 = await json<{ id: string }[]>(await t.request('GET', next.replace('http://medired.test', ''), { token: admin.token }));
    expect(BigInt(page2[0]!.id)).toBeLessThan(BigInt(page1[1]!.id));
    const byActor = await json<{ actor_account_id: string; action: string }[]>(
      await t.request('GET', `/api/v1/medired/admin/audit_log?actor_account_id=${reporter.accountId}&action=report.create`, { token: admin.token }),
    );
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actor_account_id === reporter.accountId && e.action === 'report.create')).toBe(true);
  });
});

describe('anti-abuse', () => {
  it('refuses links from accounts younger than 24 hours with fewer than 3 posts, on create and edit', async () => {
    const newbie = await t.createUser();
    const res = await t.request('POST', '/api/v1/statuses', { token: newbie.token, json: { status: 'Mira www.curamilagrosa.com' } });
    expect(res.status).toBe(422);
    expect((await json<{ error: string }>(res)).error).toMatch(/New accounts cannot post links/);
    expect((await t.request('POST', '/api/v1/statuses', { token: newbie.token, json: { status: 'compra en oferta-pastillas.xyz ya' } })).status).toBe(422);
    const plain = await t.request('POST', '/api/v1/statuses', { token: newbie.token, json: { status: 'Hola a todos, soy nueva' } });
    expect(plain.status).toBe(200);
    const id = (await json<{ id: string }>(plain)).id;
    expect((await t.request('PUT', `/api/v1/statuses/${id}`, { token: newbie.token, json: { status: 'Hola https://spam.example/x' } })).status).toBe(422);
  });

  it('allows links once the account has 3 posts, is older than a day, is verified, or is staff', async () => {
    const poster = await t.createUser();
    for (const text of ['uno', 'dos', 'tres']) await t.request('POST', '/api/v1/statuses', { token: poster.token, json: { status: text } });
    expect((await t.request('POST', '/api/v1/statuses', { token: poster.token, json: { status: 'Guía: https://www.who.int/es' } })).status).toBe(200);
    const old = await t.createUser();
    await t.ctx.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 25 * 3600 * 1000) }).where('id', '=', old.accountId).execute();
    expect((await t.request('POST', '/api/v1/statuses', { token: old.token, json: { status: 'https://www.who.int/es' } })).status).toBe(200);
    const verified = await t.createUser({ kind: 'professional', profession: 'doctor' });
    await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified' }).where('id', '=', verified.accountId).execute();
    expect((await t.request('POST', '/api/v1/statuses', { token: verified.token, json: { status: 'https://www.who.int/es' } })).status).toBe(200);
    expect((await t.request('POST', '/api/v1/statuses', { token: moderator.token, json: { status: 'https://www.who.int/es' } })).status).toBe(200);
  });
});

describe('report rate limits', () => {
  it('allows 10 reports an hour per account, then answers 429', async () => {
    const limited = await createTestApp({ RATE_LIMIT_FACTOR: '1' });
    try {
      await limited.createUser();
      const who = await limited.createUser();
      const target = await limited.createUser();
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push((await limited.request('POST', '/api/v1/reports', { token: who.token, json: { account_id: target.accountId, comment: `n${i}` } })).status);
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses[10]).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
