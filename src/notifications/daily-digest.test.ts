import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { postAnonymousForm } from '../testing/anonymous-form.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { linkIn, startTestSmtpServer, type TestSmtpServer } from '../testing/test-smtp-server.js';
import { webSession } from '../web/testing/web-session.js';
import { DAILY_DIGEST_QUEUE, scheduleDailyDigest, sendDailyDigests } from './daily-digest.js';

let smtp: TestSmtpServer;
let t: TestApp;
let reader: TestUser;
let quiet: TestUser;
let notOptedIn: TestUser;
let other: TestUser;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTestApp({ SMTP_URL: smtp.url });
  reader = await t.createUser({ username: 'lectora' });
  quiet = await t.createUser({ username: 'sin_novedades' });
  notOptedIn = await t.createUser({ username: 'sin_resumen' });
  other = await t.createUser({ username: 'otra' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const to = (user: TestUser) => `${user.username}@example.test`;
const mailsTo = (user: TestUser) => smtp.mails.filter((m) => m.to.includes(to(user)));
const digestJobs = () => t.ctx.db.selectFrom('jobs').select(['id', 'payload', 'run_at']).where('queue', '=', DAILY_DIGEST_QUEUE).execute();

describe('the daily e-mail digest', () => {
  it('is off by default and turned on in the settings page', async () => {
    const row = await t.ctx.db.selectFrom('users').select('digest_enabled').where('id', '=', reader.userId).executeTakeFirstOrThrow();
    expect(row.digest_enabled).toBe(false);
    for (const user of [reader, quiet]) {
      const browser = await webSession(t, user);
      const page = await (await browser.get('/settings/profile')).text();
      expect(page).toContain('Resumen diario por correo');
      const saved = await browser.post('/settings/email_digest', { digest: 'on' });
      expect(saved.status).toBe(303);
    }
    const browser = await webSession(t, notOptedIn);
    expect((await browser.post('/settings/email_digest', {})).status).toBe(303);
    const enabled = await t.ctx.db.selectFrom('users').select(['id', 'digest_enabled']).where('id', 'in', [reader.userId, quiet.userId, notOptedIn.userId]).execute();
    expect(Object.fromEntries(enabled.map((r) => [r.id, r.digest_enabled]))).toEqual({ [reader.userId]: true, [quiet.userId]: true, [notOptedIn.userId]: false });
  });

  it('goes once a day, with counts and links only, to those who opted in and have unread notifications, however many processes run it', async () => {
    // Notifications whose posts carry health details that must never reach an e-mail.
    const status = (await (await t.request('POST', '/api/v1/statuses', { token: reader.token, json: { status: 'Mi diagnóstico: diabetes tipo 2', visibility: 'public' } })).json()) as { id: string };
    await t.request('POST', `/api/v1/statuses/${status.id}/favourite`, { token: other.token });
    await t.request('POST', '/api/v1/statuses', { token: other.token, json: { status: '@lectora tengo fiebre alta desde ayer', visibility: 'public' } });
    await t.request('POST', `/api/v1/accounts/${reader.accountId}/follow`, { token: other.token });
    await t.request('POST', `/api/v1/accounts/${notOptedIn.accountId}/follow`, { token: other.token });
    await runDueJobs(t.ctx, jobHandlers); // follow notices are sent by a job

    // Two processes starting schedule the same occurrence: one job.
    await Promise.all([scheduleDailyDigest(t.ctx), scheduleDailyDigest(t.ctx)]);
    const jobs = await digestJobs();
    expect(jobs).toHaveLength(1);
    const day = jobs[0]!.payload.day as string;
    expect(jobs[0]!.run_at.toISOString()).toBe(`${day}T07:00:00.000Z`);

    // Due now; two workers run the queue at once.
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date() }).where('queue', '=', DAILY_DIGEST_QUEUE).execute();
    const handlers = { [DAILY_DIGEST_QUEUE]: sendDailyDigests };
    await Promise.all([runDueJobs(t.ctx, handlers), runDueJobs(t.ctx, handlers)]);
    const mail = await smtp.lastTo(to(reader));
    expect(mail.subject).toBe('Tu resumen diario de Medired');
    expect(mail.text).toContain('Menciones: 1');
    expect(mail.text).toContain('Favoritos: 1');
    expect(mail.text).toContain('Seguidores nuevos: 1');
    expect(mail.text).toContain('Notificaciones sin leer en total: 3');
    expect(mail.text).toContain('http://medired.test/notifications');
    for (const part of [mail.text, mail.html, mail.subject]) {
      expect(part).not.toMatch(/diabetes|diagn|fiebre|@otra/i);
    }
    expect(mail.headers['list-unsubscribe']).toMatch(/^<http:\/\/medired\.test\/mail\/unsubscribe\?token=/);

    // A second run of the same day sends nothing more; the next day's job is scheduled once.
    await sendDailyDigests(t.ctx, { payload: { day } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsTo(reader)).toHaveLength(1);
    expect(mailsTo(quiet)).toHaveLength(0);
    expect(mailsTo(notOptedIn)).toHaveLength(0);
    const next = await digestJobs();
    expect(next).toHaveLength(1);
    expect(next[0]!.payload.day).not.toBe(day);
    expect(next[0]!.run_at.getTime()).toBeGreaterThan(Date.parse(`${day}T07:00:00Z`));

    // The next day, another digest.
    const tomorrow = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await sendDailyDigests(t.ctx, { payload: { day: tomorrow } });
    await smtp.waitForMails(smtp.mails.length);
    await expect.poll(() => mailsTo(reader).length).toBe(2);
  });

  it('the unsubscribe link works without signing in, and a tampered one does not', async () => {
    const link = linkIn(await smtp.lastTo(to(reader)), 'http://medired.test/mail/unsubscribe?token=');
    const page = await t.request('GET', link.replace('http://medired.test', ''), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    // A GET changes nothing (mail scanners follow links).
    expect((await t.ctx.db.selectFrom('users').select('digest_enabled').where('id', '=', reader.userId).executeTakeFirstOrThrow()).digest_enabled).toBe(true);
    const token = decodeURIComponent(link.split('token=')[1]!);
    const tampered = `${quiet.userId}.${token.split('.')[1]}`;
    const refused = await postAnonymousForm(t, '/mail/unsubscribe', { token: tampered });
    expect(refused.status).toBe(404);
    expect((await t.request('GET', `/mail/unsubscribe?token=${tampered}`, { headers: { accept: 'text/html' } })).status).toBe(404);
    const done = await postAnonymousForm(t, '/mail/unsubscribe', { token });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Ya no recibirás el resumen diario');
    const rows = await t.ctx.db.selectFrom('users').select(['id', 'digest_enabled']).where('id', 'in', [reader.userId, quiet.userId]).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.digest_enabled]))).toEqual({ [reader.userId]: false, [quiet.userId]: true });
  });
});
