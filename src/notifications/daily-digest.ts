import type { AppContext } from '../app-context.js';
import type { Job } from '../jobs/jobs.queue.js';
import { scheduleDaily, utcDay } from '../jobs/recurring.js';
import { sendMailToUser } from '../mail/send-mail.js';
import { signUserToken, verifyUserToken } from '../mail/signed-links.js';
import { dailyDigestMail } from './daily-digest.mail.js';
import { claimDigestDay, findDigestRecipients, setDigestEnabled } from './digest.repository.js';
import { unreadCountsByType } from './notifications.repository.js';

/** The queue of the daily digest job (one job per day, see `src/jobs/recurring.ts`). */
export const DAILY_DIGEST_QUEUE = 'mail.daily_digest';
/** The digest goes out at 07:00 UTC (08:00 in Madrid in winter). */
export const DAILY_DIGEST_HOUR_UTC = 7;

const BATCH = 200;

/** Schedules the next daily digest job, when e-mail is configured (every process may call it). */
export async function scheduleDailyDigest(app: AppContext, now = new Date()): Promise<void> {
  if (app.mailer.enabled) await scheduleDaily(app.db, DAILY_DIGEST_QUEUE, DAILY_DIGEST_HOUR_UTC, now);
}

/** The link of a digest that turns it off without signing in (signed, see `signed-links.ts`). */
export async function unsubscribeUrl(app: AppContext, userId: string): Promise<string> {
  return `${app.config.publicUrl}/mail/unsubscribe?token=${await signUserToken(app, 'digest-unsubscribe', userId)}`;
}

/** Turns the digest off for the user a signed unsubscribe token names; false for a bad token. */
export async function unsubscribeFromDigest(app: AppContext, token: string): Promise<boolean> {
  const userId = await verifyUserToken(app, 'digest-unsubscribe', token);
  if (!userId) return false;
  await setDigestEnabled(app.db, userId, false);
  return true;
}

/**
 * The daily digest job: mails every user who opted in and has unread notifications the counts
 * by kind, at most once per user and UTC day (`claimDigestDay`), however many processes run it
 * or how often the job is retried; then schedules the next day's job.
 */
export async function sendDailyDigests(app: AppContext, job: Pick<Job, 'payload'>): Promise<void> {
  const day = typeof job.payload.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(job.payload.day) ? job.payload.day : utcDay(new Date());
  if (app.mailer.enabled) {
    let after: string | null = null;
    for (;;) {
      const users = await findDigestRecipients(app.db, after, BATCH);
      for (const user of users) {
        const counts = await unreadCountsByType(app.db, user.account_id);
        if (counts.length === 0) continue;
        if (!(await claimDigestDay(app.db, user.id, day))) continue;
        const mail = dailyDigestMail(app.config, { email: user.email, username: user.username, locale: user.locale }, counts, await unsubscribeUrl(app, user.id));
        await sendMailToUser(app, user.id, 'daily_digest', mail);
      }
      if (users.length < BATCH) break;
      after = users[users.length - 1]!.id;
    }
  }
  await scheduleDailyDigest(app, new Date(Math.max(Date.now(), Date.parse(`${day}T23:59:59Z`))));
}
