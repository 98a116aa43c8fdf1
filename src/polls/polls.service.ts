import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import type { Trx } from '../db/connect.js';
import { notFound } from '../errors.js';
import { enqueue, type Job } from '../jobs/jobs.queue.js';
import { notify } from '../notifications/notify.js';
import { findVisibleStatus } from '../posts/posts.repository.js';
import { loadStatuses } from '../posts/status-views.js';
import type { MastodonPoll } from './poll-entity.js';
import type { PollInput } from './polls.js';
import { voteRefusal } from './polls.policy.js';
import { findPoll, findVoterIds, insertPoll, insertVotes, lockPollForVote, markPollNotified } from './polls.repository.js';

/** Queue of the job that announces a poll's end (Mastodon's `poll` notification). */
export const POLL_END_QUEUE = 'polls.ended';

/**
 * Creates the poll of a new status inside its transaction (input already checked by
 * `checkPollInput`), and schedules the announcement of its end.
 */
export async function createPoll(trx: Trx, statusId: string, accountId: string, input: PollInput): Promise<void> {
  const expiresAt = new Date(Date.now() + input.expires_in * 1000);
  const pollId = await insertPoll(trx, {
    statusId,
    accountId,
    options: input.options.map((o) => o.trim()),
    multiple: input.multiple ?? false,
    hideTotals: input.hide_totals ?? false,
    expiresAt,
  });
  await enqueue(trx, POLL_END_QUEUE, { pollId }, expiresAt);
}

/** The poll as the viewer sees it; 404 when its status is invisible to them. */
export async function getPoll(app: AppContext, viewer: Viewer | null, pollId: string): Promise<MastodonPoll> {
  const poll = await findPoll(app.db, pollId);
  if (!poll) throw notFound('Poll');
  const [status] = await loadStatuses(app, [poll.status_id], viewer);
  if (!status?.poll) throw notFound('Poll');
  return status.poll;
}

/**
 * Casts the viewer's vote (`polls.policy.ts` says when it is refused); the poll row is locked
 * while the vote is counted, so the tallies are exact and nobody votes twice. Returns the poll.
 */
export async function vote(app: AppContext, viewer: Viewer, pollId: string, choices: number[]): Promise<MastodonPoll> {
  const poll = await findPoll(app.db, pollId);
  if (!poll || !(await findVisibleStatus(app.db, poll.status_id, viewer))) throw notFound('Poll');
  await app.db.transaction().execute(async (trx) => {
    const ownVotes = await lockPollForVote(trx, poll.id, viewer.accountId);
    const refusal = voteRefusal({ accountId: poll.account_id, options: poll.options, multiple: poll.multiple, expiresAt: poll.expires_at, ownVotes }, viewer.accountId, choices);
    if (refusal) throw refusal;
    await insertVotes(trx, poll.id, viewer.accountId, choices);
  });
  return getPoll(app, viewer, pollId);
}

/**
 * The job at a poll's end: tells its author and every voter, once, with Mastodon's `poll`
 * notification (from the author, about the status). A job that runs early (or twice) does nothing.
 */
export async function announcePollEnd(app: AppContext, job: Job): Promise<void> {
  const pollId = String(job.payload.pollId ?? '');
  if (!/^\d{1,19}$/.test(pollId)) return;
  const poll = await findPoll(app.db, pollId);
  if (!poll || poll.notified_at) return;
  if (poll.expires_at.getTime() > Date.now()) {
    // Not yet (the clock of the queue ran ahead): look again at the end.
    await enqueue(app.db, POLL_END_QUEUE, { pollId }, poll.expires_at);
    return;
  }
  if (!(await markPollNotified(app.db, pollId))) return;
  const recipients = new Set([poll.account_id, ...(await findVoterIds(app.db, pollId))]);
  for (const accountId of recipients) {
    await notify(app.db, { accountId, type: 'poll', fromAccountId: poll.account_id, statusId: poll.status_id, ownAction: accountId === poll.account_id });
  }
}
