import type { AppContext } from '../app-context.js';
import { viewerForDeferredWork, type Viewer } from '../auth/viewer.js';
import { AppError, invalid, notFound } from '../errors.js';
import { enqueue, type Job } from '../jobs/jobs.queue.js';
import type { KeysetPage } from '../posts/interaction-lists.repository.js';
import { checkContent } from '../posts/content-rules.js';
import { checkPollInput } from '../polls/polls.policy.js';
import type { CreateStatusInput } from '../posts/posts.js';
import { findVisibleStatus } from '../posts/posts.repository.js';
import { createStatus } from '../posts/statuses.service.js';
import { toScheduledStatus, type MastodonScheduledStatus } from './scheduled-status-entity.js';
import { SCHEDULED_LIMITS, type ScheduledParams } from './scheduled-statuses.js';
import {
  countScheduled,
  deleteScheduledStatus,
  findAttachableMedia,
  findOwnScheduledStatus,
  findScheduledStatus,
  insertScheduledStatus,
  scheduledStatusesPage,
  updateScheduledAt,
  type ScheduledStatusRow,
} from './scheduled-statuses.repository.js';

/** Queue of the job that publishes a scheduled status when it is due. */
export const SCHEDULED_PUBLISH_QUEUE = 'statuses.publish_scheduled';

/** Mastodon's rules for the time and the number of scheduled statuses (422 each). */
async function checkSchedule(app: AppContext, accountId: string, at: Date, current?: ScheduledStatusRow): Promise<void> {
  if (at.getTime() < Date.now() + SCHEDULED_LIMITS.minimumOffsetSeconds * 1000) {
    throw invalid('Validation failed: Scheduled at The scheduled date must be in the future', 'scheduled_at', 'scheduled.tooSoon', { minutes: SCHEDULED_LIMITS.minimumOffsetSeconds / 60 });
  }
  const counts = await countScheduled(app.db, accountId, at);
  const sameDayAsCurrent = current && current.scheduled_at.toISOString().slice(0, 10) === at.toISOString().slice(0, 10);
  if (!current && counts.total >= SCHEDULED_LIMITS.total) {
    throw invalid(`Validation failed: You cannot schedule more than ${SCHEDULED_LIMITS.total} posts`, 'scheduled_at', 'scheduled.totalLimit', { max: SCHEDULED_LIMITS.total });
  }
  if (counts.sameDay - (sameDayAsCurrent ? 1 : 0) >= SCHEDULED_LIMITS.daily) {
    throw invalid(`Validation failed: You cannot schedule more than ${SCHEDULED_LIMITS.daily} posts for the same day`, 'scheduled_at', 'scheduled.dailyLimit', { max: SCHEDULED_LIMITS.daily });
  }
}

async function entity(app: AppContext, row: ScheduledStatusRow): Promise<MastodonScheduledStatus> {
  const media = await findAttachableMedia(app.db, row.account_id, row.params.media_ids ?? []);
  return toScheduledStatus(row, media, app.config);
}

/**
 * Schedules `input` for `input.scheduled_at` (Mastodon's `ScheduledStatus`). What can be checked
 * now is checked now, as Mastodon does: the time (5 minutes ahead at least) and the limits, the
 * text and poll rules, the reply target and the uploads; everything is checked again when the job
 * publishes it through `createStatus`, as any post. Private messages cannot be scheduled (their
 * text would wait unsealed): 422.
 */
export async function scheduleStatus(app: AppContext, viewer: Viewer, input: CreateStatusInput & { scheduled_at: Date }, idempotencyKey?: string): Promise<MastodonScheduledStatus> {
  const visibility = input.visibility ?? 'public';
  if (visibility === 'direct') throw invalid('Private messages cannot be scheduled', 'visibility', 'scheduled.notMessages');
  const mediaIds = [...new Set(input.media_ids ?? [])];
  checkContent({ kind: input.kind, text: input.status ?? '', spoilerText: input.spoiler_text ?? '', title: input.title ?? '', mediaCount: mediaIds.length });
  if (input.poll) checkPollInput(input.poll, { kind: input.kind, visibility, mediaCount: mediaIds.length });
  if (input.in_reply_to_id) {
    const parent = await findVisibleStatus(app.db, input.in_reply_to_id, viewer);
    if (!parent) throw notFound('Status');
    if (parent.visibility === 'direct') throw invalid('Private messages cannot be scheduled', 'in_reply_to_id', 'scheduled.notMessages');
  }
  const media = await findAttachableMedia(app.db, viewer.accountId, mediaIds);
  if (media.length !== mediaIds.length || media.some((m) => m.kind === 'document')) {
    throw invalid('Media cannot be attached: upload it yourself first, and attach each upload once', 'media_ids');
  }
  await checkSchedule(app, viewer.accountId, input.scheduled_at);
  const { scheduled_at: scheduledAt, ...rest } = input;
  const params: ScheduledParams = { ...rest, media_ids: mediaIds, idempotency: idempotencyKey ?? null };
  const row = await app.db.transaction().execute(async (trx) => {
    const inserted = await insertScheduledStatus(trx, { accountId: viewer.accountId, scheduledAt, params, applicationId: viewer.applicationId });
    await enqueue(trx, SCHEDULED_PUBLISH_QUEUE, { scheduledStatusId: inserted.id }, scheduledAt);
    return inserted;
  });
  return entity(app, row);
}

/** The viewer's scheduled statuses, newest first. */
export async function listScheduledStatuses(app: AppContext, viewer: Viewer, page: KeysetPage): Promise<MastodonScheduledStatus[]> {
  const rows = await scheduledStatusesPage(app.db, viewer.accountId, page);
  return Promise.all(rows.map((r) => entity(app, r)));
}

/** One of the viewer's scheduled statuses; anyone else's is 404. */
export async function getScheduledStatus(app: AppContext, viewer: Viewer, id: string): Promise<MastodonScheduledStatus> {
  const row = await findOwnScheduledStatus(app.db, viewer.accountId, id);
  if (!row) throw notFound('Scheduled status');
  return entity(app, row);
}

/** Moves a scheduled status to another time (same rules as scheduling); a new job publishes it then. */
export async function rescheduleStatus(app: AppContext, viewer: Viewer, id: string, at: Date): Promise<MastodonScheduledStatus> {
  const row = await findOwnScheduledStatus(app.db, viewer.accountId, id);
  if (!row) throw notFound('Scheduled status');
  await checkSchedule(app, viewer.accountId, at, row);
  await app.db.transaction().execute(async (trx) => {
    await updateScheduledAt(trx, id, at);
    await enqueue(trx, SCHEDULED_PUBLISH_QUEUE, { scheduledStatusId: id }, at);
  });
  return entity(app, { ...row, scheduled_at: at });
}

/** Cancels one of the viewer's scheduled statuses. */
export async function cancelScheduledStatus(app: AppContext, viewer: Viewer, id: string): Promise<void> {
  const row = await findOwnScheduledStatus(app.db, viewer.accountId, id);
  if (!row) throw notFound('Scheduled status');
  await deleteScheduledStatus(app.db, id);
}

/**
 * The job that publishes a scheduled status when due, through `createStatus` like any post (with
 * an idempotency key of its own, so a job retried after a crash never posts twice). A job left
 * from before a reschedule finds the status not due and does nothing (the new time has its own
 * job). A post the rules now refuse (a reply target deleted, …), or whose author was suspended,
 * is dropped, as Mastodon does.
 */
export async function publishScheduledStatus(app: AppContext, job: Job): Promise<void> {
  const id = String(job.payload.scheduledStatusId ?? '');
  if (!/^\d{1,19}$/.test(id)) return;
  const row = await findScheduledStatus(app.db, id);
  if (!row || row.scheduled_at.getTime() > Date.now() + 1000) return;
  const log = app.log.child('scheduled-statuses');
  const viewer = await viewerForDeferredWork(app.db, row.account_id, row.application_id);
  if (!viewer || viewer.suspended) {
    await deleteScheduledStatus(app.db, id);
    log.info('scheduled status dropped: its account cannot post', { scheduledStatusId: id });
    return;
  }
  const { idempotency: _idempotency, ...input } = row.params;
  try {
    await createStatus(app, viewer, input, `scheduled:${id}`);
  } catch (err) {
    if (!(err instanceof AppError) || err.code === 'internal' || err.code === 'service_unavailable') throw err;
    log.info('scheduled status dropped: refused when published', { scheduledStatusId: id, code: err.code });
  }
  await deleteScheduledStatus(app.db, id);
}
