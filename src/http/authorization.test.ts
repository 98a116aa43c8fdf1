import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { signIn } from '../auth/sessions.service.js';
import { hasScope } from '../auth/viewer.js';
import { createVerifiedOrganization, createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import type { Database } from '../db/database.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
// The route table under test. When the table moves (e.g. to `src/app.ts`), change only this line.
import { routeTable } from '../app.js';
import type { AnyRoute, AuthRequirement } from './route.js';

/**
 * Every route of the table, called by five actors, must treat each as its declaration says:
 *
 * - anonymous: `user`, `user-even-suspended` and staff routes answer 401;
 * - an ordinary other account: staff routes 403; routes on someone else's resource (OWNER_ONLY)
 *   403 or 404 with the resource unchanged;
 * - a suspended account (full-scope token): 403 except on `user-even-suspended` routes; on public
 *   (`none`/`optional`) reads it gets exactly what an anonymous visitor gets;
 * - a read-only token (scopes `read`): 403 on every route whose scope `read` does not cover;
 * - a moderator without two-factor authentication (token with the admin scopes): staff routes
 *   403, someone else's resources refused, and public reads show no more than to another account.
 *
 * ACCESS lists every route as `METHOD path` with its expected `auth` and `scope`: a route missing
 * from the list, a route whose declaration differs from it, or a non-GET authenticated route
 * without a scope fails the test, so a new entrance cannot ship without a stated rule.
 */

type Access = [auth: AuthRequirement, scope?: string];

const ACCESS: Record<string, Access> = {
  'GET /api/v2/instance': ['none'],
  'GET /api/v1/instance': ['none'],
  'GET /api/v1/custom_emojis': ['none'],
  'GET /api/v1/preferences': ['user', 'read:accounts'],
  'POST /api/v1/accounts': ['optional'],
  'GET /api/v1/accounts/verify_credentials': ['user-even-suspended', 'read:accounts'],
  'PATCH /api/v1/accounts/update_credentials': ['user', 'write:accounts'],
  'GET /api/v1/accounts/lookup': ['optional'],
  'GET /api/v1/accounts/relationships': ['user', 'read:follows'],
  'GET /api/v1/accounts/:id{[0-9]+}': ['optional'],
  'POST /api/v1/accounts/:id{[0-9]+}/follow': ['user', 'write:follows'],
  'POST /api/v1/accounts/:id{[0-9]+}/unfollow': ['user', 'write:follows'],
  'GET /api/v1/follow_requests': ['user', 'read:follows'],
  'POST /api/v1/follow_requests/:id{[0-9]+}/authorize': ['user', 'write:follows'],
  'POST /api/v1/follow_requests/:id{[0-9]+}/reject': ['user', 'write:follows'],
  'GET /api/v1/accounts/:id{[0-9]+}/followers': ['optional'],
  'GET /api/v1/accounts/:id{[0-9]+}/following': ['optional'],
  'POST /api/v1/apps': ['optional'],
  'GET /api/v1/apps/verify_credentials': ['optional'],
  'POST /oauth/token': ['none'],
  'POST /oauth/revoke': ['none'],
  'GET /.well-known/oauth-authorization-server': ['none'],
  'GET /api/v1/medired/sessions': ['user-even-suspended', 'read:accounts'],
  'DELETE /api/v1/medired/sessions/:id': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/tokens': ['user-even-suspended', 'read:accounts'],
  'DELETE /api/v1/medired/tokens/:id': ['user-even-suspended', 'write:accounts'],
  'POST /api/v1/medired/password': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/two_factor': ['user-even-suspended', 'read:accounts'],
  'POST /api/v1/medired/two_factor/setup': ['user-even-suspended', 'write:accounts'],
  'POST /api/v1/medired/two_factor/enable': ['user-even-suspended', 'write:accounts'],
  'POST /api/v1/medired/two_factor/disable': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/consultas': ['optional'],
  'GET /api/v1/medired/consultas/for_me': ['user', 'read:statuses'],
  'POST /api/v1/medired/consultas': ['user', 'write:statuses'],
  'PUT /api/v1/medired/consultas/answers/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/answers/:id/accept': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/answers/:id/unaccept': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/answers/:id/helpful': ['user', 'write:favourites'],
  'DELETE /api/v1/medired/consultas/answers/:id/helpful': ['user', 'write:favourites'],
  'DELETE /api/v1/medired/consultas/comments/:id': ['user', 'write:statuses'],
  'GET /api/v1/medired/consultas/:id': ['optional'],
  'PUT /api/v1/medired/consultas/:id': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/consultas/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/:id/answers': ['user', 'write:statuses'],
  'GET /api/v1/medired/consultas/:id/answers': ['optional'],
  'POST /api/v1/medired/consultas/:id/comments': ['user', 'write:statuses'],
  'GET /api/v1/medired/accounts/:id/consulta_stats': ['optional'],
  'GET /api/v1/medired/alerts': ['optional'],
  'GET /api/v1/medired/alerts/active': ['user', 'read:statuses'],
  'POST /api/v1/medired/alerts': ['user', 'write:statuses'],
  'GET /api/v1/medired/alerts/:id': ['optional'],
  'PUT /api/v1/medired/alerts/:id': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/alerts/:id': ['user', 'write:statuses'],
  'GET /api/v1/medired/fact_checks': ['optional'],
  'POST /api/v1/medired/fact_checks': ['user', 'write:statuses'],
  'GET /api/v1/medired/fact_checks/:id': ['optional'],
  'POST /api/v1/medired/fact_checks/:id/rate': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/fact_checks/:id': ['user', 'write:statuses'],
  'GET /api/v1/timelines/home': ['user', 'read:statuses'],
  'GET /api/v1/timelines/public': ['optional', 'read:statuses'],
  'GET /api/v1/timelines/tag/:hashtag': ['optional', 'read:statuses'],
  'GET /api/v1/accounts/:id{[0-9]+}/statuses': ['optional', 'read:statuses'],
  'GET /api/v1/medired/accounts/:id{[0-9]+}/articles': ['optional', 'read:statuses'],
  'GET /api/v2/search': ['optional', 'read:search'],
  'GET /api/v1/accounts/search': ['user', 'read:accounts'],
  'POST /api/v1/statuses': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}': ['optional', 'read:statuses'],
  'PUT /api/v1/statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'DELETE /api/v1/statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/context': ['optional', 'read:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/history': ['optional', 'read:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/source': ['user', 'read:statuses'],
  'POST /api/v1/statuses/:id{[0-9]+}/favourite': ['user', 'write:favourites'],
  'POST /api/v1/statuses/:id{[0-9]+}/unfavourite': ['user', 'write:favourites'],
  'POST /api/v1/statuses/:id{[0-9]+}/reblog': ['user', 'write:statuses'],
  'POST /api/v1/statuses/:id{[0-9]+}/unreblog': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/favourited_by': ['optional', 'read:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/reblogged_by': ['optional', 'read:statuses'],
  'GET /api/v1/favourites': ['user', 'read:favourites'],
  'POST /api/v2/media': ['user', 'write:media'],
  'POST /api/v1/media': ['user', 'write:media'],
  'GET /api/v1/media/:id{[0-9]+}': ['user', 'write:media'],
  'PUT /api/v1/media/:id{[0-9]+}': ['user', 'write:media'],
  'POST /api/v1/medired/verification_requests': ['user', 'write:accounts'],
  'GET /api/v1/medired/verification_requests': ['user', 'read:accounts'],
  'PUT /api/v1/medired/verification_requests/:id{[0-9]+}': ['user', 'write:accounts'],
  'GET /api/v1/medired/admin/verification_requests': ['moderator', 'admin:read:accounts'],
  'GET /api/v1/medired/admin/verification_requests/:id{[0-9]+}': ['moderator', 'admin:read:accounts'],
  'GET /api/v1/medired/admin/verification_requests/:id{[0-9]+}/document': ['moderator', 'admin:read:accounts'],
  'POST /api/v1/medired/admin/verification_requests/:id{[0-9]+}/approve': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/verification_requests/:id{[0-9]+}/reject': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/verification_requests/:id{[0-9]+}/request_info': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/accounts/:id{[0-9]+}/revoke_verification': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/reports': ['user', 'write:reports'],
  'GET /api/v1/admin/reports': ['moderator', 'admin:read:reports'],
  'GET /api/v1/admin/reports/:id{[0-9]+}': ['moderator', 'admin:read:reports'],
  'POST /api/v1/admin/reports/:id{[0-9]+}/resolve': ['moderator', 'admin:write:reports'],
  'POST /api/v1/admin/reports/:id{[0-9]+}/reopen': ['moderator', 'admin:write:reports'],
  'GET /api/v1/admin/accounts': ['moderator', 'admin:read:accounts'],
  'GET /api/v1/admin/accounts/:id{[0-9]+}': ['moderator', 'admin:read:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/action': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/unsilence': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/unsuspend': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/moderation_actions': ['moderator', 'admin:write:reports'],
  'GET /api/v1/medired/moderation_actions': ['user-even-suspended', 'read:accounts'],
  'POST /api/v1/medired/appeals': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/appeals': ['user-even-suspended', 'read:accounts'],
  'GET /api/v1/medired/admin/appeals': ['moderator', 'admin:read:reports'],
  'GET /api/v1/medired/admin/appeals/:id{[0-9]+}': ['moderator', 'admin:read:reports'],
  'POST /api/v1/medired/admin/appeals/:id{[0-9]+}/approve': ['moderator', 'admin:write:reports'],
  'POST /api/v1/medired/admin/appeals/:id{[0-9]+}/reject': ['moderator', 'admin:write:reports'],
  'GET /api/v1/medired/admin/audit_log': ['admin', 'admin:read'],
  'POST /api/v1/accounts/:id{[0-9]+}/block': ['user', 'write:blocks'],
  'POST /api/v1/accounts/:id{[0-9]+}/unblock': ['user', 'write:blocks'],
  'POST /api/v1/accounts/:id{[0-9]+}/mute': ['user', 'write:mutes'],
  'POST /api/v1/accounts/:id{[0-9]+}/unmute': ['user', 'write:mutes'],
  'GET /api/v1/blocks': ['user', 'read:blocks'],
  'GET /api/v1/mutes': ['user', 'read:mutes'],
  'GET /api/v1/notifications': ['user', 'read:notifications'],
  'GET /api/v1/notifications/unread_count': ['user', 'read:notifications'],
  'GET /api/v1/notifications/:id{[0-9]+}': ['user', 'read:notifications'],
  'POST /api/v1/notifications/clear': ['user', 'write:notifications'],
  'POST /api/v1/notifications/:id{[0-9]+}/dismiss': ['user', 'write:notifications'],
  'POST /api/v1/medired/notifications/read': ['user', 'write:notifications'],
};

/**
 * Routes reserved by a domain rule to one kind of account (a 403 for the ordinary patients the
 * actors are is that rule, not authentication): the reason is the rule.
 */
const KIND_RESTRICTED: Record<string, string> = {
  'GET /api/v1/medired/consultas/for_me': 'the list of questions to answer is for verified professionals',
};

/** Public routes that authenticate an OAuth client rather than a person: anonymous may get 401. */
const CLIENT_CREDENTIALS = new Set(['GET /api/v1/apps/verify_credentials', 'POST /oauth/token', 'POST /oauth/revoke']);

const keyOf = (route: AnyRoute) => `${route.method.toUpperCase()} ${route.path}`;
const needsAccount = (auth: AuthRequirement) => auth !== 'none' && auth !== 'optional';
const isStaffRoute = (auth: AuthRequirement) => auth === 'moderator' || auth === 'admin';

// ---- the world the routes are called in ----

interface World {
  owner: TestUser;
  other: TestUser;
  suspended: TestUser;
  readOnly: TestUser;
  moderatorWithout2fa: TestUser;
  bystander: TestUser;
  professional: TestUser;
  organization: TestUser;
  /** Of the same kinds, to try someone else's answers, notes and alerts. */
  rivalProfessional: TestUser;
  rivalOrganization: TestUser;
  /** An unverified professional, owner of the verification request. */
  applicant: TestUser;
  ids: Record<'privateStatus' | 'consulta' | 'answer' | 'comment' | 'alert' | 'factCheck' | 'media' | 'notification' | 'verification' | 'report' | 'appeal' | 'session' | 'token', string>;
}

let t: TestApp;
let w: World;

async function call(method: string, url: string, token?: string, json?: unknown): Promise<Response> {
  return t.request(method, url, { token, ...(json !== undefined ? { json } : {}) });
}

async function ok<T = { id: string }>(res: Promise<Response>): Promise<T> {
  const response = await res;
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

const questionBody = (title = sampleQuestion.title) => ({ ...sampleQuestion, title });
const alertBody = (title = 'Ola de calor en Madrid') => ({
  title,
  body: 'Se esperan temperaturas de más de 40 °C. Bebe agua y evita salir en las horas centrales.',
  severity: 'warning',
  country: 'ES',
  city: 'Madrid',
  expires_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
});
const factCheckBody = (statusId: string) => ({ note: 'Esta afirmación no tiene respaldo: los estudios no muestran ese efecto.', sources: ['https://www.who.int/es'], target_type: 'status', target_id: statusId });
const verificationBody = { license_number: '28/123456', issuing_body: 'Colegio de Médicos de Madrid', country: 'es', specialty: 'cardiology' };

async function withToken(user: TestUser, scopes: string): Promise<TestUser> {
  const token = await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes });
  return { ...user, token: token.access_token };
}

async function buildWorld(): Promise<World> {
  // The first account registered becomes the instance admin: keep that out of the actors.
  await t.createUser({ username: 'primera_admin' });
  const [owner, other, bystander, professional, organization, moderator, moderatorWithout2fa, suspended, rivalProfessional, rivalOrganization, applicant] = await Promise.all([
    t.createUser({ username: 'duena' }),
    t.createUser({ username: 'otra' }),
    t.createUser({ username: 'testigo' }),
    createVerifiedProfessional(t, 'cardiology'),
    createVerifiedOrganization(t),
    t.createUser({ username: 'mod_con_2fa' }).then((u) => withToken(u, 'read write follow push admin:read admin:write')),
    t.createUser({ username: 'mod_sin_2fa' }).then((u) => withToken(u, 'read write follow push admin:read admin:write')),
    t.createUser({ username: 'suspendida' }),
    createVerifiedProfessional(t, 'cardiology'),
    createVerifiedOrganization(t),
    t.createUser({ kind: 'professional', profession: 'nurse' }),
  ]);
  await t.setStaffRole(moderator, 'moderator');
  await t.setStaffRole(moderatorWithout2fa, 'moderator', { totp: false });
  const readOnly = await withToken(owner, 'read');

  // The suspended account followed the owner before it was suspended: defect 6 is about exactly
  // this follower still reading followers-only posts with its token.
  await ok(call('POST', `/api/v1/accounts/${owner.accountId}/follow`, suspended.token));
  const publicStatus = await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Hoy he ido al #salud centro de salud', visibility: 'public' }));
  const privateStatus = await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Solo para quienes me siguen: mi diagnóstico', visibility: 'private' }));
  await ok(call('PUT', `/api/v1/statuses/${privateStatus.id}`, owner.token, { status: 'Solo para quienes me siguen: mi diagnóstico, actualizado' }));
  await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Y la respuesta, también privada', visibility: 'private', in_reply_to_id: privateStatus.id }));
  await ok(call('POST', `/api/v1/statuses/${publicStatus.id}/favourite`, bystander.token));
  await ok(call('POST', `/api/v1/statuses/${privateStatus.id}/favourite`, suspended.token));

  const consulta = await ok(call('POST', '/api/v1/medired/consultas', owner.token, questionBody()));
  const answer = await ok(call('POST', `/api/v1/medired/consultas/${consulta.id}/answers`, professional.token, { body: sampleAnswer }));
  const comment = await ok(call('POST', `/api/v1/medired/consultas/${consulta.id}/comments`, owner.token, { body: 'Gracias, pediré cita.' }));
  const alert = await ok(call('POST', '/api/v1/medired/alerts', organization.token, alertBody()));
  const factCheck = await ok(call('POST', '/api/v1/medired/fact_checks', professional.token, factCheckBody(publicStatus.id)));
  const media = await ok(t.request('POST', '/api/v2/media', { token: owner.token, form: await mediaForm() }));
  const notifications = await ok<{ id: string }[]>(call('GET', '/api/v1/notifications', owner.token));
  const verification = await ok(call('POST', '/api/v1/medired/verification_requests', applicant.token, verificationBody));
  const report = await ok(call('POST', '/api/v1/reports', other.token, { account_id: bystander.accountId, comment: 'Spam', category: 'spam' }));

  await ok(call('POST', `/api/v1/admin/accounts/${suspended.accountId}/action`, moderator.token, { type: 'suspend', text: 'Publicidad engañosa' }));
  const action = await t.ctx.db.selectFrom('moderation_actions').select('id').where('target_account_id', '=', suspended.accountId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const appeal = await ok(call('POST', '/api/v1/medired/appeals', suspended.token, { action_id: action.id, text: 'No era publicidad, era información.' }));
  const session = await signIn(t.ctx, { login: owner.username, password: 'correct horse battery staple', ip: '203.0.113.9', userAgent: 'test' });
  await issueAccessToken(t.ctx.db, { userId: owner.userId, applicationId: null, scopes: 'read' });
  const token = await t.ctx.db.selectFrom('oauth_access_tokens').select('id').where('user_id', '=', owner.userId).orderBy('id', 'desc').executeTakeFirstOrThrow();

  return {
    owner,
    other,
    suspended,
    readOnly,
    moderatorWithout2fa,
    bystander,
    professional,
    organization,
    rivalProfessional,
    rivalOrganization,
    applicant,
    ids: {
      privateStatus: privateStatus.id,
      consulta: consulta.id,
      answer: answer.id,
      comment: comment.id,
      alert: alert.id,
      factCheck: factCheck.id,
      media: media.id,
      notification: notifications[0]!.id,
      verification: verification.id,
      report: report.id,
      appeal: appeal.id,
      session: session.sessionId,
      token: token.id,
    },
  };
}

async function mediaForm(): Promise<FormData> {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0b6e69' } }).png().toBuffer();
  const form = new FormData();
  form.append('file', new File([new Uint8Array(png)], 'x.png', { type: 'image/png' }));
  return form;
}

// ---- resources someone else must not touch ----

type Row = [table: keyof Database, id: string];

interface Owned {
  /** The account the resource belongs to (its author, or the asker for accept/unaccept). */
  owner: TestUser;
  id: string;
  /** A valid body, so the refusal cannot come from validation. */
  body?: unknown;
  /** Rows that must be byte-for-byte the same after anyone else's call. */
  rows: Row[];
  /** Accounts besides the common actors that are plausible intruders (another organisation…). */
  rivals?: TestUser[];
}

const statusOfOwner = async (): Promise<Owned> => {
  const s = await ok(call('POST', '/api/v1/statuses', w.owner.token, { status: 'Una publicación mía', visibility: 'public' }));
  return { owner: w.owner, id: s.id, body: { status: 'Cambiada por otra persona' }, rows: [['statuses', s.id]] };
};
const consultaOfOwner = async (): Promise<Owned> => {
  const q = await ok(call('POST', '/api/v1/medired/consultas', w.owner.token, questionBody('Mareos al levantarme por la mañana')));
  return { owner: w.owner, id: q.id, body: questionBody('Cambiada por otra persona'), rows: [['consulta_questions', q.id]] };
};
const answerOnOwnersConsulta = async (accepted: boolean): Promise<Owned & { questionId: string }> => {
  const q = await ok(call('POST', '/api/v1/medired/consultas', w.owner.token, questionBody('Dudas sobre la tensión arterial')));
  const a = await ok(call('POST', `/api/v1/medired/consultas/${q.id}/answers`, w.professional.token, { body: sampleAnswer }));
  if (accepted) await ok(call('POST', `/api/v1/medired/consultas/answers/${a.id}/accept`, w.owner.token));
  return { owner: w.owner, id: a.id, questionId: q.id, rows: [['consulta_questions', q.id], ['consulta_answers', a.id]] };
};

const OWNER_ONLY: Record<string, () => Promise<Owned>> = {
  'PUT /api/v1/statuses/:id{[0-9]+}': statusOfOwner,
  'DELETE /api/v1/statuses/:id{[0-9]+}': statusOfOwner,
  'GET /api/v1/statuses/:id{[0-9]+}/source': statusOfOwner,
  'PUT /api/v1/medired/consultas/:id': consultaOfOwner,
  'DELETE /api/v1/medired/consultas/:id': consultaOfOwner,
  'PUT /api/v1/medired/consultas/answers/:id': async () => {
    const a = await answerOnOwnersConsulta(false);
    return { ...a, owner: w.professional, body: { body: `${sampleAnswer} Cambiada por otra persona.` }, rivals: [w.rivalProfessional] };
  },
  'POST /api/v1/medired/consultas/answers/:id/accept': () => answerOnOwnersConsulta(false),
  'POST /api/v1/medired/consultas/answers/:id/unaccept': () => answerOnOwnersConsulta(true),
  'DELETE /api/v1/medired/consultas/comments/:id': async () => {
    const c = await ok(call('POST', `/api/v1/medired/consultas/${w.ids.consulta}/comments`, w.owner.token, { body: 'Un comentario mío.' }));
    return { owner: w.owner, id: c.id, rows: [['consulta_comments', c.id]] };
  },
  'PUT /api/v1/medired/alerts/:id': async () => {
    const a = await ok(call('POST', '/api/v1/medired/alerts', w.organization.token, alertBody()));
    return { owner: w.organization, id: a.id, body: alertBody('Cambiada por otra persona'), rows: [['health_alerts', a.id]], rivals: [w.rivalOrganization] };
  },
  'DELETE /api/v1/medired/alerts/:id': async () => {
    const a = await ok(call('POST', '/api/v1/medired/alerts', w.organization.token, alertBody()));
    return { owner: w.organization, id: a.id, rows: [['health_alerts', a.id]], rivals: [w.rivalOrganization] };
  },
  'DELETE /api/v1/medired/fact_checks/:id': async () => {
    const s = await ok(call('POST', '/api/v1/statuses', w.owner.token, { status: 'El limón cura la gripe', visibility: 'public' }));
    const f = await ok(call('POST', '/api/v1/medired/fact_checks', w.professional.token, factCheckBody(s.id)));
    return { owner: w.professional, id: f.id, rows: [['fact_checks', f.id]], rivals: [w.rivalProfessional] };
  },
  'GET /api/v1/media/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.media, rows: [['media_attachments', w.ids.media]] }),
  'PUT /api/v1/media/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.media, body: { description: 'Cambiada por otra persona' }, rows: [['media_attachments', w.ids.media]] }),
  'PUT /api/v1/medired/verification_requests/:id{[0-9]+}': async () => ({
    owner: w.applicant,
    id: w.ids.verification,
    body: { ...verificationBody, license_number: '99/999999' },
    rows: [['verification_requests', w.ids.verification]],
  }),
  'GET /api/v1/notifications/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.notification, rows: [['notifications', w.ids.notification]] }),
  'POST /api/v1/notifications/:id{[0-9]+}/dismiss': async () => ({ owner: w.owner, id: w.ids.notification, rows: [['notifications', w.ids.notification]] }),
  'DELETE /api/v1/medired/sessions/:id': async () => ({ owner: w.owner, id: w.ids.session, rows: [['sessions', w.ids.session]] }),
  'DELETE /api/v1/medired/tokens/:id': async () => ({ owner: w.owner, id: w.ids.token, rows: [['oauth_access_tokens', w.ids.token]] }),
};

async function snapshot(rows: Row[]): Promise<string> {
  const values = [];
  for (const [table, id] of rows) {
    // biome-ignore lint: a generic read of one row by id, for the comparison only
    values.push(await (t.ctx.db as any).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst());
  }
  return JSON.stringify(values);
}

// ---- path parameters: ids of the world, so a refusal is reached for the right reason ----

function idFor(route: AnyRoute): string {
  const p = route.path;
  const rules: [RegExp, () => string][] = [
    [/^\/api\/v1\/follow_requests\/:id/, () => w.bystander.accountId],
    [/^\/api\/v1\/accounts\/:id/, () => (route.method === 'get' ? w.owner.accountId : w.bystander.accountId)],
    [/^\/api\/v1\/medired\/accounts\/:id/, () => w.owner.accountId],
    [/^\/api\/v1\/(medired\/)?admin\/accounts\/:id/, () => w.bystander.accountId],
    [/^\/api\/v1\/statuses\/:id/, () => w.ids.privateStatus],
    [/^\/api\/v1\/medired\/consultas\/answers\/:id/, () => w.ids.answer],
    [/^\/api\/v1\/medired\/consultas\/comments\/:id/, () => w.ids.comment],
    [/^\/api\/v1\/medired\/consultas\/:id/, () => w.ids.consulta],
    [/^\/api\/v1\/medired\/alerts\/:id/, () => w.ids.alert],
    [/^\/api\/v1\/medired\/fact_checks\/:id/, () => w.ids.factCheck],
    [/^\/api\/v1\/media\/:id/, () => w.ids.media],
    [/^\/api\/v1\/notifications\/:id/, () => w.ids.notification],
    [/^\/api\/v1\/medired\/(admin\/)?verification_requests\/:id/, () => w.ids.verification],
    [/^\/api\/v1\/admin\/reports\/:id/, () => w.ids.report],
    [/^\/api\/v1\/medired\/admin\/appeals\/:id/, () => w.ids.appeal],
    [/^\/api\/v1\/medired\/sessions\/:id/, () => w.ids.session],
    [/^\/api\/v1\/medired\/tokens\/:id/, () => w.ids.token],
  ];
  const rule = rules.find(([pattern]) => pattern.test(p));
  if (!rule) throw new Error(`No id is known for ${keyOf(route)}: add a rule to idFor in authorization.test.ts`);
  return rule[1]();
}

function urlFor(route: AnyRoute, ownedId?: string): string {
  return route.path.replace(/:([a-z_]+)(\{[^}]*\})?/gi, (_, name: string) => {
    if (name === 'hashtag') return 'salud';
    if (name === 'id') return ownedId ?? idFor(route);
    throw new Error(`No value is known for :${name} in ${keyOf(route)}`);
  });
}

/** Every `id` in a JSON answer: what a caller was shown, for "sees no more than" comparisons. */
function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && (typeof v === 'string' || typeof v === 'number')) into.add(String(v));
      else idsIn(v, into);
    }
  }
  return into;
}

interface Seen {
  status: number;
  location: string;
  ids: string[];
  text: string;
}

async function seen(res: Response): Promise<Seen> {
  const text = await res.text();
  let ids: string[] = [];
  try {
    ids = [...idsIn(JSON.parse(text))].sort();
  } catch {
    // not JSON: the status alone is compared
  }
  return { status: res.status, location: res.headers.get('location') ?? '', ids, text: text.slice(0, 300) };
}

// ---- the test ----

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the route table declares who may use each route', () => {
  it('lists every route, each with an auth requirement and, when it needs an account and changes something, a scope', () => {
    const keys = routeTable.map(keyOf);
    expect(keys.filter((k) => !(k in ACCESS)), 'routes missing from ACCESS in authorization.test.ts').toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !keys.includes(k)), 'ACCESS entries for routes that no longer exist').toEqual([]);
    expect(new Set(keys).size, 'duplicate routes').toBe(keys.length);
    for (const route of routeTable) {
      const key = keyOf(route);
      expect(route.auth, `${key} declares no auth`).toBeTruthy();
      if (needsAccount(route.auth) && route.method !== 'get') expect(route.scope, `${key} needs an account but declares no scope`).toBeTruthy();
      const [auth, scope] = ACCESS[key] ?? [];
      expect({ auth: route.auth, scope: route.scope }, `${key}: declaration differs from ACCESS`).toEqual({ auth, scope });
    }
    for (const key of Object.keys(OWNER_ONLY)) expect(keys, `OWNER_ONLY entry ${key} is not a route`).toContain(key);
  });
});

describe('every route treats anonymous, another account, a suspended account, a read-only token and a moderator without 2FA as declared', () => {
  for (const route of routeTable) {
    const key = keyOf(route);
    it(key, async () => {
      const method = route.method.toUpperCase();
      const owned = OWNER_ONLY[key] ? await OWNER_ONLY[key]() : undefined;
      const url = urlFor(route, owned?.id);
      const before = owned ? await snapshot(owned.rows) : '';
      const problems: string[] = [];
      const send = (token: string | undefined) => call(method, url, token, method === 'GET' ? undefined : owned?.body);
      const unchanged = async (actor: string) => {
        if (owned && (await snapshot(owned.rows)) !== before) problems.push(`${actor}: changed the owner's resource`);
      };
      const expectStatus = (actor: string, s: Seen, allowed: number[], what: string) => {
        if (!allowed.includes(s.status)) problems.push(`${actor}: expected ${what}, got ${s.status} ${s.text}`);
      };
      const expectAllowed = (actor: string, s: Seen) => {
        if (s.status === 401 || (s.status === 403 && !(key in KIND_RESTRICTED)) || s.status >= 500) problems.push(`${actor}: expected to be let through, got ${s.status} ${s.text}`);
      };
      const expectRefusedIfNotOwner = (actor: string, user: TestUser, s: Seen) => {
        if (owned && user.accountId !== owned.owner.accountId) expectStatus(actor, s, [403, 404], `403 or 404 (someone else's resource)`);
        else expectAllowed(actor, s);
      };
      const isGet = method === 'GET';

      // Anonymous.
      const anonymous = await seen(await send(undefined));
      await unchanged('anonymous');
      // A web form route may ask for sign-in with a redirect to the sign-in page instead of a 401.
      const toSignIn = [302, 303].includes(anonymous.status) && anonymous.location.startsWith('/auth/sign_in');
      if (needsAccount(route.auth) && !toSignIn) expectStatus('anonymous', anonymous, [401], '401 (or a redirect to /auth/sign_in)');
      else if (CLIENT_CREDENTIALS.has(key)) expectStatus('anonymous', anonymous, [200, 400, 401, 422], 'a client-credentials answer');
      else expectAllowed('anonymous', anonymous);

      // Another ordinary account.
      const other = await seen(await send(w.other.token));
      await unchanged('other account');
      if (isStaffRoute(route.auth)) expectStatus('other account', other, [403], '403');
      else if (needsAccount(route.auth)) expectRefusedIfNotOwner('other account', w.other, other);
      else if (other.status >= 500) problems.push(`other account: ${other.status}`);

      // Rivals: accounts of the kind that could act on such a resource, but not its owner.
      for (const [i, rival] of (owned?.rivals ?? []).entries()) {
        const s = await seen(await send(rival.token));
        await unchanged(`rival ${i}`);
        expectStatus(`rival ${i}`, s, [403, 404], '403 or 404 (someone else’s resource)');
      }

      // A suspended account with a full-scope token.
      const suspended = await seen(await send(w.suspended.token));
      await unchanged('suspended');
      if (route.auth === 'user-even-suspended') expectRefusedIfNotOwner('suspended', w.suspended, suspended);
      else if (needsAccount(route.auth)) expectStatus('suspended', suspended, [403], '403');
      else if (isGet && (suspended.status !== anonymous.status || suspended.ids.join() !== anonymous.ids.join())) {
        problems.push(`suspended: expected what anonymous gets (${anonymous.status} ${anonymous.ids.join(',')}), got ${suspended.status} ${suspended.ids.join(',')}`);
      }

      // The owner's read-only token (scopes `read`).
      const readOnly = await seen(await send(w.readOnly.token));
      await unchanged('read-only token');
      if (needsAccount(route.auth)) {
        if (route.scope && !hasScope(['read'], route.scope)) expectStatus('read-only token', readOnly, [403], `403 (scope ${route.scope})`);
        else if (isStaffRoute(route.auth)) expectStatus('read-only token', readOnly, [403], '403');
        else expectRefusedIfNotOwner('read-only token', w.readOnly, readOnly);
      } else if (!CLIENT_CREDENTIALS.has(key)) expectAllowed('read-only token', readOnly);

      // A moderator who has not enabled two-factor authentication (token with the admin scopes).
      const moderator = await seen(await send(w.moderatorWithout2fa.token));
      await unchanged('moderator without 2FA');
      if (isStaffRoute(route.auth)) expectStatus('moderator without 2FA', moderator, [403], '403');
      else if (needsAccount(route.auth)) expectRefusedIfNotOwner('moderator without 2FA', w.moderatorWithout2fa, moderator);
      else if (isGet && (moderator.status !== other.status || moderator.ids.join() !== other.ids.join())) {
        problems.push(`moderator without 2FA: expected what another account gets (${other.status} ${other.ids.join(',')}), got ${moderator.status} ${moderator.ids.join(',')}`);
      }

      expect(problems, key).toEqual([]);
    });
  }
});
