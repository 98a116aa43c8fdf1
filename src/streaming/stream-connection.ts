import type { Viewer } from '../auth/viewer.js';
import type { StreamKey } from './streams.js';

/** How a connection authenticated, so that it can be checked again when the credential changes. */
export interface StreamCredential {
  kind: 'token' | 'session';
  /** The bearer token or session token itself (kept in memory only, never logged). */
  secret: string;
  /** Its SHA-256 (`hashToken`), as announced by `ViewerChange.credentialHashes`. */
  hash: string;
}

/** Why the hub ends a connection. */
export type CloseReason = 'credentials_changed' | 'shutdown';

/**
 * One live client of the streaming API (a WebSocket or a server-sent events response) as the hub
 * sees it. Transports implement `send` and `close`; the hub owns `viewer` and `streams`.
 */
export interface StreamConnection {
  readonly id: number;
  viewer: Viewer;
  readonly credential: StreamCredential;
  /** Subscribed streams, by `streamId`. */
  readonly streams: Map<string, StreamKey>;
  /** Sends one Mastodon event (`update`, `delete`, …) with its payload (a string, as on the wire). */
  send(stream: StreamKey, event: string, payload: string): void;
  /** Ends the connection from the server's side; the transport then calls `hub.remove`. */
  close(reason: CloseReason): void;
}

/** A connection and one of its streams: who receives an event, on which stream. */
export interface Subscription {
  connection: StreamConnection;
  stream: StreamKey;
}
