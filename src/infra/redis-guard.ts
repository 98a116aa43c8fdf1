import type { RedisGeneration } from './redis-generation.js';

/**
 * Runs one Redis operation under the current generation, so that Redis going away never throws
 * to the caller: without a known generation, or when the operation fails, it returns `fallback`
 * (a miss, a no-op) and reports the failure; `lostWrite` marks operations whose loss may leave
 * something stale behind (invalidations, feed changes), which starts a new generation.
 */
export function createRedisGuard(generation: RedisGeneration) {
  return async function guarded<T>(lostWrite: boolean, fallback: T, operation: (generation: string) => Promise<T>): Promise<T> {
    const current = generation.current();
    if (current === null) {
      if (lostWrite) generation.failed(new Error('Redis generation unknown (not connected)'), true);
      return fallback;
    }
    try {
      return await operation(current);
    } catch (err) {
      generation.failed(err, lostWrite);
      return fallback;
    }
  };
}
