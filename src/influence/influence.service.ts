import type { AppContext } from '../app-context.js';
import { medianTimeToFirstAnswer } from '../care-requests/response-time.js';
import { complaintStatsFor } from '../complaints/complaint-stats.js';
import type { Job } from '../jobs/jobs.queue.js';
import { scheduleEvery } from '../jobs/recurring.js';
import { computeInfluence, type InfluenceBreakdown, type InfluenceFacts, type InfluenceResult } from './influence-formula.js';
import {
  answerFacts,
  deleteInfluence,
  engagedBackBy,
  engagementAmong,
  engagementOf,
  engagerDetails,
  findInfluence,
  findScoredAccount,
  markDirty,
  saveInfluence,
  staleScoredAccounts,
  takeDirtyAccounts,
  upheldActionsAgainst,
  verifiedEndorsers,
} from './influence.repository.js';

/**
 * Influence scores, kept up to date by one recurring job (`influence.refresh`, every
 * REFRESH_MINUTES): triggers mark the professionals and organisations whose inputs changed (a
 * like, a reply, a follow, an answer, a vote, an endorsement, a moderation action, a response),
 * and the job recomputes only those, then refreshes the oldest scores (older than a day) so that
 * windows move on and engagers' standing changes are picked up. Pages and the API only read the
 * stored score: nothing is computed per request.
 */

export const INFLUENCE_REFRESH_QUEUE = 'influence.refresh';
export const REFRESH_MINUTES = 5;
/** Accounts recomputed per batch, and at most per job run (the rest waits for the next run). */
const BATCH = 50;
const MAX_PER_RUN = 2_000;
/** Scores older than this are recomputed by the rolling refresh, STALE_PER_RUN at a time. */
const STALE_HOURS = 24;
const STALE_PER_RUN = 200;

/** Gathers the facts of one account (see `influence-formula.ts`). */
export async function influenceFacts(app: AppContext, accountId: string): Promise<InfluenceFacts> {
  const db = app.db;
  const engagement = await engagementOf(db, accountId);
  const ids = engagement.map((e) => e.engager);
  const [details, back, among, answers, endorsers, upheld, care, complaints] = await Promise.all([
    engagerDetails(db, accountId, ids),
    engagedBackBy(db, accountId, ids),
    engagementAmong(db, ids),
    answerFacts(db, accountId),
    verifiedEndorsers(db, accountId),
    upheldActionsAgainst(db, accountId),
    medianTimeToFirstAnswer(db, accountId),
    complaintStatsFor(db, [accountId]),
  ]);
  const byId = new Map(details.map((d) => [d.id, d]));
  const complaint = complaints.get(accountId);
  return {
    accountId,
    engagers: engagement.flatMap((e) => {
      const d = byId.get(e.engager);
      if (!d) return [];
      return [
        {
          accountId: e.engager,
          likes: e.likes,
          replies: e.replies,
          reposts: e.reposts,
          followsAccount: d.follows_account,
          engagedBack: back.has(e.engager),
          engagedByOtherEngagers: among.get(e.engager) ?? 0,
          verified: d.verified,
          healthAccount: d.kind !== 'patient',
          ageDays: d.age_days,
          suspendedOrLimited: d.suspended_or_limited,
          upheldActions: d.upheld_actions,
        },
      ];
    }),
    acceptedAnswers: answers.accepted,
    helpfulVotesByVoter: answers.votesByVoter,
    helpfulAnswers: answers.helpfulAnswers,
    endorsers,
    // As the profile shows them: from 3 answers, 3 answered requests, 3 complaints.
    consultaMedianSeconds: answers.answers >= 3 ? answers.medianSeconds : null,
    careRequestMedianSeconds: care?.medianSeconds ?? null,
    complaintMedianSeconds: complaint?.shown ? complaint.medianFirstResponseSeconds : null,
    complaintShareAnswered: complaint?.shown ? complaint.shareAnswered : null,
    upheldActions: upheld,
  };
}

/** Recomputes and stores one account's score; patients and suspended accounts have none. */
export async function recomputeInfluence(app: AppContext, accountId: string): Promise<InfluenceResult | null> {
  const account = await findScoredAccount(app.db, accountId);
  if (!account || account.kind === 'patient' || account.suspended_at) {
    if (account) await deleteInfluence(app.db, accountId);
    return null;
  }
  const result = computeInfluence(await influenceFacts(app, accountId));
  await saveInfluence(app.db, accountId, { score: result.score, breakdown: result.breakdown, helpfulAnswers: result.breakdown.answers.helpfulAnswers, responseSeconds: result.responseSeconds });
  return result;
}

/** Recomputes each account; returns those that failed (logged), for the next run. */
async function recomputeAll(app: AppContext, ids: readonly string[]): Promise<string[]> {
  const failed: string[] = [];
  for (const id of ids) {
    try {
      await recomputeInfluence(app, id);
    } catch (err) {
      app.log.child('influence').warn('influence computation failed', { accountId: id, err });
      failed.push(id);
    }
  }
  return failed;
}

/**
 * One refresh: the marked accounts (at most MAX_PER_RUN, batch by batch), then the STALE_PER_RUN
 * oldest scores. Returns how many scores were recomputed. Tests and the demo seed call it directly.
 */
export async function refreshInfluence(app: AppContext, options: { maxAccounts?: number; includeStale?: boolean } = {}): Promise<number> {
  const max = options.maxAccounts ?? MAX_PER_RUN;
  let done = 0;
  const failed: string[] = [];
  while (done < max) {
    const ids = await takeDirtyAccounts(app.db, Math.min(BATCH, max - done));
    if (ids.length === 0) break;
    failed.push(...(await recomputeAll(app, ids)));
    done += ids.length;
  }
  if (options.includeStale !== false) {
    const stale = await staleScoredAccounts(app.db, STALE_HOURS, STALE_PER_RUN);
    failed.push(...(await recomputeAll(app, stale)));
    done += stale.length;
  }
  // Failures go back on the queue for the next run, not this one.
  await markDirty(app.db, failed);
  return done - failed.length;
}

/** Schedules the next refresh (every process calls it at start-up; one job per slot exists). */
export async function scheduleInfluenceRefresh(app: AppContext, now = new Date()): Promise<void> {
  await scheduleEvery(app.db, INFLUENCE_REFRESH_QUEUE, REFRESH_MINUTES, now);
}

/** The `influence.refresh` job: a refresh, then the next one. */
export async function runInfluenceRefresh(app: AppContext, _job: Pick<Job, 'payload'>): Promise<void> {
  try {
    await refreshInfluence(app);
  } finally {
    await scheduleInfluenceRefresh(app);
  }
}

export interface InfluenceEntity {
  account_id: string;
  /** 0..100; null until the first computation (or for patients, who have none). */
  score: number | null;
  computed_at: string | null;
  breakdown: InfluenceBreakdown | null;
}

/** The stored score of an account, as the profile and the API show it. */
export async function influenceOf(app: AppContext, accountId: string): Promise<InfluenceEntity> {
  const row = await findInfluence(app.db, accountId);
  return { account_id: accountId, score: row ? Math.round(row.score * 10) / 10 : null, computed_at: row ? new Date(row.computed_at).toISOString() : null, breakdown: row?.breakdown ?? null };
}
