import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import type { Job } from '../jobs/jobs.queue.js';
import { enqueue } from '../jobs/jobs.queue.js';
import { notify } from '../notifications/notify.js';
import { findRebloggersOf, findStatusAuthor } from './edit-notices.repository.js';

/** Queue of Mastodon's `update` notifications, sent after an edit to those who reblogged the status. */
export const EDIT_NOTICES_QUEUE = 'posts.edit_notices';

/** Schedules the `update` notices of an edit (in the edit's transaction, so only if it commits). */
export async function scheduleEditNotices(db: Db, statusId: string): Promise<void> {
  await enqueue(db, EDIT_NOTICES_QUEUE, { statusId });
}

/**
 * Notifies every account that reblogged the status that it was edited, as Mastodon does. Runs
 * in the background: a popular status may have many reblogs, and the edit should not wait.
 */
export async function sendEditNotices(app: AppContext, job: Job): Promise<void> {
  const statusId = String(job.payload.statusId ?? '');
  if (!/^\d{1,19}$/.test(statusId)) return;
  const status = await findStatusAuthor(app.db, statusId);
  if (!status) return;
  const rebloggers = await findRebloggersOf(app.db, statusId);
  for (const { account_id } of rebloggers) {
    await notify(app.db, { accountId: account_id, type: 'update', fromAccountId: status.account_id, statusId });
  }
}
