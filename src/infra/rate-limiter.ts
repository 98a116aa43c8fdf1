import type { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
}

/** Fixed-window counters keyed by a string. In-process by default, Redis when shared. */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult>;
  close(): Promise<void>;
}

/** In-process rate limiter for a single instance (the embedded default). */
export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let calls = 0;
  return {
    async hit(key, limit, windowSeconds) {
      const t = now();
      // Sweep expired windows now and then so the map does not grow without bound.
      if (++calls % 1000 === 0) for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowSeconds * 1000 };
        windows.set(key, w);
      }
      w.count += 1;
      return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetAt: new Date(w.resetAt) };
    },
    async close() {
      windows.clear();
    },
  };
}

const BREAKER_MS = 2000;

/**
 * Rate limiter shared by every instance through Redis (INCR + PEXPIRE in one round trip). While
 * Redis is away each process counts for itself (`fallback`, in process), so limits still hold
 * per process and requests never fail because of the limiter.
 */
export function createRedisRateLimiter(redis: Redis, prefix = 'medired:rl:', fallback: RateLimiter = createMemoryRateLimiter(), onFailure: (err: unknown) => void = () => undefined): RateLimiter {
  // After a failure Redis is left alone for a moment (a circuit breaker): a Redis that hangs
  // would otherwise cost every request a command timeout.
  let skipUntil = 0;
  return {
    async hit(key, limit, windowSeconds) {
      if (Date.now() < skipUntil) return fallback.hit(key, limit, windowSeconds);
      try {
        return await sharedHit(key, limit, windowSeconds);
      } catch (err) {
        skipUntil = Date.now() + BREAKER_MS;
        onFailure(err);
        return fallback.hit(key, limit, windowSeconds);
      }
    },
    async close() {
      await fallback.close();
      // the Redis connection is owned and closed by whoever created it
    },
  };

  async function sharedHit(key: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const k = prefix + key;
    const result = await redis
      .multi()
      .incr(k)
      .pexpire(k, windowSeconds * 1000, 'NX')
      .pttl(k)
      .exec();
    const count = Number(result?.[0]?.[1] ?? 1);
    const ttl = Math.max(0, Number(result?.[2]?.[1] ?? windowSeconds * 1000));
    return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetAt: new Date(Date.now() + ttl) };
  }
}
