import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';
import { insertStatus, json, staffUser } from './trust-safety.fixtures.js';
import { sampleQuestion } from '../consultas/consulta-test-helpers.js';

let t: TestApp;
let moderator: TestUser;
let reporter: TestUser;

interface Notification {
  type: string;
  account: unknown;
  medired?: { report_id?: string; outcome?: string; category?: string };
}

beforeAll(async () => {
  t = await createTestApp();
  moderator = await staffUser(t, 'moderator');
  reporter = await t.createUser({ username: 'denunciante' });
});
afterAll(async () => {
  await t.close();
});

/** A fresh account with a status, reported by `reporter`. */
async function reported(): Promise<{ author: TestUser; statusId: string; reportId: string }> {
  const author = await t.createUser();
  const statusId = await insertStatus(t, author.accountId, 'El limón cura el cáncer');
  const res = await t.request('POST', '/api/v1/reports', { token: reporter.token, json: { account_id: author.accountId, status_ids: [statusId], category: 'health_misinformation' } });
  expect(res.status).toBe(200);
  return { author, statusId, reportId: (await json<{ id: string }>(res)).id };
}

async function outcomeNotice(reportId: string): Promise<Notification | undefined> {
  const list = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.report&limit=80', { token: reporter.token }));
  return list.find((n) => n.medired?.report_id === reportId);
}

const CASES = [
  { action: 'dismiss', outcome: 'dismissed', es: 'no incumple las normas' },
  { action: 'hide', outcome: 'content_hidden', es: 'hemos ocultado el contenido' },
  { action: 'label', outcome: 'content_labelled', es: 'etiquetado el contenido' },
  { action: 'remove', outcome: 'content_removed', es: 'hemos retirado el contenido' },
  { action: 'sensitive', outcome: 'marked_sensitive', es: 'marcado el contenido como sensible' },
  { action: 'warn', outcome: 'account_warned', es: 'hemos advertido a la cuenta' },
  { action: 'limit', outcome: 'account_limited', es: 'hemos limitado la cuenta' },
  { action: 'suspend', outcome: 'account_suspended', es: 'hemos suspendido la cuenta' },
] as const;

describe('the reporter learns what followed a report (medired.report)', () => {
  for (const c of CASES) {
    it(`tells the reporter "${c.outcome}" after the moderator acts with "${c.action}", without naming the reporter to the reported account`, async () => {
      const { author, statusId, reportId } = await reported();
      expect(await outcomeNotice(reportId)).toBeUndefined();
      const body: Record<string, unknown> = { action: c.action, reason: 'Revisado por el equipo', report_id: reportId };
      if (c.action === 'hide' || c.action === 'label' || c.action === 'remove') body.status_id = statusId;
      const acted = await t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderator.token, json: body });
      expect(acted.status).toBe(200);
      const notice = await outcomeNotice(reportId);
      expect(notice).toMatchObject({ type: 'medired.report', account: { id: '0' }, medired: { report_id: reportId, outcome: c.outcome, category: 'health_misinformation' } });
      // Only the kind of action: not the moderator's reason, nor who the reported account is.
      expect(Object.keys(notice!.medired!).sort()).toEqual(['category', 'outcome', 'report_id']);
      expect(JSON.stringify(notice)).not.toContain('Revisado por el equipo');

      const html = await (await (await webSession(t, reporter)).get('/notifications')).text();
      expect(html).toContain(c.es);
      const htmlEn = await (await (await webSession(t, reporter, 'lang=en')).get('/notifications')).text();
      expect(htmlEn).toContain('We reviewed your report');

      // The reported account's notifications never name the reporter.
      const theirs = await t.request('GET', '/api/v1/notifications?limit=80&types[]=medired.report&types[]=medired.moderation&types[]=moderation_warning', { token: author.token });
      if (theirs.status === 200) {
        const all = JSON.stringify(await theirs.json());
        expect(all).not.toContain('denunciante');
        expect(all).not.toContain('medired.report');
      }
      const row = await t.ctx.db.selectFrom('notifications').select(['from_account_id', 'payload']).where('account_id', '=', author.accountId).execute();
      expect(row.every((r) => r.from_account_id !== reporter.accountId && !('report_id' in r.payload))).toBe(true);
    });
  }

  it('tells the reporter the report was reviewed and closed when it is resolved without an action, once', async () => {
    const { author, reportId } = await reported();
    const resolved = await t.request('POST', `/api/v1/admin/reports/${reportId}/resolve`, { token: moderator.token });
    expect(resolved.status).toBe(200);
    expect(await outcomeNotice(reportId)).toMatchObject({ type: 'medired.report', account: { id: '0' }, medired: { outcome: 'resolved' } });
    await t.request('POST', `/api/v1/admin/reports/${reportId}/resolve`, { token: moderator.token });
    const list = await json<Notification[]>(await t.request('GET', '/api/v1/notifications?types[]=medired.report&limit=80', { token: reporter.token }));
    expect(list.filter((n) => n.medired?.report_id === reportId)).toHaveLength(1);
    const theirs = await t.ctx.db.selectFrom('notifications').select('id').where('account_id', '=', author.accountId).execute();
    expect(theirs).toHaveLength(0);
    const html = await (await (await webSession(t, reporter)).get('/notifications')).text();
    expect(html).toContain('Hemos revisado tu denuncia y la hemos cerrado');
  });
});

describe('the reporter of pseudonymous content', () => {
  it('is told the report was resolved, not that the account behind the pseudonym was warned, limited or suspended', async () => {
    const asker = await t.createUser();
    const asked = await t.request('POST', '/api/v1/medired/consultas', { token: asker.token, json: { ...sampleQuestion, pseudonym: 'Paciente anónima' } });
    expect(asked.status).toBe(200);
    const questionId = (await json<{ id: string }>(asked)).id;
    for (const action of ['warn', 'limit', 'suspend'] as const) {
      const filed = await t.request('POST', '/api/v1/reports', { token: reporter.token, json: { target_type: 'consulta_question', target_id: questionId, category: 'spam' } });
      expect(filed.status).toBe(200);
      const reportId = (await json<{ id: string }>(filed)).id;
      const acted = await t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderator.token, json: { action, reason: 'Revisado', report_id: reportId } });
      expect(acted.status).toBe(200);
      expect((await outcomeNotice(reportId))?.medired?.outcome).toBe('resolved');
      if (action === 'suspend') break;
      if (action === 'limit') await t.request('POST', '/api/v1/medired/admin/moderation_actions', { token: moderator.token, json: { action: 'unlimit', reason: 'Revisado', target_account_id: asker.accountId } });
    }
  });
});
