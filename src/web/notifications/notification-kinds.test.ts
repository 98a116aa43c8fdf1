import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_NOTIFICATION_TYPES } from '../../notifications/notification-groups.js';
import { insertNotification } from '../../notifications/notifications.repository.js';
import { insertStatus } from '../../moderation/trust-safety.fixtures.js';
import { createTestApp, type TestApp, type TestUser } from '../../testing/test-app.js';
import { webSession, type WebSession } from '../testing/web-session.js';
import { NOTIFICATION_KINDS } from './notification-kinds.js';

let t: TestApp;
let me: TestUser;
let actor: TestUser;
let es: WebSession;
let en: WebSession;
let statusId: string;
let pageEs: string;
let pageEn: string;

/** One row per type: who caused it, what it is about, what the page must say and link to. */
interface Case {
  type: string;
  from?: boolean;
  status?: boolean;
  payload?: Record<string, unknown>;
  es: string;
  en: string;
  /** The sentence's link (`{status}` and `{actor}` are filled in); null: a sentence without a link. */
  href: string | null;
}

const CASES: Case[] = [
  { type: 'mention', from: true, status: true, es: 'te ha mencionado', en: 'mentioned you', href: '/@{me}/{status}' },
  { type: 'status', from: true, status: true, es: 'ha publicado', en: 'posted', href: '/@{me}/{status}' },
  { type: 'reblog', from: true, status: true, es: 'ha compartido tu publicación', en: 'shared your post', href: '/@{me}/{status}' },
  { type: 'favourite', from: true, status: true, es: 'le ha gustado tu publicación', en: 'liked your post', href: '/@{me}/{status}' },
  { type: 'update', from: true, status: true, es: 'ha editado una publicación', en: 'edited a post', href: '/@{me}/{status}' },
  { type: 'poll', from: true, status: true, es: 'mira los resultados', en: 'see the results', href: '/@{me}/{status}' },
  { type: 'follow', from: true, es: 'te ha empezado a seguir', en: 'followed you', href: '/@{actor}' },
  { type: 'follow_request', from: true, es: 'quiere seguirte', en: 'has requested to follow you', href: '/follow_requests' },
  { type: 'admin.report', from: true, payload: { report_id: '{report}', category: 'spam' }, es: 'ha enviado una denuncia', en: 'filed a report', href: '/admin/reports/{report}' },
  { type: 'admin.sign_up', from: true, es: 'se ha registrado', en: 'signed up', href: '/@{actor}' },
  { type: 'moderation_warning', es: 'te ha enviado una advertencia', en: 'sent you a warning', href: null },
  { type: 'medired.consulta_answer', from: true, payload: { question_id: '5', answer_id: '9' }, es: 'ha respondido a tu consulta', en: 'answered your question', href: '/consultas/5#a-9' },
  { type: 'medired.consulta_accepted', payload: { question_id: '5', answer_id: '9' }, es: 'Han aceptado tu respuesta', en: 'Your answer was accepted', href: '/consultas/5#a-9' },
  { type: 'medired.consulta_question', from: true, payload: { question_id: '6', specialty: 'cardiology' }, es: 'ha publicado una consulta de tu especialidad', en: 'asked a question in your specialty', href: '/consultas/6' },
  { type: 'medired.consulta_comment', payload: { question_id: '5', comment_id: '3' }, es: 'Hay un comentario nuevo', en: 'There is a new comment', href: '/consultas/5#c-3' },
  { type: 'medired.verification', payload: { decision: 'approved', reason: null }, es: 'Tu cuenta ha sido verificada', en: 'Your account has been verified', href: '/settings/verification' },
  { type: 'medired.moderation', payload: { action: 'warn', reason: 'Spam', moderation_action_id: '1', appealable: true }, es: 'ha tomado una decisión: Advertir a la cuenta', en: 'Warn the account', href: null },
  { type: 'medired.appeal', payload: { decision: 'approved', reason: null }, es: 'Tu apelación ha sido aceptada', en: 'Your appeal was', href: null },
  { type: 'medired.report', payload: { report_id: '4', category: 'spam', outcome: 'content_removed' }, es: 'hemos retirado el contenido', en: 'removed the content', href: null },
  { type: 'medired.message_request', from: true, payload: { conversation_id: '12' }, es: 'quiere enviarte un mensaje', en: 'wants to send you a message', href: '/messages/12' },
  { type: 'medired.complaint', from: true, payload: { complaint_id: '21' }, es: 'ha presentado una reclamación sobre ti', en: 'filed a complaint about you', href: '/complaints/21' },
  { type: 'medired.complaint_answered', from: true, payload: { complaint_id: '21' }, es: 'ha respondido a tu reclamación', en: 'answered your complaint', href: '/complaints/21' },
  { type: 'medired.care_request', from: true, payload: { care_request_id: '7', kind: 'appointment' }, es: 'te ha enviado una solicitud de consulta', en: 'sent you a care request', href: '/care-requests/7' },
  { type: 'medired.group_join_request', from: true, payload: { group_id: '3', slug: 'duelo', group_name: 'Duelo' }, es: 'pide unirse a Duelo', en: 'asks to join Duelo', href: '/groups/duelo/members' },
  { type: 'medired.group_approved', payload: { group_id: '3', slug: 'duelo', group_name: 'Duelo' }, es: 'Ya formas parte de Duelo', en: 'You are now a member of Duelo', href: '/groups/duelo' },
  { type: 'medired.group_invited', from: true, payload: { group_id: '3', slug: 'duelo', group_name: 'Duelo' }, es: 'te invita a Duelo', en: 'invites you to Duelo', href: '/groups/duelo' },
  { type: 'medired.group_reply', payload: { group_id: '3', slug: 'duelo', group_name: 'Duelo', post_id: '7', reply_id: '8', pseudonym: 'Luna' }, es: 'Luna ha respondido a tu publicación en Duelo', en: 'Luna replied to your post in Duelo', href: '/groups/duelo/posts/7#p-8' },
  { type: 'medired.group_report', payload: { group_id: '3', slug: 'duelo', group_name: 'Duelo', group_report_id: '2' }, es: 'Nueva denuncia en Duelo', en: 'New report in Duelo', href: '/groups/duelo/moderation' },
  { type: 'medired.something_new', from: true, es: 'Tienes una notificación nueva de', en: 'You have a new notification from', href: '/@{actor}' },
  { type: 'medired.something_else', es: 'Tienes una notificación nueva.', en: 'You have a new notification.', href: null },
];

const ids = new Map<string, string>();
/** A real report: a notification about a report that no longer exists is not listed. */
let reportId: string;

beforeAll(async () => {
  t = await createTestApp();
  me = await t.createUser();
  actor = await t.createUser();
  statusId = await insertStatus(t, me.accountId, 'Una publicación mía');
  const report = await t.request('POST', '/api/v1/reports', { token: actor.token, json: { account_id: me.accountId, category: 'spam', comment: 'Publicidad' } });
  expect(report.status).toBe(200);
  reportId = ((await report.json()) as { id: string }).id;
  for (const c of CASES) {
    await insertNotification(t.ctx.db, {
      account_id: me.accountId,
      type: c.type,
      from_account_id: c.from ? actor.accountId : null,
      status_id: c.status ? statusId : null,
      payload: JSON.stringify(c.payload ?? {}).replace('{report}', reportId),
    });
    const row = await t.ctx.db.selectFrom('notifications').select('id').where('account_id', '=', me.accountId).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    ids.set(c.type, row.id);
  }
  es = await webSession(t, me);
  en = await webSession(t, me, 'lang=en');
  [pageEs, pageEn] = await Promise.all([es.get('/notifications').then((r) => r.text()), en.get('/notifications').then((r) => r.text())]);
});
afterAll(async () => {
  await t.close();
});

/** The `<li>` of one notification on the page. */
function entry(html: string, id: string): string {
  const start = html.indexOf(`id="n-${id}"`);
  expect(start, `notification ${id} is on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</li>', start));
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('the table of notification kinds', () => {
  it('has an entry for every type a domain records, and no entry for a type no group knows', () => {
    const known = new Set(KNOWN_NOTIFICATION_TYPES);
    expect(Object.keys(NOTIFICATION_KINDS).filter((type) => !known.has(type))).toEqual([]);
    expect(KNOWN_NOTIFICATION_TYPES.filter((type) => !(type in NOTIFICATION_KINDS))).toEqual([]);
  });

  it('covers every known type in this test', () => {
    expect(KNOWN_NOTIFICATION_TYPES.filter((type) => !CASES.some((c) => c.type === type))).toEqual([]);
  });
});

describe('each notification on the page', () => {
  it.each(CASES)('$type says what happened in Spanish and English, linked to where it happened', async (c) => {
    const id = ids.get(c.type)!;
    const li = decode(entry(pageEs, id));
    expect(li).toContain(c.es);
    expect(decode(entry(pageEn, id))).toContain(c.en);
    const sentence = /<p class="notification-text">(.*?)<\/p>/s.exec(li)![1]!;
    const href = /<a href="([^"]+)">/.exec(sentence)?.[1] ?? null;
    const expected = c.href?.replace('{me}', me.username).replace('{actor}', actor.username).replace('{status}', statusId).replace('{report}', reportId) ?? null;
    expect(href).toBe(expected);
  });
});
