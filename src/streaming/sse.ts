import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import type { StreamConnection, StreamCredential } from './stream-connection.js';
import { streamHubOf } from './stream-hub.js';
import { streamId, type StreamKey } from './streams.js';

/** A comment line keeps proxies and browsers from timing the connection out (Mastodon: 15 s). */
export const HEARTBEAT_MS = 15_000;

let nextId = 1;

/**
 * A server-sent events response for one stream (Mastodon's `/api/v1/streaming/<stream>`):
 * `:)` at once, then `event: <name>\ndata: <payload>\n\n` per event and a `:thump` comment every
 * 15 s. When the client goes away (the body is cancelled, or the request aborted), or the hub
 * closes it, the connection leaves the hub and its timer stops.
 */
export async function sseResponse(app: AppContext, input: { viewer: Viewer; credential: StreamCredential; stream: StreamKey; signal: AbortSignal }): Promise<Response> {
  const hub = streamHubOf(app);
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  let ended = false;

  const write = (text: string) => {
    if (ended || !controller) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    input.signal.removeEventListener('abort', end);
    hub.remove(connection);
    try {
      controller?.close();
    } catch {
      // already closed by the client's side
    }
  };

  const connection: StreamConnection = {
    id: nextId++,
    viewer: input.viewer,
    credential: input.credential,
    streams: new Map([[streamId(input.stream), input.stream]]),
    send: (_stream, event, payload) => write(`event: ${event}\ndata: ${payload}\n\n`),
    close: () => end(),
  };
  await hub.add(connection);

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      write(':)\n');
      heartbeat = setInterval(() => write(':thump\n'), HEARTBEAT_MS);
      heartbeat.unref();
    },
    cancel: () => end(),
  });
  if (input.signal.aborted) end();
  else input.signal.addEventListener('abort', end, { once: true });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
  });
}
