import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The database work done on behalf of one client (an HTTP request), tied to that client's
 * connection: when the client goes away, its queries that have not run yet are dropped and a
 * running read is cancelled, so a flood of abandoned requests costs almost nothing.
 *
 * Work that has begun writing (a transaction, or a statement that changes data) is never cut
 * short: it runs to the end so its effects are whole, as they were before the client left.
 */
export interface AbortScope {
  readonly signal: AbortSignal;
  /** Set once the work has begun a transaction or a data-changing statement. */
  writing: boolean;
}

const storage = new AsyncLocalStorage<AbortScope>();

/** Thrown instead of running a query for a client that has disconnected. */
export class WorkAbortedError extends Error {
  override name = 'WorkAbortedError';
  constructor(options: { cause?: unknown } = {}) {
    super('The client disconnected; its remaining database work was dropped', options);
  }
}

/** Runs `fn` with its database work bound to `signal` (repositories need no extra parameter). */
export function runAbortable<T>(signal: AbortSignal, fn: () => Promise<T>): Promise<T> {
  return storage.run({ signal, writing: false }, fn);
}

/** The scope of the work in progress, if it was started with `runAbortable`. */
export function currentAbortScope(): AbortScope | undefined {
  return storage.getStore();
}
