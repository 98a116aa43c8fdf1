import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { currentAbortScope, WorkAbortedError, type AbortScope } from './abort-scope.js';

/** How many statements were sent to the database, dropped unsent, or cancelled while running. */
export interface QueryStats {
  executed: number;
  dropped: number;
  cancelled: number;
}

const QUERY_CANCELED = '57014';
/** How long a read may go on after its client has gone before it is cancelled on the server. */
const CANCEL_GRACE_MS = 200;

/**
 * True when a statement may change data or hold a lock beyond itself: anything but a plain
 * SELECT (or WITH … SELECT). SQL text never carries values (they are bound parameters), so
 * matching keywords cannot be fooled by user input.
 */
export function mayWrite(sql: string): boolean {
  if (!/^\s*\(?\s*(select|with)\b/i.test(sql)) return true;
  return /\b(insert|update|delete|merge|lock|pg_advisory\w*|nextval|setval)\b/i.test(sql);
}

/**
 * Wraps a dialect so that every statement run inside an abort scope (`runAbortable`) is checked
 * against the scope's signal: after the client has gone, statements are dropped before they are
 * sent (PGlite runs one at a time, so queued ones cost nothing) and a running read is cancelled
 * on the server (PostgreSQL `pg_cancel_backend`, when the dialect can). Once the work has begun
 * writing it is left to finish. Transaction control (BEGIN after the check, COMMIT, ROLLBACK,
 * savepoints) always goes through, so no transaction is left open.
 */
export function abortableDialect(inner: Dialect, stats: QueryStats, options: AbortableOptions = {}): Dialect {
  return {
    createDriver: () => new AbortableDriver(inner.createDriver(), stats, options.inProcess ?? false),
    createQueryCompiler: (): QueryCompiler => inner.createQueryCompiler(),
    createAdapter: (): DialectAdapter => inner.createAdapter(),
    // biome-ignore lint: Kysely's own signature
    createIntrospector: (db: Kysely<any>): DatabaseIntrospector => inner.createIntrospector(db),
  };
}

export interface AbortableOptions {
  /**
   * The database runs in this process (PGlite): its queued statements complete one after another
   * through promise callbacks, without the event loop ever reaching I/O, so a client's disconnect
   * would go unnoticed until the whole queue has drained. Each statement of a request first yields
   * to the event loop (`setImmediate`), which lets disconnects (and new connections) be seen.
   */
  inProcess?: boolean;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Refuses to start more work for a scope whose client has gone, unless it is already writing. */
function checkScope(scope: AbortScope | undefined, stats: QueryStats): void {
  if (scope && !scope.writing && scope.signal.aborted) {
    stats.dropped += 1;
    throw new WorkAbortedError({ cause: scope.signal.reason });
  }
}

class AbortableConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly stats: QueryStats,
    private readonly inProcess: boolean,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const scope = currentAbortScope();
    checkScope(scope, this.stats);
    if (scope && !scope.writing && this.inProcess) {
      await yieldToEventLoop();
      checkScope(scope, this.stats);
    }
    if (scope && !scope.writing && mayWrite(compiledQuery.sql)) scope.writing = true;
    this.stats.executed += 1;
    if (!scope || scope.writing || !this.inner.cancelQuery) return this.inner.executeQuery<R>(compiledQuery);
    return this.executeCancellableRead<R>(compiledQuery, scope.signal);
  }

  /**
   * A read that is cancelled on the server if the client disconnects while it runs. The cancel
   * needs a control connection of its own, dearer than a short read, so it is sent only for a
   * read still running `CANCEL_GRACE_MS` after the disconnect.
   */
  private async executeCancellableRead<R>(compiledQuery: CompiledQuery, signal: AbortSignal): Promise<QueryResult<R>> {
    let cancelling: Promise<void> | null = null;
    let timer: NodeJS.Timeout | undefined;
    const cancel = () => {
      this.stats.cancelled += 1;
      // Nothing to do if it fails: the read just runs to its end.
      cancelling = this.inner.cancelQuery!(async () => {
        throw new Error('no control connection');
      }).catch(() => undefined);
    };
    const onAbort = () => {
      timer = setTimeout(cancel, CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.inner.executeQuery<R>(compiledQuery);
    } catch (err) {
      if (signal.aborted && (err as { code?: string } | null)?.code === QUERY_CANCELED) throw new WorkAbortedError({ cause: err });
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      // The connection goes back to the pool only once the cancel has been delivered, so it can
      // never hit the next statement run on it.
      if (cancelling) await cancelling;
    }
  }

  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    checkScope(currentAbortScope(), this.stats);
    this.stats.executed += 1;
    return this.inner.streamQuery<R>(compiledQuery, chunkSize);
  }
}

class AbortableDriver implements Driver {
  readonly #connections = new WeakMap<DatabaseConnection, AbortableConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly stats: QueryStats,
    private readonly inProcess: boolean,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.acquireInner();
    let wrapped = this.#connections.get(connection);
    if (!wrapped) {
      // Learns the backend pid (no query on node-postgres) so a running read can be cancelled.
      await connection.collectSessionInfo?.();
      wrapped = new AbortableConnection(connection, this.stats, this.inProcess);
      this.#connections.set(connection, wrapped);
    }
    return wrapped;
  }

  /**
   * A pool connection, unless the client goes away first: then the request leaves the pool's
   * queue (the connection, when it comes, goes straight back). In process (PGlite) this must
   * never throw: Kysely holds the single-connection lock until the connection is released, and
   * the statement check drops the work at no cost instead.
   */
  private async acquireInner(): Promise<DatabaseConnection> {
    const scope = currentAbortScope();
    if (this.inProcess || !scope || scope.writing) return this.inner.acquireConnection();
    checkScope(scope, this.stats);
    const pending = this.inner.acquireConnection();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<null>((resolve) => {
      onAbort = () => resolve(null);
      scope.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const connection = await Promise.race([pending, aborted]);
      if (connection) return connection;
    } finally {
      scope.signal.removeEventListener('abort', onAbort!);
    }
    pending.then((connection) => this.inner.releaseConnection(connection)).catch(() => undefined);
    checkScope(scope, this.stats);
    throw new WorkAbortedError();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const scope = currentAbortScope();
    checkScope(scope, this.stats);
    if (scope) scope.writing = true;
    this.stats.executed += 1;
    await this.inner.beginTransaction(unwrap(connection), settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(unwrap(connection));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(unwrap(connection));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.savepoint?.(unwrap(connection), name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.rollbackToSavepoint?.(unwrap(connection), name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.inner.releaseSavepoint?.(unwrap(connection), name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof AbortableConnection ? connection.inner : connection;
}
