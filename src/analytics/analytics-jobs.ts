import type { AppContext } from '../app-context.js';
import type { Job } from '../jobs/jobs.queue.js';
import { scheduleDaily } from '../jobs/recurring.js';
import { addDays, dayOf } from './analytics-range.js';
import { analyticsStartedAt, lastSnapshotDay, snapshotFollowers } from './analytics.repository.js';

export const FOLLOWER_SNAPSHOT_QUEUE = 'analytics.follower_snapshots';
/** Runs at 01:00 UTC, well after the day before is over (and any follow of it has committed). */
export const FOLLOWER_SNAPSHOT_HOUR_UTC = 1;
/** How many missed days a run catches up at most (the server was down). */
const CATCH_UP_DAYS = 31;

/**
 * Snapshots the followers of every professional and organisation for each closed day not yet
 * snapshotted (yesterday, and up to a month of days missed while no process ran), from the day
 * the statistics started. Returns the days written.
 */
export async function snapshotFollowerDays(app: AppContext, now = new Date()): Promise<string[]> {
  const yesterday = addDays(dayOf(now), -1);
  const [last, startedAt] = await Promise.all([lastSnapshotDay(app.db), analyticsStartedAt(app.db)]);
  let day = last ? addDays(last, 1) : dayOf(startedAt);
  const earliest = addDays(yesterday, 1 - CATCH_UP_DAYS);
  if (day < earliest) day = earliest;
  const written: string[] = [];
  for (; day <= yesterday; day = addDays(day, 1)) {
    await snapshotFollowers(app.db, day);
    written.push(day);
  }
  return written;
}

/** Schedules the next daily snapshot (every process does at start-up; the queue keeps one). */
export async function scheduleFollowerSnapshots(app: AppContext, now = new Date()): Promise<void> {
  await scheduleDaily(app.db, FOLLOWER_SNAPSHOT_QUEUE, FOLLOWER_SNAPSHOT_HOUR_UTC, now);
}

/** The daily job: snapshots, then schedules the next day's run. */
export async function runFollowerSnapshots(app: AppContext, job: Job): Promise<void> {
  await snapshotFollowerDays(app);
  const day = typeof job.payload.day === 'string' ? job.payload.day : dayOf(new Date());
  await scheduleFollowerSnapshots(app, new Date(Math.max(Date.now(), Date.parse(`${day}T23:59:59Z`))));
}
