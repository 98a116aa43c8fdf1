import { randomBytes } from 'node:crypto';
import type { CounterStore } from './infra.js';

export interface MemoryCountersOptions {
  /**
   * Seen keys kept per namespace and day. Past it, events still count but are no longer
   * deduplicated, so memory stays bounded (an instance that busy should use Redis).
   */
  maxSeenPerDay?: number;
  now?: () => number;
}

/** The embedded counter store: this process's memory (one app instance). Pending counts are lost if the process dies before a drain. */
export function createMemoryCounters(options: MemoryCountersOptions = {}): CounterStore {
  const maxSeen = options.maxSeenPerDay ?? 500_000;
  const now = options.now ?? Date.now;
  const seen = new Map<string, { keys: Set<string>; forgetAt: number }>();
  const secrets = new Map<string, { value: string; forgetAt: number }>();
  const pending = new Map<string, Map<string, number>>();
  const forgetExpired = () => {
    const t = now();
    for (const [k, v] of seen) if (v.forgetAt <= t) seen.delete(k);
    for (const [k, v] of secrets) if (v.forgetAt <= t) secrets.delete(k);
  };
  const add = (namespace: string, counter: string, n: number) => {
    let counts = pending.get(namespace);
    if (!counts) pending.set(namespace, (counts = new Map()));
    counts.set(counter, (counts.get(counter) ?? 0) + n);
  };
  return {
    async addOnce(namespace, day, counter, key, forgetAt) {
      forgetExpired();
      const name = `${namespace}\n${day}`;
      let entry = seen.get(name);
      if (!entry) seen.set(name, (entry = { keys: new Set(), forgetAt: forgetAt.getTime() }));
      if (entry.keys.has(key)) return false;
      if (entry.keys.size < maxSeen) entry.keys.add(key);
      add(namespace, counter, 1);
      return true;
    },
    async drain(namespace) {
      const counts = pending.get(namespace) ?? new Map<string, number>();
      pending.delete(namespace);
      return counts;
    },
    async restore(namespace, counts) {
      for (const [counter, n] of counts) add(namespace, counter, n);
    },
    async daySecret(day, forgetAt) {
      forgetExpired();
      let secret = secrets.get(day);
      if (!secret) secrets.set(day, (secret = { value: randomBytes(32).toString('base64url'), forgetAt: forgetAt.getTime() }));
      return secret.value;
    },
    async close() {
      seen.clear();
      secrets.clear();
      pending.clear();
    },
  };
}
