import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { CompiledQuery, Kysely, PGliteDialect, PostgresDialect, type DatabaseConnection, type Transaction } from 'kysely';
import pg from 'pg';
import { abortableDialect, type QueryStats } from './abortable-dialect.js';
import type { Database } from './database.js';
import { pglitePreparedDialect, preparePoolClients } from './prepared.js';

export type Db = Kysely<Database>;
/** A transaction on the same schema: functions that must run inside one take `trx: Trx`. */
export type Trx = Transaction<Database>;

/** Runs a multi-statement SQL script (simple query protocol) on one connection. */
export type ScriptRunner = (script: string) => Promise<void>;

/**
 * The database as the rest of the app sees it: a Kysely handle plus the few things that depend
 * on whether it is the embedded PGlite or a PostgreSQL server.
 */
export interface DatabaseHandle {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` holding an instance-wide exclusive lock, with a runner for SQL scripts. */
  exclusive<T>(fn: (runScript: ScriptRunner) => Promise<T>): Promise<T>;
  /** Connection-pool figures, used by tests that check nothing leaks. */
  poolStats(): { total: number; idle: number; waiting: number };
  /** Statements sent, dropped for disconnected clients, and cancelled while running (see `abort-scope.ts`). */
  queryStats(): Readonly<QueryStats>;
  /** PostgreSQL's NOTIFY: a message to every process connected to this database. */
  notify(channel: string, payload: string): Promise<void>;
  /** PostgreSQL's LISTEN, on a connection of its own (re-established when lost); returns stop. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Prepared hot queries (`prepared.ts`) keep one generic plan instead of planning again for each
 * call's values (PostgreSQL's default for their first executions, and whenever it guesses a
 * custom plan is cheaper): planning is most of their cost. Only named statements are affected.
 */
const genericPlans = async (connection: DatabaseConnection) => {
  await connection.executeQuery(CompiledQuery.raw('SET plan_cache_mode = force_generic_plan'));
};

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const MIGRATION_LOCK_KEY = 73_240_001;

/** PGlite options every instance must use: extensions, and 64-bit integers kept as strings. */
export function pgliteOptions() {
  return {
    extensions: { unaccent },
    // Keep 64-bit integers as strings, as node-postgres does, so ids look the same on both.
    parsers: { [INT8_OID]: (v: string) => v, [NUMERIC_OID]: (v: string) => v },
  };
}

/** Opens the embedded database stored in `dataDir`, or an in-memory one when `dataDir` is null. */
export async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  const options = pgliteOptions();
  let pglite: PGlite;
  if (dataDir) {
    const folder = path.resolve(dataDir, 'pgdata');
    mkdirSync(folder, { recursive: true });
    pglite = await PGlite.create(folder, options);
  } else {
    pglite = await PGlite.create(options);
  }
  return pgliteHandle(pglite);
}

/** Wraps an already-open PGlite instance (tests load a migrated template into a fresh one). */
export function pgliteHandle(pglite: PGlite): DatabaseHandle {
  const stats: QueryStats = { executed: 0, dropped: 0, cancelled: 0 };
  const db = new Kysely<Database>({ dialect: abortableDialect(pglitePreparedDialect(new PGliteDialect({ pglite, onCreateConnection: genericPlans })), stats, { inProcess: true }) });
  let busy = Promise.resolve();
  return {
    db,
    kind: 'pglite',
    async exclusive(fn) {
      // One process owns a PGlite folder; serialising callers in-process is enough.
      const previous = busy;
      let release!: () => void;
      busy = new Promise((r) => (release = r));
      await previous;
      try {
        return await fn(async (script) => {
          await pglite.exec(script);
        });
      } finally {
        release();
      }
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    queryStats: () => ({ ...stats }),
    async notify(channel, payload) {
      await pglite.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    async listen(channel, handler) {
      const stop = await pglite.listen(channel, handler);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** LISTEN on a client of its own, reconnecting (and listening again) after it is lost. */
async function listenOnPostgres(url: string, channel: string, handler: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, application_name: 'medired-listen' });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (!stopped && client === next) {
        client = null;
        retry = setTimeout(() => void connect().catch(() => undefined), 1000);
        retry.unref();
      }
    });
    next.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) handler(message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      client = next;
    } catch (err) {
      await next.end().catch(() => undefined);
      if (stopped) return;
      retry = setTimeout(() => void connect().catch(() => undefined), 1000);
      retry.unref();
      throw err;
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}

/** Connects to a PostgreSQL server through a connection pool. */
export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  pg.types.setTypeParser(INT8_OID, (v) => v);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'medired' });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  preparePoolClients(pool);
  const client = await pool.connect();
  client.release();
  const stats: QueryStats = { executed: 0, dropped: 0, cancelled: 0 };
  const db = new Kysely<Database>({ dialect: abortableDialect(new PostgresDialect({ pool, onCreateConnection: genericPlans }), stats) });
  return {
    db,
    kind: 'postgres',
    async exclusive(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          return await fn(async (script) => {
            await conn.query(script);
          });
        } finally {
          await conn.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        conn.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    queryStats: () => ({ ...stats }),
    async notify(channel, payload) {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    listen: (channel, handler) => listenOnPostgres(url, channel, handler),
    async close() {
      await db.destroy();
    },
  };
}
