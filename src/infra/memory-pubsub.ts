import type { PubSub } from './infra.js';
import type { Logger } from '../log.js';

/**
 * The embedded pub/sub: delivers to this process's subscribers only, always later (on a
 * `setImmediate`, never inside `publish`'s call stack), as the Redis adapter does, so code that
 * works here does not come to depend on synchronous delivery. A handler that throws is logged
 * and does not stop delivery to the others.
 */
export function createMemoryPubSub(options: { log?: Logger } = {}): PubSub {
  const channels = new Map<string, Set<(message: string) => void>>();
  return {
    async publish(channel, message) {
      const handlers = channels.get(channel);
      if (!handlers?.size) return;
      for (const handler of [...handlers]) {
        setImmediate(() => {
          // Unsubscribed between publish and delivery: as good as not subscribed.
          if (!channels.get(channel)?.has(handler)) return;
          try {
            handler(message);
          } catch (err) {
            options.log?.error('pub/sub handler failed', { channel, err });
          }
        });
      }
    },
    async subscribe(channel, handler) {
      // Wrapped so that the same function subscribed twice is two subscriptions.
      const own = (message: string) => handler(message);
      let handlers = channels.get(channel);
      if (!handlers) channels.set(channel, (handlers = new Set()));
      handlers.add(own);
      return async () => {
        handlers.delete(own);
        if (handlers.size === 0 && channels.get(channel) === handlers) channels.delete(channel);
      };
    },
    async close() {
      channels.clear();
    },
  };
}
