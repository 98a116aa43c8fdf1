import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { claimDueJobs, deleteJob, insertJob, recordJobFailure } from './jobs.repository.js';

/** A job as a handler receives it. */
export interface Job {
  id: string;
  queue: string;
  payload: Record<string, unknown>;
  /** 1 on the first run, 2 on the first retry, … */
  attempt: number;
}

/** Does the work of one job; throwing schedules a retry with backoff. */
export type JobHandler = (app: AppContext, job: Job) => Promise<void>;

/** Handlers by queue name. Jobs of queues without a handler here are left for another worker. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** After this many failed runs a job is marked failed and kept for inspection. */
export const MAX_ATTEMPTS = 8;
/** How long a claimed job belongs to its worker; a crashed worker's jobs are taken over after it. */
export const LEASE_SECONDS = 5 * 60;

/** Seconds to wait before retry number `attempt` (1-based): 10 s, 40 s, 90 s … capped at one hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * attempt * attempt);
}

/**
 * Adds a job to the durable queue. Pass `db` as a transaction to enqueue atomically with the
 * change that caused it (the job then exists only if that change commits).
 */
export function enqueue(db: Db, queue: string, payload: Record<string, unknown>, runAt?: Date): Promise<string> {
  return insertJob(db, queue, payload, runAt);
}

/** The pub/sub channel on which `notifyJobs` wakes the workers. */
export const JOBS_CHANNEL = 'jobs';

/**
 * Wakes every job worker (in every process) to look for due jobs now rather than at its next
 * poll. Call it after the transaction that enqueued has committed (before, a worker would find
 * nothing yet). Best effort: a lost wake-up only delays the job until the next poll.
 */
export async function notifyJobs(app: AppContext): Promise<void> {
  await app.pubsub.publish(JOBS_CHANNEL, '');
}

/**
 * Claims up to `limit` due jobs of the given queues for one lease (`claimDueJobs`: several
 * workers claim concurrently without taking the same job), oldest id first.
 */
async function claimJobs(db: Db, queues: string[], limit: number): Promise<Job[]> {
  const rows = await claimDueJobs(db, queues, limit, LEASE_SECONDS);
  return rows
    .map((r) => ({ id: String(r.id), queue: r.queue, payload: r.payload, attempt: r.attempts }))
    .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
}

async function finishJob(db: Db, job: Job): Promise<void> {
  await deleteJob(db, job.id);
}

async function failJob(db: Db, job: Job, err: unknown): Promise<void> {
  const message = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 1000);
  const giveUp = job.attempt >= MAX_ATTEMPTS;
  await recordJobFailure(db, job.id, message, giveUp ? null : new Date(Date.now() + backoffSeconds(job.attempt) * 1000));
}

/**
 * Runs every job that is due now for the given handlers, batch after batch, until none is left;
 * returns how many ran (successfully or not). The worker loop calls it; tests call it directly to
 * run background work synchronously. Jobs enqueued by a handler run in the same call when due.
 */
export async function runDueJobs(app: AppContext, handlers: JobHandlers, options: { batchSize?: number; maxJobs?: number } = {}): Promise<number> {
  const queues = Object.keys(handlers);
  if (queues.length === 0) return 0;
  const batchSize = options.batchSize ?? 10;
  const maxJobs = options.maxJobs ?? Number.POSITIVE_INFINITY;
  const log = app.log.child('jobs');
  let ran = 0;
  while (ran < maxJobs) {
    const jobs = await claimJobs(app.db, queues, Math.min(batchSize, maxJobs - ran));
    if (jobs.length === 0) break;
    for (const job of jobs) {
      ran += 1;
      try {
        await handlers[job.queue]!(app, job);
        await finishJob(app.db, job);
      } catch (err) {
        log.warn('job failed', { jobId: job.id, queue: job.queue, attempt: job.attempt, err });
        await failJob(app.db, job, err);
      }
    }
  }
  return ran;
}
