import type { Db } from '../db/connect.js';
import { insertJobOnce } from './jobs.repository.js';

/**
 * Recurring jobs on the durable queue, safe with several app processes: each occurrence is a job
 * whose payload names it (`occurrence: "<queue>:<YYYY-MM-DD>"`), and a unique index on that name
 * lets only the first of any number of processes insert it. Every process schedules the next
 * occurrence at start-up, and the job schedules the one after when it runs, so exactly one job
 * per day exists whatever happens to the processes.
 */

/** The UTC day of a date as `YYYY-MM-DD`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The next time it is `hourUtc`:00 UTC at or after `now`. */
export function nextDailyRun(now: Date, hourUtc: number): Date {
  const run = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (run.getTime() < now.getTime()) run.setUTCDate(run.getUTCDate() + 1);
  return run;
}

/**
 * Schedules the daily job of `queue` for its next run after `now` (payload `{ occurrence, day }`).
 * Returns whether this call inserted it (false when a process already had).
 */
export function scheduleDaily(db: Db, queue: string, hourUtc: number, now = new Date()): Promise<boolean> {
  const runAt = nextDailyRun(now, hourUtc);
  const day = utcDay(runAt);
  return insertJobOnce(db, queue, { occurrence: `${queue}:${day}`, day }, runAt);
}

/** The next multiple of `minutes` (counted from midnight UTC) strictly after `now`. */
export function nextSlot(now: Date, minutes: number): Date {
  const step = minutes * 60_000;
  return new Date((Math.floor(now.getTime() / step) + 1) * step);
}

/**
 * Schedules the job of `queue` for its next slot of `minutes` after `now` (payload
 * `{ occurrence }`, one job per slot whatever the number of processes). Returns whether this
 * call inserted it.
 */
export function scheduleEvery(db: Db, queue: string, minutes: number, now = new Date()): Promise<boolean> {
  const runAt = nextSlot(now, minutes);
  return insertJobOnce(db, queue, { occurrence: `${queue}:${runAt.toISOString()}` }, runAt);
}
