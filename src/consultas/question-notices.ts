import type { AppContext } from '../app-context.js';
import { enqueue, type Job } from '../jobs/jobs.queue.js';
import { notify } from '../notifications/notify.js';
import { DAILY_QUESTION_NOTICES } from './consultas.js';
import { blocksApplyTo } from './consultas.policy.js';
import { findProfessionalsToNotify, findQuestionForNotices, takeNoticeQuotaRow } from './consultas.repository.js';
import { QUESTION_NOTICES_QUEUE } from './questions.service.js';

const BATCH = 200;

/**
 * Takes one unit of a day's notice quota for a professional: true if they may get one more
 * "new question" notification today (UTC). One atomic statement, so concurrent jobs never
 * exceed the cap.
 */
export async function takeNoticeQuota(app: AppContext, accountId: string, cap = DAILY_QUESTION_NOTICES): Promise<boolean> {
  return takeNoticeQuotaRow(app.db, accountId, cap);
}

/**
 * Job: tells the verified professionals of a question's specialty about it, at most
 * DAILY_QUESTION_NOTICES a day each. Works through them in batches (one job per batch), so a
 * retry repeats at most one batch.
 */
export async function sendQuestionNotices(app: AppContext, job: Job): Promise<void> {
  const questionId = String(job.payload.question_id);
  const afterId = String(job.payload.after_id ?? '0');
  const q = await findQuestionForNotices(app.db, questionId);
  // Deleted or hidden since it was posted: nothing to announce.
  if (!q || q.hidden_at) return;
  const professionals = await findProfessionalsToNotify(app.db, {
    specialty: q.specialty,
    askerId: q.account_id,
    afterId,
    limit: BATCH,
    // Professionals in a block with the asker of a question under the asker's name are not told
    // (they could not see it). Under a pseudonym blocks do not apply: leaving them out would
    // tell them who asked (see consultas.policy.ts).
    skipBlockedWith: blocksApplyTo(q) ? q.account_id : null,
  });
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
