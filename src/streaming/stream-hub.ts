import type { AppContext } from '../app-context.js';
import { readerOf } from '../auth/reader.js';
import { resolveAccessToken, VIEWER_CHANGED_CHANNEL, type ViewerChange } from '../auth/viewer-cache.js';
import { hasScope, viewerFromSession, type Viewer } from '../auth/viewer.js';
import { runAbortable } from '../db/abort-scope.js';
import { AppError } from '../errors.js';
import type { StreamConnection, Subscription } from './stream-connection.js';
import { STREAM_EVENT_KINDS } from './stream-event-kinds.js';
import { STREAM_EVENTS_CHANNEL, STREAM_EVENTS_NOTIFY, type StreamEvent, type StreamEventKind, type Subscriptions } from './stream-events.js';
import { scopeForStream, streamId, type StreamKey } from './streams.js';

/**
 * Every connection's credential is also read again this often, a safety net for what announces
 * no change (a web session reaching its idle expiry).
 */
export const RECHECK_EVERY_MS = 5 * 60_000;

/** Open streaming connections one user may hold (all devices and tabs together). */
export const MAX_CONNECTIONS_PER_USER = 20;

/**
 * The streaming connections of this process and what reaches them. While any connection is
 * open the hub listens to stream events (pub/sub, and the database's NOTIFY for events published
 * inside transactions) and to viewer changes; events are handled one after the other, in the
 * order they arrive, each by its kind's `deliver` with this process's subscriptions.
 *
 * A viewer change (revocation, sign-out, password change, suspension…) makes the hub read the
 * credential of every affected connection again: a connection whose credential no longer gives
 * a reader allowed on its streams is closed at once, the others get the new viewer.
 */
export interface StreamHub {
  /** Registers a connection; refuses it (429) when its user has too many. Resolves once listening. */
  add(connection: StreamConnection): Promise<void>;
  /** Forgets a connection (the transport closed); idempotent. */
  remove(connection: StreamConnection): void;
  /** Whether the user may open one more connection. */
  hasRoomFor(userId: string): boolean;
  /** Open connections in this process. */
  size(): number;
  /** Resolves when the events published so far have been handled (for tests). */
  idle(): Promise<void>;
}

const hubs = new WeakMap<AppContext, StreamHub>();

/** The hub of an app context (one per process, made on first use). */
export function streamHubOf(app: AppContext): StreamHub {
  let hub = hubs.get(app);
  if (!hub) hubs.set(app, (hub = createStreamHub(app)));
  return hub;
}

/** True when `viewer` may still hold a connection with these streams. */
export function mayHold(viewer: Viewer | null, streams: Iterable<StreamKey>): viewer is Viewer {
  if (!readerOf(viewer)) return false;
  for (const stream of streams) if (!hasScope(viewer!.scopes, scopeForStream(stream.name))) return false;
  return true;
}

function createStreamHub(app: AppContext): StreamHub {
  const log = app.log.child('streaming');
  const kinds = new Map<string, StreamEventKind>(STREAM_EVENT_KINDS.map((k) => [k.kind, k]));
  const connections = new Set<StreamConnection>();
  const byAccount = new Map<string, Set<StreamConnection>>();
  const byUser = new Map<string, Set<StreamConnection>>();
  let queue: Promise<void> = Promise.resolve();
  let listening: Promise<() => Promise<void>> | null = null;
  // Work of the hub belongs to no request: a publisher that disconnects must not cancel it.
  const detached = new AbortController().signal;

  const index = (map: Map<string, Set<StreamConnection>>, key: string, c: StreamConnection, add: boolean) => {
    let set = map.get(key);
    if (add) {
      if (!set) map.set(key, (set = new Set()));
      set.add(c);
    } else if (set) {
      set.delete(c);
      if (set.size === 0) map.delete(key);
    }
  };

  const subscriptionsOf = (list: Iterable<StreamConnection>, match: (s: StreamKey) => boolean): Subscription[] => {
    const out: Subscription[] = [];
    for (const connection of list) for (const stream of connection.streams.values()) if (match(stream)) out.push({ connection, stream });
    return out;
  };
  const subscriptions: Subscriptions = {
    where: (match) => subscriptionsOf(connections, match),
    ofAccounts: (accountIds, match) => subscriptionsOf(new Set([...new Set(accountIds)].flatMap((id) => [...(byAccount.get(id) ?? [])])), match),
  };

  async function handleEvent(message: string): Promise<void> {
    const event = JSON.parse(message) as StreamEvent;
    const kind = kinds.get(event.kind);
    if (!kind) return log.warn('unknown stream event kind', { kind: event.kind });
    if (connections.size === 0) return;
    const deliveries = await runAbortable(detached, () => kind.deliver(app, event, subscriptions));
    for (const d of deliveries) {
      // Closed, or unsubscribed, while the event was being prepared: nothing is sent.
      if (connections.has(d.connection) && d.connection.streams.has(streamId(d.stream))) {
        d.connection.send(d.stream, d.event, d.payload);
      }
    }
  }

  async function recheck(connection: StreamConnection): Promise<void> {
    const { credential } = connection;
    const viewer =
      credential.kind === 'token'
        ? await resolveAccessToken(app, credential.secret)
        : await viewerFromSession(app.db, credential.secret, app.config.sessionIdleMinutes);
    if (!connections.has(connection)) return;
    if (!mayHold(viewer, connection.streams.values())) {
      hub.remove(connection);
      connection.close('credentials_changed');
      return;
    }
    connection.viewer = viewer;
  }

  async function handleViewerChange(message: string): Promise<void> {
    const change = JSON.parse(message) as ViewerChange;
    const affected = new Set<StreamConnection>();
    for (const id of change.userIds ?? []) for (const c of byUser.get(id) ?? []) affected.add(c);
    for (const id of change.accountIds ?? []) for (const c of byAccount.get(id) ?? []) affected.add(c);
    if (change.credentialHashes?.length) {
      const hashes = new Set(change.credentialHashes);
      for (const c of connections) if (hashes.has(c.credential.hash)) affected.add(c);
    }
    await runAbortable(detached, () => Promise.all([...affected].map(recheck)));
  }

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((err: unknown) => log.error('stream event failed', { err }));
  };

  async function listen(): Promise<() => Promise<void>> {
    const stops = await Promise.all([
      app.pubsub.subscribe(STREAM_EVENTS_CHANNEL, (m) => enqueue(() => handleEvent(m))),
      app.database.listen(STREAM_EVENTS_NOTIFY, (m) => enqueue(() => handleEvent(m))),
      // Not queued behind events: a revocation must not wait for a slow delivery.
      app.pubsub.subscribe(VIEWER_CHANGED_CHANNEL, (m) => void handleViewerChange(m).catch((err: unknown) => log.error('stream recheck failed', { err }))),
    ]);
    const timer = setInterval(() => {
      void runAbortable(detached, () => Promise.all([...connections].map(recheck))).catch((err: unknown) => log.error('stream recheck failed', { err }));
    }, RECHECK_EVERY_MS);
    timer.unref();
    return async () => {
      clearInterval(timer);
      await Promise.all(stops.map((stop) => stop()));
    };
  }

  const hub: StreamHub = {
    async add(connection) {
      if (!hub.hasRoomFor(connection.viewer.userId)) {
        throw new AppError('rate_limited', `Too many streaming connections: at most ${MAX_CONNECTIONS_PER_USER} per account`);
      }
      connections.add(connection);
      index(byAccount, connection.viewer.accountId, connection, true);
      index(byUser, connection.viewer.userId, connection, true);
      listening ??= listen();
      await listening;
    },
    remove(connection) {
      if (!connections.delete(connection)) return;
      index(byAccount, connection.viewer.accountId, connection, false);
      index(byUser, connection.viewer.userId, connection, false);
      if (connections.size === 0 && listening) {
        const stopping = listening;
        listening = null;
        void stopping.then((stop) => stop()).catch((err: unknown) => log.error('stream hub stop failed', { err }));
      }
    },
    hasRoomFor: (userId) => (byUser.get(userId)?.size ?? 0) < MAX_CONNECTIONS_PER_USER,
    size: () => connections.size,
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
  return hub;
}
