import type { IncomingMessage, Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppContext } from '../app-context.js';
import { SESSION_COOKIE } from '../auth/viewer.js';
import { AppError } from '../errors.js';
import { httpStatusOf } from '../http/errors.js';
import { HEARTBEAT_MS } from './sse.js';
import { assertStreamExists, assertStreamScope, authenticateStream } from './stream-auth.js';
import type { StreamConnection } from './stream-connection.js';
import { mayHold, streamHubOf } from './stream-hub.js';
import { parseStream, streamId, streamLabel, type StreamKey } from './streams.js';

/** The largest frame a client may send, and how many streams one socket may subscribe to. */
export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_STREAMS_PER_SOCKET = 100;

export const WEBSOCKET_PATH = '/api/v1/streaming';

let nextId = 1_000_000_000;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Refuses an upgrade with Mastodon's JSON error body. */
function refuse(socket: Duplex, err: unknown): void {
  const appError = err instanceof AppError ? err : new AppError('internal', 'Internal error');
  const status = httpStatusOf[appError.code] ?? 500;
  const body = JSON.stringify({ error: appError.message, code: appError.code });
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function streamOf(message: { stream?: unknown; tag?: unknown; list?: unknown }): StreamKey {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return parseStream(text(message.stream), { tag: text(message.tag), list: text(message.list) });
}

/**
 * Mastodon's WebSocket streaming API on `server`: `GET /api/v1/streaming` with an upgrade,
 * authenticated like the server-sent events (a bearer header, `?access_token=`, the token as
 * `Sec-WebSocket-Protocol`, or the web session from our own origin). `?stream=` subscribes at
 * once; the client then sends `{"type":"subscribe"|"unsubscribe","stream":…,"tag"?,"list"?}`;
 * the server sends `{"stream":[…],"event":…,"payload":"…"}` and, for a refused subscription,
 * `{"error":…,"status":…}`. A ping every 15 s; a client that misses a pong is dropped.
 */
export function attachStreamingWebSocket(server: Server | Http2Server | Http2SecureServer, app: AppContext): void {
  // Clients only send small subscribe messages: a frame over 16 KB closes the socket (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, handleProtocols: (protocols) => protocols.values().next().value ?? false });
  const hub = streamHubOf(app);

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== WEBSOCKET_PATH && url.pathname !== `${WEBSOCKET_PATH}/`) return refuse(socket, new AppError('not_found', 'Record not found'));
    let connection: StreamConnection;
    try {
      const protocol = req.headers['sec-websocket-protocol']?.split(',')[0]?.trim();
      const { viewer, credential } = await authenticateStream(app, {
        authorization: req.headers.authorization,
        queryToken: url.searchParams.get('access_token') ?? undefined,
        protocolToken: protocol || undefined,
        sessionToken: cookieValue(req.headers.cookie, SESSION_COOKIE),
        origin: req.headers.origin,
      });
      const initial = url.searchParams.get('stream') ? streamOf({ stream: url.searchParams.get('stream'), tag: url.searchParams.get('tag'), list: url.searchParams.get('list') }) : null;
      if (initial) {
        assertStreamScope(viewer, initial);
        await assertStreamExists(app, viewer, initial);
      }
      if (!hub.hasRoomFor(viewer.userId)) throw new AppError('rate_limited', 'Too many streaming connections');
      let ws: WebSocket | null = null;
      let closed = false;
      connection = {
        id: nextId++,
        viewer,
        credential,
        streams: new Map(initial ? [[streamId(initial), initial]] : []),
        send: (stream, event, payload) => ws?.send(JSON.stringify({ stream: streamLabel(stream), event, payload })),
        close: () => {
          closed = true;
          ws?.close(1008, 'credentials changed');
        },
      };
      await hub.add(connection);
      wss.handleUpgrade(req, socket, head, (opened) => {
        ws = opened;
        serve(opened, connection);
        if (closed) opened.close(1008, 'credentials changed');
      });
    } catch (err) {
      refuse(socket, err);
    }
  };

  const serve = (ws: WebSocket, connection: StreamConnection) => {
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    ping.unref();
    ws.on('pong', () => {
      alive = true;
    });
    const end = () => {
      clearInterval(ping);
      hub.remove(connection);
    };
    ws.on('close', end);
    ws.on('error', end);
    ws.on('message', (data) => void onMessage(data));
    const onMessage = async (data: WebSocket.RawData) => {
      let message: { type?: unknown; stream?: unknown; tag?: unknown; list?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        return ws.send(JSON.stringify({ error: 'Invalid JSON', status: 400 }));
      }
      try {
        const stream = streamOf(message);
        if (message.type === 'subscribe') {
          assertStreamScope(connection.viewer, stream);
          await assertStreamExists(app, connection.viewer, stream);
          if (!mayHold(connection.viewer, [stream])) throw new AppError('forbidden', 'Not allowed');
          if (!connection.streams.has(streamId(stream)) && connection.streams.size >= MAX_STREAMS_PER_SOCKET) {
            throw new AppError('rate_limited', `At most ${MAX_STREAMS_PER_SOCKET} streams per connection`);
          }
          connection.streams.set(streamId(stream), stream);
        } else if (message.type === 'unsubscribe') {
          connection.streams.delete(streamId(stream));
        } else {
          throw new AppError('bad_request', 'Unknown message type');
        }
      } catch (err) {
        const e = err instanceof AppError ? err : new AppError('bad_request', 'Bad request');
        ws.send(JSON.stringify({ error: e.message, status: httpStatusOf[e.code] ?? 400 }));
      }
    };
    // Closed before `serve` ran, or by the hub meanwhile.
    if (ws.readyState !== ws.OPEN) end();
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head));
}
