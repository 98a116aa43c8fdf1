import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { hasScope, type Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import type { Subscription } from './stream-connection.js';
import type { StreamKey, StreamName } from './streams.js';

/**
 * Events of the streaming API travel between processes as small messages — ids, never content —
 * and each process decides per connection what to send, with the connection's current viewer.
 *
 * Producers call `publishStreamEvent(app, event)` after the change has committed (pub/sub: every
 * process), or `publishStreamEventOnCommit(trx, event)` inside the transaction of the change
 * (PostgreSQL NOTIFY, which is delivered exactly when the transaction commits, to every process).
 * An event is `{ kind, ...ids }`; its kind must be one of `STREAM_EVENT_KINDS`
 * (`stream-event-kinds.ts`), where a domain adds its own with `defineStreamEvent`.
 */
export interface StreamEvent {
  kind: string;
}

/** The pub/sub channel and the database NOTIFY channel of stream events. */
export const STREAM_EVENTS_CHANNEL = 'stream.events';
export const STREAM_EVENTS_NOTIFY = 'medired_stream_events';

/** Announces an event to every process's streaming connections. Call after the change committed. */
export async function publishStreamEvent<E extends StreamEvent>(app: AppContext, event: E): Promise<void> {
  await app.pubsub.publish(STREAM_EVENTS_CHANNEL, JSON.stringify(event));
}

/**
 * The same from inside a transaction: PostgreSQL delivers the NOTIFY only if and when the
 * transaction commits (and never if it rolls back), so a producer deep in a transaction (e.g.
 * `notify`) needs no after-commit bookkeeping. Works on a plain `db` too (sent at once).
 */
export async function publishStreamEventOnCommit<E extends StreamEvent>(db: Db, event: E): Promise<void> {
  await sql`SELECT pg_notify(${STREAM_EVENTS_NOTIFY}, ${JSON.stringify(event)})`.execute(db);
}

/** One message for one subscription. */
export interface Delivery extends Subscription {
  event: string;
  payload: string;
}

/** The subscriptions of this process an event may reach, as the hub indexes them. */
export interface Subscriptions {
  /** Subscriptions whose stream satisfies `match`. */
  where(match: (stream: StreamKey) => boolean): Subscription[];
  /** The same, limited to the connections of these accounts (an index lookup, not a scan). */
  ofAccounts(accountIds: Iterable<string>, match: (stream: StreamKey) => boolean): Subscription[];
}

/**
 * A kind of stream event: given one event and this process's subscriptions, the messages to send.
 * Definitions batch their work (one check for everyone, then per distinct viewer), never a query
 * per connection.
 */
export interface StreamEventKind<E extends StreamEvent = StreamEvent> {
  kind: E['kind'];
  deliver(app: AppContext, event: E, subscriptions: Subscriptions): Promise<Delivery[]>;
}

/** Subscriptions grouped by the account of their connection. */
export function byAccount(subscriptions: Subscription[]): Map<string, Subscription[]> {
  const groups = new Map<string, Subscription[]>();
  for (const s of subscriptions) {
    const list = groups.get(s.connection.viewer.accountId);
    if (list) list.push(s);
    else groups.set(s.connection.viewer.accountId, [s]);
  }
  return groups;
}

/**
 * Defines an event for known recipients, the simple form most domains need:
 *
 * ```ts
 * defineStreamEvent<{ kind: 'conversation'; conversationId: string; accountIds: string[] }>('conversation', {
 *   streams: ['direct'],
 *   audience: (event) => event.accountIds,
 *   build: (app, viewer, event) => loadConversation(app, viewer, event.conversationId), // payload or null
 * });
 * ```
 *
 * `build` runs once per recipient account connected to this process (with that account's
 * viewer) and its result, JSON-encoded, goes to each of the account's subscriptions to
 * `streams` whose token has `scope` (if given). The Mastodon event name is the kind unless
 * `event` says otherwise.
 */
export function defineStreamEvent<E extends StreamEvent>(
  kind: E['kind'],
  spec: {
    streams: readonly StreamName[];
    audience: (event: E) => readonly string[] | Promise<readonly string[]>;
    build: (app: AppContext, viewer: Viewer, event: E) => Promise<unknown | null>;
    event?: string;
    scope?: string;
  },
): StreamEventKind<E> {
  return {
    kind,
    async deliver(app, event, subscriptions) {
      const reached = subscriptions
        .ofAccounts(await spec.audience(event), (stream) => spec.streams.includes(stream.name))
        .filter((s) => !spec.scope || hasScope(s.connection.viewer.scopes, spec.scope));
      const groups = [...byAccount(reached).values()];
      const built = await Promise.all(groups.map((group) => spec.build(app, group[0]!.connection.viewer, event)));
      return groups.flatMap((group, i) => {
        const payload = built[i];
        if (payload === null || payload === undefined) return [];
        const text = JSON.stringify(payload);
        return group.map((s) => ({ ...s, event: spec.event ?? kind, payload: text }));
      });
    },
  };
}
