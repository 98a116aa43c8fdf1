import { ACCOUNT_UNLOCKED_QUEUE } from '../accounts/accounts.service.js';
import { sendQuestionNotices } from '../consultas/question-notices.js';
import { QUESTION_NOTICES_QUEUE } from '../consultas/questions.service.js';
import { cleanupUnattachedMedia, deletePublicCopies, MEDIA_CLEANUP_QUEUE, MEDIA_PUBLIC_COPIES_QUEUE } from '../media/media-cleanup.js';
import { MEDIA_PROCESS_QUEUE, processQueuedMedia } from '../media/media-processing.js';
import { DAILY_DIGEST_QUEUE, sendDailyDigests } from '../notifications/daily-digest.js';
import { sendRelationNotice } from '../notifications/relation-notices.js';
import { EDIT_NOTICES_QUEUE, sendEditNotices } from '../posts/edit-notices.js';
import { acceptPendingFollowRequests } from '../relations/follow-requests.service.js';
import { RELATION_NOTICES_QUEUE } from '../relations/relation-notices.js';
import { fanOutStatus, HOME_FANOUT_QUEUE } from '../timelines/home-feed.js';
import { announcePollEnd, POLL_END_QUEUE } from '../polls/polls.service.js';
import { publishScheduledStatus, SCHEDULED_PUBLISH_QUEUE } from '../scheduled-statuses/scheduled-statuses.service.js';
import { deliverPush, PUSH_DELIVERY_QUEUE } from '../push/push-delivery.js';
import { PROMOTION_SETTLE_QUEUE, settlePromotionJob } from '../promotions/promotions.service.js';
import { FOLLOWER_SNAPSHOT_QUEUE, runFollowerSnapshots } from '../analytics/analytics-jobs.js';
import { FLUSH_VIEWS_QUEUE, flushViewCounts } from '../analytics/view-counting.js';
import { INFLUENCE_REFRESH_QUEUE, runInfluenceRefresh } from '../influence/influence.service.js';
import type { JobHandlers } from './jobs.queue.js';

/** Every background job the app runs, by queue name. Add a line per new queue. */
export const jobHandlers: JobHandlers = {
  [QUESTION_NOTICES_QUEUE]: sendQuestionNotices,
  [MEDIA_CLEANUP_QUEUE]: cleanupUnattachedMedia,
  [MEDIA_PROCESS_QUEUE]: processQueuedMedia,
  [MEDIA_PUBLIC_COPIES_QUEUE]: deletePublicCopies,
  [EDIT_NOTICES_QUEUE]: sendEditNotices,
  [ACCOUNT_UNLOCKED_QUEUE]: acceptPendingFollowRequests,
  [RELATION_NOTICES_QUEUE]: sendRelationNotice,
  [HOME_FANOUT_QUEUE]: fanOutStatus,
  [DAILY_DIGEST_QUEUE]: sendDailyDigests,
  [POLL_END_QUEUE]: announcePollEnd,
  [SCHEDULED_PUBLISH_QUEUE]: publishScheduledStatus,
  [PUSH_DELIVERY_QUEUE]: deliverPush,
  [PROMOTION_SETTLE_QUEUE]: settlePromotionJob,
  [FLUSH_VIEWS_QUEUE]: async (app) => void (await flushViewCounts(app)),
  [FOLLOWER_SNAPSHOT_QUEUE]: runFollowerSnapshots,
  [INFLUENCE_REFRESH_QUEUE]: runInfluenceRefresh,
};
