import type { MiddlewareHandler } from 'hono';
import type { Socket } from 'node:net';
import { runAbortable } from '../db/abort-scope.js';
import type { HonoEnv } from './hono-env.js';

/** What @hono/node-server passes as `c.env`: the Node request and response. */
interface NodeBindings {
  incoming?: { socket?: Socket };
  outgoing?: { writableFinished?: boolean };
}

/**
 * Binds the database work of each request to its client (src/db/abort-scope.ts), so a client
 * that has gone stops costing queries. The client has gone when:
 * - node-server aborts the request's signal (the connection closed before the answer was sent);
 * - or the connection's read side ended (the client sent FIN) before the answer was sent. Node
 *   then ends the socket itself (`httpAllowHalfOpen` is off), so no answer could reach the
 *   client; and the FIN is seen one event-loop turn after the request, well before the close,
 *   which matters when a flood of abandoned requests is read together with their FINs.
 */
export function stopWorkOfGoneClients(): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    const bindings = c.env as NodeBindings | undefined;
    const socket = bindings?.incoming?.socket;
    if (!socket) return runAbortable(c.req.raw.signal, next);
    const ended = new AbortController();
    const onEnd = () => {
      if (!bindings?.outgoing?.writableFinished) ended.abort(new Error('The client closed the connection'));
    };
    if (socket.readableEnded || socket.destroyed) onEnd();
    else socket.once('end', onEnd);
    try {
      await runAbortable(AbortSignal.any([c.req.raw.signal, ended.signal]), next);
    } finally {
      socket.off('end', onEnd);
    }
  };
}
