import type { AppContext } from '../app-context.js';
import type { Job } from '../jobs/jobs.queue.js';
import type { RelationNotice } from '../relations/relation-notices.js';
import { deleteNotificationsFrom } from './notifications.repository.js';
import { notify } from './notify.js';

/**
 * Job handler for `RELATION_NOTICES_QUEUE`: records the `follow` and `follow_request`
 * notifications the relations module queues, and removes a `follow_request` notification once
 * the request is answered or withdrawn (as Mastodon destroys it with the request).
 */
export async function sendRelationNotice(app: AppContext, job: Job): Promise<void> {
  const notice = job.payload as unknown as RelationNotice;
  if (notice.kind === 'follow_request_resolved') {
    await deleteNotificationsFrom(app.db, notice.account_id, 'follow_request', notice.from_account_id);
    return;
  }
  await notify(app.db, { accountId: notice.account_id, type: notice.kind, fromAccountId: notice.from_account_id });
}
