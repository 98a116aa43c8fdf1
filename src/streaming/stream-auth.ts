import type { AppContext } from '../app-context.js';
import { readerOf } from '../auth/reader.js';
import { hashToken } from '../auth/tokens.js';
import { resolveAccessToken } from '../auth/viewer-cache.js';
import { hasScope, viewerFromSession, type Viewer } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import { findOwnList } from '../lists/lists.repository.js';
import type { StreamCredential } from './stream-connection.js';
import { scopeForStream, type StreamKey } from './streams.js';

/** Where a streaming client may put its credential (Mastodon's three ways, plus our web session). */
export interface StreamCredentials {
  /** `Authorization: Bearer …` */
  authorization?: string | undefined;
  /** `?access_token=…` */
  queryToken?: string | undefined;
  /** `Sec-WebSocket-Protocol: <token>` (browsers cannot set headers on a WebSocket). */
  protocolToken?: string | undefined;
  /** The web UI's session cookie. */
  sessionToken?: string | undefined;
  /** The request's `Origin` header, if any. */
  origin?: string | undefined;
}

/**
 * The web session cookie is accepted only from this server's own pages: a WebSocket is not
 * bound by CORS, so any site could otherwise open one with the visitor's cookie and read their
 * home (cross-site WebSocket hijacking). A request without `Origin` is not from a web page.
 */
export function isOwnOrigin(app: AppContext, origin: string | undefined): boolean {
  return origin === undefined || origin === new URL(app.config.publicUrl).origin;
}

/**
 * Authenticates a streaming connection as Mastodon does: 401 without a credential or with an
 * invalid one (`Missing access token`, `Invalid access token`), 403 for a suspended account.
 * The returned credential lets the hub check the viewer again when it changes.
 */
export async function authenticateStream(app: AppContext, input: StreamCredentials): Promise<{ viewer: Viewer; credential: StreamCredential }> {
  const bearer = input.authorization ? /^Bearer\s+(\S+)$/i.exec(input.authorization)?.[1] : undefined;
  if (input.authorization && !bearer) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <token>"');
  const token = bearer ?? input.queryToken ?? input.protocolToken;
  let viewer: Viewer | null;
  let credential: StreamCredential;
  if (token) {
    viewer = await resolveAccessToken(app, token);
    if (!viewer) throw new AppError('unauthorized', 'Invalid access token');
    credential = { kind: 'token', secret: token, hash: hashToken(token) };
  } else if (input.sessionToken && isOwnOrigin(app, input.origin)) {
    viewer = await viewerFromSession(app.db, input.sessionToken, app.config.sessionIdleMinutes);
    if (!viewer || viewer.mfaPending) throw new AppError('unauthorized', 'Invalid access token');
    credential = { kind: 'session', secret: input.sessionToken, hash: hashToken(input.sessionToken) };
  } else {
    throw new AppError('unauthorized', 'Missing access token');
  }
  if (!readerOf(viewer)) throw new AppError('forbidden', 'Your account is suspended');
  return { viewer, credential };
}

/** 403 unless the viewer's scopes cover the stream (`read`, or `read:statuses` / `read:notifications`). */
export function assertStreamScope(viewer: Viewer, stream: StreamKey): void {
  const scope = scopeForStream(stream.name);
  if (!hasScope(viewer.scopes, scope)) throw new AppError('forbidden', `Access token does not cover required scopes (needs ${scope})`);
}

/** A list stream needs one of the viewer's own lists: another account's is unknown (404), as in Mastodon. */
export async function assertStreamExists(app: AppContext, viewer: Viewer, stream: StreamKey): Promise<void> {
  if (stream.name === 'list' && !(await findOwnList(app.db, viewer.accountId, stream.list ?? '0'))) throw new AppError('not_found', 'List not found');
}
