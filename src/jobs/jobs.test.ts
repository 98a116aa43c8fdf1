import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { startJobWorker } from './job-worker.js';
import { backoffSeconds, enqueue, LEASE_SECONDS, MAX_ATTEMPTS, notifyJobs, runDueJobs, type Job } from './jobs.queue.js';
import { claimDueJobs } from './jobs.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('durable job queue', () => {
  it('runs due jobs once, in order, and removes them when they succeed', async () => {
    const seen: unknown[] = [];
    await enqueue(t.ctx.db, 'test.order', { n: 1 });
    await enqueue(t.ctx.db, 'test.order', { n: 2 });
    const ran = await runDueJobs(t.ctx, { 'test.order': async (_app, job) => void seen.push(job.payload.n) });
    expect(ran).toBe(2);
    expect(seen).toEqual([1, 2]);
    expect(await runDueJobs(t.ctx, { 'test.order': async () => undefined })).toBe(0);
    const left = await t.ctx.db.selectFrom('jobs').select('id').where('queue', '=', 'test.order').execute();
    expect(left).toHaveLength(0);
  });

  it('leaves jobs scheduled for later alone until they are due', async () => {
    const id = await enqueue(t.ctx.db, 'test.later', {}, new Date(Date.now() + 3_600_000));
    expect(await runDueJobs(t.ctx, { 'test.later': async () => undefined })).toBe(0);
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect(await runDueJobs(t.ctx, { 'test.later': async () => undefined })).toBe(1);
  });

  it('retries a failing job later with backoff and records the error, then marks it failed after the last attempt', async () => {
    const id = await enqueue(t.ctx.db, 'test.fail', {});
    const failing = { 'test.fail': async () => Promise.reject(new Error('boom')) };
    expect(await runDueJobs(t.ctx, failing)).toBe(1);
    let row = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('boom');
    // The first retry waits backoffSeconds(1) (10 s), give or take the test's own run time.
    expect(Math.abs(row.run_at.getTime() - (Date.now() + backoffSeconds(1) * 1000))).toBeLessThan(5000);
    expect(row.locked_until).toBeNull();
    // Not due yet: the backoff keeps it from running again straight away.
    expect(await runDueJobs(t.ctx, failing)).toBe(0);
    for (let i = 1; i < MAX_ATTEMPTS; i += 1) {
      await t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
      await runDueJobs(t.ctx, failing);
    }
    row = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.failed_at).not.toBeNull();
    await t.ctx.db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect(await runDueJobs(t.ctx, failing)).toBe(0);
  });

  it('does not take a job another worker holds a lease on, but takes it over once the lease ran out', async () => {
    const id = await enqueue(t.ctx.db, 'test.lease', {});
    await t.ctx.db.updateTable('jobs').set({ locked_until: new Date(Date.now() + 60_000), attempts: 1 }).where('id', '=', id).execute();
    const seen: Job[] = [];
    const handlers = { 'test.lease': async (_app: unknown, job: Job) => void seen.push(job) };
    expect(await runDueJobs(t.ctx, handlers)).toBe(0);
    await t.ctx.db.updateTable('jobs').set({ locked_until: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect(await runDueJobs(t.ctx, handlers)).toBe(1);
    expect(seen[0]?.attempt).toBe(2);
  });

  it('never gives the same job to two concurrent runners', async () => {
    for (let i = 0; i < 20; i += 1) await enqueue(t.ctx.db, 'test.concurrent', { i });
    const seen: number[] = [];
    const handlers = { 'test.concurrent': async (_app: unknown, job: Job) => void seen.push(job.payload.i as number) };
    await Promise.all([runDueJobs(t.ctx, handlers), runDueJobs(t.ctx, handlers), runDueJobs(t.ctx, handlers)]);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('the worker loop runs enqueued jobs in the background and stops cleanly', async () => {
    let resolveRan!: () => void;
    const ran = new Promise<void>((r) => (resolveRan = r));
    const stop = startJobWorker(t.ctx, { 'test.worker': async () => resolveRan() }, { pollMs: 20 });
    await enqueue(t.ctx.db, 'test.worker', {});
    await ran;
    await stop();
    const left = await t.ctx.db.selectFrom('jobs').select('id').where('queue', '=', 'test.worker').execute();
    expect(left).toHaveLength(0);
  });

  it('a claim takes the job for one lease: nobody else can claim it meanwhile', async () => {
    const id = await enqueue(t.ctx.db, 'test.claim-lease', {});
    const [claimed] = await claimDueJobs(t.ctx.db, ['test.claim-lease'], 10, LEASE_SECONDS);
    expect(claimed?.id).toBe(id);
    expect(claimed?.attempts).toBe(1);
    const row = await t.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(Math.abs(row.locked_until!.getTime() - (Date.now() + LEASE_SECONDS * 1000))).toBeLessThan(5000);
    expect(await claimDueJobs(t.ctx.db, ['test.claim-lease'], 10, LEASE_SECONDS)).toEqual([]);
  });

  it('concurrent claimers (separate connections on PostgreSQL) share the due jobs without overlap', async () => {
    for (let i = 0; i < 30; i += 1) await enqueue(t.ctx.db, 'test.claimers', { i });
    const claimer = async () => {
      const mine: string[] = [];
      for (;;) {
        const rows = await claimDueJobs(t.ctx.db, ['test.claimers'], 4, LEASE_SECONDS);
        if (rows.length === 0) return mine;
        mine.push(...rows.map((r) => r.id));
      }
    };
    const claims = (await Promise.all(Array.from({ length: 6 }, claimer))).flat();
    expect(claims).toHaveLength(30);
    expect(new Set(claims).size).toBe(30);
  });

  it('leaves jobs of queues it has no handler for to another worker', async () => {
    await enqueue(t.ctx.db, 'test.elsewhere', {});
    expect(await runDueJobs(t.ctx, { 'test.here': async () => undefined })).toBe(0);
    const left = await t.ctx.db.selectFrom('jobs').select(['attempts']).where('queue', '=', 'test.elsewhere').execute();
    expect(left).toEqual([{ attempts: 0 }]);
  });

  it('notifyJobs wakes the worker at once, long before its next poll', async () => {
    let resolveRan!: () => void;
    const ran = new Promise<void>((r) => (resolveRan = r));
    const stop = startJobWorker(t.ctx, { 'test.wake': async () => resolveRan() }, { pollMs: 60_000 });
    try {
      // Let the worker subscribe, find nothing, and go to sleep for a minute.
      await new Promise((r) => setTimeout(r, 300));
      await enqueue(t.ctx.db, 'test.wake', {});
      const started = Date.now();
      await notifyJobs(t.ctx);
      await Promise.race([ran, new Promise((_, reject) => setTimeout(() => reject(new Error('not woken')), 3000))]);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await stop();
    }
  });
});
