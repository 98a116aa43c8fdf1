import type { Redis } from 'ioredis';
import type { PubSub } from './infra.js';
import type { Logger } from '../log.js';

/** The Redis pub/sub, plus a hook for the generation tracker (see `redis-generation.ts`). */
export interface RedisPubSub extends PubSub {
  /** Called each time the subscriber connection is back after a disconnect. */
  onReconnect(listener: () => void): void;
  /** Resolves once the subscriber is connected and subscribed, or after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
}

/**
 * Pub/sub through Redis: `publish` on the shared connection, and one dedicated subscriber
 * connection (`redis.duplicate()`) holding one Redis subscription per channel, shared by this
 * process's handlers. Channels are named `<prefix>ch:<channel>`. Messages published while Redis
 * is away are dropped (fire and forget); subscriptions are renewed when the subscriber is back.
 */
export function createRedisPubSub(redis: Redis, options: { prefix: string; log: Logger; onFailure: (err: unknown) => void }): RedisPubSub {
  const { log } = options;
  const base = `${options.prefix}ch:`;
  // Subscriptions are ours to renew: with the offline queue off, ioredis could not queue them.
  const subscriber = redis.duplicate({ autoResubscribe: false });
  const handlers = new Map<string, Set<(message: string) => void>>();
  const reconnectListeners: (() => void)[] = [];
  let connectedBefore = false;
  let subscribed = false;
  const waiters: (() => void)[] = [];

  subscriber.on('error', (err: unknown) => options.onFailure(err));
  subscriber.on('close', () => {
    subscribed = false;
  });
  subscriber.on('ready', () => {
    const channels = [...handlers.keys()].map((c) => base + c);
    const renewed = channels.length ? subscriber.subscribe(...channels) : Promise.resolve();
    renewed.then(
      () => {
        subscribed = true;
        for (const wake of waiters.splice(0)) wake();
      },
      (err: unknown) => options.onFailure(err),
    );
    if (connectedBefore) for (const listener of reconnectListeners) listener();
    connectedBefore = true;
  });
  subscriber.on('message', (fullChannel: string, message: string) => {
    if (!fullChannel.startsWith(base)) return;
    const channel = fullChannel.slice(base.length);
    for (const handler of [...(handlers.get(channel) ?? [])]) {
      try {
        handler(message);
      } catch (err) {
        log.error('pub/sub handler failed', { channel, err });
      }
    }
  });

  return {
    async publish(channel, message) {
      try {
        await redis.publish(base + channel, message);
      } catch (err) {
        options.onFailure(err);
      }
    },
    async subscribe(channel, handler) {
      const own = (message: string) => handler(message);
      let set = handlers.get(channel);
      const first = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(own);
      // Not connected: the `ready` handler subscribes once it is.
      if (first && subscriber.status === 'ready') await subscriber.subscribe(base + channel).catch((err: unknown) => options.onFailure(err));
      return async () => {
        set.delete(own);
        if (set.size > 0 || handlers.get(channel) !== set) return;
        handlers.delete(channel);
        if (subscriber.status === 'ready') await subscriber.unsubscribe(base + channel).catch((err: unknown) => options.onFailure(err));
      };
    },
    onReconnect: (listener) => void reconnectListeners.push(listener),
    ready: (timeoutMs) =>
      subscribed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, timeoutMs).unref();
          }),
    async close() {
      handlers.clear();
      await closeConnection(subscriber);
    },
  };
}

/** Closes a connection politely when it is up, at once otherwise; never throws. */
export async function closeConnection(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    try {
      await redis.quit();
      return;
    } catch {
      // fall through to a hard disconnect
    }
  }
  redis.disconnect();
}
