import { createHash } from 'node:crypto';
import {
  CompiledQuery,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type Compilable,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import type { Db } from './connect.js';
import type { Database } from './database.js';

/**
 * Prepared statements for hot queries, on PGlite and on PostgreSQL, with the query text built
 * once per process instead of per request.
 *
 * A hot query is written with Kysely as usual, inside `preparedQuery(name, build)`: `build`
 * receives placeholders for its parameters and is compiled once, at first use, against a
 * database-less Kysely; each placeholder's position among the compiled parameters is recorded,
 * so a call only fills an array. (Arrays are passed as one parameter: `= any(${p.ids})`.) The
 * compiled text is registered, and the drivers then execute it as a named prepared statement:
 * node-postgres with `{ name, text, values }` (prepared once per connection), PGlite with
 * `PREPARE` once per database and `EXECUTE name('literal', …)` afterwards (PGlite's extended
 * protocol has no named statements; values are rendered as quoted literals, see `literal`).
 * Either way PostgreSQL parses and plans the statement once and keeps its plan.
 */

const registry = new Map<string, string>();

/** The statement name of a registered hot query's text, if it is one. */
export function preparedName(sqlText: string): string | undefined {
  return registry.get(sqlText);
}

const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const MARK = '\u0001medired-param:';

/**
 * Builds a query whose text is compiled once; each call binds `params` and runs it prepared.
 * SQL text never holds a `$n` other than Kysely's parameters (values are never spliced in).
 */
export function preparedQuery<P extends Record<string, unknown>, O>(name: string, build: (db: Db, p: P) => Compilable<O>): (db: Db, params: P) => Promise<O[]> {
  let compiled: { sql: string; bind: (params: P) => unknown[] } | null = null;
  const compile = () => {
    const placeholders = new Proxy({} as P, { get: (_t, key) => `${MARK}${String(key)}` });
    const query = build(compiler, placeholders).compile();
    // Values fixed in the text (constants such as 'public', a page size) become literals, so the
    // statement's one generic plan can use what they prove (a partial index, a small LIMIT);
    // only the placeholders stay parameters, renumbered in order.
    const params: string[] = [];
    const text = query.sql.replace(/\$(\d+)/g, (whole, n: string) => {
      const value = query.parameters[Number(n) - 1];
      if (typeof value === 'string' && value.startsWith(MARK)) {
        params.push(value.slice(MARK.length));
        return `$${params.length}`;
      }
      const fixed = literal(value);
      if (fixed === null) throw new Error(`preparedQuery ${name}: cannot write ${typeof value} value $${n} into the statement`);
      return fixed;
    });
    const hash = createHash('sha1').update(text).digest('hex').slice(0, 10);
    registry.set(text, `m_${name.replace(/\W/g, '_').slice(0, 40)}_${hash}`);
    return { sql: text, bind: (values: P) => params.map((param) => values[param as keyof P]) };
  };
  return async (db, params) => {
    compiled ??= compile();
    const result = await db.executeQuery<O>(CompiledQuery.raw(compiled.sql, compiled.bind(params)));
    return result.rows;
  };
}

/**
 * A value as a PostgreSQL string literal of unknown type, which `EXECUTE` casts to the prepared
 * parameter's type (as the extended protocol does with text parameters). Strings are quoted with
 * `''` (standard-conforming strings: backslashes are plain characters); arrays use the array
 * literal syntax with every element double-quoted and escaped. Returns null for what it cannot
 * render, and the statement then runs unprepared.
 */
export function literal(value: unknown): string | null {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'bigint') return Number.isFinite(Number(value)) ? quote(String(value)) : null;
  if (typeof value === 'boolean') return value ? "'true'" : "'false'";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : quote(value.toISOString());
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      if (item === null || item === undefined) items.push('NULL');
      else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint' || typeof item === 'boolean') {
        items.push(`"${String(item).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
      } else return null;
    }
    return quote(`{${items.join(',')}}`);
  }
  return null;
}

/** Makes every client of a node-postgres pool run registered hot queries as named statements. */
export function preparePoolClients(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      const name = typeof text === 'string' && args.length === 2 ? registry.get(text) : undefined;
      return name ? original({ name, text, values }) : original(...args);
    };
  });
}

const ALREADY_PREPARED = '42P05';

/**
 * Wraps the PGlite dialect so registered hot queries run as `EXECUTE` of a statement prepared
 * once on that database (`PREPARE` is not transactional and lasts as long as the database is
 * open).
 */
export function pglitePreparedDialect(inner: Dialect): Dialect {
  return {
    createDriver: () => new PreparingDriver(inner.createDriver()),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createAdapter: () => inner.createAdapter(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}

class PreparingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly prepared: Set<string>,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const name = registry.get(query.sql);
    const args = name ? query.parameters.map(literal) : null;
    if (!name || !args || args.includes(null)) return this.inner.executeQuery<R>(query);
    if (!this.prepared.has(name)) {
      try {
        await this.inner.executeQuery(CompiledQuery.raw(`PREPARE ${name} AS ${query.sql}`));
      } catch (err) {
        if ((err as { code?: string }).code !== ALREADY_PREPARED) throw err;
      }
      this.prepared.add(name);
    }
    const call = args.length ? `EXECUTE ${name}(${args.join(', ')})` : `EXECUTE ${name}`;
    return this.inner.executeQuery<R>(CompiledQuery.raw(call));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class PreparingDriver implements Driver {
  readonly #prepared = new Set<string>();
  readonly #connections = new WeakMap<DatabaseConnection, PreparingConnection>();

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let wrapped = this.#connections.get(connection);
    if (!wrapped) {
      wrapped = new PreparingConnection(connection, this.#prepared);
      this.#connections.set(connection, wrapped);
    }
    return wrapped;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(unwrap(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(unwrap(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['savepoint']>>[2]): Promise<void> {
    await this.inner.savepoint?.(unwrap(connection), name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['rollbackToSavepoint']>>[2]): Promise<void> {
    await this.inner.rollbackToSavepoint?.(unwrap(connection), name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: Parameters<NonNullable<Driver['releaseSavepoint']>>[2]): Promise<void> {
    await this.inner.releaseSavepoint?.(unwrap(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

const unwrap = (connection: DatabaseConnection) => (connection instanceof PreparingConnection ? connection.inner : connection);

/**
 * A family of prepared queries whose text depends on a few options (which filters apply, which
 * way a page is read): one statement per variant, compiled on its first use. `variant` must
 * describe everything `build` looks at besides the placeholders, so equal variants build equal
 * text.
 */
export function preparedQueries<V, P extends Record<string, unknown>, O>(name: string, build: (db: Db, p: P, variant: V) => Compilable<O>): (db: Db, variant: V, params: P) => Promise<O[]> {
  const queries = new Map<string, (db: Db, params: P) => Promise<O[]>>();
  return (db, variant, params) => {
    const key = JSON.stringify(variant);
    let query = queries.get(key);
    if (!query) {
      query = preparedQuery<P, O>(`${name}_${queries.size}`, (qb, p) => build(qb, p, variant));
      queries.set(key, query);
    }
    return query(db, params);
  };
}
