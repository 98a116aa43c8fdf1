import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-database.js';
import type { DatabaseHandle } from './connect.js';
import { runAbortable, WorkAbortedError } from './abort-scope.js';
import { mayWrite } from './abortable-dialect.js';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM tags`.execute(database.db)).rows[0]!.n);

describe('database work bound to a client that disconnects', () => {
  it('drops the statements not yet sent once the signal is aborted, and counts them', async () => {
    const controller = new AbortController();
    const before = database.queryStats();
    const work = runAbortable(controller.signal, async () => {
      await database.db.selectFrom('tags').select('id').execute();
      controller.abort();
      await database.db.selectFrom('tags').select('id').execute();
      await database.db.selectFrom('accounts').select('id').execute();
    });
    await expect(work).rejects.toBeInstanceOf(WorkAbortedError);
    const after = database.queryStats();
    expect(after.executed - before.executed).toBe(1);
    expect(after.dropped - before.dropped).toBe(1);
  });

  it('drops queued statements before they run: many concurrent requests aborted while waiting cost one statement each at most', async () => {
    const controllers = Array.from({ length: 50 }, () => new AbortController());
    const before = database.queryStats();
    const works = controllers.map((controller) =>
      runAbortable(controller.signal, async () => {
        for (let i = 0; i < 5; i++) await database.db.selectFrom('accounts').select('id').limit(1).execute();
      }),
    );
    for (const controller of controllers) controller.abort();
    const results = await Promise.allSettled(works);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof WorkAbortedError)).toBe(true);
    // Nothing had been sent yet when the signals fired (the loop above ran synchronously).
    expect(database.queryStats().executed - before.executed).toBe(0);
  });

  it('lets work that has begun writing finish, so a transaction commits whole and nothing stays open', async () => {
    const controller = new AbortController();
    const before = await count();
    await runAbortable(controller.signal, () =>
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('tags').values({ name: 'abort_tx_one' }).execute();
        controller.abort();
        await trx.insertInto('tags').values({ name: 'abort_tx_two' }).execute();
        await trx.selectFrom('tags').select('id').execute();
      }),
    );
    expect(await count()).toBe(before + 2);
    // Work already aborted before it began writing does not begin a transaction at all.
    await expect(runAbortable(controller.signal, () => database.db.transaction().execute(async (trx) => trx.insertInto('tags').values({ name: 'abort_tx_three' }).execute()))).rejects.toBeInstanceOf(WorkAbortedError);
    expect(await count()).toBe(before + 2);
    if (database.kind === 'postgres') {
      const stuck = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(database.db);
      expect(Number(stuck.rows[0]!.n)).toBe(0);
      // Connections an earlier test's abandoned waits asked for may still be connecting: every one
      // goes back to the pool once it has.
      await expect.poll(() => database.poolStats().total - database.poolStats().idle, { timeout: 10_000 }).toBe(0);
    }
  });

  // PGlite runs a statement synchronously (WebAssembly), so nothing can interrupt it; the
  // statements after it are dropped (first test above).
  it.runIf(process.env.MEDIRED_TEST_DB === 'postgres')('cancels a read that is running on PostgreSQL when the client disconnects', async () => {
    const controller = new AbortController();
    const before = database.queryStats();
    const started = performance.now();
    setTimeout(() => controller.abort(), 150);
    const work = runAbortable(controller.signal, async () => {
      await sql`SELECT pg_sleep(5)`.execute(database.db);
      await database.db.selectFrom('tags').select('id').execute();
    });
    await expect(work).rejects.toBeInstanceOf(WorkAbortedError);
    const after = database.queryStats();
    expect(after.executed - before.executed).toBe(1);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(after.cancelled - before.cancelled).toBe(1);
    const sleeping = await sql<{ n: string }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep%' AND state = 'active'`.execute(database.db);
    expect(Number(sleeping.rows[0]!.n)).toBe(0);
    // Every connection of the pool (the cancelled one included) serves the next statements.
    const rows = await Promise.all(Array.from({ length: 12 }, () => database.db.selectFrom('tags').select('id').execute()));
    expect(rows).toHaveLength(12);
  });

  it('work outside any scope (start-up, jobs) is never dropped', async () => {
    await expect(database.db.selectFrom('tags').select('id').execute()).resolves.toBeInstanceOf(Array);
  });

  it('treats anything but a plain SELECT as the start of writing', () => {
    expect(mayWrite('select "id" from "statuses" where "updated_at" > $1')).toBe(false);
    expect(mayWrite('with "t" as (select 1) select * from "t"')).toBe(false);
    expect(mayWrite('(select 1) union (select 2)')).toBe(false);
    expect(mayWrite('insert into "tags" ("name") values ($1)')).toBe(true);
    expect(mayWrite('with "x" as (delete from "jobs" returning *) select * from "x"')).toBe(true);
    expect(mayWrite('select "id" from "statuses" where "id" = $1 for update')).toBe(true);
    expect(mayWrite('SELECT pg_advisory_xact_lock($1)')).toBe(true);
    expect(mayWrite('update "accounts" set "locked" = $1')).toBe(true);
  });
});
