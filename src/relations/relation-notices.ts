import type { Db } from '../db/connect.js';
import { enqueue } from '../jobs/jobs.queue.js';

/**
 * Notifications caused by relations travel through the job queue (as Mastodon's
 * LocalNotificationWorker), so this module never imports the notifications module, which reads
 * blocks and mutes from here. The handler lives in `notifications/relation-notices.ts`.
 */
export const RELATION_NOTICES_QUEUE = 'relations.notices';

export interface RelationNotice {
  /**
   * `follow` and `follow_request` notify `account_id` that `from_account_id` followed or asked to;
   * `follow_request_resolved` removes the `follow_request` notification once it is answered or withdrawn.
   */
  kind: 'follow' | 'follow_request' | 'follow_request_resolved';
  account_id: string;
  from_account_id: string;
}

/** Queues a relation notice; pass the transaction so the notice exists only if the change commits. */
export async function queueRelationNotice(db: Db, notice: RelationNotice): Promise<void> {
  await enqueue(db, RELATION_NOTICES_QUEUE, { ...notice });
}
