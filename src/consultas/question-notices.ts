import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { enqueue, type Job } from '../jobs/jobs.queue.js';
import { notify } from '../notifications/notify.js';
import { blockedEitherWay } from '../relations/relations.repository.js';
import { DAILY_QUESTION_NOTICES } from './consultas.js';
import { QUESTION_NOTICES_QUEUE } from './questions.service.js';

const BATCH = 200;

/**
 * Takes one unit of a day's notice quota for a professional: true if they may get one more
 * "new question" notification today (UTC). One atomic statement, so concurrent jobs never
 * exceed the cap.
 */
export async function takeNoticeQuota(app: AppContext, accountId: string, cap = DAILY_QUESTION_NOTICES): Promise<boolean> {
  const result = await sql<{ sent: number }>`
    INSERT INTO consulta_notice_quota AS quota (account_id, day, sent)
    VALUES (${accountId}, (now() AT TIME ZONE 'UTC')::date, 1)
    ON CONFLICT (account_id, day) DO UPDATE SET sent = quota.sent + 1 WHERE quota.sent < ${cap}
    RETURNING sent`.execute(app.db);
  return result.rows.length > 0;
}

/**
 * Job: tells the verified professionals of a question's specialty about it, at most
 * DAILY_QUESTION_NOTICES a day each. Works through them in batches (one job per batch), so a
 * retry repeats at most one batch.
 */
export async function sendQuestionNotices(app: AppContext, job: Job): Promise<void> {
  const questionId = String(job.payload.question_id);
  const afterId = String(job.payload.after_id ?? '0');
  const q = await app.db
    .selectFrom('consulta_questions')
    .select(['id', 'account_id', 'pseudonym', 'specialty', 'title', 'hidden_at', 'answers_count'])
    .where('id', '=', questionId)
    .executeTakeFirst();
  // Deleted or hidden since it was posted: nothing to announce.
  if (!q || q.hidden_at) return;
  const professionals = await app.db
    .selectFrom('accounts as p')
    .select('p.id')
    .where('p.kind', '=', 'professional')
    .where('p.verification_status', '=', 'verified')
    .where('p.suspended_at', 'is', null)
    .where('p.specialty', '=', q.specialty)
    .where('p.id', '>', afterId)
    .where('p.id', '<>', q.account_id)
    // Professionals in a block with the asker are not told (they could not answer anyway).
    .where((eb) => eb.not(blockedEitherWay(q.account_id, 'p.id')))
    .orderBy('p.id')
    .limit(BATCH)
    .execute();
  for (const p of professionals) {
    if (!(await takeNoticeQuota(app, p.id))) continue;
    await notify(app.db, {
      accountId: p.id,
      type: 'medired.consulta_question',
      // A pseudonymous question does not name its asker, not even in notifications.
      fromAccountId: q.pseudonym ? null : q.account_id,
      payload: { question_id: q.id, specialty: q.specialty },
    });
  }
  const last = professionals[professionals.length - 1];
  if (professionals.length === BATCH && last) await enqueue(app.db, QUESTION_NOTICES_QUEUE, { question_id: q.id, after_id: last.id });
}
