import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** The SQL of the durable job queue (the `jobs` table); `jobs.queue.ts` is its interface. */

/** Inserts a job (due now unless `runAt` is given) and returns its id. */
export async function insertJob(db: Db, queue: string, payload: Record<string, unknown>, runAt?: Date): Promise<string> {
  const row = await db
    .insertInto('jobs')
    .values({ queue, payload: JSON.stringify(payload), ...(runAt ? { run_at: runAt } : {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Inserts a job named by `payload.occurrence` unless a job of that name exists (unique index
 * `jobs_occurrence_unique`); true when this call inserted it.
 */
export async function insertJobOnce(db: Db, queue: string, payload: Record<string, unknown> & { occurrence: string }, runAt: Date): Promise<boolean> {
  const rows = await db
    .insertInto('jobs')
    .values({ queue, payload: JSON.stringify(payload), run_at: runAt })
    .onConflict((oc) => oc.expression(sql`(payload ->> 'occurrence')`).where(sql<boolean>`payload ? 'occurrence'`).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * Claims up to `limit` due jobs of the given queues for `leaseSeconds`, counting the attempt:
 * `FOR UPDATE SKIP LOCKED` lets several workers (processes or instances) claim concurrently
 * without taking the same job, and the lease in `locked_until` makes a job claimable again if
 * its worker dies mid-run. Rows come in no particular order.
 */
export async function claimDueJobs(
  db: Db,
  queues: string[],
  limit: number,
  leaseSeconds: number,
): Promise<{ id: string; queue: string; payload: Record<string, unknown>; attempts: number }[]> {
  const result = await sql<{ id: string; queue: string; payload: Record<string, unknown>; attempts: number }>`
    UPDATE jobs SET locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM jobs
      WHERE failed_at IS NULL AND run_at <= now() AND queue = ANY(${queues}::text[])
        AND (locked_until IS NULL OR locked_until < now())
      ORDER BY run_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, queue, payload, attempts`.execute(db);
  return result.rows;
}

export async function deleteJob(db: Db, id: string): Promise<void> {
  await db.deleteFrom('jobs').where('id', '=', id).execute();
}

/**
 * Records a failed run and releases the lease: the job runs again at `retryAt`, or, when
 * `retryAt` is null, is marked failed and kept for inspection.
 */
export async function recordJobFailure(db: Db, id: string, lastError: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      last_error: lastError,
      locked_until: null,
      ...(retryAt ? { run_at: retryAt } : { failed_at: new Date() }),
    })
    .where('id', '=', id)
    .execute();
}
