import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CounterStore } from './infra.js';

/** Adds the seen key to the day's set; only when it is new, counts it in the namespace's hash. */
const ADD_ONCE_SCRIPT = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
  redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
  return 1
end
return 0`;

/** Reads and deletes the pending hash in one step: a hit arriving meanwhile waits for the next drain. */
const DRAIN_SCRIPT = `
local counts = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return counts`;

interface CounterCommands {
  medirediCountOnce(keyCount: number, ...keysAndArgs: string[]): Promise<number>;
  medirediCountDrain(keyCount: number, ...keys: string[]): Promise<string[]>;
}

/**
 * Counters shared by every app process through Redis: per namespace and day a set of seen keys
 * (`<prefix>cnt:seen:<ns>:<day>`, expiring at the end of the day), one hash of pending counts per
 * namespace (`<prefix>cnt:pending:<ns>`), and the day's secret (`<prefix>cnt:secret:<day>`, set
 * once by whichever process needs it first, expiring with the day). Redis failures reach the
 * caller, which decides to drop a view rather than slow a page.
 */
export function createRedisCounters(redis: Redis, options: { prefix: string }): CounterStore {
  redis.defineCommand('medirediCountOnce', { lua: ADD_ONCE_SCRIPT });
  redis.defineCommand('medirediCountDrain', { lua: DRAIN_SCRIPT });
  const commands = redis as unknown as CounterCommands;
  const key = (...parts: string[]) => `${options.prefix}cnt:${parts.join(':')}`;
  const secrets = new Map<string, { value: string; forgetAt: number }>();
  return {
    async addOnce(namespace, day, counter, seen, forgetAt) {
      const counted = await commands.medirediCountOnce(2, key('seen', namespace, day), key('pending', namespace), seen, String(forgetAt.getTime()), counter);
      return counted === 1;
    },
    async drain(namespace) {
      const flat = await commands.medirediCountDrain(1, key('pending', namespace));
      const counts = new Map<string, number>();
      for (let i = 0; i + 1 < flat.length; i += 2) counts.set(flat[i]!, Number(flat[i + 1]));
      return counts;
    },
    async restore(namespace, counts) {
      if (counts.size === 0) return;
      const multi = redis.multi();
      for (const [counter, n] of counts) multi.hincrby(key('pending', namespace), counter, n);
      await multi.exec();
    },
    async daySecret(day, forgetAt) {
      const t = Date.now();
      for (const [d, s] of secrets) if (s.forgetAt <= t) secrets.delete(d);
      const known = secrets.get(day);
      if (known) return known.value;
      const k = key('secret', day);
      await redis.set(k, randomBytes(32).toString('base64url'), 'PXAT', forgetAt.getTime(), 'NX');
      const value = await redis.get(k);
      if (!value) throw new Error('the day secret vanished from Redis');
      secrets.set(day, { value, forgetAt: forgetAt.getTime() });
      return value;
    },
    async close() {
      secrets.clear();
      // the Redis connection is owned and closed by whoever created it
    },
  };
}
